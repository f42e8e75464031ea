/**
 * C4 — the solde amount (total HT, advance included) is at most the avance amount, and equal when the perimeter is
 * unchanged (sources 002, 004: « doit être inférieure ou égale au montant déclaré lors de l'avance »;
 * docs/rules.md#c4). Pair table over the IMG-RIS-Va2 avance (`commande.montantSegurHT`) and solde
 * (`facture.montantPrestationPrincipaleSegurHTFacture`) examples.
 */
import { C4 } from './C4-amounts';
import { pairTable } from '../../../test/helpers/rule-tester.ts';

const amount = (i: number) => ['lignesImport', i, 'facture', 'montantPrestationPrincipaleSegurHTFacture'];
const removePaulGirard = {
  replace:
    '          },\n          {\n            "nomMedecin": "Paul Girard",\n            "RPPS": "10003761508",\n            "numerosAM": ["011004538"],\n            "typeActivite": "Radiologie"\n          }\n',
  with: '          }\n',
};

pairTable(C4, {
  sons: 'IMG-RIS-Va2',
  valid: [
    { name: 'the examples: each solde amount equals its avance amount' },
    {
      name: 'a lower solde after a beneficiary was removed (the perimeter changed: recomputed by the ASP)',
      solde: [removePaulGirard, { path: amount(1), value: 12000 }],
    },
    { name: 'the same amount written with other decimals (31250 for 31250.00)', solde: [{ path: amount(0), value: 31250 }] },
    {
      name: 'a v1v2 order become v2 at a lower amount, same beneficiaries: accepted and recomputed (C6), not « must be equal »',
      solde: [
        { path: ['lignesImport', 1, 'VA', 'typePrestation'], value: 'v2' },
        { path: amount(1), value: 15000 },
      ],
    },
    { name: "the solde share of line 1 (60 % of 31250.00 = 18750): C5's 100 % rule, not C4's", solde: [{ path: amount(0), value: 18750 }] },
  ],
  invalid: [
    {
      name: "a solde amount one cent above the avance's: rejected, on the solde amount",
      solde: [{ path: amount(0), value: 31250.01 }],
      errors: [{ file: 'solde', code: 'C4/above', span: '31250.01', line: 13, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'above even with a beneficiary removed',
      solde: [removePaulGirard, { path: amount(1), value: 20000 }],
      errors: [{ file: 'solde', code: 'C4/above', span: '20000', line: 52 }],
    },
    {
      name: "one cent above the solde share (18750.01): not the share, C4's warning",
      solde: [{ path: amount(0), value: 18750.01 }],
      errors: [{ file: 'solde', code: 'C4/unchanged-perimeter', span: '18750.01', line: 13, severity: 'warning' }],
    },
    {
      name: 'a v2 order become v1v2 at a lower amount: C6 rejects it, C4 still says the amount must be equal (no contradiction)',
      solde: [
        { path: ['lignesImport', 0, 'VA', 'typePrestation'], value: 'v1v2' },
        { path: amount(0), value: 30000 },
      ],
      errors: [{ file: 'solde', code: 'C4/unchanged-perimeter', span: '30000', line: 13, severity: 'warning' }],
    },
    {
      name: 'a lower solde with the same beneficiaries: a warning (equal expected when the perimeter is unchanged)',
      solde: [{ path: amount(2), value: 24000 }],
      errors: [{ file: 'solde', code: 'C4/unchanged-perimeter', span: '24000', line: 104, severity: 'warning' }],
    },
  ],
});
