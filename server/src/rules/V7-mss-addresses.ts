/** V7 — MSS addresses (MSS Pro, MSS Citoyen) are complete e-mail addresses of the sending mailbox; a bare domain is rejected (sources 002, 004). */
import { checkMssAddress } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const V7 = valueRule(
  { id: 'V7', title: L('Adresses MSS complètes', 'Complete MSS addresses'), sources: ['002', '004'], severity: 'error', fixable: true },
  [{ check: 'mss', slug: 'mss', label: L('Adresse MSS', 'MSS address'), run: checkMssAddress }],
);
