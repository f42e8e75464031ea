/**
 * U3 — IMG-DB: one order per client SIREN; an AM number or FINESS géographique in one order only (source 003;
 * docs/rules.md#u3). The entries are data (`uniqueness` of schemas/sons.json). Table over the IMG-DB-Va2
 * avance example.
 */
import { U3 } from './U3-drimbox-orders';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const etab = (n: number) => ['lignesImport', n, 'beneficiaires', 'Etablissements', 0];

ruleTable(U3, {
  sons: 'IMG-DB-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: three clients, three SIREN' },
    // Unlike RIS (U2), U3 has no `per`: the activity does not matter; here the FINESS stays different.
    { name: 'the same activity in every order', patch: [{ path: [...etab(2), 'typeActivite'], value: 'Radiologie' }] },
    { name: 'the same nomStructure in two orders, other identifiers', patch: [{ path: [...etab(2), 'nomStructure'], value: 'Imagerie du Sud' }] },
  ],
  invalid: [
    {
      name: 'order 3 for the client SIREN of order 1: on the second',
      patch: [{ path: [...etab(2), 'sirenClient'], value: '262504624' }],
      errors: [{ code: 'U3/siren', span: '"262504624"', line: 105, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'a FINESS géographique in two orders, whatever the activity',
      patch: [{ path: [...etab(2), 'FINESGeos', 0], value: '250000700' }],
      errors: [{ code: 'U3/finessGeo', span: '"250000700"', line: 104 }],
    },
    {
      name: 'an AM number of order 2 in order 3',
      patch: [
        {
          path: ['lignesImport', 2, 'beneficiaires', 'medecinsLiberaux'],
          value: [{ nomMedecin: 'Claire Martin', RPPS: '10005355572', numerosAM: ['011004520'], typeActivite: 'Radiologie' }],
        },
      ],
      errors: [{ code: 'U3/am', span: '"011004520"' }],
    },
  ],
});
