/**
 * V10 — Prestation type: `v2` (seed 000) or `v1v2`; DRIMbox `MAJ` (update) or `ACQ` (acquisition) (sources 000, 001;
 * docs/rules.md#v10). The enumeration is the schema's (`x-rule: V10`, key `x-provenance: modelled`): a value
 * outside it is a `model` warning. Tables over IMG-RIS-Va2 avance (v2 / v1v2) and IMG-DB-Va2 avance (MAJ / ACQ).
 */
import { V10 } from './V10-prestation-type';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const prestation = ['lignesImport', 0, 'commande', 'typePrestation'];

ruleTable(V10, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [{ name: 'the example: v2 and v1v2' }, { name: 'v1v2 on the first line', patch: [{ path: prestation, value: 'v1v2' }] }],
  invalid: [
    {
      name: '"V 2" (blank and case): a model warning, the fix writes v2',
      patch: [{ path: prestation, value: 'V 2' }],
      errors: [{ code: 'V10', span: '"V 2"', line: 19, severity: 'warning', provenance: 'model', fixed: [{ path: prestation, value: 'v2' }] }],
    },
    {
      name: '"v1-v2": the fix writes v1v2',
      patch: [{ path: prestation, value: 'v1-v2' }],
      errors: [{ code: 'V10', span: '"v1-v2"', line: 19, fixed: [{ path: prestation, value: 'v1v2' }] }],
    },
    {
      name: 'a DRIMbox code in a RIS file (MAJ): no fix',
      patch: [{ path: prestation, value: 'MAJ' }],
      errors: [{ code: 'V10', span: '"MAJ"', line: 19 }],
    },
  ],
});

ruleTable(V10, {
  sons: 'IMG-DB-Va2',
  kind: 'avance',
  valid: [{ name: 'the DRIMbox example: MAJ and ACQ' }, { name: 'ACQ on the first line', patch: [{ path: prestation, value: 'ACQ' }] }],
  invalid: [
    {
      name: 'a RIS code in a DRIMbox file (v2): no fix',
      patch: [{ path: prestation, value: 'v2' }],
      errors: [{ code: 'V10', span: '"v2"', line: 19, severity: 'warning' }],
    },
    {
      name: '"MÀJ" with an accent: the fix writes MAJ',
      patch: [{ path: prestation, value: 'MÀJ' }],
      errors: [{ code: 'V10', span: '"MÀJ"', fixed: [{ path: prestation, value: 'MAJ' }] }],
    },
    {
      name: 'a case difference (maj): the schema check of the key (x-rule V10)',
      patch: [{ path: prestation, value: 'maj' }],
      errors: [{ code: 'V10/schema', span: '"maj"', line: 19 }],
    },
  ],
});
