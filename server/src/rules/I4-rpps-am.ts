/**
 * I4 — RPPS: 11 digits with a Luhn key; AM numbers (a doctor may have several, one per practice place), 9 digits
 * whose Luhn key is only weakly verified, hence a warning (sources 003, 004; docs/identifiers.md §4, §7).
 */
import { checkRpps, checkAm } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const I4 = valueRule(
  {
    id: 'I4',
    title: L('RPPS et n° AM valides', 'Valid RPPS and AM numbers'),
    sources: ['003', '004'],
    severity: 'error',
    fixable: true,
    stated: L(
      "RPPS de 11 chiffres ; n° AM, un par lieu d'exercice (003, 004) ; la clé du RPPS vient de la norme du RPPS (référence rpps-key).",
      'RPPS of 11 digits; AM numbers, one per practice place (003, 004); the RPPS key comes from the RPPS standard (reference rpps-key).',
    ),
    modelled: L(
      "La clé des n° AM, qu'aucune norme publique ne donne, lue sur des numéros réels seulement : un avertissement [modélisé].",
      'The key of AM numbers, which no public standard gives, read from real numbers only: a [modelled] warning.',
    ),
  },
  [
    { check: 'rpps', slug: 'rpps', label: L('N° RPPS', 'RPPS number'), run: checkRpps },
    { check: 'am', slug: 'am', label: L('N° Assurance Maladie', 'Assurance Maladie number'), run: checkAm, severity: 'warning' },
  ],
);
