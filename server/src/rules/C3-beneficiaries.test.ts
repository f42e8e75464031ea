/**
 * C3 — beneficiaries between avance and solde: removing one passes (the amount is recomputed, information); adding
 * one or changing a FINESS géographique is rejected; after a merger the solde keeps the avance's historical
 * identifiers (sources 002, 000, 004; docs/rules.md#c3; the identifiers are the values marked `x-role: id:*`
 * in schemas/: FINESS géographique, SIREN, RPPS, n° AM). Pair table over the IMG-RIS-Va2 avance and solde examples
 * (line 2: one establishment and two doctors, one of them with two AM numbers).
 */
import { C3 } from './C3-beneficiaries';
import { pairTable } from '../../../test/helpers/rule-tester.ts';

const etab = (i: number) => ['lignesImport', i, 'beneficiaires', 'Etablissements', 0];
const medecins = (i: number) => ['lignesImport', i, 'beneficiaires', 'medecinsLiberaux'];

pairTable(C3, {
  sons: 'IMG-RIS-Va2',
  valid: [
    { name: 'the examples: the same beneficiaries at the avance and the solde' },
    {
      name: "line 2 given line 1's dossier number (C7) against the avance output JSON: not compared with line 1's avance line",
      avance: [0, 1, 2].map((i) => ({ path: ['lignesImport', i, 'numeroASP'], value: `FINIMG01376${i}M0` })),
      solde: [{ path: ['lignesImport', 1, 'numeroASP'], value: 'FINIMG013760M0' }],
    },
    { name: "a beneficiary's name changed (no identifier changed)", solde: [{ path: [...etab(0), 'nomStructure'], value: 'CH Fleyriat (Bourg-en-Bresse)' }] },
    {
      name: 'the two doctors of line 2 in the other order',
      solde: [
        {
          path: medecins(1),
          value: [
            { nomMedecin: 'Paul Girard', RPPS: '10003761508', numerosAM: ['011004538'], typeActivite: 'Radiologie' },
            { nomMedecin: 'Claire Martin', RPPS: '10005355572', numerosAM: ['001055664', '011004520'], typeActivite: 'Radiologie' },
          ],
        },
      ],
    },
  ],
  invalid: [
    {
      name: "the FINESS géographique of line 1 changed: rejected, on the solde's new FINESS",
      solde: [{ path: [...etab(0), 'FINESGeos', 0], value: '010000032' }],
      errors: [{ file: 'solde', code: 'C3/changed', span: '"010000032"', line: 23, severity: 'error', provenance: 'source' }],
    },
    {
      name: "a FINESS géographique added next to the avance's: rejected",
      solde: [{ replace: '"FINESGeos": ["010000024"]', with: '"FINESGeos": ["010000024", "010000032"]' }],
      errors: [{ file: 'solde', code: 'C3/added', span: '"010000032"', line: 23 }],
    },
    {
      name: 'a doctor added to line 1: each of their identifiers is reported',
      solde: [{ path: [...medecins(0), 0], value: { nomMedecin: 'Luc Bernard', RPPS: '10100271385', numerosAM: ['251003273'], typeActivite: 'Radiologie' } }],
      errors: [
        { file: 'solde', code: 'C3/added', span: '"10100271385"' },
        { file: 'solde', code: 'C3/added', span: '"251003273"' },
      ],
    },
    {
      name: "the RPPS of line 3's doctor changed (a merger keeps the historical identifiers)",
      solde: [{ path: [...medecins(2), 0, 'RPPS'], value: '10100271393' }],
      errors: [{ file: 'solde', code: 'C3/changed', span: '"10100271393"', line: 122 }],
    },
    {
      name: 'a doctor removed from line 2: accepted, information on the solde line (the amount is recomputed)',
      solde: [
        {
          replace:
            '          },\n          {\n            "nomMedecin": "Paul Girard",\n            "RPPS": "10003761508",\n            "numerosAM": ["011004538"],\n            "typeActivite": "Radiologie"\n          }\n',
          with: '          }\n',
        },
      ],
      errors: [{ file: 'solde', code: 'C3/removed', span: '{', line: 45, severity: 'information' }],
    },
    {
      name: 'one of two AM numbers dropped: information (an identifier removed without replacement)',
      solde: [{ replace: '"numerosAM": ["001055664", "011004520"]', with: '"numerosAM": ["001055664"]' }],
      errors: [{ file: 'solde', code: 'C3/removed', span: '{', line: 45, severity: 'information' }],
    },
  ],
});
