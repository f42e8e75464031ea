/**
 * I4 — RPPS: 11 digits with a Luhn key; AM numbers (one per practice place), 9 digits whose key is weakly verified,
 * hence a warning (sources 003, 004; docs/rules.md#i4, vectors of docs/identifiers.md §4, §7), as a
 * table over the IMG-RIS-Va2 avance example (`RPPS` and `numerosAM` of each libéral doctor).
 */
import { I4 } from './I4-rpps-am';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const doctor = ['lignesImport', 1, 'beneficiaires', 'medecinsLiberaux', 0];
const rpps = [...doctor, 'RPPS'];
const am1 = [...doctor, 'numerosAM', 1];

ruleTable(I4, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: every RPPS and AM number has a good key' },
    { name: "another doctor's valid RPPS (10003761508, from the same example)", patch: [{ path: rpps, value: '10003761508' }] },
    { name: 'one AM number only', patch: [{ path: [...doctor, 'numerosAM'], value: ['001055664'] }] },
  ],
  invalid: [
    {
      name: 'an RPPS with a bad key: an error, no fix, resting on the RPPS standard (reference)',
      patch: [{ path: rpps, value: '10005355573' }],
      errors: [{ code: 'I4/rpps', span: '"10005355573"', line: 69, severity: 'error', provenance: 'reference' }],
    },
    {
      name: 'an IDNPS (8 + RPPS): the fix strips the 8',
      patch: [{ path: rpps, value: '810005355572' }],
      errors: [{ code: 'I4/rpps', span: '"810005355572"', line: 69, fixed: [{ path: rpps, value: '10005355572' }] }],
    },
    {
      name: 'an RPPS with spaces: the fix removes them',
      patch: [{ path: rpps, value: '100 0535 5572' }],
      errors: [{ code: 'I4/rpps', span: '"100 0535 5572"', fixed: [{ path: rpps, value: '10005355572' }] }],
    },
    {
      name: 'an RPPS in scientific notation (1,00054E+10): no fix',
      patch: [{ path: rpps, value: '1,00054E+10' }],
      errors: [{ code: 'I4/rpps', span: '"1,00054E+10"', line: 69 }],
    },
    {
      name: 'an RPPS written as a number: the fix quotes it',
      patch: [{ replace: '"RPPS": "10005355572"', with: '"RPPS": 10005355572' }],
      errors: [{ code: 'I4/rpps', span: '10005355572', line: 69, fixed: [{ path: rpps, value: '10005355572' }] }],
    },
    {
      name: 'an AM number with a bad key: a warning (the AM key is only weakly verified)',
      patch: [{ path: am1, value: '011004521' }],
      // No public standard states the AM key (read from real numbers only): our model, said so in the message.
      errors: [{ code: 'I4/am', span: '"011004521"', line: 70, severity: 'warning', provenance: 'model' }],
    },
    {
      name: 'an AM number of 8 digits (leading zero lost): a warning, no fix',
      patch: [{ path: am1, value: '11004520' }],
      errors: [{ code: 'I4/am', span: '"11004520"', line: 70, severity: 'warning' }],
    },
  ],
});
