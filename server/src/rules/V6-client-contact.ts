/**
 * V6 — `nomClient`, `emailClient`, `telephoneClient` identify the client's legal representative (or delegate)
 * named in the purchase order (source 004): e-mail and phone must be usable; csv2json had to remove spaces from
 * phone numbers (json-formats.md §1.2).
 */
import { checkEmail, checkPhone } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const V6 = valueRule(
  {
    id: 'V6',
    title: L('Coordonnées du représentant du client', 'Contact details of the client\'s representative'),
    sources: ['004', 'csv2json'],
    severity: 'error',
    fixable: true,
    stated: L('nomClient, emailClient, telephoneClient : le représentant légal du client, ou son délégué, nommé dans le BDC (004) ; csv2json retire les espaces des téléphones.', 'nomClient, emailClient, telephoneClient: the client\'s legal representative, or delegate, named in the purchase order (004); csv2json removes the spaces of phone numbers.'),
    modelled: L('La forme exacte acceptée pour un téléphone (avertissement).', 'The exact phone number form accepted (a warning).'),
  },
  [
    { check: 'email', slug: 'email', label: L('Adresse e-mail', 'E-mail address'), run: checkEmail },
    { check: 'phone', slug: 'phone', label: L('N° de téléphone', 'Phone number'), run: checkPhone, severity: 'warning' },
  ],
);
