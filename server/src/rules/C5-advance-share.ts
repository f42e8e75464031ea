/**
 * C5 — The solde is rejected if lower than the advance already paid: 30 % in vague 1, 40 % in vague 2, 25 % for
 * HOP-DPI when the proofs were filed 15/12/2025–31/03/2026 (sources 000, 001, 002, 004). The shares are data
 * (`advanceShare`, `advanceShareException` in schemas/sons.json). MSS and SAS fixed amounts: not covered (no MSS or
 * SAS schema yet).
 */
import type { ProjectRule } from './types';
import { L, relatedIn, amountText } from './util';
import { numberOf } from '../engine/summary';

const round2 = (x: number) => Math.round(x * 100) / 100;

export const C5: ProjectRule = {
  meta: {
    id: 'C5',
    title: L('Solde ≥ avance déjà versée', 'Solde ≥ advance already paid'),
    sources: ['000', '001', '002', '004'],
    severity: 'error',
    fixable: false,
    stated: L('Parts d\'avance : 30 % en vague 1, 40 % en vague 2, 25 % pour HOP-DPI selon les dates (000, 001, 002, 004).', 'Advance shares: 30 % in vague 1, 40 % in vague 2, 25 % for HOP-DPI depending on the dates (000, 001, 002, 004).'),
    modelled: L('Les montants forfaitaires MSS et SAS ne sont pas couverts (pas de modèle MSS ni SAS).', 'The MSS and SAS fixed amounts are not covered (no MSS or SAS template).'),
    messages: {
      belowAdvance: L('Montant du solde {solde} inférieur à l\'avance déjà versée ({paid} = {share} % de {avance}) : le solde est rejeté.{exception}', 'Solde amount {solde} below the advance already paid ({paid} = {share}% of {avance}): the solde is rejected.{exceptionEn}'),
    },
  },
  pair({ solde, avance, report }) {
    const s = solde.line.amount;
    const a = avance.line.amount;
    const sv = numberOf(s);
    const av = numberOf(a);
    const share = avance.sons?.advanceShare;
    if (!s || !a || sv === undefined || av === undefined || typeof share !== 'number') return;
    const exception = avance.sons?.advanceShareException as { share: number; condition: { fr: string; en: string } } | null | undefined;
    // With the exception the advance may be lower (25 %): only amounts below the lowest possible advance are certain.
    const lowest = exception ? Math.min(share, exception.share) : share;
    const paid = round2(av * lowest);
    if (sv >= paid) return;
    report({
      file: solde.file,
      messageId: 'belowAdvance',
      args: { solde: amountText(sv), paid: paid.toFixed(2), share: Math.round(lowest * 100), avance: amountText(av), exception: exception ? ` (${exception.condition.fr})` : '', exceptionEn: exception ? ` (${exception.condition.en})` : '' },
      offset: s.offset,
      length: s.length,
      related: relatedIn(avance.file, a, L('Montant de l\'avance', 'Avance amount')),
    });
  },
};
