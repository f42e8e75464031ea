/** Small helpers shared by the rules: ranges, and the text edits of their fixes (computed, never lossy). */
import {
  getPropertyValue,
  propKey,
  keyWithRole,
  templateKeys,
  textStyle,
  templateValue,
  pointerOf,
  type JsonNode,
  type Fix,
  type Localized,
  type TextEdit,
  type SchemaNode,
  type KeyAnalysis,
  type ObjectVisit,
  type RuleContext,
  type Visit,
} from '../engine/rule-api';
// Text style and skeletons are shared with completion and snippets: they live in the core (engine/check/textStyle.ts).
export { textStyle, templateValue } from '../engine/rule-api';

export const L = (fr: string, en: string): Localized => ({ fr, en });

// Numbers the messages state themselves are written per language (shared with the rules across files).
export { numberText } from '../engine/rule-api';

// A path as a JSON pointer: the engine's own (a report's default pointer is the visited value's, made by it).
export { pointerOf };

/** The smallest span that names an object: its key when it has one, else its opening brace. */
export function ownerSpan(v: Visit): { offset: number; length: number } {
  if (v.prop) {
    const k = v.prop.children![0];
    return { offset: k.offset, length: k.length };
  }
  return { offset: v.node.offset, length: 1 };
}

export function keyNodeOf(prop: JsonNode): JsonNode {
  return prop.children![0];
}

export function fix(title: Localized, edits: TextEdit[], safe = true): Fix {
  return { title, edits, safe };
}

export function replaceNode(node: JsonNode, newText: string): TextEdit {
  return { offset: node.offset, length: node.length, newText };
}

/** Whitespace before `offset` on its line, when only whitespace precedes it. */
export function indentAt(text: string, offset: number): string | undefined {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  if (i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r') return text.slice(i, offset);
  return undefined;
}

/**
 * Edit inserting the missing `key` of object `obj` at its template position: after the closest present key that
 * comes before it in the template, else before the first property. In an empty object the whole skeleton of
 * missing keys replaces the braces (the same edit for each missing key, made once: "fix all" applies it once, as
 * two edits of the same span overlap); past SKELETON_KEYS missing keys, each key's fix writes only that key (the
 * skeleton in every fix would make the findings quadratic in size).
 * Linear in the keys: each present key's template rank is looked up once per object, not once per
 * missing key.
 * A present key that the key analysis explains as a template key (`unknown` with a target: a case, plural, blank
 * or spelling variant, which S5/S6/S8/S1 rename) is placed as that key, as S7 ranks it: the insertion then needs no
 * reordering once the key is renamed.
 */
export function insertKeyEdit(text: string, obj: JsonNode, schema: SchemaNode, key: string, missing: string[], unknown: KeyAnalysis['unknown'] = []): TextEdit {
  const style = textStyle(text);
  const props = obj.children ?? [];
  const objIndent = indentAt(text, obj.offset) ?? (obj.parent?.type === 'property' ? indentAt(text, obj.parent.offset) : undefined) ?? '';
  if (props.length === 0) {
    const inner = objIndent + style.unit;
    const entry = (k: string) => `${inner}${JSON.stringify(k)}: ${templateValue(schema.properties![k], inner, style)}`;
    const braces = (body: string) => ({ offset: obj.offset, length: obj.length, newText: `{${style.nl}${body}${style.nl}${objIndent}}` });
    if (missing.length > SKELETON_KEYS) return braces(entry(key));
    const done = skeletons.get(obj);
    if (done && done.missing === missing) return done.edit;
    const edit = braces(missing.map(entry).join(',' + style.nl));
    skeletons.set(obj, { missing, edit });
    return edit;
  }
  const before = keysBefore(obj, props, schema, unknown);
  const idx = before.rank.get(key) ?? -1;
  const prev = idx >= 0 ? before.prev[idx] : undefined;
  const anchor = prev ?? props[0];
  const indent = indentAt(text, anchor.offset);
  const sep = indent === undefined ? ' ' : style.nl + indent;
  const value = templateValue(schema.properties![key], indent ?? objIndent, style);
  const entry = `${JSON.stringify(key)}: ${value}`;
  if (prev) return { offset: prev.offset + prev.length, length: 0, newText: `,${sep}${entry}` };
  return { offset: anchor.offset, length: 0, newText: `${entry},${sep}` };
}

/** Missing keys of an empty object beyond which each fix inserts its own key only. */
export const SKELETON_KEYS = 200;

const skeletons = new WeakMap<JsonNode, { missing: string[]; edit: TextEdit }>();
const before = new WeakMap<JsonNode, { schema: SchemaNode; rank: ReadonlyMap<string, number>; prev: (JsonNode | undefined)[] }>();

/**
 * For each template rank r, the present property of `obj` with the highest rank below r (the first one in the
 * document for a key written twice): where a missing key of rank r is inserted. Made once per object.
 */
function keysBefore(obj: JsonNode, props: JsonNode[], schema: SchemaNode, unknown: KeyAnalysis['unknown']) {
  const hit = before.get(obj);
  if (hit && hit.schema === schema) return hit;
  const { order, rank } = templateKeys(schema);
  const alias = new Map<string, string>();
  for (const u of unknown) if (u.target) alias.set(u.key, u.target);
  const at: (JsonNode | undefined)[] = new Array(order.length);
  for (const p of props) {
    const k = propKey(p);
    const r = rank.get(alias.get(k) ?? k);
    if (r !== undefined && at[r] === undefined) at[r] = p;
  }
  const prev: (JsonNode | undefined)[] = new Array(order.length);
  let last: JsonNode | undefined;
  for (let r = 0; r < order.length; r++) {
    prev[r] = last;
    if (at[r] !== undefined) last = at[r];
  }
  const entry = { schema, rank, prev };
  before.set(obj, entry);
  return entry;
}

/** Rename a key, keeping its value untouched. */
export function renameKeyEdit(prop: JsonNode, newKey: string): TextEdit {
  return replaceNode(keyNodeOf(prop), JSON.stringify(newKey));
}

/** Removes accents, case and blanks, to compare enumerated values. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();
}

/** A character that `fold` removes, among ASCII ones: `\s` (tab, LF, VT, FF, CR, space), `_` and `-`. */
const foldDrops = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 95 || c === 45;

/** A character code lower-cased as `fold` does for ASCII. */
const lowerAscii = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * The index of the first character of `s` from `i` that `fold` keeps (`s.length` when none is left), or -1 when a
 * non-ASCII character comes first (only `fold` itself knows what it becomes).
 */
function nextKept(s: string, i: number): number {
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return -1;
    if (!foldDrops(c)) return i;
  }
  return s.length;
}

