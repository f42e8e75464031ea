/**
 * V3 — `montantSegurHT` at most the HT ceiling of the corridor (source 004; DRIMbox tranches and ceilings of source
 * 003). Every amount below is taken from schemas/ceilings.json (IMG-DB, the one table the
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

/** A figure of the message, as English writes it ("43,800.00"); French: « 43 800,00 ». */
const en = (x: number) => x.toFixed(2).replace(/\B(?=(\d{3})+\.)/g, ',');
const fr = (x: number) =>
  x
    .toFixed(2)
    .replace('.', ',')
    .replace(/\B(?=(\d{3})+,)/g, ' ');

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
    {
      name: 'no finding without a number or a known prestation',
      patch: [
        { path: ['lignesImport', 0, 'commande', 'typePrestation'], value: 'v2' },
        { path: ['lignesImport', 1, 'commande', 'montantSegurHT'], value: 'x' },
        { path: ['lignesImport', 2, 'commande', 'montantSegurHT'], value: null },
      ],
    },
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
      // 43 800.00 × 1.2 = 52 560 > 52 000, the published TTC ceiling (003): the HT ceiling itself is in the doubt.
      name: 'exactly the highest HT ceiling at TTC 20 %: above its TTC ceiling brought back to HT, a warning',
      patch: line0(ht(MAJ.H)),
      errors: [{ code: 'V3/ttc-ceiling', span: ht(MAJ.H), line: 18, severity: 'warning' }, ...others],
    },
    {
      name: "between H's TTC 20 % ceiling brought back to HT and its HT ceiling: a modelled doubt, a warning",
      patch: line0(round2((ttc20AsHT(MAJ.H) + MAJ.H[0]) / 2).toFixed(2)),
      errors: [{ code: 'V3/ttc-ceiling', span: round2((ttc20AsHT(MAJ.H) + MAJ.H[0]) / 2).toFixed(2), line: 18, severity: 'warning' }, ...others],
    },
    {
      name: "in E's doubtful band: fits F to H, E doubtful (a hint)",
      patch: line0(round2((ttc20AsHT(MAJ.E) + MAJ.E[0]) / 2).toFixed(2)),
      errors: [{ code: 'V3/tranches', span: round2((ttc20AsHT(MAJ.E) + MAJ.E[0]) / 2).toFixed(2), line: 18, severity: 'hint' }, ...others],
    },
    {
      name: "the prestation written « maj » is MAJ (its case is S6's): the ceiling is still checked",
      patch: [...line0((MAJ.H[0] + 0.01).toFixed(2)), { path: ['lignesImport', 0, 'commande', 'typePrestation'], value: 'maj' }],
      errors: [{ code: 'V3', span: (MAJ.H[0] + 0.01).toFixed(2), line: 18, severity: 'error' }, ...others],
    },
    {
      name: "an amount written as a string is V2's: only the other lines",
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
  assert.match(messageOf(ht(MAJ.C)), new RegExp(`fits tranches C to H \\(ceiling ${en(MAJ.C[0])} € HT for tranche C, MAJ\\)`));
  assert.match(messageOf(ht(MAJ.G)), new RegExp(`fits tranches G to H \\(ceiling ${en(MAJ.G[0])} € HT for tranche G, MAJ\\)`));
  const inE = round2((ttc20AsHT(MAJ.E) + MAJ.E[0]) / 2).toFixed(2);
  assert.match(messageOf(inE), /fits tranches F to H .*tranche E doubtful/);
  const inH = round2((ttc20AsHT(MAJ.H) + MAJ.H[0]) / 2).toFixed(2);
  assert.match(
    messageOf(inH),
    new RegExp(
      `within the published HT ceiling of tranche H \\(${en(MAJ.H[0])} € HT, MAJ\\) but above its TTC 20 % ceiling brought back to HT \\(${en(ttc20AsHT(MAJ.H))} € HT\\)`,
    ),
  );
  assert.match(messageOf((MAJ.H[0] + 0.01).toFixed(2)), new RegExp(`above the highest HT ceiling \\(${en(MAJ.H[0])} € HT, tranche H, MAJ\\)`));
});

test("V3 messages in French: the message's own figures in French typography, the amount as the file writes it", () => {
  const text = applyPatches(exampleText('IMG-DB-Va2', 'avance'), [...line0(ht(MAJ.H)), { replace: '"tauxTVA": 20', with: '"tauxTVA": 8.5' }]);
  const fs = runRule(V3, text, { sons: 'IMG-DB-Va2', kind: 'avance', today: new Date(2025, 9, 1) });
  const msg = fs[0].message.fr;
  assert.match(msg, new RegExp(`^Montant HT ${ht(MAJ.H)} :`));
  assert.ok(msg.includes(`(${fr(MAJ.H[0])} € HT, MAJ)`), msg);
  assert.ok(msg.includes('TTC 8,5 %'), msg);
  assert.ok(msg.includes(`(${fr(round2(MAJ.H[2] / 1.085))} € HT)`), msg);
  assert.match(fs[0].message.en, /TTC 8\.5 %/);
});

