/**
 * V3 — `montantSegurHT` at most the HT ceiling of the corridor (source 004; DRIMbox tranches and ceilings of source
 * 003; shared/domain/rules.md V3). Every amount below is taken from schemas/ceilings.json (IMG-DB, the one table the
 * sources give), never written by hand: the table is the rule's data. Tables over IMG-DB-Va2 avance (line 1 MAJ,
 * lines 2–3 ACQ, TTC 20 %) and IMG-RIS-Va2 avance (no ceiling table: nothing to say).
 */
import { V3 } from './V3-ceilings';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatches, exampleText, ruleTable, runRule, type Patch } from '../../../test/helpers/rule-tester.ts';
import ceilings from '../../../schemas/ceilings.json';

type Row = [number, number, number];
const table = (ceilings as unknown as Record<string, { byPrestation: Record<string, Record<string, Row>> }>)['IMG-DB'].byPrestation;
const MAJ = table.MAJ;
const ACQ = table.ACQ;
const ht = (row: Row) => row[0].toFixed(2);
const round2 = (x: number) => Math.round(x * 100) / 100;
/** The TTC 20 % ceiling of a tranche brought back to HT, as 004 says (TTC / 1.2, to the cent). */
const ttc20AsHT = (row: Row) => round2(row[1] / 1.2);

const amount0 = ['lignesImport', 0, 'commande', 'montantSegurHT'];
const line0 = (s: string): Patch[] => [{ replace: ht(MAJ.C), with: s }];
// The other two lines keep their amounts (the ACQ B and D ceilings) and their `tranches` hints.
const others = [
  { code: 'V3/tranches', span: ht(ACQ.B), line: 54, severity: 'hint' as const },
  { code: 'V3/tranches', span: ht(ACQ.D), line: 97, severity: 'hint' as const },
];

// The table's shape the cases rest on (003): E is inconsistent (TTC 20 % / 1.2 below its HT), H the highest tranche.
if (!(ttc20AsHT(MAJ.E) < MAJ.E[0]) || !(ttc20AsHT(MAJ.H) < MAJ.H[0])) throw new Error('V3 table: MAJ E and H are expected to be inconsistent (003)');

ruleTable(V3, {
  sons: 'IMG-DB-Va2',
  kind: 'avance',
  valid: [
    // A prestation without a ceiling row (not MAJ / ACQ) and an amount that is not a number are other rules' (V10, V2).
    { name: 'no finding without a number or a known prestation', patch: [{ path: ['lignesImport', 0, 'commande', 'typePrestation'], value: 'v2' }, { path: ['lignesImport', 1, 'commande', 'montantSegurHT'], value: 'x' }, { path: ['lignesImport', 2, 'commande', 'montantSegurHT'], value: null }] },
  ],
  invalid: [
    {
      name: 'the example: each amount equals a published HT ceiling, a hint with the tranches it fits',
      errors: [{ code: 'V3/tranches', span: ht(MAJ.C), line: 18, severity: 'hint', provenance: 'source' }, ...others],
    },
    {
      name: 'one cent above the highest MAJ ceiling (H): an error',
      patch: line0((MAJ.H[0] + 0.01).toFixed(2)),
      errors: [{ code: 'V3', span: (MAJ.H[0] + 0.01).toFixed(2), line: 18, severity: 'error' }, ...others],
    },
    {
      name: 'exactly the highest HT ceiling: the published figure itself, never doubted (hint, tranche H only)',
      patch: line0(ht(MAJ.H)),
      errors: [{ code: 'V3/tranches', span: ht(MAJ.H), line: 18, severity: 'hint' }, ...others],
    },
    {
      name: 'between H\'s TTC 20 % ceiling brought back to HT and its HT ceiling: a modelled doubt, a warning',
      patch: line0(round2((ttc20AsHT(MAJ.H) + MAJ.H[0]) / 2).toFixed(2)),
      errors: [{ code: 'V3/ttc-ceiling', span: round2((ttc20AsHT(MAJ.H) + MAJ.H[0]) / 2).toFixed(2), line: 18, severity: 'warning' }, ...others],
    },
    {
      name: 'in E\'s doubtful band: fits F to H, E doubtful (a hint)',
      patch: line0(round2((ttc20AsHT(MAJ.E) + MAJ.E[0]) / 2).toFixed(2)),
      errors: [{ code: 'V3/tranches', span: round2((ttc20AsHT(MAJ.E) + MAJ.E[0]) / 2).toFixed(2), line: 18, severity: 'hint' }, ...others],
    },
    {
      name: 'an amount written as a string is V2\'s: only the other lines',
      patch: [{ path: amount0, value: ht(MAJ.C) }],
      errors: others,
    },
  ],
});

ruleTable(V3, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the RIS example: no ceiling table for IMG-RIS (ceilings: null in schemas/sons.json)' },
    { name: 'even far above every DRIMbox ceiling', patch: [{ replace: '31250.00', with: (MAJ.H[0] * 10).toFixed(2) }] },
  ],
  invalid: [],
});

// Which tranches a hint names (the table cannot see messages): the first line's message, in English, by case. The
// tranche letters and figures come from the data too: E's band is doubtful, F the first tranche that fits.
const messageOf = (amount: string) => {
  const text = applyPatches(exampleText('IMG-DB-Va2', 'avance'), line0(amount));
  return runRule(V3, text, { sons: 'IMG-DB-Va2', kind: 'avance', today: new Date(2025, 9, 1) })[0].message.en;
};

test('V3 messages: the tranches an amount fits, the doubtful one, the highest ceiling', () => {
  assert.match(messageOf(ht(MAJ.C)), new RegExp(`fits tranches C to H \\(ceiling ${ht(MAJ.C)} HT for tranche C, MAJ\\)`));
  assert.match(messageOf(ht(MAJ.H)), new RegExp(`fits tranche H only \\(ceiling ${ht(MAJ.H)} HT, MAJ\\)`));
  const inE = round2((ttc20AsHT(MAJ.E) + MAJ.E[0]) / 2).toFixed(2);
  assert.match(messageOf(inE), /fits tranches F to H .*tranche E doubtful/);
  const inH = round2((ttc20AsHT(MAJ.H) + MAJ.H[0]) / 2).toFixed(2);
  assert.match(messageOf(inH), new RegExp(`below the published HT ceiling of tranche H \\(${ht(MAJ.H)} HT, MAJ\\) but above its TTC 20 % ceiling brought back to HT \\(${ttc20AsHT(MAJ.H).toFixed(2)} HT\\)`));
  assert.match(messageOf((MAJ.H[0] + 0.01).toFixed(2)), new RegExp(`above the highest HT ceiling \\(${ht(MAJ.H)} HT, tranche H, MAJ\\)`));
});
