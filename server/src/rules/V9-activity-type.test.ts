/**
 * V9 — IMG activity type: radiologie, médecine nucléaire or mixte; mixte for an establishment only, a libéral
 * doctor cannot be both (source 003; « Radiologie » in seed 000; docs/rules.md#v9). The spellings beyond
 * « Radiologie » are our model (`x-provenance-values: modelled`): a value outside the list is a `model` warning
 * whose fix is only offered (unsafe). Table over the IMG-RIS-Va2 avance example.
 */
import { V9 } from './V9-activity-type';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const etabActivity = ['lignesImport', 0, 'beneficiaires', 'Etablissements', 0, 'typeActivite'];
const doctorActivity = ['lignesImport', 1, 'beneficiaires', 'medecinsLiberaux', 0, 'typeActivite'];

ruleTable(V9, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: Mixte for an establishment, Radiologie / Medecine nucleaire for doctors' },
    { name: 'a doctor in nuclear medicine', patch: [{ path: doctorActivity, value: 'Medecine nucleaire' }] },
  ],
  invalid: [
    {
      name: 'Mixte for a libéral doctor: an error from 003, no fix',
      patch: [{ path: doctorActivity, value: 'Mixte' }],
      errors: [{ code: 'V9', span: '"Mixte"', line: 71, severity: 'error', provenance: 'source' }],
    },
    {
      name: "with accents (Médecine nucléaire): a model warning, an unsafe fix to the model's spelling",
      patch: [{ path: etabActivity, value: 'Médecine nucléaire' }],
      errors: [
        {
          code: 'V9',
          span: '"Médecine nucléaire"',
          line: 27,
          severity: 'warning',
          provenance: 'model',
          unsafe: true,
          fixed: [{ path: etabActivity, value: 'Medecine nucleaire' }],
        },
      ],
    },
    {
      name: 'an abbreviation (Radio): no fix',
      patch: [{ path: etabActivity, value: 'Radio' }],
      errors: [{ code: 'V9', span: '"Radio"', line: 27, provenance: 'model' }],
    },
    {
      name: 'a case difference (mixte): the schema check of the key (x-rule V9), S6 fixes the case',
      patch: [{ path: etabActivity, value: 'mixte' }],
      errors: [{ code: 'V9/schema', span: '"mixte"', line: 27 }],
    },
  ],
});
