/** V1 — Dates are JJ/MM/AAAA (e.g. 01/12/2025) and real calendar dates (sources 000, 003). Fix: 2025-12-01 → 01/12/2025. */
import { checkDate } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const V1 = valueRule(
  {
    id: 'V1',
    title: L('Dates au format JJ/MM/AAAA', 'Dates as JJ/MM/AAAA'),
    sources: ['000', '003'],
    severity: 'error',
    fixable: true,
    stated: L("Dates au format JJ/MM/AAAA dans l'exemple 000 et le webinaire 003.", 'Dates as JJ/MM/AAAA in the 000 example and the 003 webinar.'),
    modelled: L(
      'Le format de dateCommande en vague 1 (csv2json ne le montre pas) : avertissement [modélisé].',
      'The format of dateCommande in vague 1 (csv2json does not show it): a [modelled] warning.',
    ),
  },
  [{ check: 'date', slug: 'date', label: L('Date', 'Date'), run: checkDate }],
);
