/**
 * S2 — a block that does not apply is written [] and never deleted (source 000: « Ne pas supprimer les blocs non
 * concernés → renseigner [] »; docs/rules.md#s2), as tables over the MDV-LGC-Va1 avance example (vague 1,
 * the blocks of csv2json: `liberal`, `FINESSGeo`, the `structure` object) and the IMG-RIS-Va2 avance (vague 2,
 * modelled blocks: `medecinsLiberaux`).
 */
import { S2 } from './S2-empty-blocks';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatches, exampleText, ruleTable, runRule } from '../../../test/helpers/rule-tester.ts';

const benef = ['lignesImport', 0, 'beneficiaires'];

ruleTable(S2, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [
    { name: 'the example: every block present, FINESSGeo written []' },
    { name: 'a block emptied to [] (near-miss: not deleted)', patch: [{ path: [...benef, 'liberal'], value: [] }] },
    { name: "a tag (not a block) written null is S3's business", patch: [{ path: [...benef, 'nomMandataire'], value: null }] },
  ],
  invalid: [
    {
      name: "the array block « FINESSGeo » deleted: reported on its object's key, the fix writes it back as []",
      patch: [{ path: [...benef, 'structure', 'FINESSGeo'], remove: true }],
      errors: [{ code: 'S2/missing-block', span: '"structure"', line: 31, fixed: [{ path: [...benef, 'structure', 'FINESSGeo'], value: [] }] }],
    },
    {
      name: 'the array block « liberal » written null: the fix writes []',
      patch: [{ path: [...benef, 'liberal'], value: null }],
      errors: [{ code: 'S2/null-block', span: 'null', line: 23, fixed: [{ path: [...benef, 'liberal'], value: [] }] }],
    },
    {
      name: 'the object block « structure » deleted: the fix inserts its skeleton, each tag null and each block []',
      patch: [{ path: [...benef, 'structure'], remove: true }],
      errors: [
        {
          code: 'S2/missing-block',
          span: '"beneficiaires"',
          fixed: [
            {
              replace: '        ]\n      },\n      "piecesJustificatives"',
              with: '        ],\n        "structure": {\n          "nomResponsable": null,\n          "emailResponsable": null,\n          "telephoneResponsable": null,\n          "FINESSJuridique": null,\n          "FINESSGeo": []\n        }\n      },\n      "piecesJustificatives"',
            },
          ],
        },
      ],
    },
  ],
});

ruleTable(S2, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [{ name: 'the example: « medecinsLiberaux »: [] kept in line 1' }],
  invalid: [
    {
      name: 'the modelled block « medecinsLiberaux » deleted: a [modelled] warning, fixed back to []',
      patch: [{ path: [...benef, 'medecinsLiberaux'], remove: true }],
      errors: [
        {
          code: 'S2/missing-block',
          span: '"beneficiaires"',
          line: 21,
          severity: 'warning',
          provenance: 'model',
          fixed: [{ path: [...benef, 'medecinsLiberaux'], value: [] }],
        },
      ],
    },
    {
      name: '« piecesJustificatives » written null',
      patch: [{ path: ['lignesImport', 0, 'piecesJustificatives'], value: null }],
      errors: [{ code: 'S2/null-block', span: 'null', fixed: [{ path: ['lignesImport', 0, 'piecesJustificatives'], value: [] }] }],
    },
  ],
});

ruleTable(S2, {
  sons: 'IMG-RIS-Va2',
  kind: 'solde',
  valid: [{ name: 'the solde example' }],
  invalid: [
    {
      name: '« medecinsLiberaux » deleted from a solde line: the block of the IMG solde example (000), an error',
      patch: [{ path: ['lignesImport', 0, 'beneficiaires', 'medecinsLiberaux'], remove: true }],
      errors: [
        {
          code: 'S2/missing-block',
          span: '"beneficiaires"',
          line: 19,
          severity: 'error',
          provenance: 'source',
          fixed: [{ path: ['lignesImport', 0, 'beneficiaires', 'medecinsLiberaux'], value: [] }],
        },
      ],
    },
  ],
});

test("S2 message: no space before the period (« s'écrit []. »)", () => {
  const [f] = runRule(S2, applyPatches(exampleText('MDV-LGC-Va1', 'avance'), [{ path: [...benef, 'liberal'], value: null }]), {
    sons: 'MDV-LGC-Va1',
    kind: 'avance',
  });
  assert.match(f.message.fr, /s'écrit \[\]\.$/);
});
