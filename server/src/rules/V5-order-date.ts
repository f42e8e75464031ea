/**
 * V5 — `dateCommande` is the date the client signed the purchase order (source 004): a signed order cannot be
 * dated in the future. Modelled check (the portal's exact control is not public): a warning.
 */
import type { Rule } from '../engine/rule-api';
import { L, pointerOf } from './util';

const FR_DATE = /^\d{2}\/\d{2}\/\d{4}$/;

/** The digits of `s` from `from` to `to` as a number (ASCII digits: checked by FR_DATE). */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/**
 * `JJ/MM/AAAA` as a UTC time in ms (Date.UTC rolls an impossible day over, as before), else undefined. No match array,
 * no substrings: it runs on every request line's order date.
 */
function parseFr(s: string): number | undefined {
  if (!FR_DATE.test(s)) return undefined;
  return Date.UTC(digits(s, 6, 10), digits(s, 3, 5) - 1, digits(s, 0, 2));
}

export const V5: Rule = {
  meta: {
    id: 'V5',
    title: L('Date de commande = signature du bon de commande', 'Order date = purchase order signature'),
    sources: ['004'],
    severity: 'warning',
    fixable: false,
    stated: L(
      'dateCommande est la date à laquelle le client a signé le bon de commande (004).',
      'dateCommande is the date the client signed the purchase order (004).',
    ),
    modelled: L("« Pas dans le futur » est une déduction, d'où un avertissement.", '"Not in the future" is an inference, hence a warning.'),
    messages: {
      future: L(
        "« {key} » est dans le futur : c'est la date à laquelle le client a signé le bon de commande.",
        '"{key}" is in the future: it is the date the client signed the purchase order.',
      ),
    },
  },
  stage: 'value',
  create(ctx) {
    const today = Date.UTC(ctx.today.getUTCFullYear(), ctx.today.getUTCMonth(), ctx.today.getUTCDate());
    return {
      checks: {
        date(v) {
          // The order date by meaning (x-role orderDate of schemas/vocabulary.json), whatever the template names it.
          if (v.schema?.['x-role'] !== 'orderDate' || v.type !== 'string') return;
          const d = parseFr(v.value as string);
          if (d !== undefined && d > today)
            ctx.report({ messageId: 'future', args: { key: String(v.path[v.path.length - 1]) }, node: v.node, pointer: pointerOf(v.path) + '#future' });
        },
      },
    };
  },
};
