/**
 * Longer than 500 lines on purpose: one traversal serves both parsers (the fast tape and the full tree) and its key
 * analysis; split, the hot loop would be spread over files that only make sense together.
 *
 * Stage 4: the single traversal. The tree and the expanded schema are walked together once; each rule gets the
 * nodes it asked for (objects with their key analysis, request lines, scalars by `x-check`).
 */
import type { JsonNode, JsonPath, NodeType } from '../syntax/tree';
import { propKey } from '../syntax/tree';
import { type SchemaNode, LINES_KEY } from '../schema/schemaData';
import type { KeyAnalysis, ObjectVisit, RuleVisitors, Visit } from '../shared/types';
import { TapeNode, spanOf, tokenSpan, type TapeDoc } from '../syntax/tape';

const noSpace = (s: string) => s.replace(/\s+/g, '');

/** `pieceJustificative` and `piecesJustificatives` → `piecejustificative`: each camelCase word without its plural s. */
function singular(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_-]+/)
    .map((w) => (w.length > 2 && w.endsWith('s') ? w.slice(0, -1) : w))
    .join('');
}

/** Levenshtein distance bounded by `max` (returns max + 1 when over). */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j] < best) best = cur[j];
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Steps of the spelling search (bounded edit distance) in the analysis of one object. Real objects need a
 * few hundred at most (40 keys, all misspelt: 1 600); a hostile template of N keys against an object of N unknown
 * keys would need N²: past the budget, unknown keys are still reported (S1), only without a spelling suggestion.
 */
export const NEAR_MISS_BUDGET = 4096;

/**
 * The near-miss search of one object's key analysis: which absent template key an unknown key most likely means (S8
 * blanks, S6 case, S5 plural, or a close spelling), each absent key explaining at most one unknown key. The blank, case
 * and plural forms are looked up in maps of the template keys (made once per schema node), each list in template order
 * with a cursor that only moves forward: the analysis of an object is linear in its keys and the template's, where
 * comparing every unknown key with every absent one was quadratic (a template is a user's file, of any size).
 */
class NearMiss {
  private readonly cursors = new Map<string[], number>();
  private budget = NEAR_MISS_BUDGET;
  private start = 0;

  constructor(
    private readonly sk: SchemaKeys,
    private readonly absent: string[],
    private readonly free: (c: string) => boolean,
  ) {}

  /** The first free key of a list of same-form template keys. */
  private first(list: string[] | undefined): string | undefined {
    if (!list) return undefined;
    let i = this.cursors.get(list) ?? 0;
    while (i < list.length && !this.free(list[i])) i++;
    this.cursors.set(list, i);
    return list[i];
  }

  guess(key: string): { target: string; reason: 'case' | 'plural' | 'space' | 'spelling' } | undefined {
    const k = noSpace(key);
    if (k !== key && this.sk.rank.has(k) && this.free(k)) return { target: k, reason: 'space' };
    const kl = k.toLowerCase();
    const forms = formsOf(this.sk);
    const byCase = this.first(forms.lower.get(kl));
    if (byCase) return { target: byCase, reason: k === key ? 'case' : 'space' };
    const byPlural = this.first(forms.singular.get(singular(k)));
    if (byPlural) return { target: byPlural, reason: 'plural' };
    let best: string | undefined;
    let bestD = 3;
    const absent = this.absent;
    // Absent keys explained before `start` stay explained: the scan begins after them.
    while (this.start < absent.length && !this.free(absent[this.start])) this.start++;
    for (let i = this.start; i < absent.length; i++) {
      if (--this.budget < 0) return undefined;
      const c = absent[i];
      if (!this.free(c)) continue;
      const d = distance(kl, forms.lowerOf[this.sk.rank.get(c)!], 2);
      if (d < bestD && d <= Math.max(1, Math.floor(c.length / 6))) {
        bestD = d;
        best = c;
        // No free key is closer than one edit (case-only differences were found above): the first one wins.
        if (d === 1) break;
      }
    }
    return best ? { target: best, reason: 'spelling' } : undefined;
  }
}