/**
 * `fold(a) === fold(b)`, without building either string when both are ASCII (the common case: a per-line comparison
 * of a check then allocates nothing); any other character falls back to `fold` (Unicode normalisation and case).
 */
export function foldEquals(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    i = nextKept(a, i);
    j = nextKept(b, j);
    if (i < 0 || j < 0) return fold(a) === fold(b);
    const x = i < a.length ? lowerAscii(a.charCodeAt(i++)) : -1;
    const y = j < b.length ? lowerAscii(b.charCodeAt(j++)) : -1;
    // The folded prefixes are equal so far and differ here: whatever follows (NFD, mark removal and lower case never
    // change an earlier ASCII character), the folded strings differ.
    if (x !== y) return false;
    if (x === -1) return true;
  }
}

/** `fold(s) === ''` without building the folded string when `s` is ASCII. */
export function foldIsEmpty(s: string): boolean {
  const i = nextKept(s, 0);
  return i < 0 ? fold(s) === '' : i === s.length;
}

/**
 * What a value means when rules compare it across lines (a VAT regime, a rate, a prestation type): a text folded as
 * `fold` does (case, accents, blanks: « ttc », « TTC », «  TTC » are one regime, their spelling is S6's and S8's
 * finding where it is written), a number, or a number written as text (its type is the schema's finding); null and
 * blanks mean nothing (undefined).
 */
export function meaningOf(value: unknown): string | number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  if (t !== '' && /^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  const f = fold(t);
  return f === '' ? undefined : f;
}

export function enumMatch(value: string, allowed: unknown[]): string | undefined {
  const f = fold(value);
  const hits = allowed.filter((a): a is string => typeof a === 'string' && fold(a) === f);
  return hits.length === 1 ? hits[0] : undefined;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Reports the unknown keys of an object that the key analysis explains by `reason` (S5 plural, S6 case, S8 blanks),
 * each with the rename to the template's spelling as a safe fix (the value is untouched). `basis` (provenance): the
 * template key's spelling (`key`, default), or nothing but the rule's sources (`null`: blanks are wrong anywhere).
 */
export function reportRenames(
  ctx: RuleContext,
  v: ObjectVisit,
  reason: 'case' | 'plural' | 'space',
  messageId: string,
  slug?: string,
  basis: 'key' | null = 'key',
): void {
  for (const u of v.keys.unknown) {
    if (u.reason !== reason || !u.target) continue;
    ctx.report({
      messageId,
      slug,
      args: { key: u.key, target: u.target },
      node: keyNodeOf(u.prop),
      pointer: pointerOf([...v.path, u.target]),
      covers: [pointerOf([...v.path, u.key])],
      // The template's spelling of the key is what the finding rests on (unless the rule says otherwise).
      basis: basis ?? undefined,
      fix: fix(L(`Renommer en « ${u.target} »`, `Rename to "${u.target}"`), [renameKeyEdit(u.prop, u.target)]),
    });
  }
}

/**
 * An amount of the file shown in a message as written there: its source text when the rule has it (`source`),
 * else its exact value, never rounded (18733.333 stays 18733.333, where toFixed(2) showed 18733.33 and hid why the
 * amount is refused), with at least two decimals as the files write euros (24500 → 24500.00).
 */
export function amountText(value: number, source?: string): string {
  const raw = source?.trim();
  if (raw !== undefined && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw) && Number(raw) === value) return raw;
  const s = String(value);
  if (!Number.isFinite(value) || /e/i.test(s)) return s;
  const [int, dec = ''] = s.split('.');
  return dec.length >= 2 ? s : `${int}.${dec.padEnd(2, '0')}`;
}

/** Where a rule across files points in the other file (the avance of a solde): one related location. */
export function relatedIn(
  file: string,
  span: { offset: number; length: number },
  message: Localized,
): { file: string; offset: number; length: number; message: Localized }[] {
  return [{ file, offset: span.offset, length: span.length, message }];
}

/**
 * The value of `object`'s property whose schema has the role (`x-role` of schemas/vocabulary.json: `editeur`,
 * `numLigne`, `fileFormat`…), with its key: rules read a value by its meaning, never by a corridor key name, so they
 * hold for a learned template that names it otherwise (by meaning, schemas/vocabulary.json). `schema`: the object's
 * schema node.
 */
export function propertyWithRole(object: JsonNode | undefined, schema: SchemaNode | undefined, role: string): { key: string; value: JsonNode } | undefined {
  const key = keyWithRole(schema, role);
  const value = key === undefined ? undefined : getPropertyValue(object, key);
  return key !== undefined && value ? { key, value } : undefined;
}
