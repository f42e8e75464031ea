/** U2 — IMG-RIS: an AM number in one RIS order only; a FINESS géographique in one RIS order per activity (source 003). */
import { uniquenessRule } from './uniquenessRule';
import { L } from './util';

export const U2 = uniquenessRule('U2', L('RIS : un AM / un FINESS géographique par commande', 'RIS: one AM / one geographic FINESS per order'), ['003'], {
  stated: L(
    'RIS : un n° AM dans une seule commande, un FINESS géographique dans une seule commande par activité (003).',
    'RIS: an AM number in one order only, a geographic FINESS in one order per activity (003).',
  ),
});
