/**
 * V1 — Dates are JJ/MM/AAAA (e.g. 01/12/2025) and real calendar dates (sources 000, 003),
 * as a table over the IMG-RIS-Va2 avance example (`dateCommande`), and MDV-LGC-Va1 (vague 1: the format of
 * `dateCommande` is our model, a `model` warning).
 */
import { V1 } from './V1-dates';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatches, exampleText, ruleTable } from '../../../test/helpers/rule-tester.ts';
import { check } from '../segur.ts';

const date = ['lignesImport', 0, 'commande', 'dateCommande'];

ruleTable(V1, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [{ name: 'the example: every date is JJ/MM/AAAA' }, { name: '29/02 of a leap year', patch: [{ path: date, value: '29/02/2024' }] }],
  invalid: [
    {
      name: 'ISO AAAA-MM-JJ: the fix rewrites it as JJ/MM/AAAA',
      patch: [{ path: date, value: '2025-07-22' }],
      errors: [{ code: 'V1/date', span: '"2025-07-22"', line: 12, severity: 'error', provenance: 'source', fixed: [{ path: date, value: '22/07/2025' }] }],
    },
    {
      name: 'J/M/AAAA without leading zeros: the fix pads day and month',
      patch: [{ path: date, value: '2/7/2025' }],
      errors: [{ code: 'V1/date', span: '"2/7/2025"', fixed: [{ path: date, value: '02/07/2025' }] }],
    },
    {
      name: 'JJ.MM.AAAA: the fix writes slashes',
      patch: [{ path: date, value: '22.07.2025' }],
      errors: [{ code: 'V1/date', span: '"22.07.2025"', fixed: [{ path: date, value: '22/07/2025' }] }],
    },
    {
      name: '31/02 does not exist: no fix',
      patch: [{ path: date, value: '31/02/2025' }],
      errors: [{ code: 'V1/date', span: '"31/02/2025"', line: 12 }],
    },
    {
      name: '29/02 of a year that is not a leap year (2100 is not: divisible by 100, not by 400)',
      patch: [{ path: date, value: '29/02/2100' }],
      errors: [{ code: 'V1/date', span: '"29/02/2100"' }],
    },
    {
      name: 'AAAA-JJ-MM (month 22) is no date: no fix',
      patch: [{ path: date, value: '2025-22-07' }],
      errors: [{ code: 'V1/date', span: '"2025-22-07"' }],
    },
  ],
});

ruleTable(V1, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [{ name: 'the vague 1 example' }],
  invalid: [
    {
      name: 'vague 1 dateCommande in ISO: a modelled warning, still fixed',
      patch: [{ path: date, value: '2022-05-02' }],
      errors: [{ code: 'V1/date', span: '"2022-05-02"', line: 12, severity: 'warning', provenance: 'model', fixed: [{ path: date, value: '02/05/2022' }] }],
    },
  ],
});

test("V1 with every rule: a blank before a valid date is S8's finding alone (one finding per fault)", () => {
  const text = applyPatches(exampleText('IMG-RIS-Va2', 'avance'), [{ path: date, value: ' 22/07/2025' }]);
  const fs = check(text, { today: new Date(2025, 9, 1) }).findings.filter((f) => text.substr(f.offset, f.length) === '" 22/07/2025"');
  assert.deepEqual(
    fs.map((f) => f.code),
    ['S8/value'],
  );
});
