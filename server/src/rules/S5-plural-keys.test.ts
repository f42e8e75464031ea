/**
 * S5 — keys keep their plural « s » (source 000: « Conserver les "s" du pluriel »; docs/rules.md#s5), as
 * tables over the IMG-RIS-Va2 avance example (plural keys `FINESGeos`, `Etablissements`, `numerosAM`,
 * `piecesJustificatives`) and the MDV-LGC-Va1 avance, whose vague 1 template spells `FINESSGeo` in the singular.
 */
import { S5 } from './S5-plural-keys';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

ruleTable(S5, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: plural keys spelt as the template' },
    { name: "a case difference of a plural key is S6's, not S5's", patch: [{ replace: '"Etablissements"', with: '"etablissements"' }] },
  ],
  invalid: [
    {
      name: '« FINESGeo » for « FINESGeos »: renamed, the value kept',
      patch: [{ replace: '"FINESGeos"', with: '"FINESGeo"' }],
      errors: [{ code: 'S5', span: '"FINESGeo"', line: 25, fixed: [{ replace: '"FINESGeo"', with: '"FINESGeos"' }] }],
    },
    {
      name: '« Etablissement » in line 2',
      patch: [{ replace: '"Etablissements"', with: '"Etablissement"', nth: 1 }],
      errors: [{ code: 'S5', span: '"Etablissement"', line: 58, fixed: [{ replace: '"Etablissement"', with: '"Etablissements"' }] }],
    },
    {
      name: '« pieceJustificative » (both words singular) in line 3',
      patch: [{ replace: '"piecesJustificatives"', with: '"pieceJustificative"', nth: 2 }],
      errors: [{ code: 'S5', span: '"pieceJustificative"', fixed: [{ replace: '"pieceJustificative"', with: '"piecesJustificatives"' }] }],
    },
  ],
});

ruleTable(S5, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [{ name: 'the vague 1 template spells « FINESSGeo » in the singular: right there' }],
  invalid: [
    {
      name: '« FINESSGeos » (plural) where the vague 1 template has the singular',
      patch: [{ replace: '"FINESSGeo"', with: '"FINESSGeos"' }],
      errors: [{ code: 'S5', span: '"FINESSGeos"', line: 36, fixed: [{ replace: '"FINESSGeos"', with: '"FINESSGeo"' }] }],
    },
    {
      name: '« liberals » (an added s) where the vague 1 template has « liberal »',
      patch: [{ replace: '"liberal"', with: '"liberals"' }],
      errors: [{ code: 'S5', span: '"liberals"', line: 23, fixed: [{ replace: '"liberals"', with: '"liberal"' }] }],
    },
  ],
});
