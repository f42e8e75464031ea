/**
 * V5 — `dateCommande` is the date the client signed the purchase order (source 004): a signed order cannot be
 * dated in the future. Modelled check (the portal's exact control is not public): a warning.
 */
import type { Rule } from './types';
import { L, pointerOf } from './util';

function parseFr(s: string): Date | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  return m ? new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]))) : undefined;
}

export const V5: Rule = {
  meta: {
    id: 'V5',
    title: L('Date de commande = signature du bon de commande', 'Order date = purchase order signature'),
    sources: ['004'],
    severity: 'warning',
    fixable: false,
    stated: L('dateCommande est la date à laquelle le client a signé le bon de commande (004).', 'dateCommande is the date the client signed the purchase order (004).'),
    modelled: L('« Pas dans le futur » est une déduction, d\'où un avertissement.', '"Not in the future" is an inference, hence a warning.'),
    messages: {
      future: L('« {key} » est dans le futur : c\'est la date à laquelle le client a signé le bon de commande.', '"{key}" is in the future: it is the date the client signed the purchase order.'),
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
          if (d && d.getTime() > today) ctx.report({ messageId: 'future', args: { key: String(v.path[v.path.length - 1]) }, node: v.node, pointer: pointerOf(v.path) + '#future' });
        },
      },
    };
  },
};
