/**
 * I7 — Pilot identifiers (vague 2): LGC → RPPS (libéral) or FINESS juridique (structure); RIS → SIREN; DPI/PFI →
 * FINESS PMSI (source 000; docs/rules.md#i7). Which keys carry them is our model (`x-pilot` in schemas/,
 * `pilotIdentifier` of schemas/sons.json), so the findings are `model` warnings. Tables over IMG-RIS-Va2,
 * HOP-DPI-Va2 and MDV-LGC-Va2 avance; IMG-DB-Va2 (no pilot identifier) as a near miss.
 */
import { I7 } from './I7-pilot-identifiers';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const etab = ['lignesImport', 0, 'beneficiaires', 'Etablissements', 0];

ruleTable(I7, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: every establishment has its SIREN' },
    // An invalid SIREN is I2's; I7 only asks that it is filled in.
    { name: 'a SIREN with a bad key is filled in', patch: [{ path: [...etab, 'sirenClient'], value: '260100046' }] },
  ],
  invalid: [
    {
      name: 'an empty sirenClient (RIS pilot identifier): on the key, a modelled warning',
      patch: [{ path: [...etab, 'sirenClient'], value: '' }],
      errors: [{ code: 'I7', span: '"sirenClient"', line: 26, severity: 'warning', provenance: 'model' }],
    },
    {
      name: 'blanks only count as empty',
      patch: [{ path: [...etab, 'sirenClient'], value: '   ' }],
      errors: [{ code: 'I7', span: '"sirenClient"', line: 26 }],
    },
    {
      name: 'two lines with an empty SIREN: one finding each',
      patch: [
        { path: [...etab, 'sirenClient'], value: '' },
        { path: ['lignesImport', 2, 'beneficiaires', 'Etablissements', 0, 'sirenClient'], value: '' },
      ],
      errors: [
        { code: 'I7', span: '"sirenClient"', line: 26 },
        { code: 'I7', span: '"sirenClient"', line: 111 },
      ],
    },
  ],
});

ruleTable(I7, {
  sons: 'HOP-DPI-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example' },
    { name: 'an empty FINESS juridique is no DPI pilot identifier', patch: [{ path: [...etab, 'FINESSJuridique'], value: '' }] },
  ],
  invalid: [
    {
      name: 'an empty FINESS PMSI (DPI pilot identifier)',
      patch: [{ path: [...etab, 'FINESSPMSI'], value: '' }],
      errors: [{ code: 'I7', span: '"FINESSPMSI"', line: 25, provenance: 'model' }],
    },
  ],
});

ruleTable(I7, {
  sons: 'MDV-LGC-Va2',
  kind: 'avance',
  valid: [{ name: "the example: the doctor's RPPS and the structure's FINESS juridique are filled in" }],
  invalid: [
    {
      name: 'a libéral doctor without RPPS',
      patch: [{ path: ['lignesImport', 0, 'beneficiaires', 'medecinsLiberaux', 0, 'RPPS'], value: '' }],
      errors: [{ code: 'I7', span: '"RPPS"', line: 27 }],
    },
    {
      name: 'a structure without FINESS juridique',
      patch: [{ path: ['lignesImport', 1, 'beneficiaires', 'structures', 0, 'FINESSJuridique'], value: '' }],
      errors: [{ code: 'I7', span: '"FINESSJuridique"', line: 63 }],
    },
  ],
});

ruleTable(I7, {
  sons: 'IMG-DB-Va2',
  kind: 'avance',
  valid: [{ name: 'DRIMbox has no pilot identifier: an empty SIREN is not I7', patch: [{ path: [...etab, 'sirenClient'], value: '' }] }],
  invalid: [],
});