/** Which schema key an unknown key most likely means (S8 blanks, S6 case, S5 plural, or a close spelling). */
export function guessKey(key: string, candidates: string[]): { target: string; reason: 'case' | 'plural' | 'space' | 'spelling' } | undefined {
  const properties: Record<string, SchemaNode> = Object.create(null);
  for (const c of candidates) properties[c] = {};
  return new NearMiss(keysOf({ properties }), candidates, () => true).guess(key);
}

interface KeyForms {
  /** Template keys by lower-case form, and by singular form (each list in template order). */
  lower: Map<string, string[]>;
  singular: Map<string, string[]>;
  /** The lower-case form of each key of `order`. */
  lowerOf: string[];
}

function formsOf(sk: SchemaKeys): KeyForms {
  if (sk.forms) return sk.forms;
  const lower = new Map<string, string[]>();
  const sing = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, form: string, key: string) => {
    const list = m.get(form);
    if (list) list.push(key);
    else m.set(form, [key]);
  };
  const lowerOf = sk.order.map((key) => key.toLowerCase());
  sk.order.forEach((key, i) => {
    add(lower, lowerOf[i], key);
    add(sing, singular(key), key);
  });
  return (sk.forms = { lower, singular: sing, lowerOf });
}

interface SchemaKeys {
  order: string[];
  rank: Map<string, number>;
  optional: Set<string>;
  /** The analysis of an object that has exactly the template keys in order (shared: nothing to report). */
  complete: KeyAnalysis;
  /** The same keys, in another order (S7 reports it). */
  inAnyOrder: KeyAnalysis;
  /** The schema of each key of `order`, in the same order. */
  schemas: SchemaNode[];
  /** Forms of the keys for the near-miss search, made on first need. */
  forms?: KeyForms;
}
const schemaKeys = new WeakMap<SchemaNode, SchemaKeys>();

/** Template order and ranks of an object schema, computed once per schema node. */
export function keysOf(schema: SchemaNode): SchemaKeys {
  let k = schemaKeys.get(schema);
  if (!k) {
    const order = Object.keys(schema.properties ?? {});
    k = {
      order,
      rank: new Map(order.map((key, i) => [key, i])),
      optional: new Set(schema['x-optional'] ?? []),
      complete: { unknown: [], missing: [], order, inOrder: true },
      inAnyOrder: { unknown: [], missing: [], order },
      schemas: order.map((key) => schema.properties![key]),
    };
    schemaKeys.set(schema, k);
  }
  return k;
}

export function analyseKeys(obj: JsonNode, schema: SchemaNode): KeyAnalysis {
  const sk = keysOf(schema);
  const children = obj.children ?? [];
  // Fast path: exactly the template keys in the template order (the common case): plain string comparisons,
  // no hashing, no allocation.
  if (children.length === sk.order.length) {
    let i = 0;
    while (i < children.length && propKey(children[i]) === sk.order[i]) i++;
    if (i === children.length) return sk.complete;
  }
  let knownCount = 0;
  for (const p of children) if (sk.rank.has(propKey(p))) knownCount++;
  if (knownCount === children.length && knownCount === sk.order.length) return sk.inAnyOrder;
  const unknownProps: JsonNode[] = [];
  const present = new Set<string>();
  for (const p of children) {
    const k = propKey(p);
    if (sk.rank.has(k)) present.add(k);
    else unknownProps.push(p);
  }
  const absent = sk.order.filter((k) => !present.has(k));
  const unknown: KeyAnalysis['unknown'] = [];
  const explained = new Set<string>();
  const near = new NearMiss(sk, absent, (c) => !present.has(c) && !explained.has(c));
  for (const p of unknownProps) {
    const k = propKey(p);
    const g = near.guess(k);
    if (g) explained.add(g.target);
    unknown.push({ prop: p, key: k, target: g?.target, reason: g?.reason });
  }
  return { unknown, missing: absent.filter((k) => !explained.has(k) && !sk.optional.has(k)), order: sk.order };
}

