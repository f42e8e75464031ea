/**
 * Shared shape of the rules on enumerated values marked `x-rule: <id>` in schemas/ (V9, V10): a value outside the
 * list is reported with the list; when it differs from one allowed value only by accents, case or blanks, the
 * fix writes the allowed value. A list whose values are our model (`x-provenance-values: modelled`, e.g. the
 * spellings of `typeActivite` beyond the « Radiologie » of seed 000) gives a warning that says the list is modelled,
 * with the expected values: the official template may admit others.
 */
import type { Rule, RuleContext, Visit, Localized, SchemaNode } from '../engine/rule-api';
import { L, fix, replaceNode, enumMatch } from './util';

/** True when the schema's values (enumeration, pattern, format) are our model while the key may be confirmed. */
export function modelledValues(schema: SchemaNode | undefined): boolean {
  return schema?.['x-provenance-values'] === 'modelled';
}

export const ENUM_MESSAGES = {
  notAllowed: L("« {value} » n'est pas une valeur autorisée. Valeurs possibles : {allowed}.", '"{value}" is not an allowed value. Allowed values: {allowed}.'),
  // The variant a `model` finding shows (engine/schema/provenance.ts messageFor): the list is ours, not the ASP's.
  'notAllowed@model': L(
    "« {value} » n'est pas une valeur de notre modèle : valeurs attendues {allowed} (liste modélisée, le modèle officiel de l'ASP peut en admettre d'autres).",
    '"{value}" is not a value of our model: expected {allowed} (modelled list, the official ASP template may admit others).',
  ),
};

/**
 * Reports a string value outside its schema's enumeration (the visitor of enumRule, also used by V8 for
 * `typeFichier`). Pure case or blank differences are left to S6 / S8.
 */
export function reportEnumValue(
  ctx: RuleContext,
  v: Visit,
  special?: (value: string, allowed: unknown[], path: (string | number)[]) => string | undefined,
  slug?: string,
): void {
  const s = v.schema;
  if (!s || !s.enum || v.type !== 'string') return;
  const value = v.value as string;
  if (s.enum.includes(value)) return;
  const target = enumMatch(value, s.enum);
  // A pure case or blank difference is reported (and fixed) by S6 / S8.
  if (s.enum.some((a) => typeof a === 'string' && a.toLowerCase() === value.trim().toLowerCase())) return;
  const specialId = special?.(value, s.enum, v.path);
  const modelled = specialId === undefined && modelledValues(s);
  ctx.report({
    // A value outside a modelled list is a `model` finding (basis `value`, x-provenance-values): the engine shows
    // `notAllowed@model` and caps it at a warning (CheckOptions.modelledSeverity).
    messageId: specialId ?? 'notAllowed',
    slug,
    args: { value, allowed: s.enum.map((a) => JSON.stringify(a)).join(', ') },
    node: v.node,
    // A value outside the list rests on the list (its provenance); a special case on the rule's own source.
    basis: specialId ? undefined : 'value',
    // A modelled spelling is only offered, never applied by « fix all »: the official one may be the user's.
    fix: target ? fix(L(`Écrire « ${target} »`, `Write "${target}"`), [replaceNode(v.node, JSON.stringify(target))], !modelled) : undefined,
  });
}

export function enumRule(
  meta: Omit<Rule['meta'], 'messages'>,
  extra: Record<string, Localized> = {},
  special?: (value: string, allowed: unknown[], path: (string | number)[]) => string | undefined,
): Rule {
  return {
    meta: { ...meta, messages: { ...ENUM_MESSAGES, ...extra } },
    stage: 'value',
    create(ctx) {
      return {
        only: { scalar: (s) => s !== undefined && s['x-rule'] === meta.id && Array.isArray(s.enum) },
        scalar(v) {
          if (v.schema?.['x-rule'] !== meta.id) return;
          reportEnumValue(ctx, v, special);
        },
      };
    },
  };
}
