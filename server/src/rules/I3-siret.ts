/** I3 — SIRET of the supplier: 14 digits, Luhn key, La Poste exception; a SIREN alone is refused (sources 002, 004; identifiers.md §2). */
import { checkSiret } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const I3 = valueRule(
  { id: 'I3', title: L('SIRET valide', 'Valid SIRET'), sources: ['002', '004'], severity: 'error', fixable: true },
  [{ check: 'siret', slug: 'siret', label: L('N° SIRET', 'SIRET number'), run: checkSiret }],
);
