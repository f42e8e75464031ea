/**
 * Stage 4: the single traversal. The tree and the expanded schema are walked together once; each rule gets the
 * nodes it asked for (objects with their key analysis, request lines, scalars by `x-check`).
 */
import type { JsonNode, JsonPath } from './tree';
import { propKey } from './tree';
import { type SchemaNode, LINES_KEY } from './schemaData';
import type { KeyAnalysis, ObjectVisit, RuleVisitors, Visit } from '../rules/types';
import { TapeNode, Tok } from './tape';

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

/** Which schema key an unknown key most likely means (S8 blanks, S6 case, S5 plural, or a close spelling). */
export function guessKey(key: string, candidates: string[]): { target: string; reason: 'case' | 'plural' | 'space' | 'spelling' } | undefined {
  const k = noSpace(key);
  const kl = k.toLowerCase();
  for (const c of candidates) if (k === c && key !== c) return { target: c, reason: 'space' };
  for (const c of candidates) if (kl === c.toLowerCase()) return { target: c, reason: k === key ? 'case' : 'space' };
  const ks = singular(k);
  for (const c of candidates) if (singular(c) === ks) return { target: c, reason: 'plural' };
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = distance(kl, c.toLowerCase(), 2);
    if (d < bestD && d <= Math.max(1, Math.floor(c.length / 6))) {
      bestD = d;
      best = c;
    }
  }
  return best ? { target: best, reason: 'spelling' } : undefined;
}

interface SchemaKeys {
  order: string[];
  rank: Map<string, number>;
  optional: Set<string>;
  /** The analysis of an object that has exactly the template keys in order (shared: nothing to report). */
  complete: KeyAnalysis;
  /** The same keys, in another order (S7 reports it). */
  inAnyOrder: KeyAnalysis;
}
const schemaKeys = new WeakMap<SchemaNode, SchemaKeys>();

