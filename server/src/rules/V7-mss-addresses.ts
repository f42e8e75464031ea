/** V7 — MSS addresses (MSS Pro, MSS Citoyen) are complete e-mail addresses of the sending mailbox; a bare domain is rejected (sources 002, 004). */
import { checkMssAddress } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const V7 = valueRule(
  {
    id: 'V7',
    title: L('Adresses MSS complètes', 'Complete MSS addresses'),
    sources: ['002', '004'],
    severity: 'error',
    fixable: true,
    stated: L(
      'Adresse complète de la boîte MSS émettrice, pas un domaine (002, 004) ; facultative pour MDV depuis le 05/04/2023.',
      'Complete address of the sending MSS mailbox, not a domain (002, 004); optional for MDV since 05/04/2023.',
    ),
    modelled: L('Les noms des balises MSS (bloc messagerie modélisé).', 'The MSS key names (modelled messagerie block).'),
  },
  [{ check: 'mss', slug: 'mss', label: L('Adresse MSS', 'MSS address'), run: checkMssAddress }],
);