/** A rule's visitors and its state for one document: `dead` after its first exception. */
export interface Owner {
  rule: { meta: { id: string } };
  visitors: RuleVisitors;
  dead: boolean;
}

interface Entry<V> {
  fn: (v: V) => void;
  owner: Owner;
  /** The visitor's filter on the schema node (RuleVisitors.only). */
  want?: (schema: SchemaNode | undefined) => boolean;
  /** An object visitor that only cares about objects whose keys differ from the template. */
  keysDiffer?: boolean;
}

type Filtered<V> = Entry<V>[] & { cache?: Map<SchemaNode | undefined, Entry<V>[]> };

/**
 * The visitors of the active rules by kind of value. Which visitors want a value is decided from its schema node
 * once per check (`RuleVisitors.only`), so a value is offered only to the rules that look at it: learned from
 * ESLint, whose traversal calls a rule only for the node types (selectors) it registered.
 */
export class Dispatch {
  object: Entry<ObjectVisit>[] = [];
  array: Entry<Visit>[] = [];
  scalar: Entry<Visit>[] = [];
  line: Entry<ObjectVisit>[] = [];
  checks = new Map<string, Entry<Visit>[]>();
  private readonly objectCache = new Map<SchemaNode, [Entry<ObjectVisit>[], Entry<ObjectVisit>[]]>();

  private static select<V>(list: Filtered<V>, schema: SchemaNode | undefined): Entry<V>[] {
    const cache = (list.cache ??= new Map());
    let out = cache.get(schema);
    if (!out) {
      out = list.filter((e) => wants(e, schema));
      cache.set(schema, out);
    }
    return out;
  }

  scalarsFor(schema: SchemaNode | undefined): Entry<Visit>[] {
    return Dispatch.select(this.scalar, schema);
  }

  arraysFor(schema: SchemaNode | undefined): Entry<Visit>[] {
    return Dispatch.select(this.array, schema);
  }

  /** Object visitors for a schema node; `complete`: the object has exactly the template keys, in order. */
  objectsFor(schema: SchemaNode, complete: boolean): Entry<ObjectVisit>[] {
    let pair = this.objectCache.get(schema);
    if (!pair) {
      const all = this.object.filter((e) => wants(e, schema));
      pair = [all, all.filter((e) => !e.keysDiffer)];
      this.objectCache.set(schema, pair);
    }
    return complete ? pair[1] : pair[0];
  }
}

/** A filter that throws does not hide the value: the visitor runs (and its own errors are isolated). */
function wants<V>(e: Entry<V>, schema: SchemaNode | undefined): boolean {
  if (!e.want) return true;
  try {
    return e.want(schema);
  } catch {
    return true;
  }
}

export function buildDispatch(owners: Owner[], structure: boolean): Dispatch {
  const d = new Dispatch();
  for (const owner of owners) {
    const v = owner.visitors;
    const only = v.only ?? {};
    if (structure) {
      if (v.object)
        d.object.push({
          fn: v.object,
          owner,
          want: typeof only.object === 'function' ? (s) => s !== undefined && (only.object as (s: SchemaNode) => boolean)(s) : undefined,
          keysDiffer: only.object === 'keys-differ',
        });
      if (v.array) d.array.push({ fn: v.array, owner, want: only.array });
      if (v.line) d.line.push({ fn: v.line, owner });
    }
    if (v.scalar) d.scalar.push({ fn: v.scalar, owner, want: only.scalar });
    for (const [name, fn] of Object.entries(v.checks ?? {})) {
      if (!d.checks.has(name)) d.checks.set(name, []);
      d.checks.get(name)!.push({ fn, owner });
    }
  }
  return d;
}

