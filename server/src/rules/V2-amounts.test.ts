/**
 * V2 — Amounts are numbers in euros with at most 2 decimals (e.g. 1250.00), never strings (sources 000, 004;
 * docs/rules.md#v2), as a table over the IMG-RIS-Va2 avance example (`montantSegurHT`, line 18).
 */
import { V2 } from './V2-amounts';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const amount = ['lignesImport', 0, 'commande', 'montantSegurHT'];
const written = (s: string) => [{ replace: '31250.00', with: s }];

ruleTable(V2, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: numbers with 2 decimals (31250.00)' },
    { name: 'a whole number (31250)', patch: written('31250') },
    { name: 'one decimal (31250.5)', patch: written('31250.5') },
    { name: 'zero', patch: written('0') },
  ],
  invalid: [
    {
      name: 'the amount as a string: the fix writes the number, same digits',
      patch: written('"31250.00"'),
      errors: [{ code: 'V2/string', span: '"31250.00"', line: 18, fixed: [{ replace: '"31250.00"', with: '31250.00' }] }],
    },
    {
      name: 'a French-written string (thousands blank, decimal comma): the fix writes 31250.50',
      patch: written('"31 250,50"'),
      errors: [{ code: 'V2/string', span: '"31 250,50"', line: 18, fixed: [{ replace: '"31 250,50"', with: '31250.50' }] }],
    },
    {
      name: 'a string that is no amount: no fix',
      patch: [{ path: amount, value: 'environ 300' }],
      errors: [{ code: 'V2/string', span: '"environ 300"', line: 18 }],
    },
    {
      name: '3 decimals: not rounded automatically (money: the user decides)',
      patch: written('31250.005'),
      errors: [{ code: 'V2/amount', span: '31250.005', line: 18, severity: 'error' }],
    },
    {
      name: 'a negative amount',
      patch: written('-5'),
      errors: [{ code: 'V2/amount', span: '-5', line: 18 }],
    },
  ],
});
