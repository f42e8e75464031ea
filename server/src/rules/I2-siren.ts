/** I2 — SIREN: 9 digits, Luhn key (client identity in IMG; pilot identifier for RIS va2) (sources 000, 003; docs/identifiers.md §1). */
import { checkSiren } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const I2 = valueRule(
  {
    id: 'I2',
    title: L('SIREN valide', 'Valid SIREN'),
    sources: ['000', '003'],
    severity: 'error',
    fixable: true,
    stated: L('SIREN de 9 chiffres avec clé de Luhn (000, 003).', 'SIREN of 9 digits with a Luhn key (000, 003).'),
  },
  [{ check: 'siren', slug: 'siren', label: L('N° SIREN', 'SIREN number'), run: checkSiren }],
);
