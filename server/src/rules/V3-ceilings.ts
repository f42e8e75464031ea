/**
 * V3 — `montantSegurHT` is the HT amount of the purchase order and at most the ceiling of the corridor (source 004:
 * « vos montants HT soient bien inférieurs ou égal au plafond HT au centime près »; where the ceiling is TTC, HT = TTC
 * / (1 + VAT) rounded to the cent, 16921 / 1.2 = 14100.83; rounding to the euro must round down). Ceilings known from
 * the sources are data (schemas/ceilings.json: IMG DRIMbox vague 2, source 003), as published: HT, TTC 20 %, TTC
 * 8.5 % columns.
 *
 * The amount is compared with the published HT ceiling of the tranche: above the highest one, an error. The
 * published table is not consistent everywhere (MAJ E–H: TTC / (1 + rate) is below the HT column, e.g. H: 52 000 /
 * 1.2 = 43 333.33 < 43 800.00): with a known TTC rate, an amount above the TTC ceiling brought back to HT and up to
 * the published HT ceiling (that ceiling included) is doubtful, not certainly refused, so it gets a warning that says
 * this reading is ours (modelled). The published HT ceiling itself is no exception: 43 800.00 × 1.2 = 52 560 is above
 * the published TTC ceiling 52 000 (003: « Les montants HT et TTC ne peuvent dépasser les montants plafonds »), so an
 * amount there is as doubtful as one a cent below. The tranche is not in the file: the hint says which tranches the
 * amount fits, by the same rule.
 */
import type { Rule } from '../engine/rule-api';
import ceilings from '../../../schemas/ceilings.json';
import { L, amountText, meaningOf, numberText } from './util';