/** The visit object given to visitors (reused). `prop` is the property node holding the value, made on demand. */
class VisitState implements ObjectVisit {
  schema: SchemaNode | undefined = undefined;
  line: JsonNode | undefined = undefined;
  lineIndex: number | undefined = undefined;
  keys: KeyAnalysis = { unknown: [], missing: [], order: [] };
  type: NodeType;
  value: unknown;
  private current: JsonNode | undefined;
  // A scalar on the tape whose node is made only if a visitor asks for it.
  private doc: TapeDoc | undefined = undefined;
  private index = 0;
  private owner: TapeNode | undefined = undefined;
  private key: string | number | undefined = undefined;

  constructor(
    root: JsonNode,
    readonly path: JsonPath,
  ) {
    this.current = root;
    this.type = root.type;
    this.value = root.value;
  }

  get node(): JsonNode {
    if (this.current === undefined) this.current = new TapeNode(this.doc!, this.index, this.value, this.owner, this.key);
    return this.current;
  }

  set node(n: JsonNode) {
    this.current = n;
    this.type = n.type;
    this.value = n.value;
  }

  /** A scalar of the fast path: its type and value now, its node on demand. */
  scalar(doc: TapeDoc, index: number, raw: unknown, owner: TapeNode, key: string | number): void {
    this.current = undefined;
    this.doc = doc;
    this.index = index;
    this.owner = owner;
    this.key = key;
    this.type = raw === null ? 'null' : (typeof raw as NodeType);
    this.value = raw;
  }

  get prop(): JsonNode | undefined {
    const p = this.node.parent;
    return p !== undefined && p.type === 'property' ? p : undefined;
  }

  /** The tape token of the visited value when it is one of `doc`'s (the fast path), else -1; makes no node. */
  tokenIn(doc: TapeDoc): number {
    const c = this.current;
    if (c === undefined) return this.doc === doc ? this.index : -1;
    return c instanceof TapeNode && c.doc === doc ? c.index : -1;
  }

  /** See `ownerObjectOfVisit` (no node made). */
  ownerObject(): Record<string, unknown> | undefined {
    const c = this.current;
    let owner: TapeNode | undefined;
    let key: string | number | undefined;
    if (c === undefined) {
      if (this.doc === undefined) return undefined;
      owner = this.owner;
      key = this.key;
    } else if (c instanceof TapeNode) {
      owner = c.owner;
      key = c.key;
    } else return undefined;
    return owner !== undefined && typeof key === 'string' && owner.type === 'object' ? (owner.raw as Record<string, unknown>) : undefined;
  }

  /** A span of the visited value, without making its node when it is a scalar of the fast path. */
  span<T>(value: T, role?: string): { value: T; readonly offset: number; readonly length: number; role?: string } {
    return this.current === undefined ? tokenSpan(value, this.doc!, this.index, role) : spanOf(value, this.current, role);
  }
}

/** The span of a visited value (the per-line summary keeps many: no node is made for them on the fast path). */
export function spanOfVisit(v: Visit, value: string, role: string): { value: string; readonly offset: number; readonly length: number; role: string };
export function spanOfVisit<T>(v: Visit, value: T): { value: T; readonly offset: number; readonly length: number };
export function spanOfVisit<T>(v: Visit, value: T, role?: string): { value: T; readonly offset: number; readonly length: number; role?: string } {
  return v instanceof VisitState ? v.span(value, role) : spanOf(value, v.node, role);
}

/**
 * The tape token of a visited value in `doc` (-1 when the value is not on that tape: the jsonc-parser tree), without
 * making its node: what the per-line summary keeps instead of a span object (summary.ts).
 */
export function tokenOfVisit(v: Visit, doc: TapeDoc): number {
  if (v instanceof VisitState) return v.tokenIn(doc);
  const n = v.node;
  return n instanceof TapeNode && n.doc === doc ? n.index : -1;
}

/**
 * The `JSON.parse` object holding a visited value under a string key (the value's sibling properties are read from
 * it without making nodes), on the fast path; undefined on the jsonc-parser tree or for an array item.
 */
