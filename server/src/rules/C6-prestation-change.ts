/**
 * C6 — A vague 2 purchase order cannot become vague 1 + vague 2; the reverse can, the amount being recomputed
 * (source 000: "Un client ayant signé un BDC pour une prestation Va 2 ne peut pas décider de faire installer la
 * prestation Va 1 + Va 2"). Values: `v2`, `v1v2` (schemas/ enumerations).
 */
import type { ProjectRule } from './types';
import { L, relatedIn } from './util';

export const C6: ProjectRule = {
  meta: {
    id: 'C6',
    title: L('Changement de type de prestation', 'Prestation type change'),
    sources: ['000'],
    severity: 'error',
    fixable: false,
    stated: L('Un BDC vague 2 ne peut pas devenir vague 1 + vague 2 ; l\'inverse est accepté, le montant recalculé (000).', 'A vague 2 purchase order cannot become vague 1 + vague 2; the reverse is accepted, the amount recomputed (000).'),
    messages: {
      upgrade: L('Prestation « v1v2 » au solde pour un bon de commande « v2 » à l\'avance : un BDC vague 2 ne peut pas devenir vague 1 + vague 2.', 'Prestation "v1v2" at the solde for a "v2" purchase order at the avance: a vague 2 order cannot become vague 1 + vague 2.'),
      downgrade: L('Prestation « v2 » au solde pour un BDC « v1v2 » à l\'avance : accepté, le montant final est recalculé par l\'ASP.', 'Prestation "v2" at the solde for a "v1v2" order at the avance: accepted, the final amount is recomputed by the ASP.'),
    },
  },
  pair({ solde, avance, report }) {
    const s = solde.line.prestation;
    const a = avance.line.prestation;
    if (!s || !a || typeof s.value !== 'string' || typeof a.value !== 'string' || s.value === a.value) return;
    const related = relatedIn(avance.file, a, L('Type de prestation de l\'avance', 'Prestation type of the avance'));
    if (a.value === 'v2' && s.value === 'v1v2') report({ file: solde.file, messageId: 'upgrade', slug: 'upgrade', offset: s.offset, length: s.length, related });
    else if (a.value === 'v1v2' && s.value === 'v2') report({ file: solde.file, messageId: 'downgrade', slug: 'downgrade', severity: 'information', offset: s.offset, length: s.length, related });
  },
};