// ————— Every boundary of the table (schemas/ceilings.json): one cent below, at and one cent above each ceiling —————
//
// For each prestation (MAJ, ACQ), each rate the file may carry (20, 8.5, none: the rate is entered on the portal,
// 004) and each tranche: its published HT ceiling and, with a rate, its TTC ceiling of that rate brought back to HT
// (TTC / (1 + rate), to the cent, 004). What the rule must say, restated from its reading: above the highest HT
// ceiling, an error (004); else the amount fits a tranche when it is at most both that tranche's HT ceiling and its
// TTC ceiling brought back to HT (a hint naming the tranches); fitting none, it is within an HT ceiling but above the
// TTC one: the modelled `V3/ttc-ceiling` warning (003's table is not consistent). Amounts are written with two
// decimals and, where that differs, as JavaScript writes the number (43800, 4012.5).
const RATES: { rate: number | undefined; column: 1 | 2; divisor: number }[] = [
  { rate: 20, column: 1, divisor: 1.2 },
  { rate: 8.5, column: 2, divisor: 1.085 },
  { rate: undefined, column: 1, divisor: 1 },
];
const AMOUNT_IN_LINE_1 = `"montantSegurHT": ${ht(MAJ.C)}`;

for (const prestation of ['MAJ', 'ACQ'] as const) {
  const rows = Object.entries(table[prestation]);
  const highest = Math.max(...rows.map(([, r]) => r[0]));
  for (const { rate, column, divisor } of RATES) {
    test(`V3 boundaries: ${prestation}, ${rate === undefined ? 'no rate in the file' : `TTC ${rate} %`}`, () => {
      const limit = (r: Row) => (rate === undefined ? r[0] : Math.min(r[0], round2(r[column] / divisor)));
      const expected = (a: number) =>
        a > highest
          ? { code: 'V3', severity: 'error' }
          : rows.some(([, r]) => a <= limit(r))
            ? { code: 'V3/tranches', severity: 'hint' }
            : { code: 'V3/ttc-ceiling', severity: 'warning' };
      const ceilingsOf = (r: Row) => (rate === undefined ? [r[0]] : [r[0], round2(r[column] / divisor)]);
      const amounts = new Set<number>();
      for (const [, r] of rows) for (const c of ceilingsOf(r)) for (const d of [-0.01, 0, 0.01]) amounts.add(round2(c + d));
      let checked = 0;
      for (const a of amounts) {
        for (const written of new Set([a.toFixed(2), String(a)])) {
          const patch: Patch[] = [
            { replace: AMOUNT_IN_LINE_1, with: `"montantSegurHT": ${written}` },
            { path: ['lignesImport', 0, 'commande', 'typePrestation'], value: prestation },
          ];
          for (const line of [0, 1, 2])
            patch.push(
              rate === undefined
                ? { path: ['lignesImport', line, 'commande', 'tauxTVA'], remove: true }
                : { path: ['lignesImport', line, 'commande', 'tauxTVA'], value: rate },
            );
          const text = applyPatches(exampleText('IMG-DB-Va2', 'avance'), patch);
          const at = text.indexOf(`"montantSegurHT": ${written}`) + '"montantSegurHT": '.length;
          const got = runRule(V3, text, { sons: 'IMG-DB-Va2', kind: 'avance', today: new Date(2025, 9, 1) }).filter((f) => f.offset === at);
          const want = expected(a);
          assert.equal(got.length, 1, `${written}: one finding on line 1's amount`);
          assert.equal(text.substr(got[0].offset, got[0].length), written);
          assert.deepEqual({ code: got[0].code, severity: got[0].severity }, want, `${prestation} ${rate ?? 'no rate'} ${written}`);
          checked++;
        }
      }
      // 8 tranches × (1 or 2 ceilings) × 3 amounts, some written two ways.
      assert.ok(checked >= rows.length * 3, `${checked} amounts checked`);
    });
  }
}

test("V3 boundaries: the reproduction, IMG-DB-Va2 MAJ at TTC 20 % and 43800.00 (tranche H's HT ceiling) is a warning", () => {
  const text = applyPatches(exampleText('IMG-DB-Va2', 'avance'), [{ replace: AMOUNT_IN_LINE_1, with: '"montantSegurHT": 43800.00' }]);
  const got = runRule(V3, text, { sons: 'IMG-DB-Va2', kind: 'avance', today: new Date(2025, 9, 1) }).filter(
    (f) => text.substr(f.offset, f.length) === '43800.00',
  );
  assert.deepEqual(
    got.map((f) => [f.code, f.severity]),
    [['V3/ttc-ceiling', 'warning']],
  );
});
