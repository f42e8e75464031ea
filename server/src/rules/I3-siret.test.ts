/**
 * I3 — SIRET of the supplier: 14 digits, Luhn key, La Poste exception; a SIREN alone is refused (sources 002, 004;
 * docs/rules.md#i3, vectors of docs/identifiers.md §2), as a table over the IMG-RIS-Va2 avance
 * example (the root `siret`).
 */
import { I3 } from './I3-siret';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const siret = ['siret'];

ruleTable(I3, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: the supplier SIRET has a good key' },
    // ids §2: La Poste's SIRET fail Luhn-14; their digit sum is a multiple of 5.
    { name: 'a La Poste SIRET (356000000…, digit sum multiple of 5, not Luhn)', patch: [{ path: siret, value: '35600000000048' }] },
    { name: 'the CH Fleyriat SIRET 26010004500012 (data.gouv)', patch: [{ path: siret, value: '26010004500012' }] },
  ],
  invalid: [
    {
      name: 'a bad check key: no fix',
      patch: [{ path: siret, value: '43216756700029' }],
      // The key rests on INSEE's SIRENE standard (reference), not on a seed.
      errors: [{ code: 'I3/siret', span: '"43216756700029"', line: 4, provenance: 'reference' }],
    },
    {
      name: 'a SIREN alone (9 digits): refused, the whole SIRET is required (002)',
      patch: [{ path: siret, value: '432167567' }],
      errors: [{ code: 'I3/siret', span: '"432167567"', line: 4 }],
    },
    {
      name: 'passes Luhn-14 but its SIREN part does not (11122233344455, ids §2)',
      patch: [{ path: siret, value: '11122233344455' }],
      errors: [{ code: 'I3/siret', span: '"11122233344455"' }],
    },
    {
      name: 'spaces between the groups: the fix removes them',
      patch: [{ path: siret, value: '432 167 567 00028' }],
      errors: [{ code: 'I3/siret', span: '"432 167 567 00028"', fixed: [{ path: siret, value: '43216756700028' }] }],
    },
    {
      name: 'scientific notation from a spreadsheet (4,32168E+13): no fix',
      patch: [{ path: siret, value: '4,32168E+13' }],
      errors: [{ code: 'I3/siret', span: '"4,32168E+13"' }],
    },
    {
      name: 'all zeros: a placeholder',
      patch: [{ path: siret, value: '00000000000000' }],
      errors: [{ code: 'I3/siret', span: '"00000000000000"' }],
    },
    {
      name: 'a number instead of a string: the fix quotes it',
      patch: [{ replace: '"siret": "43216756700028"', with: '"siret": 43216756700028' }],
      errors: [{ code: 'I3/siret', span: '43216756700028', line: 4, fixed: [{ path: siret, value: '43216756700028' }] }],
    },
  ],
});
