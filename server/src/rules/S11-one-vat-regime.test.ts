/**
 * S11 — all requests of one file share one VAT regime (source 004: « vous devez séparer les demandes ayant des taux
 * de TVA différents … dans des fichiers JSON différents »; the regime and rate are the
 * values marked `x-role: vatRegime` / `vatRate` in schemas/), as tables over the IMG-RIS-Va2 avance (regime and rate:
 * `regimeTVA`, `tauxTVA`) and the MDV-LGC-Va1 avance (vague 1: the regime only).
 */
import { S11 } from './S11-one-vat-regime';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatches, exampleText, ruleTable } from '../../../test/helpers/rule-tester.ts';
import { check } from '../segur.ts';

const first = JSON.parse(exampleText('IMG-RIS-Va2', 'avance')).lignesImport[0];
const regime = (i: number) => ['lignesImport', i, 'commande', 'regimeTVA'];
const rate = (i: number) => ['lignesImport', i, 'commande', 'tauxTVA'];

ruleTable(S11, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: TTC 20 on every line' },
    { name: 'a line without its rate (null: entered on the portal) and the same regime', patch: [{ path: rate(1), value: null }] },
    {
      name: 'a file of one line in HT 0 %: one regime',
      patch: [{ path: ['lignesImport'], value: [{ ...first, commande: { ...first.commande, regimeTVA: 'HT', tauxTVA: 0 } }] }],
    },
    // The same meaning written otherwise (case, blanks) is S6's or S8's finding, where it is: not another regime.
    { name: 'line 1 writes "ttc": the same regime as lines 2 and 3', patch: [{ path: regime(0), value: 'ttc' }] },
    {
      name: 'line 2 writes " TTC " and line 3 "Ttc": one regime',
      patch: [
        { path: regime(1), value: ' TTC ' },
        { path: regime(2), value: 'Ttc' },
      ],
    },
  ],
  invalid: [
    {
      name: 'line 2 in HT 0 %: reported on its rate',
      patch: [
        { path: regime(1), value: 'HT' },
        { path: rate(1), value: 0 },
      ],
      errors: [{ code: 'S11', span: '0', line: 53, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'line 3 at TTC 8.5 % (same regime, another rate)',
      patch: [{ path: rate(2), value: 8.5 }],
      errors: [{ code: 'S11', span: '8.5', line: 102 }],
    },
    {
      name: 'line 1 misspelt "ttc" and line 3 in HT 0 %: only line 3 differs',
      patch: [
        { path: regime(0), value: 'ttc' },
        { path: regime(2), value: 'HT' },
        { path: rate(2), value: 0 },
      ],
      errors: [{ code: 'S11', span: '0', line: 102 }],
    },
    {
      name: 'lines 2 and 3 both differ from line 1: one finding each',
      patch: [
        { path: rate(1), value: 0 },
        { path: rate(2), value: 8.5 },
      ],
      errors: [
        { code: 'S11', span: '0', line: 53 },
        { code: 'S11', span: '8.5', line: 102 },
      ],
    },
  ],
});

ruleTable(S11, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [{ name: 'the example: TTC on every line' }],
  invalid: [
    {
      name: 'line 3 in HT (vague 1: no rate key): reported on the regime',
      patch: [{ path: regime(2), value: 'HT' }],
      errors: [{ code: 'S11', span: '"HT"', line: 121 }],
    },
  ],
});

test('S11 with every rule: "ttc" on line 1 of a 3-line avance is reported once, where it is (S6), and no line gets S11', () => {
  const text = applyPatches(exampleText('IMG-RIS-Va2', 'avance'), [{ path: regime(0), value: 'ttc' }]);
  const fs = check(text, { today: new Date(2025, 9, 1) }).findings;
  assert.deepEqual(
    fs.filter((f) => f.code.startsWith('S11')).map((f) => f.code),
    [],
  );
  const at = fs.filter((f) => text.substr(f.offset, f.length) === '"ttc"');
  assert.deepEqual(
    at.map((f) => f.code),
    ['S6/value'],
  );
  assert.equal(fs.filter((f) => f.severity === 'error').length, 0, fs.map((f) => `${f.code} ${f.message.en}`).join('\n'));
});
