/**
 * I2 — SIREN: 9 digits with a Luhn key (sources 000, 003; docs/rules.md#i2, vectors of
 * docs/identifiers.md §1), as a table over the IMG-RIS-Va2 avance example (the client's `sirenClient` of
 * each establishment).
 */
import { I2 } from './I2-siren';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatches, exampleText, ruleTable } from '../../../test/helpers/rule-tester.ts';
import { check } from '../segur.ts';

const siren = ['lignesImport', 0, 'beneficiaires', 'Etablissements', 0, 'sirenClient'];

ruleTable(I2, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: every sirenClient has a good key' },
    // ids §1: La Poste's SIREN passes Luhn with no exception.
    { name: 'La Poste 356000000 (no exception needed)', patch: [{ path: siren, value: '356000000' }] },
    { name: 'another valid vector (404833048, python-stdnum)', patch: [{ path: siren, value: '404833048' }] },
  ],
  invalid: [
    {
      name: 'a bad check key (404833047, python-stdnum InvalidChecksum): no fix',
      patch: [{ path: siren, value: '404833047' }],
      // The key rests on INSEE's SIRENE standard (reference), not on a seed.
      errors: [{ code: 'I2/siren', span: '"404833047"', line: 26, provenance: 'reference' }],
    },
    {
      name: 'the example SIREN with its last digit changed',
      patch: [{ path: siren, value: '260100046' }],
      errors: [{ code: 'I2/siren', span: '"260100046"', line: 26 }],
    },
    {
      name: 'spaces between the groups: the fix removes them',
      patch: [{ path: siren, value: '260 100 045' }],
      errors: [{ code: 'I2/siren', span: '"260 100 045"', line: 26, fixed: [{ path: siren, value: '260100045' }] }],
    },
    {
      name: 'scientific notation from a spreadsheet (2,601E+08): no fix, the digits are lost',
      patch: [{ path: siren, value: '2,601E+08' }],
      errors: [{ code: 'I2/siren', span: '"2,601E+08"' }],
    },
    {
      name: 'wrong length (8 digits) and not digits (ids §1: 44079707, azertyuio)',
      patch: [
        { path: siren, value: '44079707' },
        { path: ['lignesImport', 1, 'beneficiaires', 'Etablissements', 0, 'sirenClient'], value: 'azertyuio' },
      ],
      errors: [
        { code: 'I2/siren', span: '"44079707"', line: 26 },
        { code: 'I2/siren', span: '"azertyuio"', line: 62 },
      ],
    },
    {
      name: 'all zeros: passes Luhn, refused as a placeholder',
      patch: [{ path: siren, value: '000000000' }],
      errors: [{ code: 'I2/siren', span: '"000000000"' }],
    },
    {
      name: 'a number instead of a string: the fix quotes it',
      patch: [{ replace: '"sirenClient": "260100045"', with: '"sirenClient": 260100045' }],
      errors: [{ code: 'I2/siren', span: '260100045', line: 26, fixed: [{ path: siren, value: '260100045' }] }],
    },
  ],
});

// One finding per fault: blanks at either end are S8's (the same finding and fix for every value); I2 checks what is
// left, and keeps the blanks inside the number (a SIREN typed « 404 833 048 », which S8 does not see).
ruleTable(I2, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [{ name: "a trailing blank after a valid SIREN: S8's alone", patch: [{ path: siren, value: '260100045 ' }] }],
  invalid: [
    {
      name: "a trailing blank after a SIREN whose key is wrong: the key is I2's",
      patch: [{ path: siren, value: '404833047 ' }],
      errors: [{ code: 'I2/siren', span: '"404833047 "', line: 26 }],
    },
    {
      name: "blanks inside the number: I2's, the fix removes them",
      patch: [{ path: siren, value: '404 833 048' }],
      errors: [{ code: 'I2/siren', span: '"404 833 048"', line: 26, fixed: [{ path: siren, value: '404833048' }] }],
    },
  ],
});

test('I2 with every rule: a trailing blank in a valid SIREN is one finding, S8/value, not also « espaces à retirer »', () => {
  const text = applyPatches(exampleText('IMG-RIS-Va2', 'avance'), [{ path: siren, value: '260100045 ' }]);
  const fs = check(text, { today: new Date(2025, 9, 1) }).findings.filter((f) => text.substr(f.offset, f.length) === '"260100045 "');
  assert.deepEqual(
    fs.map((f) => f.code),
    ['S8/value'],
  );
});
