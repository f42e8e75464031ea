/**
 * C5 — The solde is rejected if lower than the advance already paid: 30 % in vague 1, 40 % in vague 2, 25 % for
 * HOP-DPI when the proofs were filed 15/12/2025–31/03/2026 (sources 000, 001, 002, 004). The shares are data
 * (`advanceShare`, `advanceShareException` in schemas/sons.json). MSS and SAS fixed amounts: not covered (no MSS or
 * SAS schema yet).
 * `C5/solde-share`: a solde amount equal, to the cent, to the solde share of its avance (60 % in vague 2: the avance
 * amount less the advance) is the share, not the total the invoice states (004: « Le montant de la facture transmise
 * au client et à l'ASP en fin de projet doit correspondre au montant total (100%). »). A warning: a lower amount can
 * be right (a beneficiary removed), the exact share is only a strong sign. C4 then says nothing of it (`soldeShare`).
 */
import { numberOf, type IndexedLine, type ProjectRule } from '../engine/rule-api';
import { L, relatedIn, amountText } from './util';

const round2 = (x: number) => Math.round(x * 100) / 100;

type ShareException = { share: number; condition: { fr: string; en: string } } | null | undefined;

/** The advance shares that may apply to the avance's SONS (schemas/sons.json `advanceShare`, its exception). */
function sharesOf(avance: IndexedLine): number[] {
  const share = avance.sons?.advanceShare;
  if (typeof share !== 'number') return [];
  const exception = avance.sons?.advanceShareException as ShareException;
  return exception && typeof exception.share === 'number' ? [share, exception.share] : [share];
}

/**
 * The solde share (a fraction, e.g. 0.6) the solde amount equals to the cent, if any: the avance amount times the
 * solde share, or the avance amount less the advance paid (both roundings are met).
 */
export function soldeShare(solde: IndexedLine, avance: IndexedLine): number | undefined {
  const sv = numberOf(solde.line.amount);
  const av = numberOf(avance.line.amount);
  if (sv === undefined || av === undefined || av <= 0) return undefined;
  for (const share of sharesOf(avance)) {
    const rest = 1 - share;
    if (rest <= 0 || rest >= 1) continue;
    const candidates = [round2(av * rest), round2(av - round2(av * share))];
    if (candidates.some((c) => Math.abs(c - sv) < 0.005)) return rest;
  }
  return undefined;
}

export const C5: ProjectRule = {
  meta: {
    id: 'C5',
    title: L('Solde ≥ avance déjà versée', 'Solde ≥ advance already paid'),
    sources: ['000', '001', '002', '004'],
    severity: 'error',
    fixable: false,
    stated: L(
      "Parts d'avance : 30 % en vague 1, 40 % en vague 2, 25 % pour HOP-DPI selon les dates (000, 001, 002, 004) ; « Le montant de la facture transmise au client et à l'ASP en fin de projet doit correspondre au montant total (100%). » (004).",
      'Advance shares: 30 % in vague 1, 40 % in vague 2, 25 % for HOP-DPI depending on the dates (000, 001, 002, 004); "the amount of the invoice sent to the client and to the ASP at the end of the project must be the total amount (100%)" (004).',
    ),
    modelled: L(
      'Les montants forfaitaires MSS et SAS ne sont pas couverts (pas de modèle MSS ni SAS).',
      'The MSS and SAS fixed amounts are not covered (no MSS or SAS template).',
    ),
    messages: {
      soldeShare: L(
        "Montant du solde {solde} = {share} % du montant de l'avance {avance} : c'est la part du solde, pas le montant total. 004 : « Le montant de la facture transmise au client et à l'ASP en fin de projet doit correspondre au montant total (100%). » Déclarez le montant total HT, avance comprise.",
        'Solde amount {solde} = {share}% of the avance amount {avance}: that is the solde share, not the total. 004: "The amount of the invoice sent to the client and to the ASP at the end of the project must be the total amount (100%)." Declare the total amount excluding VAT, advance included.',
      ),
      belowAdvance: L(
        "Montant du solde {solde} inférieur à l'avance déjà versée ({paid} = {share} % de {avance}) : le solde est rejeté.{exception}",
        'Solde amount {solde} below the advance already paid ({paid} = {share}% of {avance}): the solde is rejected.{exceptionEn}',
      ),
    },
  },
  pair({ solde, avance, report }) {
    const s = solde.line.amount;
    const a = avance.line.amount;
    const sv = numberOf(s);
    const av = numberOf(a);
    const share = avance.sons?.advanceShare;
    if (!s || !a || sv === undefined || av === undefined || typeof share !== 'number') return;
    const exception = avance.sons?.advanceShareException as ShareException;
    // With the exception the advance may be lower (25 %): only amounts below the lowest possible advance are certain.
    const lowest = exception ? Math.min(share, exception.share) : share;
    const paid = round2(av * lowest);
    const rest = sv >= paid ? soldeShare(solde, avance) : undefined;
    if (rest !== undefined) {
      report({
        file: solde.file,
        messageId: 'soldeShare',
        slug: 'solde-share',
        severity: 'warning',
        args: { solde: amountText(sv), share: Math.round(rest * 100), avance: amountText(av) },
        offset: s.offset,
        length: s.length,
        related: relatedIn(avance.file, a, L("Montant de l'avance", 'Avance amount')),
        provenance: { kind: 'source', sources: ['004'] },
      });
      return;
    }
    if (sv >= paid) return;
    report({
      file: solde.file,
      messageId: 'belowAdvance',
      args: {
        solde: amountText(sv),
        paid: paid.toFixed(2),
        share: Math.round(lowest * 100),
        avance: amountText(av),
        exception: exception ? ` (${exception.condition.fr})` : '',
        exceptionEn: exception ? ` (${exception.condition.en})` : '',
      },
      offset: s.offset,
      length: s.length,
      related: relatedIn(avance.file, a, L("Montant de l'avance", 'Avance amount')),
    });
  },
};
