/**
 * S9 — One JSON holds at most 200 requests; one line in anomaly rejects the whole file (source 004: "Un JSON
 * peut regrouper jusqu'à 200 demandes"). The limit is data: `maxRequestsPerFile` in schemas/sons.json.
 */
import { SONS_TABLE, LINES_KEY, type Rule } from '../engine/rule-api';
import { L, ownerSpan, numberText } from './util';

export const S9: Rule = {
  meta: {
    id: 'S9',
    title: L('200 demandes au plus par fichier', 'At most 200 requests per file'),
    sources: ['004'],
    severity: 'error',
    fixable: false,
    stated: L("« Un JSON peut regrouper jusqu'à 200 demandes » (004).", '"A JSON may group up to 200 requests" (004).'),
    modelled: L(
      "Au-delà de 10 Mo, seuls la syntaxe et le nombre de demandes sont vérifiés : une limite de l'outil, pas du portail.",
      'Above 10 MB only the syntax and the number of requests are checked: a limit of the tool, not of the portal.',
    ),
    messages: {
      tooMany: L(
        '{count} demandes dans ce fichier : le portail en accepte {max} au plus. Répartissez-les en plusieurs fichiers.',
        '{count} requests in this file: the portal accepts at most {max}. Split them into several files.',
      ),
    },
  },
  stage: 'structure',
  create(ctx) {
    const max = SONS_TABLE.maxRequestsPerFile;
    return {
      only: { array: (s) => s === ctx.schema?.properties?.[LINES_KEY] },
      array(v) {
        if (v.path.length !== 1 || v.path[0] !== LINES_KEY) return;
        const count = v.node.children?.length ?? 0;
        if (count <= max) return;
        // Counts the message states, in each language's typography (« 1 500 demandes », "1,500 requests").
        ctx.report({ messageId: 'tooMany', args: { count: numberText(count), max: numberText(max) }, ...ownerSpan(v) });
      },
    };
  },
};