export function ownerObjectOfVisit(v: Visit): Record<string, unknown> | undefined {
  if (v instanceof VisitState) return v.ownerObject();
  const n = v.node;
  return n instanceof TapeNode && n.owner !== undefined && typeof n.key === 'string' && n.owner.type === 'object'
    ? (n.owner.raw as Record<string, unknown>)
    : undefined;
}

/**
 * The value a visitor is called with, while it runs (undefined between calls): what a report made there is about
 * (engine/check/runner.ts defaults a finding's pointer to it).
 */
export interface Visiting {
  visit: Visit | undefined;
}

/** Calls the visitors of a list, each isolated (a visitor that throws switches its rule off for this document). */
function caller(fail: (o: Owner, e: unknown) => void, visiting: Visiting | undefined) {
  return <V>(list: Entry<V>[], v: V): void => {
    if (list.length === 0) return;
    if (visiting) visiting.visit = v as Visit;
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      if (e.owner.dead) continue;
      try {
        e.fn(v);
      } catch (err) {
        fail(e.owner, err);
      }
    }
    if (visiting) visiting.visit = undefined;
  };
}

const hasOwn = Object.prototype.hasOwnProperty;

type Call = ReturnType<typeof caller>;

/** Offers the scalar placed in `sv` to the visitors that want its schema node, then to its `x-check` functions. */
function offerScalar(call: Call, d: Dispatch, sv: VisitState, sch: SchemaNode | undefined, line: JsonNode | undefined, lineIndex: number | undefined): void {
  sv.schema = sch;
  sv.line = line;
  sv.lineIndex = lineIndex;
  call(d.scalarsFor(sch), sv);
  const check = sch?.['x-check'];
  if (check) {
    const fns = d.checks.get(check);
    if (fns) call(fns, sv);
  }
}

/**
 * Offers an object to the visitors that want its schema node (structure stage, objects with a schema): its key
 * analysis, the object visitors, then the line visitors for a request line.
 */
function offerObject(
  call: Call,
  d: Dispatch,
  ov: VisitState,
  node: JsonNode,
  sch: SchemaNode,
  keys: KeyAnalysis,
  line: JsonNode | undefined,
  lineIndex: number | undefined,
  isLine: boolean,
): void {
  ov.node = node;
  ov.schema = sch;
  ov.line = line;
  ov.lineIndex = lineIndex;
  ov.keys = keys;
  call(d.objectsFor(sch, keys === keysOf(sch).complete), ov);
  if (isLine) call(d.line, ov);
}

/** The walker's state: the isolated caller, the reused path and visit objects. */
function walkState(root: JsonNode, d: Dispatch, structure: boolean, fail: (o: Owner, e: unknown) => void, visiting: Visiting | undefined) {
  const path: JsonPath = [];
  return {
    call: caller(fail, visiting),
    needKeys: structure && (d.object.length > 0 || d.line.length > 0),
    path,
    sv: new VisitState(root, path),
    ov: new VisitState(root, path),
    av: new VisitState(root, path),
  };
}

/** Offers an array to the visitors that want its schema node (structure stage only). */
function offerArray(
  call: Call,
  d: Dispatch,
  av: VisitState,
  node: JsonNode,
  sch: SchemaNode | undefined,
  line: JsonNode | undefined,
  lineIndex: number | undefined,
): void {
  av.node = node;
  av.schema = sch;
  av.line = line;
  av.lineIndex = lineIndex;
  call(d.arraysFor(sch), av);
}

/** A property without a value (a tree recovered from broken syntax): nothing to visit. */
const SKIP = 0 as const;

/**
 * What the one walker reads of a document, given by each of its two inputs (parse.ts decides which, once): the tape
 * (`TAPE`: the `JSON.parse` value, token indices as positions, no node made for a property or a scalar) and the
 * jsonc-parser tree (`TREE`: its nodes, child indices as positions). `pos` is the input's own cursor in a container,
 * which the walker only hands back; `end` is what a visit returns (the tape: the token after the subtree).
 */
