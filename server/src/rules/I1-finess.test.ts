/**
 * I1 — FINESS (juridique, géographique, PMSI): 9 characters with a Luhn key, Corsica 2A/2B upper case (sources 000,
 * 003, 004; docs/rules.md#i1, vectors of docs/identifiers.md §3), as a table over the HOP-DPI-Va2
 * avance example (the SONS whose model has the three FINESS keys: `FINESSPMSI`, `FINESSJuridique`, `FINESGeos`).
 */
import { I1 } from './I1-finess';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const etab = ['lignesImport', 0, 'beneficiaires', 'Etablissements', 0];
const pmsi = [...etab, 'FINESSPMSI'];
const juridique = [...etab, 'FINESSJuridique'];
const geo0 = [...etab, 'FINESGeos', 0];

ruleTable(I1, {
  sons: 'HOP-DPI-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: every FINESS has a good Luhn key' },
    // ids §3: 2A0000170 is a real Corsican FINESS (2A → 21 before Luhn).
    { name: 'a Corsican FINESS in upper case (2A0000170)', patch: [{ path: pmsi, value: '2A0000170' }] },
    { name: 'another real FINESS with a good key (750712184, AP-HP)', patch: [{ path: juridique, value: '750712184' }] },
  ],
  invalid: [
    {
      // No seed states the key: it rests on the FINESS standard (reference), the format on the seeds (source).
      name: 'a bad check key (9th character): no fix, the right number is unknown; graded by the FINESS standard',
      patch: [{ path: pmsi, value: '010780055' }],
      errors: [{ code: 'I1/finess', span: '"010780055"', line: 25, provenance: 'reference' }],
    },
    {
      name: "000's own illustrative FINESS (100123456) fails its key: reference, not 000",
      patch: [{ path: geo0, value: '100123456' }],
      errors: [{ code: 'I1/finess', span: '"100123456"', line: 27, provenance: 'reference' }],
    },
    {
      name: '8 digits is a format fault: it rests on the seeds (source)',
      patch: [{ path: juridique, value: '10780054' }],
      errors: [{ code: 'I1/finess', span: '"10780054"', provenance: 'source' }],
    },
    {
      name: 'a bad key in a list (FINESGeos)',
      patch: [{ path: geo0, value: '010000025' }],
      errors: [{ code: 'I1/finess', span: '"010000025"', line: 27 }],
    },
    {
      name: 'spaces inside: the fix removes them (the compact value passes)',
      patch: [{ path: pmsi, value: '010 780 054' }],
      errors: [{ code: 'I1/finess', span: '"010 780 054"', line: 25, fixed: [{ path: pmsi, value: '010780054' }] }],
    },
    {
      name: 'a Corsican FINESS in lower case: the fix writes 2A',
      patch: [{ path: pmsi, value: '2a0000170' }],
      errors: [{ code: 'I1/finess', span: '"2a0000170"', fixed: [{ path: pmsi, value: '2A0000170' }] }],
    },
    {
      name: '8 digits: the leading zero was lost, no fix (which digit is missing is a guess)',
      patch: [{ path: pmsi, value: '10780054' }],
      errors: [{ code: 'I1/finess', span: '"10780054"', line: 25 }],
    },
    {
      name: 'scientific notation from a spreadsheet (1,07805E+08)',
      patch: [{ path: pmsi, value: '1,07805E+08' }],
      errors: [{ code: 'I1/finess', span: '"1,07805E+08"' }],
    },
    {
      name: 'all zeros: passes Luhn, refused as a placeholder',
      patch: [{ path: geo0, value: '000000000' }],
      errors: [{ code: 'I1/finess', span: '"000000000"', line: 27 }],
    },
    {
      name: 'a number instead of a string: the fix quotes the digits as written',
      patch: [{ replace: '"FINESSJuridique": "750712184"', with: '"FINESSJuridique": 750712184' }],
      errors: [{ code: 'I1/finess', span: '750712184', line: 61, fixed: [{ replace: '750712184,', with: '"750712184",' }] }],
    },
    {
      name: 'a number that lost its leading zero (10780054): quoting is offered one by one, not by fix-all (still no FINESS once quoted)',
      patch: [{ replace: '"FINESSJuridique": "750712184"', with: '"FINESSJuridique": 10780054' }],
      errors: [{ code: 'I1/finess', span: '10780054', line: 61, fixed: [{ replace: '10780054,', with: '"10780054",' }], unsafe: true }],
    },
    {
      name: 'null where the model wants a FINESS string: the schema check of the key (x-rule I1), no fix',
      patch: [{ path: juridique, value: null }],
      errors: [{ code: 'I1/schema', span: 'null', line: 26 }],
    },
    {
      name: 'two wrong FINESS in one establishment: both, in document order',
      patch: [
        { path: pmsi, value: '010780055' },
        { path: juridique, value: '010780056' },
      ],
      errors: [
        { code: 'I1/finess', span: '"010780055"', line: 25 },
        { code: 'I1/finess', span: '"010780056"', line: 26 },
      ],
    },
  ],
});
