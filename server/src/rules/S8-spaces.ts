/**
 * S8 — No extra spaces: leading/trailing blanks in values, blanks inside keys (source 004: "des espaces en
 * trop" among the main format problems).
 */
import type { Rule } from '../engine/rule-api';
import { L, fix, replaceNode, reportRenames } from './util';

export const S8: Rule = {
  meta: {
    id: 'S8',
    title: L("Pas d'espaces en trop", 'No extra spaces'),
    sources: ['004'],
    severity: 'error',
    fixable: true,
    stated: L('« des espaces en trop » parmi les problèmes de format (004).', '"extra spaces" among the format problems (004).'),
    messages: {
      value: L(
        'Espaces en trop au début ou à la fin de la valeur : le portail rejette le fichier.',
        'Extra spaces at the start or end of the value: the portal rejects the file.',
      ),
      key: L('Balise « {key} » : espaces en trop, le modèle écrit « {target} ».', 'Key "{key}": extra spaces, the template spells it "{target}".'),
    },
  },
  stage: 'value',
  create(ctx) {
    return {
      only: { object: 'keys-differ' },
      object(v) {
        reportRenames(ctx, v, 'space', 'key', 'key', null);
      },
      scalar(v) {
        if (v.type !== 'string') return;
        const s = v.value as string;
        // Blanks at either end (the characters String.prototype.trim removes).
        if (s.length === 0 || s.trim().length === s.length) return;
        ctx.report({
          messageId: 'value',
          slug: 'value',
          node: v.node,
          fix: fix(L('Supprimer les espaces en trop', 'Remove the extra spaces'), [replaceNode(v.node, JSON.stringify(s.trim()))]),
        });
      },
    };
  },
};
