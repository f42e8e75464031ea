/**
 * Shared shape of the rules on enumerated values marked `x-rule: <id>` in schemas/ (V9, V10): a value outside the
 * list is reported with the list; when it differs from one allowed value only by accents, case or blanks, the
 * fix writes the allowed value.
 */
import type { Rule } from './types';
import type { Localized } from '../engine/types';
import { L, pointerOf, fix, replaceNode, enumMatch } from './util';

export function enumRule(meta: Omit<Rule['meta'], 'messages'>, extra: Record<string, Localized> = {}, special?: (value: string, allowed: unknown[], path: (string | number)[]) => string | undefined): Rule {
  return {
    meta: {
      ...meta,
      messages: {
        notAllowed: L('« {value} » n\'est pas une valeur autorisée. Valeurs possibles : {allowed}.', '"{value}" is not an allowed value. Allowed values: {allowed}.'),
        ...extra,
      },
    },
    stage: 'value',
    create(ctx) {
      return {
        only: { scalar: (s) => s !== undefined && s['x-rule'] === meta.id && Array.isArray(s.enum) },
        scalar(v) {
          const s = v.schema;
          if (!s || s['x-rule'] !== meta.id || !s.enum || v.type !== 'string') return;
          const value = v.value as string;
          if (s.enum.includes(value)) return;
          const target = enumMatch(value, s.enum);
          // A pure case or blank difference is reported (and fixed) by S6 / S8.
          if (s.enum.some((a) => typeof a === 'string' && a.toLowerCase() === value.trim().toLowerCase())) return;
          const specialId = special?.(value, s.enum, v.path);
          const messageId = specialId ?? 'notAllowed';
          ctx.report({
            messageId,
            args: { value, allowed: s.enum.map((a) => JSON.stringify(a)).join(', ') },
            node: v.node,
            pointer: pointerOf(v.path),
            // A value outside the list rests on the list (its provenance); a special case on the rule's own source.
            basis: specialId ? undefined : 'value',
            fix: target ? fix(L(`Écrire « ${target} »`, `Write "${target}"`), [replaceNode(v.node, JSON.stringify(target))]) : undefined,
          });
        },
      };
    },
  };
}
