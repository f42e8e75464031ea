/**
 * C6 — a vague 2 purchase order cannot become vague 1 + vague 2; the reverse can, the amount being recomputed
 * (source 000: « Un client ayant signé un BDC pour une prestation Va 2 ne peut pas décider de faire installer la
 * prestation Va 1 + Va 2 »; docs/rules.md#c6; values `v2`, `v1v2` of schemas/). Pair table over the
 * IMG-RIS-Va2 examples: line 1 is `v2`, line 2 `v1v2` (avance `commande.typePrestation`, solde `VA.typePrestation`).
 */
import { C6 } from './C6-prestation-change';
import { pairTable } from '../../../test/helpers/rule-tester.ts';

const prestation = (i: number) => ['lignesImport', i, 'VA', 'typePrestation'];

pairTable(C6, {
  sons: 'IMG-RIS-Va2',
  valid: [
    { name: 'the examples: the same prestation type at the avance and the solde' },
    { name: "a value that is neither v2 nor v1v2 is the enumeration's business (V10), not a change C6 knows", solde: [{ path: prestation(0), value: 'v3' }] },
    { name: 'a prestation type still null at the solde', solde: [{ path: prestation(2), value: null }] },
  ],
  invalid: [
    {
      name: "v2 at the avance, v1v2 at the solde: rejected, on the solde's value",
      solde: [{ path: prestation(0), value: 'v1v2' }],
      errors: [{ file: 'solde', code: 'C6/upgrade', span: '"v1v2"', line: 16, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'v1v2 at the avance, v2 at the solde: accepted, information (the amount is recomputed)',
      solde: [{ path: prestation(1), value: 'v2' }],
      errors: [{ file: 'solde', code: 'C6/downgrade', span: '"v2"', line: 55, severity: 'information' }],
    },
    {
      name: 'both changes in one solde',
      solde: [
        { path: prestation(1), value: 'v2' },
        { path: prestation(2), value: 'v1v2' },
      ],
      errors: [
        { file: 'solde', code: 'C6/downgrade', span: '"v2"', line: 55 },
        { file: 'solde', code: 'C6/upgrade', span: '"v1v2"', line: 107 },
      ],
    },
  ],
});
