/**
 * V10 — Prestation type: vague 2 (`v2` in the IMG example of seed 000) or vague 1 + vague 2; DRIMbox: MAJ
 * (update) or ACQ (acquisition) (sources 000, 001). Allowed values are the schema's enumeration (`x-rule: V10`).
 */
import { enumRule } from './enumRule';
import { L } from './util';

export const V10 = enumRule({
  id: 'V10',
  title: L('Type de prestation', 'Prestation type'),
  sources: ['000', '001'],
  severity: 'error',
  fixable: true,
  stated: L(
    'Prestation v2 (exemple 000) ou vague 1 + vague 2 ; DRIMbox : mise à jour ou acquisition (000, 001).',
    'Prestation v2 (000 example) or vague 1 + vague 2; DRIMbox: update or acquisition (000, 001).',
  ),
  modelled: L(
    'Les codes v1v2, MAJ et ACQ : une valeur hors liste est un avertissement [modélisé].',
    'The codes v1v2, MAJ and ACQ: a value outside the list is a [modelled] warning.',
  ),
});
