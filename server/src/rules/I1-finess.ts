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
    stated: L(
      "FINESS de 9 caractères (000, 003, 004) ; sa clé de Luhn, Corse 2A/2B, vient de la norme du FINESS, qu'aucune source du financement ne donne (référence finess-key).",
      'FINESS of 9 characters (000, 003, 004); its Luhn key, Corsica 2A/2B, comes from the FINESS standard, which no funding source gives (reference finess-key).',
    ),
  },
  [{ check: 'finess', slug: 'finess', label: L('N° FINESS', 'FINESS number'), run: checkFiness }],
);
