/** U2 — IMG-RIS: an AM number in one RIS order only; a FINESS géographique in one RIS order per activity (source 003). */
import { uniquenessRule } from './uniquenessRule';
import { L } from './util';

export const U2 = uniquenessRule('U2', L('RIS : un AM / un FINESS géographique par commande', 'RIS: one AM / one geographic FINESS per order'), ['003']);