interface CeilingTable {
  tranches: Record<string, string>;
  byPrestation: Record<string, Record<string, [number, number, number]>>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The TTC ceiling of a tranche brought back to HT for a rate (rounded to the cent); undefined without a TTC rate. */
export function ttcCeilingHT(row: [number, number, number], rate: number | undefined): number | undefined {
  if (rate === 20) return round2(row[1] / 1.2);
  if (rate === 8.5) return round2(row[2] / 1.085);
  return undefined;
}

/**
 * How an amount stands against one tranche: above its HT ceiling, doubtful (above the TTC ceiling of the rate brought
 * back to HT, up to the HT ceiling included: see the header), or within both.
 */
export function trancheFit(amount: number, row: [number, number, number], rate: number | undefined): 'above' | 'doubtful' | 'fits' {
  const ht = row[0];
  if (amount > ht) return 'above';
  const fromTtc = ttcCeilingHT(row, rate);
  if (fromTtc !== undefined && fromTtc < ht && amount > fromTtc) return 'doubtful';
  return 'fits';
}

export const V3: Rule = {
  meta: {
    id: 'V3',
    title: L('Montant HT au plus égal au plafond', 'HT amount at most the ceiling'),
    sources: ['004', '003'],
    severity: 'error',
    fixable: false,
    stated: L(
      'montantSegurHT au plus égal au plafond HT (004) ; tranches et plafonds DRIMbox publiés (003).',
      'montantSegurHT at most the HT ceiling (004); DRIMbox tranches and ceilings as published (003).',
    ),
    modelled: L(
      "La tranche du client n'est pas dans le fichier : l'indice dit quelles tranches le montant permet ; là où la table publiée n'est pas cohérente (plafond TTC ramené en HT sous le plafond HT), un montant entre les deux est un avertissement (V3/ttc-ceiling).",
      "The client's tranche is not in the file: the hint says which tranches the amount fits; where the published table is not consistent (TTC ceiling brought back to HT below the HT ceiling), an amount between the two is a warning (V3/ttc-ceiling).",
    ),
    messages: {
      above: L(
        'Montant HT {amount} au-dessus du plafond HT le plus haut ({max} € HT, tranche {tranche}, {prestation}).',
        'HT amount {amount} above the highest HT ceiling ({max} € HT, tranche {tranche}, {prestation}).',
      ),
      doubtful: L(
        "Montant HT {amount} : au plus égal au plafond HT publié de la tranche {tranche} ({max} € HT, {prestation}) mais au-dessus de son plafond TTC {vat} ramené en HT ({ceiling} € HT) ; la table publiée (003) n'est pas cohérente, lecture modélisée : vérifiez le plafond auprès de l'ASP.",
        'HT amount {amount}: within the published HT ceiling of tranche {tranche} ({max} € HT, {prestation}) but above its TTC {vat} ceiling brought back to HT ({ceiling} € HT); the published table (003) is not consistent, modelled reading: check the ceiling with the ASP.',
      ),
      fits: L(
        'Montant HT {amount} : compatible avec les tranches {from} à {to} (plafond {ceiling} € HT pour la tranche {from}, {prestation}). Vérifiez la tranche du client.',
        "HT amount {amount}: fits tranches {from} to {to} (ceiling {ceiling} € HT for tranche {from}, {prestation}). Check the client's tranche.",
      ),
      fitsOne: L(
        'Montant HT {amount} : compatible avec la tranche {from} seulement (plafond {ceiling} € HT, {prestation}). Vérifiez la tranche du client.',
        "HT amount {amount}: fits tranche {from} only (ceiling {ceiling} € HT, {prestation}). Check the client's tranche.",
      ),
      fitsOneDoubtful: L(
        'Montant HT {amount} : compatible avec la tranche {from} seulement (plafond {ceiling} € HT, {prestation}) ; tranche {tranche} douteuse (au plus égal à son plafond HT publié, au-dessus de son plafond TTC {vat} ramené en HT). Vérifiez la tranche du client.',
        "HT amount {amount}: fits tranche {from} only (ceiling {ceiling} € HT, {prestation}); tranche {tranche} doubtful (within its published HT ceiling, above its TTC {vat} ceiling brought back to HT). Check the client's tranche.",
      ),
      fitsDoubtful: L(
        'Montant HT {amount} : compatible avec les tranches {from} à {to} (plafond {ceiling} € HT pour la tranche {from}, {prestation}) ; tranche {tranche} douteuse (au plus égal à son plafond HT publié, au-dessus de son plafond TTC {vat} ramené en HT). Vérifiez la tranche du client.',
        "HT amount {amount}: fits tranches {from} to {to} (ceiling {ceiling} € HT for tranche {from}, {prestation}); tranche {tranche} doubtful (within its published HT ceiling, above its TTC {vat} ceiling brought back to HT). Check the client's tranche.",
      ),
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
        // One VAT regime per file (S11): the first rate written stands for the file. Without one (the rate is entered
        // on the portal, 004), only the published HT column is used.
        // Read by meaning (meaningOf): a rate written "20" is 20, a prestation « maj » is MAJ (their spelling is
        // the schema's, S6's finding).
        const rate = lines.map((l) => meaningOf(l?.vatRate?.value)).find((x): x is number => typeof x === 'number');
        // The rate and the ceilings are the message's own figures (French « 8,5 % », « 43 333,33 »); the amount is the
        // file's, quoted as written.
        const vat = rate === undefined ? 'HT' : L(`${numberText(rate).fr} %`, `${numberText(rate).en} %`);
        for (const l of lines) {
          if (!l?.amount || typeof l.amount.value !== 'number') continue;
          const written = meaningOf(l.prestation?.value);
          const prestation = written === undefined ? undefined : Object.keys(table.byPrestation).find((p) => meaningOf(p) === written);
          const rows = prestation ? table.byPrestation[prestation] : undefined;
          if (!rows) continue;
          const amount = l.amount.value;
          const shown = amountText(amount, ctx.text.substr(l.amount.offset, l.amount.length));
          const span = { offset: l.amount.offset, length: l.amount.length };
          const entries = Object.entries(rows).map(([t, row]) => ({ t, row, fit: trancheFit(amount, row, rate) }));
          const within = entries.filter((e) => e.fit !== 'above');
          if (within.length === 0) {
            const top = entries[entries.length - 1];
            ctx.report({ messageId: 'above', args: { amount: shown, max: numberText(top.row[0], 2), tranche: top.t, prestation: prestation! }, ...span });
            continue;
          }
          const fitting = within.filter((e) => e.fit === 'fits');
          const doubtful = within.find((e) => e.fit === 'doubtful');
          if (fitting.length === 0) {
            const d = doubtful!;
            ctx.report({
              messageId: 'doubtful',
              slug: 'ttc-ceiling',
              severity: 'warning',
              args: {
                amount: shown,
                tranche: d.t,
                max: numberText(d.row[0], 2),
                ceiling: numberText(ttcCeilingHT(d.row, rate)!, 2),
                prestation: prestation!,
                vat,
              },
              ...span,
            });
            continue;
          }
          const from = fitting[0];
          const args = {
            amount: shown,
            from: from.t,
            to: fitting[fitting.length - 1].t,
            ceiling: numberText(from.row[0], 2),
            prestation: prestation!,
            vat,
            tranche: doubtful?.t ?? '',
          };
          const one = fitting.length === 1 ? 'fitsOne' : 'fits';
          ctx.report({ messageId: doubtful ? `${one}Doubtful` : one, slug: 'tranches', severity: 'hint', args, ...span });
        }
      },
    };
  },
};
