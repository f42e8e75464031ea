/**
 * What a finding rests on (a seed, our model, the template), decided from the schema annotations the finding depends
 * on, never by hand per rule (docs/schema-format.md, « Provenance »):
 * - `x-provenance` of a key: where the key itself (its name, place, presence) comes from: `confirmed:<ids>` →
 *   `source`, `modelled` (or a schema root's `partial`) → `model`, `learned:<file>` (segur-json learn-template) →
 *   `template`. A node without one inherits its closest ancestor's (an array's items, a `$ref` kept as is).
 * - `x-provenance-values` of a key: where its value constraints (type, enumeration, pattern, the format an `x-check`
 *   expects there) come from, when they differ from the key's (a key seen in a seed whose list of values is ours).
 * A rule says which part of the schema a finding rests on (its `basis`, engine/rule-api.ts ReportInput), the engine reads
 * the annotations: `key` (the key at the finding's pointer), `value` (its value constraints), `object` (the set and
 * order of the keys of the object holding it), `check` (a check of the rule's own, from its sources, unless the
 * key's values are annotated otherwise), `keyset` (that the object holding it has no other keys: no source shows a
 * complete block, 000's example is an excerpt, so this rests on the model unless the object's `x-provenance-keyset`
 * names a source, or on the official template loaded). Without a basis a finding rests on the rule's own sources.
 * Pure: no I/O.
 */
import type { Basis, Localized, Provenance, Severity } from '../shared/types';
import type { SchemaNode } from './schemaData';

export type { Basis };

/** A schema annotation as a provenance; undefined for an absent or unreadable one. */
export function parseProvenance(p: unknown): Provenance | undefined {
  if (p && typeof p === 'object' && !Array.isArray(p)) return parseProvenance((p as { status?: unknown }).status);
  if (typeof p !== 'string' || p.trim() === '') return undefined;
  const s = p.trim();
  if (s.startsWith('confirmed:')) {
    const sources = s
      .slice('confirmed:'.length)
      .split(/[,+]/)
      .map((x) => x.trim())
      .filter(Boolean);
    return sources.length > 0 ? { kind: 'source', sources } : { kind: 'model' };
  }
  if (s.startsWith('learned:')) return { kind: 'template' };
  // `modelled`, a root's `partial`, or anything not saying confirmed: our model.
  return { kind: 'model' };
}

/** The JSON pointer of a path of the document (`['lignesImport', 0, 'VA']` → `/lignesImport/0/VA`). */
export function pointerOf(path: readonly (string | number)[]): string {
  let s = '';
  for (const seg of path) s += '/' + String(seg).replace(/~/g, '~0').replace(/\//g, '~1');
  return s;
}

/** Splits a JSON pointer (`/lignesImport/0/VA`, optionally `#suffix`) into path segments. */
export function pointerPath(pointer: string): (string | number)[] {
  const p = pointer.split('#')[0];
  if (!p) return [];
  return p
    .slice(1)
    .split('/')
    .map((s) => {
      const u = s.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(u) ? Number(u) : u;
    });
}

/**
 * The provenance of a finding on the value at `path` of the document, resting on the `basis` part of `schema` (a
 * `source` finding names the rule's sources and the schema's).
 * `template`: the schema is an official template the user loaded (then the structure rests on it). `rule`: the
 * rule's own sources (for `check`, and a finding without schema basis).
 */
export function provenanceAt(schema: SchemaNode | undefined, path: (string | number)[], basis: Basis, template: boolean, rule: Provenance): Provenance {
  const target = basis === 'object' || basis === 'keyset' ? path.slice(0, -1) : path;
  let node = schema;
  let nearest = node ? node['x-provenance'] : undefined;
  let reached = node !== undefined;
  for (const seg of target) {
    const next: SchemaNode | undefined = typeof seg === 'number' ? node?.items : node?.properties?.[seg];
    if (!next) {
      reached = false;
      break;
    }
    node = next;
    if (node['x-provenance'] !== undefined) nearest = node['x-provenance'];
  }
  if (basis === 'keyset') {
    if (template) return { kind: 'template' };
    return withRule((reached && node ? parseProvenance(node['x-provenance-keyset']) : undefined) ?? { kind: 'model' }, rule);
  }
  const values = reached && node ? parseProvenance(node['x-provenance-values']) : undefined;
  if (basis === 'check') return values ?? rule;
  if (basis === 'value' && values) return withRule(values, rule);
  if (template) {
    // A learned template keeps the model's annotations of the values it copied (learnTemplate.ts); its keys are its own.
    return { kind: 'template' };
  }
  return withRule(parseProvenance(nearest) ?? { kind: 'model' }, rule);
}

/**
 * A finding confirmed by the schema rests on the rule's statement too (S7: the order matters, 004; the order of this
 * block, 000): the rule's sources first, then the schema's.
 */
function withRule(p: Provenance, rule: Provenance): Provenance {
  if (p.kind !== 'source') return p;
  return { kind: 'source', sources: [...new Set([...(rule.sources ?? []), ...(p.sources ?? [])])] };
}

/** What the tool's own notices rest on (an internal error, the size limit): no source document. */
export function toolProvenance(): Provenance {
  return { kind: 'source', sources: [] };
}

/** The rule's own sources as a provenance. */
export function ruleProvenance(sources: readonly string[]): Provenance {
  return { kind: 'source', sources: [...sources] };
}

const RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/** The severity of a `model` finding: its rule's, capped by CheckOptions.modelledSeverity (default `warning`). */
export function modelledLevel(level: Severity, cap: Severity | 'off' = 'warning'): Severity | 'off' {
  if (cap === 'off') return 'off';
  return RANK[level] > RANK[cap] ? cap : level;
}

/** What a `model` finding's message ends with: it is modelled, and how to check it against the official template. */
export const MODELLED_NOTE: Localized = {
  fr: "structure modélisée : à vérifier sur le modèle officiel de l'ASP — `segur-json learn-template`, réglage `segur.templates.folder`",
  en: 'modelled structure: check against the official ASP template — `segur-json learn-template`, setting `segur.templates.folder`',
};

/** A message with the modelled note: « … (structure modélisée : …). » */
export function withModelledNote(m: Localized): Localized {
  const add = (text: string, note: string) => {
    const t = text.trimEnd();
    return t.endsWith('.') ? `${t.slice(0, -1)} (${note}).` : `${t} (${note})`;
  };
  return { fr: add(m.fr, MODELLED_NOTE.fr), en: add(m.en, MODELLED_NOTE.en) };
}

/** Severity overrides, then the cap of `model` findings: the level of a finding, or `off`. */
export function findingLevel(
  code: string,
  ruleId: string,
  level: Severity,
  provenance: Provenance,
  overrides: Record<string, Severity | 'off'>,
  modelled: Severity | 'off' | undefined,
): Severity | 'off' {
  const explicit = overrides[code] ?? overrides[ruleId];
  if (explicit !== undefined) return explicit;
  return provenance.kind === 'model' ? modelledLevel(level, modelled) : level;
}

/** Which message of a rule a finding shows: its `<id>@model` variant for a `model` finding when the rule has one. */
export function messageFor(messages: Record<string, Localized>, id: string, provenance: Provenance): Localized | undefined {
  return (provenance.kind === 'model' ? messages[`${id}@model`] : undefined) ?? messages[id];
}
