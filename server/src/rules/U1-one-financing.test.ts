/**
 * U1 — One financing per ES (FINESS PMSI) per SONS (source 001); one per establishment or health professional per
 * SONS (source 004) (docs/rules.md#u1). Which identifiers are unique is data (`uniqueness` of
 * schemas/sons.json); each finding names the source of its entry. Within one file, the second occurrence is reported
 * (related information on the first; across files: server/src/engine/project/project.ts). Tables over HOP-DPI-Va2 avance
 * (FINESS PMSI, 001) and MDV-LGC-Va2 avance (RPPS and FINESS juridique, 004).
 */
import { U1 } from './U1-one-financing';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const etab = (line: number, i = 0) => ['lignesImport', line, 'beneficiaires', 'Etablissements', i];

ruleTable(U1, {
  sons: 'HOP-DPI-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: three establishments, three FINESS PMSI' },
    // The same FINESS juridique / géographique in two lines is not what U1 governs for DPI (FINESS PMSI only).
    { name: 'the same FINESS géographique in two lines', patch: [{ path: [...etab(1), 'FINESGeos', 0], value: '010000024' }] },
    {
      name: 'the same FINESS PMSI twice in one line (one order)',
      patch: [{ path: etab(0, 1), value: { nomStructure: 'Site 2', FINESSPMSI: '010780054', FINESSJuridique: '010780054', FINESGeos: ['010000024'] } }],
    },
  ],
  invalid: [
    {
      name: "line 2 repeats line 1's FINESS PMSI: on the second, from 001",
      patch: [{ path: [...etab(1), 'FINESSPMSI'], value: '010780054' }],
      errors: [{ code: 'U1/finessPmsi', span: '"010780054"', line: 60, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'three lines with one FINESS PMSI: the second and the third',
      patch: [
        { path: [...etab(1), 'FINESSPMSI'], value: '010780054' },
        { path: [...etab(2), 'FINESSPMSI'], value: '010780054' },
      ],
      errors: [
        { code: 'U1/finessPmsi', span: '"010780054"', line: 60 },
        { code: 'U1/finessPmsi', span: '"010780054"', line: 95 },
      ],
    },
  ],
});

const julie = {
  nomMedecin: 'Julie Lefèvre',
  emailMedecin: 'julie.lefevre@example.org',
  telephoneMedecin: '0639980012',
  RPPS: '10002485232',
  IdentDMP: '10002485232',
};

ruleTable(U1, {
  sons: 'MDV-LGC-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: one doctor or structure per line' },
    {
      name: "the same doctor's name in two lines, other RPPS",
      patch: [{ path: ['lignesImport', 2, 'beneficiaires', 'medecinsLiberaux', 0, 'nomMedecin'], value: 'Julie Lefèvre' }],
    },
  ],
  invalid: [
    {
      name: 'a doctor financed in two lines (same RPPS): from 004',
      patch: [{ path: ['lignesImport', 1, 'beneficiaires', 'medecinsLiberaux'], value: [julie] }],
      errors: [{ code: 'U1/rpps', span: '"10002485232"', line: 64, provenance: 'source' }],
    },
    {
      name: "line 3 gets line 1's RPPS",
      patch: [{ path: ['lignesImport', 2, 'beneficiaires', 'medecinsLiberaux', 0, 'RPPS'], value: '10002485232' }],
      errors: [{ code: 'U1/rpps', span: '"10002485232"', line: 100 }],
    },
    {
      name: 'a structure financed in two lines (same FINESS juridique)',
      patch: [
        {
          path: ['lignesImport', 2, 'beneficiaires', 'structures'],
          value: [{ nomStructure: 'Centre de santé municipal', FINESSJuridique: '010002343', FINESGeos: ['010002350'], IdentDMP: '10100850832' }],
        },
      ],
      errors: [{ code: 'U1/finessJuridique', span: '"010002343"' }],
    },
  ],
});
