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
    stated: L(
      "SIREN de 9 chiffres (000, 003) ; sa clé de Luhn vient du répertoire SIRENE de l'INSEE (référence sirene-key).",
      'SIREN of 9 digits (000, 003); its Luhn key comes from the INSEE SIRENE register (reference sirene-key).',
    ),
  },
  [{ check: 'siren', slug: 'siren', label: L('N° SIREN', 'SIREN number'), run: checkSiren }],
);
