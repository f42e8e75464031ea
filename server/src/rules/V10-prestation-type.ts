/**
 * V10 — Prestation type: vague 2 (`v2` in the IMG example of seed 000) or vague 1 + vague 2; DRIMbox: MAJ
 * (update) or ACQ (acquisition) (sources 000, 001). Allowed values are the schema's enumeration (`x-rule: V10`).
 */
import { enumRule } from './enumRule';
import { L } from './util';

export const V10 = enumRule({ id: 'V10', title: L('Type de prestation', 'Prestation type'), sources: ['000', '001'], severity: 'error', fixable: true });
