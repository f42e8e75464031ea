/** U3 — IMG-DB: one order per client SIREN; an AM number or FINESS géographique in one order only (source 003). */
import { uniquenessRule } from './uniquenessRule';
import { L } from './util';

export const U3 = uniquenessRule(
  'U3',
  L('DRIMbox : un SIREN, un AM, un FINESS géographique par commande', 'DRIMbox: one SIREN, AM, geographic FINESS per order'),
  ['003'],
  {
    stated: L(
      'DRIMbox : une commande par SIREN client, un n° AM ou FINESS géographique dans une seule commande (003).',
      'DRIMbox: one order per client SIREN, an AM number or geographic FINESS in one order only (003).',
    ),
  },
);
