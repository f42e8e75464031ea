/**
 * U2 — IMG-RIS: an AM number in one RIS order only; a FINESS géographique in one RIS order per activity (source 003;
 * docs/rules.md#u2). The entries are data (`uniqueness` of schemas/sons.json, the FINESS one `per:
 * typeActivite`). Table over the IMG-RIS-Va2 avance example.
 */
import { U2 } from './U2-ris-orders';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const line = (n: number) => ['lignesImport', n, 'beneficiaires'];

ruleTable(U2, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: every AM number and FINESS géographique in one order' },
    // Line 1 is Mixte, line 3 Radiologie: per activity, the same FINESS géographique is allowed.
    {
      name: 'the same FINESS géographique in two orders for two activities',
      patch: [{ path: [...line(2), 'Etablissements', 0, 'FINESGeos', 0], value: '010000024' }],
    },
    { name: 'the same AM number for two doctors of one order', patch: [{ path: [...line(1), 'medecinsLiberaux', 1, 'numerosAM', 0], value: '011004520' }] },
  ],
  invalid: [
    {
      name: 'an AM number of order 2 again in order 3: on the second',
      patch: [{ path: [...line(2), 'medecinsLiberaux', 0, 'numerosAM', 0], value: '011004520' }],
      errors: [{ code: 'U2/am', span: '"011004520"', line: 119, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'the same FINESS géographique in two orders for the same activity (Mixte)',
      patch: [
        { path: [...line(2), 'Etablissements', 0, 'FINESGeos', 0], value: '010000024' },
        { path: [...line(2), 'Etablissements', 0, 'typeActivite'], value: 'Mixte' },
      ],
      errors: [{ code: 'U2/finessGeo', span: '"010000024"', line: 110 }],
    },
  ],
});
