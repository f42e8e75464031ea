/**
 * V3 — `montantSegurHT` is the HT amount of the purchase order and at most the ceiling of the corridor; where the
 * ceiling is TTC, HT = TTC / (1 + VAT) rounded to the cent (16921 / 1.2 = 14100.83); rounding to the euro must
 * round down (source 004). Ceilings known from the sources are data (schemas/ceilings.json: IMG DRIMbox vague 2,
 * source 003), the column chosen from the file's VAT regime. The tranche is not in the file: the finding says
 * which tranches the amount fits.
 */
import type { Rule } from './types';
import ceilings from '../../../schemas/ceilings.json';
import { L, amountText } from './util';

interface CeilingTable {
  tranches: Record<string, string>;
  byPrestation: Record<string, Record<string, [number, number, number]>>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** HT ceiling of a tranche for a VAT regime: the HT column, or the TTC column divided back and rounded to the cent. */
export function ceilingHT(row: [number, number, number], rate: number | undefined): number {
  if (rate === 20) return round2(row[1] / 1.2);
  if (rate === 8.5) return round2(row[2] / 1.085);
  return row[0];
}

export const V3: Rule = {
  meta: {
    id: 'V3',
    title: L('Montant HT au plus égal au plafond', 'HT amount at most the ceiling'),
    sources: ['004', '003'],
    severity: 'error',
    fixable: false,
    stated: L('montantSegurHT au plus égal au plafond HT (004) ; tranches et plafonds DRIMbox publiés (003).', 'montantSegurHT at most the HT ceiling (004); DRIMbox tranches and ceilings as published (003).'),
    modelled: L('La tranche du client n\'est pas dans le fichier : l\'indice dit quelles tranches le montant permet.', 'The client\'s tranche is not in the file: the hint says which tranches the amount fits.'),
    messages: {
      above: L('Montant HT {amount} au-dessus du plafond le plus haut ({max} HT, tranche {tranche}, {prestation}, TVA {vat}).', 'HT amount {amount} above the highest ceiling ({max} HT, tranche {tranche}, {prestation}, VAT {vat}).'),
      fits: L('Montant HT {amount} : compatible avec les tranches {from} à {to} (plafond {ceiling} HT pour la tranche {from}, {prestation}, TVA {vat}). Vérifiez la tranche du client.', 'HT amount {amount}: fits tranches {from} to {to} (ceiling {ceiling} HT for tranche {from}, {prestation}, VAT {vat}). Check the client\'s tranche.'),
    },
  },
  stage: 'structure',
  create(ctx) {
    const tableId = ctx.sons?.ceilings as string | undefined;
    const table = tableId ? ((ceilings as unknown as Record<string, CeilingTable>)[tableId] ?? undefined) : undefined;
    return {
      end() {
        if (!table) return;
        const lines = ctx.summary()?.lines ?? [];
        const rate = lines.find((l) => typeof l?.vatRate?.value === 'number')?.vatRate?.value;
        for (const l of lines) {
          if (!l?.amount || typeof l.amount.value !== 'number') continue;
          const prestation = typeof l.prestation?.value === 'string' ? l.prestation.value : undefined;
          const rows = prestation ? table.byPrestation[prestation] : undefined;
          if (!rows) continue;
          const entries = Object.entries(rows).map(([t, row]) => [t, ceilingHT(row, rate)] as const);
          const vat = rate === undefined ? 'HT' : `${rate} %`;
          const amount = l.amount.value;
          const fitting = entries.filter(([, c]) => amount <= c);
          if (fitting.length === 0) {
            const [tranche, max] = entries[entries.length - 1];
            ctx.report({ messageId: 'above', args: { amount: amountText(amount, ctx.text.substr(l.amount.offset, l.amount.length)), max: max.toFixed(2), tranche, prestation: prestation!, vat }, offset: l.amount.offset, length: l.amount.length });
          } else {
            const [from, ceiling] = fitting[0];
            ctx.report({ messageId: 'fits', slug: 'tranches', severity: 'hint', args: { amount: amountText(amount, ctx.text.substr(l.amount.offset, l.amount.length)), from, to: fitting[fitting.length - 1][0], ceiling: ceiling.toFixed(2), prestation: prestation!, vat }, offset: l.amount.offset, length: l.amount.length });
          }
        }
      },
    };
  },
};