/** Template order and ranks of an object schema, computed once per schema node. */
export function keysOf(schema: SchemaNode): SchemaKeys {
  let k = schemaKeys.get(schema);
  if (!k) {
    const order = Object.keys(schema.properties ?? {});
    k = { order, rank: new Map(order.map((key, i) => [key, i])), optional: new Set(schema['x-optional'] ?? []), complete: { unknown: [], missing: [], order, inOrder: true }, inAnyOrder: { unknown: [], missing: [], order } };
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
  for (const p of unknownProps) {
    const k = propKey(p);
    const g = guessKey(k, absent.filter((a) => !explained.has(a)));
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
}

export interface Dispatch {
  object: Entry<ObjectVisit>[];
  array: Entry<Visit>[];
  scalar: Entry<Visit>[];
  line: Entry<ObjectVisit>[];
  checks: Map<string, Entry<Visit>[]>;
}

export function buildDispatch(owners: Owner[], structure: boolean): Dispatch {
  const d: Dispatch = { object: [], array: [], scalar: [], line: [], checks: new Map() };
  for (const owner of owners) {
    const v = owner.visitors;
    if (structure) {
      if (v.object) d.object.push({ fn: v.object, owner });
      if (v.array) d.array.push({ fn: v.array, owner });
      if (v.line) d.line.push({ fn: v.line, owner });
    }
    if (v.scalar) d.scalar.push({ fn: v.scalar, owner });
    for (const [name, fn] of Object.entries(v.checks ?? {})) {
      if (!d.checks.has(name)) d.checks.set(name, []);
      d.checks.get(name)!.push({ fn, owner });
    }
  }
  return d;
}

/** The visit object given to visitors (reused). `prop` is the property node holding the value, made on demand. */
class VisitState implements ObjectVisit {
  node: JsonNode;
  schema: SchemaNode | undefined = undefined;
  line: JsonNode | undefined = undefined;
  lineIndex: number | undefined = undefined;
  keys: KeyAnalysis = { unknown: [], missing: [], order: [] };
  constructor(root: JsonNode, readonly path: JsonPath) {
    this.node = root;
  }
  get prop(): JsonNode | undefined {
    const p = this.node.parent;
    return p !== undefined && p.type === 'property' ? p : undefined;
  }
}

/** Calls the visitors of a list, each isolated (a visitor that throws switches its rule off for this document). */
function caller(fail: (o: Owner, e: unknown) => void) {
  return <V>(list: Entry<V>[], v: V): void => {
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      if (e.owner.dead) continue;
      try {
        e.fn(v);
      } catch (err) {
        fail(e.owner, err);
      }
    }
  };
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Walks the tree with its schema. On a complete tree (`structure`) the object and line visitors run; on a
 * tree recovered from broken syntax only value checks run (no cascade of structure noise).
 * The path and the visit objects given to the visitors are reused: valid only during the call.
 */
export function walk(root: JsonNode, schema: SchemaNode | undefined, d: Dispatch, structure: boolean, fail: (o: Owner, e: unknown) => void): void {
  if (root instanceof TapeNode) return walkTape(root, schema, d, structure, fail);
  const call = caller(fail);
  const needKeys = structure && (d.object.length > 0 || d.line.length > 0);
  const path: JsonPath = [];
  const sv = new VisitState(root, path);
  const ov = new VisitState(root, path);
  const av = new VisitState(root, path);
  let line: JsonNode | undefined;
  let lineIndex: number | undefined;
  const visit = (node: JsonNode, sch: SchemaNode | undefined, isLine: boolean): void => {
    const type = node.type;
    if (type === 'object') {
      const props = sch?.properties;
      if (needKeys && props) {
        ov.node = node;
        ov.schema = sch;
        ov.line = line;
        ov.lineIndex = lineIndex;
        ov.keys = analyseKeys(node, sch!);
        call(d.object, ov);
        if (isLine) call(d.line, ov);
      }
      const children = node.children;
      if (!children) return;
      for (let i = 0; i < children.length; i++) {
        const pc = children[i].children;
        if (!pc || pc.length < 2) continue;
        const k = pc[0].value as string;
        const vn = pc[1];
        const childSchema = props !== undefined && hasOwn.call(props, k) ? props[k] : undefined;
        path.push(k);
        if (path.length === 1 && k === LINES_KEY && vn.type === 'array') {
          const items = vn.children ?? [];
          lines(vn, childSchema, items.length, (j) => items[j]);
        } else visit(vn, childSchema, false);
        path.pop();
      }
    } else if (type === 'array') {
      array(node, sch);
      const items = node.children;
      if (!items) return;
      const itemSchema = sch?.items;
      for (let j = 0; j < items.length; j++) {
        path.push(j);
        visit(items[j], itemSchema, false);
        path.pop();
      }
    } else scalar(node, sch);
  };
  const array = (node: JsonNode, sch: SchemaNode | undefined): void => {
    if (!structure) return;
    av.node = node;
    av.schema = sch;
    av.line = line;
    av.lineIndex = lineIndex;
    call(d.array, av);
  };
  const scalar = (node: JsonNode, sch: SchemaNode | undefined): void => {
    sv.node = node;
    sv.schema = sch;
    sv.line = line;
    sv.lineIndex = lineIndex;
    call(d.scalar, sv);
    const check = sch?.['x-check'];
    if (check) {
      const fns = d.checks.get(check);
      if (fns) call(fns, sv);
    }
  };
  const lines = (arr: JsonNode, sch: SchemaNode | undefined, count: number, item: (j: number) => JsonNode): void => {
    array(arr, sch);
    const itemSchema = sch?.items;
    for (let j = 0; j < count; j++) {
      line = item(j);
      lineIndex = j;
      path.push(j);
      visit(line, itemSchema, true);
      path.pop();
    }
    line = undefined;
    lineIndex = undefined;
  };
  visit(root, schema, false);
}

/** Thrown by the tape walker when the `JSON.parse` value and the tape disagree (a duplicate or integer-like key). */
export class TapeMismatch extends Error {}

/**
 * The same traversal over the `JSON.parse` value and its tape (tape.ts): a node object per visited value, none per
 * property or key; property nodes are made only when a rule asks for one.
 */
function walkTape(root: TapeNode, schema: SchemaNode | undefined, d: Dispatch, structure: boolean, fail: (o: Owner, e: unknown) => void): void {
  const call = caller(fail);
  const t = root.tape;
  const kinds = t.kind;
  const next = t.next;
  const needKeys = structure && (d.object.length > 0 || d.line.length > 0);
  const path: JsonPath = [];
  const sv = new VisitState(root, path);
  const ov = new VisitState(root, path);
  const av = new VisitState(root, path);
  let line: JsonNode | undefined;
  let lineIndex: number | undefined;
  const visit = (node: TapeNode, sch: SchemaNode | undefined, isLine: boolean): void => {
    const kind = kinds[node.index];
    if (kind === Tok.Object) {
      const props = sch?.properties;
      const raw = node.raw as Record<string, unknown>;
      if (needKeys && props) {
        ov.node = node;
        ov.schema = sch;
        ov.line = line;
        ov.lineIndex = lineIndex;
        ov.keys = analyseRawKeys(node, raw, sch!);
        call(d.object, ov);
        if (isLine) call(d.line, ov);
      }
      const last = next[node.index];
      let ki = node.index + 1;
      for (const k in raw) {
        const c0 = k.charCodeAt(0);
        // JS puts integer-like keys first, and keeps one of duplicate keys: the tape no longer matches.
        if ((c0 >= 48 && c0 <= 57) || ki >= last) throw new TapeMismatch();
        const vi = ki + 1;
        const child = new TapeNode(t, vi, raw[k], node, k, ki);
        const childSchema = props !== undefined && hasOwn.call(props, k) ? props[k] : undefined;
        path.push(k);
        if (path.length === 1 && k === LINES_KEY && kinds[vi] === Tok.Array) {
          const items = child.raw as unknown[];
          array(child, childSchema);
          const itemSchema = childSchema?.items;
          let j = vi + 1;
          for (let i = 0; i < items.length; i++) {
            const item = new TapeNode(t, j, items[i], child, i, -1);
            line = item;
            lineIndex = i;
            path.push(i);
            visit(item, itemSchema, true);
            path.pop();
            j = next[j];
          }
          line = undefined;
          lineIndex = undefined;
        } else visit(child, childSchema, false);
        path.pop();
        ki = next[vi];
      }
      if (ki !== last) throw new TapeMismatch();
    } else if (kind === Tok.Array) {
      array(node, sch);
      const items = node.raw as unknown[];
      const itemSchema = sch?.items;
      let j = node.index + 1;
      for (let i = 0; i < items.length; i++) {
        path.push(i);
        visit(new TapeNode(t, j, items[i], node, i, -1), itemSchema, false);
        path.pop();
        j = next[j];
      }
    } else {
      sv.node = node;
      sv.schema = sch;
      sv.line = line;
      sv.lineIndex = lineIndex;
      call(d.scalar, sv);
      const check = sch?.['x-check'];
      if (check) {
        const fns = d.checks.get(check);
        if (fns) call(fns, sv);
      }
    }
  };
  const array = (node: TapeNode, sch: SchemaNode | undefined): void => {
    if (!structure) return;
    av.node = node;
    av.schema = sch;
    av.line = line;
    av.lineIndex = lineIndex;
    call(d.array, av);
  };
  visit(root, schema, false);
}

/** analyseKeys on the `JSON.parse` object: the common case (the template keys in order) without any node. */
function analyseRawKeys(node: JsonNode, raw: Record<string, unknown>, schema: SchemaNode): KeyAnalysis {
  const sk = keysOf(schema);
  const order = sk.order;
  let i = 0;
  for (const k in raw) {
    if (i >= order.length || order[i] !== k) return analyseKeys(node, schema);
    i++;
  }
  return i === order.length ? sk.complete : analyseKeys(node, schema);
}
