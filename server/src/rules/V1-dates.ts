/** V1 — Dates are JJ/MM/AAAA (e.g. 01/12/2025) and real calendar dates (sources 000, 003). Fix: 2025-12-01 → 01/12/2025. */
import { checkDate } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const V1 = valueRule(
  { id: 'V1', title: L('Dates au format JJ/MM/AAAA', 'Dates as JJ/MM/AAAA'), sources: ['000', '003'], severity: 'error', fixable: true },
  [{ check: 'date', slug: 'date', label: L('Date', 'Date'), run: checkDate }],
);
