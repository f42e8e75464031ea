/**
 * S10 — one request = one purchase order = one JSON line (source 004: « Il faut un bon de commande par ligne de
 * JSON »; numLigne 1, 2, 3… in csv2json; docs/rules.md#s10), as tables over the MDV-LGC-Va1 avance (vague 1:
 * numLigne of csv2json, sourced) and the IMG-RIS-Va2 avance (vague 2: numLigne is modelled, a warning either way).
 */
import { S10 } from './S10-one-line-per-order';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const editeur = (i: number) => ['lignesImport', i, 'numeroEditeur'];
const numLigne = (i: number) => ['lignesImport', i, 'numLigne'];

ruleTable(S10, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [
    { name: 'the example: three orders, numbered 1, 2, 3' },
    { name: 'éditeur numbers that differ only by a suffix are two orders', patch: [{ path: editeur(1), value: 'BDC-2022-0501-B' }] },
  ],
  invalid: [
    {
      name: "two lines whose éditeur number is empty: the schema's (x-rule S10), never a duplicate order",
      patch: [
        { path: editeur(0), value: '' },
        { path: editeur(1), value: '' },
      ],
      errors: [
        { code: 'S10/schema', span: '""', line: 10 },
        { code: 'S10/schema', span: '""', line: 64 },
      ],
    },
    {
      name: "line 2 with the order of line 1: reported on line 2's number",
      patch: [{ path: editeur(1), value: 'BDC-2022-0501' }],
      errors: [{ code: 'S10/duplicate-order', span: '"BDC-2022-0501"', line: 64, severity: 'error' }],
    },
    {
      name: 'the same order with a trailing blank is still the same order',
      patch: [{ path: editeur(2), value: 'BDC-2022-0501 ' }],
      errors: [{ code: 'S10/duplicate-order', span: '"BDC-2022-0501 "' }],
    },
    {
      name: 'numLigne 5 on line 2: a warning, the fix writes 2',
      patch: [{ path: numLigne(1), value: 5 }],
      errors: [{ code: 'S10/num-ligne', span: '5', line: 61, severity: 'warning', fixed: [{ path: numLigne(1), value: 2 }] }],
    },
    {
      name: 'numbering from 0: every line is off by one',
      patch: [
        { path: numLigne(0), value: 0 },
        { path: numLigne(1), value: 1 },
        { path: numLigne(2), value: 2 },
      ],
      errors: [
        { code: 'S10/num-ligne', span: '0', line: 7, fixed: [{ path: numLigne(0), value: 1 }] },
        { code: 'S10/num-ligne', span: '1', line: 61, fixed: [{ path: numLigne(1), value: 2 }] },
        { code: 'S10/num-ligne', span: '2', fixed: [{ path: numLigne(2), value: 3 }] },
      ],
    },
  ],
});

ruleTable(S10, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [{ name: 'the example' }],
  invalid: [
    {
      name: 'a duplicate order in vague 2',
      patch: [{ path: editeur(2), value: 'RIS-2025-0413' }],
      errors: [{ code: 'S10/duplicate-order', span: '"RIS-2025-0413"', line: 95 }],
    },
    {
      name: 'numLigne in vague 2 (key assumed kept): a [modelled] warning',
      patch: [{ path: numLigne(2), value: 7 }],
      errors: [{ code: 'S10/num-ligne', span: '7', line: 92, severity: 'warning', provenance: 'model', fixed: [{ path: numLigne(2), value: 3 }] }],
    },
  ],
});
