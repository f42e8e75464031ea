/**
 * C5 — the solde is rejected if lower than the advance already paid: 40 % of the avance amount in vague 2, 30 % in
 * vague 1, 25 % for HOP-DPI when the proofs were filed 15/12/2025–31/03/2026 (sources 000, 001, 002, 004;
 * docs/rules.md#c5; the shares are `advanceShare` / `advanceShareException` in schemas/sons.json). With the
 * exception only amounts below the lowest possible advance are certain. Pair tables over the IMG-RIS-Va2 (40 %) and
 * HOP-DPI-Va2 (25 % possible) examples.
 */
import { C5 } from './C5-advance-share';
import { pairTable } from '../../../test/helpers/rule-tester.ts';

const amount = (i: number) => ['lignesImport', i, 'facture', 'montantPrestationPrincipaleSegurHTFacture'];

// IMG-RIS-Va2 line 1: avance 31250.00, advance paid 40 % = 12500.00.
pairTable(C5, {
  sons: 'IMG-RIS-Va2',
  valid: [
    { name: 'the examples: solde = avance' },
    { name: 'a solde exactly at the advance paid (12500.00)', solde: [{ path: amount(0), value: 12500 }] },
    { name: "a solde above the avance is C4's, not C5's", solde: [{ path: amount(0), value: 40000 }] },
    {
      name: 'one cent off the solde share of line 1 (18749.99, 18750.01): not the share',
      solde: [
        { path: amount(0), value: 18749.99 },
        { path: amount(1), value: 11240.01 },
      ],
    },
  ],
  invalid: [
    {
      name: "the solde share of line 1 (60 % of 31250.00 = 18750): a warning naming 004's 100 % rule",
      solde: [{ path: amount(0), value: 18750 }],
      errors: [{ file: 'solde', code: 'C5/solde-share', span: '18750', line: 13, severity: 'warning', provenance: 'source' }],
    },
    {
      name: 'the solde share of line 2 written with decimals (60 % of 18733.33 = 11240.00)',
      solde: [
        { path: amount(1), value: 11240.0 },
        { replace: '"montantPrestationPrincipaleSegurHTFacture": 11240', with: '"montantPrestationPrincipaleSegurHTFacture": 11240.00' },
      ],
      errors: [{ file: 'solde', code: 'C5/solde-share', span: '11240.00', line: 52 }],
    },
    {
      name: 'a solde one cent below the advance paid: rejected, on the solde amount',
      solde: [{ path: amount(0), value: 12499.99 }],
      errors: [{ file: 'solde', code: 'C5', span: '12499.99', line: 13, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'a solde of 0 on line 3 (avance 24500.00)',
      solde: [{ path: amount(2), value: 0 }],
      errors: [{ file: 'solde', code: 'C5', span: '0', line: 104 }],
    },
  ],
});

// HOP-DPI-Va2 line 1: avance 14100.83; 40 % = 5640.33, the 25 % exception = 3525.21 (the lowest advance possible).
pairTable(C5, {
  sons: 'HOP-DPI-Va2',
  valid: [
    { name: 'the examples' },
    { name: 'below 40 % but not below 25 % (the exception may apply): not certain, not reported', solde: [{ path: amount(0), value: 5000 }] },
    { name: 'exactly 25 %', solde: [{ path: amount(0), value: 3525.21 }] },
  ],
  invalid: [
    {
      name: 'the solde share when the 25 % exception applies (75 % of 14100.83 = 10575.62)',
      solde: [{ path: amount(0), value: 10575.62 }],
      errors: [{ file: 'solde', code: 'C5/solde-share', span: '10575.62', line: 13, severity: 'warning' }],
    },
    {
      name: 'the solde share at 40 % (60 % of 14100.83 = 8460.50)',
      solde: [{ path: amount(0), value: 8460.5 }],
      errors: [{ file: 'solde', code: 'C5/solde-share', span: '8460.5', line: 13 }],
    },
    {
      name: 'below 25 %: rejected whatever the filing dates',
      solde: [{ path: amount(0), value: 3525.2 }],
      errors: [{ file: 'solde', code: 'C5', span: '3525.2', line: 13, severity: 'error' }],
    },
    {
      name: 'line 2 (avance 86250.00) at 20000, below 21562.50',
      solde: [{ path: amount(1), value: 20000 }],
      errors: [{ file: 'solde', code: 'C5', span: '20000', line: 51 }],
    },
  ],
});
