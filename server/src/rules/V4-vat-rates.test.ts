/**
 * V4 — VAT rates: 20 % mainland, 8.5 % overseas, 0 % / HT for clients not liable to VAT (sources 004, 003;
 * docs/rules.md#v4). The (regime, rate) pairs are data (`vatRegimes` of schemas/sons.json: the cases below
 * take their values from it), as a table over the IMG-RIS-Va2 avance example (`regimeTVA` line 16, `tauxTVA` line 17).
 */
import { V4 } from './V4-vat-rates';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatches, exampleText, ruleTable, runRule, type Patch } from '../../../test/helpers/rule-tester.ts';
import { SONS_TABLE } from '../engine/rule-api';

const commande = ['lignesImport', 0, 'commande'];
const regime = [...commande, 'regimeTVA'];
const rate = [...commande, 'tauxTVA'];
const pairs = SONS_TABLE.vatRegimes as { regimeTVA: string; tauxTVA: number }[];
const set = (r: string, t: number): Patch[] => [
  { path: regime, value: r },
  { path: rate, value: t },
];
const allowed = (r: string, t: number) => pairs.some((p) => p.regimeTVA === r && p.tauxTVA === t);

// Guards the data the table rests on: a pair missing from sons.json would turn a valid case into a finding.
const ht = pairs.find((p) => p.regimeTVA === 'HT')!;
const overseas = pairs.find((p) => p.regimeTVA === 'TTC' && p.tauxTVA === 8.5)!;
const mainland = pairs.find((p) => p.regimeTVA === 'TTC' && p.tauxTVA === 20)!;
if (allowed(ht.regimeTVA, mainland.tauxTVA)) throw new Error('V4 table: HT 20 % is expected to be outside vatRegimes');

ruleTable(V4, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: TTC 20 %' },
    { name: 'TTC 8.5 % (overseas)', patch: set(overseas.regimeTVA, overseas.tauxTVA) },
    { name: `HT ${ht.tauxTVA} % (client not liable to VAT)`, patch: set(ht.regimeTVA, ht.tauxTVA) },
  ],
  invalid: [
    {
      name: 'HT with 20 %: the rate does not match the regime, on the rate',
      patch: [{ path: regime, value: ht.regimeTVA }],
      errors: [{ code: 'V4', span: String(mainland.tauxTVA), line: 17, severity: 'error' }],
    },
    {
      name: 'HT with 8.5 %',
      patch: set(ht.regimeTVA, overseas.tauxTVA),
      errors: [{ code: 'V4', span: '8.5', line: 17 }],
    },
    {
      name: 'two lines with HT 20 %: one finding each',
      patch: [
        { path: regime, value: 'HT' },
        { path: ['lignesImport', 2, 'commande', 'regimeTVA'], value: 'HT' },
      ],
      errors: [
        { code: 'V4', span: '20', line: 17 },
        { code: 'V4', span: '20', line: 102 },
      ],
    },
    {
      name: "a rate outside the model's list (19.6): the schema check of the key (x-rule V4), a modelled warning",
      patch: [{ path: rate, value: 19.6 }],
      errors: [{ code: 'V4/schema', span: '19.6', line: 17, severity: 'warning', provenance: 'model' }],
    },
    {
      // A regime outside every pair is the schema's (V4/schema): the pair check says nothing more on the rate.
      name: 'a regime outside the list (TVA): the schema check only, on the regime, no pair finding',
      patch: [{ path: regime, value: 'TVA' }],
      errors: [{ code: 'V4/schema', span: '"TVA"', line: 16 }],
    },
  ],
});

test('V4 message: the allowed pairs in each language\'s typography (« TTC 8,5 % », "TTC 8.5 %"), the rate found as the file writes it', () => {
  const [f] = runRule(V4, applyPatches(exampleText('IMG-RIS-Va2', 'avance'), set(ht.regimeTVA, overseas.tauxTVA)), { sons: 'IMG-RIS-Va2', kind: 'avance' });
  assert.match(f.message.fr, /^Taux de TVA 8\.5 incompatible/);
  assert.ok(f.message.fr.includes('TTC 8,5 %'), f.message.fr);
  assert.doesNotMatch(f.message.fr.replace(/^Taux de TVA 8\.5/, ''), /\d\.\d/);
  assert.ok(f.message.en.includes('TTC 8.5 %'), f.message.en);
});