interface Source {
  /** The keys of an object, in text order. */
  keys(obj: JsonNode): readonly string[];
  /** The number of items of an array. */
  length(arr: JsonNode): number;
  /** The key analysis of an object against its schema (structure stage). */
  analyse(obj: JsonNode, sk: SchemaKeys, schema: SchemaNode): KeyAnalysis;
  /** The position of a container's first member. */
  first(node: JsonNode): number;
  /**
   * Member `i` of a container (its key, or its index in an array) at `pos`: its node when it is an object or an
   * array; a scalar is placed in `sv` instead (undefined returned); SKIP for a property without a value.
   */
  member(node: JsonNode, i: number, key: string | number, pos: number, sv: VisitState): JsonNode | undefined | typeof SKIP;
  /** Item `i` of an array at `pos` as a node, even a scalar (a request line). */
  item(arr: JsonNode, i: number, pos: number): JsonNode;
  /** The position after a scalar member at `pos` (`inObject`: a property, else an item). */
  afterScalar(pos: number, inObject: boolean): number;
  /** The position after a container member at `pos` whose visit returned `end`. */
  after(pos: number, end: number): number;
  /** What the visit of a scalar node returns. */
  end(node: JsonNode): number;
}

const isContainer = (v: unknown): v is object => v !== null && typeof v === 'object';

/** The tape (tape.ts): one node object per object and array, none per property or key, a scalar's only if asked. */
const TAPE: Source = {
  keys: (obj) => Object.keys((obj as TapeNode).raw as Record<string, unknown>),
  length: (arr) => ((arr as TapeNode).raw as unknown[]).length,
  analyse: (obj, sk, schema) => analyseRawKeys((obj as TapeNode).raw as Record<string, unknown>, sk, obj, schema),
  first: (node) => (node as TapeNode).index + 1,
  member(node, i, key, pos, sv) {
    const t = node as TapeNode;
    // A property's value is the token after its key's; an item is its own token.
    const vi = typeof key === 'string' ? pos + 1 : pos;
    const value = typeof key === 'string' ? (t.raw as Record<string, unknown>)[key] : (t.raw as unknown[])[i];
    if (!isContainer(value)) {
      sv.scalar(t.doc, vi, value, t, key);
      return undefined;
    }
    return new TapeNode(t.doc, vi, value, t, key);
  },
  item: (arr, i, pos) => new TapeNode((arr as TapeNode).doc, pos, ((arr as TapeNode).raw as unknown[])[i], arr as TapeNode, i),
  afterScalar: (pos, inObject) => pos + (inObject ? 2 : 1),
  after: (_pos, end) => end,
  end: (node) => (node as TapeNode).index + 1,
};

/** The jsonc-parser tree (strict JSON with a duplicate or integer-like key, and broken text). */
const TREE: Source = {
  keys: (obj) => (obj.children ?? []).map((p) => p.children?.[0]?.value as string),
  length: (arr) => arr.children?.length ?? 0,
  analyse: (obj, _sk, schema) => analyseKeys(obj, schema),
  first: () => 0,
  member(node, i, key, _pos, sv) {
    let v: JsonNode;
    if (typeof key === 'string') {
      const pc = node.children![i].children;
      if (!pc || pc.length < 2) return SKIP;
      v = pc[1];
    } else v = node.children![i];
    if (v.type === 'object' || v.type === 'array') return v;
    sv.node = v;
    return undefined;
  },
  item: (arr, i) => arr.children![i],
  afterScalar: (pos) => pos + 1,
  after: (pos) => pos + 1,
  end: () => 0,
};

/**
 * The one traversal: the document and its schema walked together once, whichever input parse.ts chose (the tape
 * or the jsonc-parser tree, read through `Source`). On a complete document (`structure`) the object and line
 * visitors run; on a tree recovered from broken syntax only value checks run (no cascade of structure noise).
 * The path and the visit objects given to the visitors are reused: valid only during the call. `visiting` is told
 * which value the visitors being called look at.
 */
