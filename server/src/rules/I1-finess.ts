/** I1 — FINESS (juridique, géographique, PMSI): 9 characters with a Luhn key, Corsica 2A/2B (sources 000, 003, 004; docs/identifiers.md §3). */
import { checkFiness } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const I1 = valueRule(
  {
    id: 'I1',
    title: L('FINESS valide', 'Valid FINESS'),
    sources: ['000', '003', '004'],
    severity: 'error',
    fixable: true,
    stated: L('FINESS de 9 caractères avec clé de Luhn, Corse 2A/2B (000, 003, 004 ; identifiers.md).', 'FINESS of 9 characters with a Luhn key, Corsica 2A/2B (000, 003, 004; identifiers.md).'),
  },
  [{ check: 'finess', slug: 'finess', label: L('N° FINESS', 'FINESS number'), run: checkFiness }],
);
