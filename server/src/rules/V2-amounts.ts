/**
 * V2 — Amounts are numbers in euros with at most 2 decimals (e.g. 1250.00), never strings (sources 000, 004;
 * ANS: plafonds published "toujours avec 2 décimales"). A string holding a plain amount is rewritten as the
 * number (same digits); an amount with 3 decimals is not rounded automatically (money: the user decides).
 */
import type { Rule } from '../engine/rule-api';
import { checkAmount } from '../identifiers';
import { L, fix, replaceNode, capitalize } from './util';

export const V2: Rule = {
  meta: {
    id: 'V2',
    title: L('Montants : nombres à 2 décimales au plus', 'Amounts: numbers with at most 2 decimals'),
    sources: ['000', '004'],
    severity: 'error',
    fixable: true,
    stated: L(
      "Montants en euros à 2 décimales (1250.00 dans l'exemple 000 ; FAQ 004).",
      'Amounts in euros with 2 decimals (1250.00 in the 000 example; FAQ 004).',
    ),
    messages: {
      string: L(
        'Montant écrit comme une chaîne : écrivez le nombre sans guillemets (ex. 1250.00).',
        'Amount written as a string: write the number without quotes (e.g. 1250.00).',
      ),
      invalid: L('{hint}.', 'Invalid amount: {hintEn}.'),
    },
  },
  stage: 'value',
  create(ctx) {
    return {
      checks: {
        amount(v) {
          const n = v.node;
          if (n.type === 'string') {
            const s = (n.value as string).trim().replace(/\s/g, '');
            const normalized = s.replace(',', '.');
            const fixable = /^\d+(\.\d{1,2})?$/.test(normalized);
            ctx.report({
              messageId: 'string',
              slug: 'string',
              node: n,
              basis: 'check',
              fix: fixable ? fix(L(`Écrire ${normalized}`, `Write ${normalized}`), [replaceNode(n, normalized)]) : undefined,
            });
            return;
          }
          if (n.type !== 'number') return;
          // A number the check accepts is fine however it is written; otherwise the written text decides the
          // decimals (1250.00 is fine even though the number is 1250). The text is read only then.
          const byValue = checkAmount(n.value as number);
          const r =
            byValue.ok || !(/^-?\d+(\.\d{1,2})?$/.test(ctx.text.substr(n.offset, n.length)) && (n.value as number) >= 0) ? byValue : { ok: true as const };
          if (!r.ok) {
            const hintEn = (n.value as number) < 0 ? 'negative' : 'more than 2 decimals or not a plain number';
            ctx.report({ messageId: 'invalid', slug: 'amount', args: { hint: capitalize(r.hint ?? 'montant invalide'), hintEn }, node: n, basis: 'check' });
          }
        },
      },
    };
  },
};
