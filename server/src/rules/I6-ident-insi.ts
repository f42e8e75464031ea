/** I6 — IdentINSi (HOP-RI): exactly one FINESS, even when the client has several sites (source 004 FAQ). */
import { checkIdentInsi } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const I6 = valueRule(
  {
    id: 'I6',
    title: L('IdentINSi : un seul FINESS', 'IdentINSi: a single FINESS'),
    sources: ['004'],
    severity: 'error',
    fixable: true,
    stated: L(
      'IdentINSi : un seul FINESS, même quand le client a plusieurs sites (004).',
      'IdentINSi: a single FINESS, even when the client has several sites (004).',
    ),
  },
  [{ check: 'identINSi', slug: 'ident-insi', label: L('IdentINSi', 'IdentINSi'), run: checkIdentInsi }],
);
