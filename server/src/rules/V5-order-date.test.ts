/**
 * V5 — `dateCommande` is the date the client signed the purchase order (source 004; docs/rules.md#v5): a
 * signed order cannot be dated in the future (our inference: a warning). The tester's `today` is 2025-10-01; tables
 * over IMG-RIS-Va2 avance (dates of July–September 2025) and HOP-DPI-Va2 avance (dates of October–November 2025).
 */
import { V5 } from './V5-order-date';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const date = ['lignesImport', 0, 'commande', 'dateCommande'];

ruleTable(V5, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: every order signed before today' },
    { name: 'signed today (01/10/2025)', patch: [{ path: date, value: '01/10/2025' }] },
    { name: "a date that is no JJ/MM/AAAA is V1's, not V5's", patch: [{ path: date, value: '2030-01-01' }] },
  ],
  invalid: [
    {
      name: 'signed tomorrow (02/10/2025): a warning on the date',
      patch: [{ path: date, value: '02/10/2025' }],
      errors: [{ code: 'V5', span: '"02/10/2025"', line: 12, severity: 'warning' }],
    },
    {
      name: 'two lines in the future',
      patch: [
        { path: date, value: '02/10/2025' },
        { path: ['lignesImport', 2, 'commande', 'dateCommande'], value: '31/12/2025' },
      ],
      errors: [
        { code: 'V5', span: '"02/10/2025"', line: 12 },
        { code: 'V5', span: '"31/12/2025"', line: 97 },
      ],
    },
  ],
});

ruleTable(V5, {
  sons: 'HOP-DPI-Va2',
  kind: 'avance',
  valid: [{ name: 'the example checked on 01/01/2026: its dates are past', options: { today: new Date(2026, 0, 1) } }],
  invalid: [
    {
      name: 'the example checked on 01/10/2025: its three orders are in the future',
      errors: [
        { code: 'V5', span: '"14/10/2025"', line: 12 },
        { code: 'V5', span: '"03/11/2025"', line: 47 },
        { code: 'V5', span: '"21/11/2025"', line: 82 },
      ],
    },
  ],
});
