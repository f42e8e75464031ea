/**
 * I6 — IdentINSi (HOP-RI): exactly one FINESS, even when the client has several sites (source 004 FAQ;
 * docs/rules.md#i6, FINESS vectors of docs/identifiers.md §3). No bundled SONS has an IdentINSi
 * (HOP-RI is not in the bundle), so the table runs over the HOP-DPI-Va2 avance example checked against a template of
 * our own making: the bundled HOP-DPI-Va2 schema with an `IdentINSi` key (`x-check: identINSi`) in each
 * establishment, as a learned template of HOP-RI would have it (CheckOptions.template). jsonc-parser's `modify` writes the new key on line 30 (it
 * re-indents the `FINESGeos` array above it).
 */
import { I6 } from './I6-ident-insi';
import { ruleTable, type Patch } from '../../../test/helpers/rule-tester.ts';
import { getSchema, type SchemaNode } from '../segur.ts';

const template = structuredClone(getSchema('HOP-DPI-Va2', 'avance')) as SchemaNode;
const establishment = template.properties!.lignesImport.items!.properties!.beneficiaires.properties!.Etablissements.items!;
establishment.properties!.IdentINSi = { type: ['string', 'null'], 'x-check': 'identINSi', 'x-rule': 'I6' };

const insi = ['lignesImport', 0, 'beneficiaires', 'Etablissements', 0, 'IdentINSi'];
/** The example with an IdentINSi in its first establishment. */
const withInsi = (value: unknown): Patch[] => [{ path: insi, value }];

ruleTable(I6, {
  sons: 'HOP-DPI-Va2',
  kind: 'avance',
  options: { template },
  valid: [
    { name: 'the example (no IdentINSi key)' },
    { name: "one FINESS with a good key (the establishment's own, 010780054)", patch: withInsi('010780054') },
    { name: 'null (not concerned)', patch: withInsi(null) },
  ],
  invalid: [
    {
      name: 'two FINESS for a client with several sites: refused, no fix (which one is meant is unknown)',
      patch: withInsi('010780054;010000024'),
      errors: [{ code: 'I6/ident-insi', span: '"010780054;010000024"', line: 30, provenance: 'source' }],
    },
    {
      name: 'two FINESS separated by a blank',
      patch: withInsi('010780054 010000024'),
      errors: [{ code: 'I6/ident-insi', span: '"010780054 010000024"' }],
    },
    {
      name: 'one FINESS with a bad key',
      patch: withInsi('010780055'),
      errors: [{ code: 'I6/ident-insi', span: '"010780055"', line: 30 }],
    },
    {
      name: 'a lower-case Corsican FINESS: the fix writes 2A',
      patch: withInsi('2a0000170'),
      errors: [{ code: 'I6/ident-insi', span: '"2a0000170"', fixed: withInsi('2A0000170') }],
    },
    {
      // Reported, but checkIdentInsi splits on the decimal comma first: its hint says « un seul FINESS attendu »
      // instead of naming the spreadsheet notation (known, left to the identifiers' owner).
      name: 'scientific notation from a spreadsheet (7,50712E+08): reported, no fix',
      patch: withInsi('7,50712E+08'),
      errors: [{ code: 'I6/ident-insi', span: '"7,50712E+08"', line: 30 }],
    },
    {
      name: 'a number instead of a string: the fix quotes it',
      patch: withInsi(750712184),
      errors: [{ code: 'I6/ident-insi', span: '750712184', line: 30, fixed: withInsi('750712184') }],
    },
  ],
});
