/** I3 — SIRET of the supplier: 14 digits, Luhn key, La Poste exception; a SIREN alone is refused (sources 002, 004; docs/identifiers.md §2). */
import { checkSiret } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const I3 = valueRule(
  {
    id: 'I3',
    title: L('SIRET valide', 'Valid SIRET'),
    sources: ['002', '004'],
    severity: 'error',
    fixable: true,
    stated: L(
      "SIRET du fournisseur, 14 chiffres ; un BDC portant le seul SIREN est refusé (002, 004) ; sa clé vient du répertoire SIRENE de l'INSEE (référence sirene-key).",
      'Supplier SIRET, 14 digits; a purchase order with the SIREN alone is refused (002, 004); its key comes from the INSEE SIRENE register (reference sirene-key).',
    ),
  },
  [{ check: 'siret', slug: 'siret', label: L('N° SIRET', 'SIRET number'), run: checkSiret }],
);
