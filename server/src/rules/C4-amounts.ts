/**
 * C4 — Solde amount (total HT, advance included) ≤ the avance amount; equal when the perimeter is unchanged
 * (sources 002, 004: "doit être inférieure ou égale au montant déclaré lors de l'avance").
 * « Equal when the perimeter is unchanged » is not said where another rule reads the lower amount otherwise, so that
 * two findings never disagree on one request: a v1v2 order become v2 is accepted with its amount recomputed (C6,
 * 000), and an amount equal to the solde share of the avance is C5's (`C5/solde-share`, 004's 100 %).
 */
import { beneficiariesOf, numberOf, type ProjectRule, type LineSummary } from '../engine/rule-api';
import { L, relatedIn, amountText } from './util';
import { prestationChange } from './C6-prestation-change';
import { soldeShare } from './C5-advance-share';

export const C4: ProjectRule = {
  meta: {
    id: 'C4',
    title: L("Montant du solde ≤ montant de l'avance", 'Solde amount ≤ avance amount'),
    sources: ['002', '004'],
    severity: 'error',
    fixable: false,
    stated: L(
      "Le montant du solde est inférieur ou égal à celui de l'avance, égal si le périmètre est inchangé (002, 004).",
      'The solde amount is at most the avance amount, equal when the perimeter is unchanged (002, 004).',
    ),
    messages: {
      above: L(
        "Montant du solde {solde} supérieur au montant de l'avance {avance} : le solde doit être inférieur ou égal.",
        'Solde amount {solde} above the avance amount {avance}: the solde must be lower or equal.',
      ),
      lower: L(
        "Montant du solde {solde} inférieur au montant de l'avance {avance} alors que les bénéficiaires sont les mêmes : il doit être égal si le périmètre n'a pas changé.",
        'Solde amount {solde} below the avance amount {avance} with the same beneficiaries: it must be equal when the perimeter is unchanged.',
      ),
    },
  },
  pair({ solde, avance, report }) {
    const s = solde.line.amount;
    const a = avance.line.amount;
    const sv = numberOf(s);
    const av = numberOf(a);
    if (!s || !a || sv === undefined || av === undefined) return;
    const related = relatedIn(avance.file, a, L("Montant de l'avance", 'Avance amount'));
    if (sv > av) {
      report({
        file: solde.file,
        messageId: 'above',
        slug: 'above',
        args: { solde: amountText(sv), avance: amountText(av) },
        offset: s.offset,
        length: s.length,
        related,
      });
      return;
    }
    const key = (l: LineSummary) =>
      beneficiariesOf(l)
        .flatMap((b) => b.ids.filter((i) => i && typeof i.value === 'string').map((i) => `${i.role}|${i.value}`))
        .sort()
        .join(',');
    if (sv < av && key(solde.line) === key(avance.line) && prestationChange(solde, avance) !== 'downgrade' && soldeShare(solde, avance) === undefined) {
      report({
        file: solde.file,
        messageId: 'lower',
        slug: 'unchanged-perimeter',
        severity: 'warning',
        args: { solde: amountText(sv), avance: amountText(av) },
        offset: s.offset,
        length: s.length,
        related,
      });
    }
  },
};
