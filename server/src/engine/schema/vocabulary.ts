/**
 * The vocabulary of key meanings (schemas/vocabulary.json, docs/schema-format.md « Vocabulaire »):
 * what a key's name says about its value (`finessGeographique` → a FINESS, role `id:finessGeo`), as data. The bundled
 * schemas get their `x-check` / `x-role` / `x-rule` from it at build time (scripts/vocabulary.mjs, the same matching);
 * a learned template's keys that the bundled model does not know get them here, from their own names, confirmed by
 * the example's value when there is one (learnTemplate.ts). Rules read meanings through those annotations, never a
 * key name (test/engine/schema/vocabulary.test.ts).
 * Pure: no I/O; patterns are compiled once.
 */
import table from '../../../../schemas/vocabulary.json';
import type { SchemaNode } from './schemaData';

export type Annotation = 'x-check' | 'x-role' | 'x-rule';
const SLOTS: readonly Annotation[] = ['x-check', 'x-role', 'x-rule'];

export interface Shape {
  type: 'string' | 'number' | 'integer';
  pattern?: string;
}

export interface MeaningVariant {
  id: string;
  keys: string[];
  'x-check'?: string;
  'x-role'?: string;
  'x-rule'?: string;
}

export interface Meaning extends Omit<MeaningVariant, 'keys'> {
  fr: string;
  en: string;
  keys: string[];
  variants?: MeaningVariant[];
  /** `value` (default): a scalar, or an array of scalars (its items are the values); `block`: an object or array. */
  applies?: 'value' | 'block';
  shape?: Shape;
  source: string;
}

export const VOCABULARY: readonly Meaning[] = (table as unknown as { meanings: Meaning[] }).meanings;

const compiled = VOCABULARY.map((m) => ({
  m,
  keys: m.keys.map((k) => new RegExp(k, 'i')),
  variants: (m.variants ?? []).map((v) => ({ v, keys: v.keys.map((k) => new RegExp(k, 'i')) })),
  shape: m.shape?.pattern !== undefined ? new RegExp(m.shape.pattern, 'u') : undefined,
}));

export interface MeaningMatch {
  meaning: Meaning;
  variant?: MeaningVariant;
  annotations: Partial<Record<Annotation, string>>;
}

/** The meanings a key name carries, in vocabulary order (a variant is read from the rest of the name). */
export function meaningsOfKey(key: string): MeaningMatch[] {
  const out: MeaningMatch[] = [];
  for (const { m, keys, variants } of compiled) {
    for (const r of keys) {
      const hit = r.exec(key);
      if (!hit) continue;
      const rest = key.slice(0, hit.index) + key.slice(hit.index + hit[0].length);
      const variant = variants.find((x) => x.keys.some((k) => k.test(rest)))?.v;
      const annotations: MeaningMatch['annotations'] = {};
      for (const s of SLOTS) {
        const a = variant?.[s] ?? m[s];
        if (a !== undefined) annotations[s] = a;
      }
      out.push({ meaning: m, variant, annotations });
      break;
    }
  }
  return out;
}

const meanings = new Map<string, Set<string>>();

/**
 * Whether a key name carries the meaning `id` (e.g. `liberalDoctors` for `medecinsLiberaux`, `beneficiaries` for
 * `beneficiaires`). Remembered per key name (asked for every value of a line by the summary; bounded).
 */
export function keyMeans(key: string, id: string): boolean {
  let ids = meanings.get(key);
  if (ids === undefined) {
    ids = new Set(meaningsOfKey(key).flatMap((x) => (x.variant ? [x.meaning.id, x.variant.id] : [x.meaning.id])));
    if (meanings.size > 2000) meanings.clear();
    meanings.set(key, ids);
  }
  return ids.has(id);
}

/** Whether an example value has the meaning's shape (null or no value: nothing to contradict it). */
export function fitsShape(meaning: Meaning, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const shape = meaning.shape;
  if (!shape) return typeof value !== 'object';
  if (shape.type === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (shape.type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  if (typeof value !== 'string') return false;
  const r = compiled.find((c) => c.m === meaning)?.shape;
  return r === undefined || r.test(value);
}

const typesOf = (node: SchemaNode | undefined): string[] => (node?.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type]);

/** Whether a schema node's type admits the meaning's values (a boolean `isDirectToMSSPro` is no MSS address). */
function admitsShape(node: SchemaNode | undefined, shape: Shape | undefined): boolean {
  if (!shape) return true;
  const types = typesOf(node);
  if (types.length === 0) return true;
  if (shape.type === 'integer' || shape.type === 'number') return types.includes('number') || types.includes('integer');
  return types.includes(shape.type);
}

const isBlock = (node: SchemaNode | undefined) => typesOf(node).includes('object') || node?.properties !== undefined;
const isScalarArray = (node: SchemaNode) => typesOf(node).includes('array') && !!node.items && !isBlock(node.items) && !typesOf(node.items).includes('array');

export interface KeyAnnotations {
  /** Annotations of the key's node (an array of identifiers: its `x-role` only). */
  node: Partial<Record<Annotation, string>>;
  /** Annotations of its items (an array of identifiers: the values checked). */
  items: Partial<Record<Annotation, string>>;
  /** The meanings that gave them. */
  meanings: Meaning[];
}

/**
 * The annotations a key's name gives to its (learned) schema node, each from the first matching meaning that gives
 * it; `example`: the example's value for the key, when there is one: a meaning whose shape it does not have is
 * dropped (a `finessGeographique` whose example is "abc" gets no FINESS check). An array's items are checked one by one.
 */
export function annotationsForKey(key: string, node: SchemaNode, example?: unknown): KeyAnnotations {
  const arr = isScalarArray(node);
  const valueNode = arr ? node.items : node;
  const block = !arr && (isBlock(node) || typesOf(node).includes('array'));
  const got: Partial<Record<Annotation, string>> = {};
  const meanings: Meaning[] = [];
  const values = arr ? (Array.isArray(example) ? example : []) : [example];
  for (const { meaning, annotations } of meaningsOfKey(key)) {
    const applies = meaning.applies ?? 'value';
    if (applies === 'block' ? !block : block || !admitsShape(valueNode, meaning.shape)) continue;
    if (applies === 'value' && !values.every((v) => fitsShape(meaning, v))) continue;
    let used = false;
    for (const s of SLOTS) {
      if (got[s] === undefined && annotations[s] !== undefined) {
        got[s] = annotations[s];
        used = true;
      }
    }
    if (used) meanings.push(meaning);
  }
  if (!arr) return { node: got, items: {}, meanings };
  return { node: got['x-role'] !== undefined ? { 'x-role': got['x-role'] } : {}, items: { ...got }, meanings };
}

/** The key of `schema.properties` whose value has the role (`editeur`, `numLigne`…), if any. */
export function keyWithRole(schema: SchemaNode | undefined, role: string): string | undefined {
  const props = schema?.properties;
  if (!props) return undefined;
  // Asked for each request line: the keys by role are read once per schema node (schemas are not changed once used).
  let byRole = ROLE_KEYS.get(schema);
  if (!byRole) {
    byRole = new Map();
    for (const k of Object.keys(props)) {
      const r = props[k]?.['x-role'];
      if (typeof r === 'string' && !byRole.has(r)) byRole.set(r, k);
    }
    ROLE_KEYS.set(schema, byRole);
  }
  return byRole.get(role);
}

const ROLE_KEYS = new WeakMap<SchemaNode, Map<string, string>>();