export function walk(
  root: JsonNode,
  schema: SchemaNode | undefined,
  d: Dispatch,
  structure: boolean,
  fail: (o: Owner, e: unknown) => void,
  visiting?: Visiting,
): void {
  const src = root instanceof TapeNode ? TAPE : TREE;
  const { call, needKeys, path, sv, ov, av } = walkState(root, d, structure, fail, visiting);
  let line: JsonNode | undefined;
  let lineIndex: number | undefined;
  /** Visits a value and returns its `end` (the input's position after it). */
  const visit = (node: JsonNode, sch: SchemaNode | undefined, isLine: boolean): number => {
    const type = node.type;
    if (type === 'object') {
      const props = sch?.properties;
      // Exactly the template keys, in order (the common case): their schemas by position.
      let known: SchemaKeys | undefined;
      if (needKeys && props) {
        const sk = keysOf(sch!);
        const keys = src.analyse(node, sk, sch!);
        offerObject(call, d, ov, node, sch!, keys, line, lineIndex, isLine);
        if (keys === sk.complete) known = sk;
      }
      const keys = src.keys(node);
      let pos = src.first(node);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        const childSchema = known ? known.schemas[i] : props !== undefined && hasOwn.call(props, k) ? props[k] : undefined;
        path.push(k);
        const child = src.member(node, i, k, pos, sv);
        if (child === undefined) {
          offerScalar(call, d, sv, childSchema, line, lineIndex);
          pos = src.afterScalar(pos, true);
        } else if (child === SKIP) pos = src.afterScalar(pos, true);
        else if (path.length === 1 && k === LINES_KEY && child.type === 'array') pos = src.after(pos, lines(child, childSchema));
        else pos = src.after(pos, visit(child, childSchema, false));
        path.pop();
      }
      return pos;
    }
    if (type === 'array') {
      array(node, sch);
      const n = src.length(node);
      const itemSchema = sch?.items;
      let pos = src.first(node);
      for (let i = 0; i < n; i++) {
        path.push(i);
        const child = src.member(node, i, i, pos, sv);
        if (child === undefined || child === SKIP) {
          if (child === undefined) offerScalar(call, d, sv, itemSchema, line, lineIndex);
          pos = src.afterScalar(pos, false);
        } else pos = src.after(pos, visit(child, itemSchema, false));
        path.pop();
      }
      return pos;
    }
    // A scalar request line, or a scalar root (never a Ségur document, but visited like any value).
    sv.node = node;
    offerScalar(call, d, sv, sch, line, lineIndex);
    return src.end(node);
  };
  const array = (node: JsonNode, sch: SchemaNode | undefined): void => {
    if (structure) offerArray(call, d, av, node, sch, line, lineIndex);
  };
  /** The request lines (items of the root `lignesImport`): each item is the `line` of the values in it. */
  const lines = (arr: JsonNode, sch: SchemaNode | undefined): number => {
    array(arr, sch);
    const itemSchema = sch?.items;
    const n = src.length(arr);
    let pos = src.first(arr);
    for (let j = 0; j < n; j++) {
      line = src.item(arr, j, pos);
      lineIndex = j;
      path.push(j);
      pos = src.after(pos, visit(line, itemSchema, true));
      path.pop();
    }
    line = undefined;
    lineIndex = undefined;
    return pos;
  };
  visit(root, schema, false);
}

/** analyseKeys on the `JSON.parse` object: the common case (the template keys in order) without any node. */
function analyseRawKeys(raw: Record<string, unknown>, sk: SchemaKeys, node: JsonNode, schema: SchemaNode): KeyAnalysis {
  const order = sk.order;
  let i = 0;
  for (const k in raw) {
    if (i >= order.length || order[i] !== k) return analyseKeys(node, schema);
    i++;
  }
  return i === order.length ? sk.complete : analyseKeys(node, schema);
}
