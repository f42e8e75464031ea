/**
 * C6 — A vague 2 purchase order cannot become vague 1 + vague 2; the reverse can, the amount being recomputed
 * (source 000: "Un client ayant signé un BDC pour une prestation Va 2 ne peut pas décider de faire installer la
 * prestation Va 1 + Va 2"). Values: `v2`, `v1v2` (schemas/ enumerations).
 * A downgrade changes the perimeter: C4 does not ask for an amount equal to the avance's there (`prestationChange`).
 */
import type { IndexedLine, ProjectRule } from '../engine/rule-api';
import { L, relatedIn } from './util';

/** How the prestation type changed from the avance line to the solde line, if it did in a way C6 knows. */
export function prestationChange(solde: IndexedLine, avance: IndexedLine): 'upgrade' | 'downgrade' | undefined {
  const s = solde.line.prestation?.value;
  const a = avance.line.prestation?.value;
  if (a === 'v2' && s === 'v1v2') return 'upgrade';
  if (a === 'v1v2' && s === 'v2') return 'downgrade';
  return undefined;
}

export const C6: ProjectRule = {
  meta: {
    id: 'C6',
    title: L('Changement de type de prestation', 'Prestation type change'),
    sources: ['000'],
    severity: 'error',
    fixable: false,
    stated: L(
      "Un BDC vague 2 ne peut pas devenir vague 1 + vague 2 ; l'inverse est accepté, le montant recalculé (000).",
      'A vague 2 purchase order cannot become vague 1 + vague 2; the reverse is accepted, the amount recomputed (000).',
    ),
    messages: {
      upgrade: L(
        "Prestation « v1v2 » au solde pour un bon de commande « v2 » à l'avance : un BDC vague 2 ne peut pas devenir vague 1 + vague 2.",
        'Prestation "v1v2" at the solde for a "v2" purchase order at the avance: a vague 2 order cannot become vague 1 + vague 2.',
      ),
      downgrade: L(
        "Prestation « v2 » au solde pour un BDC « v1v2 » à l'avance : accepté, le montant final est recalculé par l'ASP.",
        'Prestation "v2" at the solde for a "v1v2" order at the avance: accepted, the final amount is recomputed by the ASP.',
      ),
    },
  },
  pair({ solde, avance, report }) {
    const s = solde.line.prestation;
    const a = avance.line.prestation;
    const change = prestationChange(solde, avance);
    if (!s || !a || !change) return;
    const related = relatedIn(avance.file, a, L("Type de prestation de l'avance", 'Prestation type of the avance'));
    if (change === 'upgrade') report({ file: solde.file, messageId: 'upgrade', slug: 'upgrade', offset: s.offset, length: s.length, related });
    else report({ file: solde.file, messageId: 'downgrade', slug: 'downgrade', severity: 'information', offset: s.offset, length: s.length, related });
  },
};
