/**
 * The fast path of the parse stage: the native `JSON.parse` value, and positions only when they are asked for.
 *
 * Building a tree of node objects with offsets costs several times `JSON.parse` (one object per property, key and
 * value, and a copy of every string). On strict JSON the engine instead walks the value `JSON.parse` gives (walk.ts
 * numbers its tokens in document order as it goes: the keys of a `JSON.parse` object come in text order, except
 * integer-like keys, and a duplicate key is kept once; parse.ts `decide` checks both before any walk and gives the
 * jsonc-parser tree instead). A position is read from a "tape": the span of every token (object, array, key,
 * scalar) in typed arrays, scanned from the text the first time a position is asked for and only as far as needed.
 * Nodes with the jsonc-parser shape are made only when a rule asks for one (`TapeNode`, `PropNode`), their children
 * on demand.
 *
 * Learned from simdjson's tape (one flat array of tokens with the index of each container's end) and from
 * vscode-json-languageservice, which keeps jsonc-parser's node shape for every consumer.
 */
import type { JsonNode, NodeType } from './tree';

export const enum Tok {
  Object = 0,
  Array = 1,
  String = 2,
  Number = 3,
  True = 4,
  False = 5,
  Null = 6,
  Key = 7,
}

/**
 * A document on the fast path: the text and its tape, scanned only as far as a position asked for needs (a clean
 * file needs none; a finding on line 5 of 200 scans up to line 5). The text is strict JSON that `JSON.parse`
 * accepted (a leading BOM replaced by a blank): the scanner has no error handling.
 *
 * Token `i`: `kind`, `start`, `end` (0 while a container is not closed yet) and `next`, the token after its
 * subtree. A key's token is followed by its value's.
 */
export class TapeDoc {
  private kind: Uint8Array;
  private start: Int32Array;
  private end: Int32Array;
  private next: Int32Array;
  /** Tokens scanned so far. */
  private n = 0;
  /** Scan position in the text. */
  private p = 0;
  /** Open containers. */
  private readonly stack: number[] = [];
  /** In an object, a string right after `{` or `,` is a key. */
  private expectKey = false;

  constructor(readonly text: string) {
    const cap = 64;
    this.kind = new Uint8Array(cap);
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.next = new Int32Array(cap);
  }

  startOf(i: number): number {
    if (i >= this.n) this.scan(i, -1);
    return this.start[i];
  }

  endOf(i: number): number {
    if (i >= this.n || this.end[i] === 0) this.scan(i, i);
    return this.end[i];
  }

  /** Index of the token after the subtree at `index` whose `JSON.parse` value is `raw`. */
  skip(index: number, raw: unknown): number {
    if (index < this.n && this.end[index] !== 0) return this.next[index];
    const n = tokenCount(raw, 0);
    if (n >= 0) return index + n;
    this.endOf(index);
    return this.next[index];
  }

  private grow(): void {
    const cap = this.kind.length * 2;
    const k = new Uint8Array(cap);
    k.set(this.kind);
    this.kind = k;
    const s = new Int32Array(cap);
    s.set(this.start);
    this.start = s;
    const e = new Int32Array(cap);
    e.set(this.end);
    this.end = e;
    const x = new Int32Array(cap);
    x.set(this.next);
    this.next = x;
  }

  /** Scans until token `upTo` exists and, if `closeOf` ≥ 0, until that container is closed (or the text ends). */
  private scan(upTo: number, closeOf: number): void {
    const text = this.text;
    const len = text.length;
    const stack = this.stack;
    let { n, p, expectKey } = this;
    let kind = this.kind;
    let start = this.start;
    let end = this.end;
    let next = this.next;
    while (p < len && (n <= upTo || (closeOf >= 0 && end[closeOf] === 0))) {
      let c = text.charCodeAt(p);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++p);
      if (p >= len) break;
      if (n >= kind.length) {
        this.grow();
        ({ kind, start, end, next } = this);
      }
      let q: number;
      let k: Tok;
      switch (c) {
        case 123: // {
        case 91: // [
          kind[n] = c === 123 ? Tok.Object : Tok.Array;
          start[n] = p;
          end[n] = 0;
          stack.push(n++);
          expectKey = c === 123;
          p++;
          continue;
        case 125: // }
        case 93: {
          // ]
          const i = stack.pop()!;
          end[i] = p + 1;
          next[i] = n;
          expectKey = false;
          p++;
          continue;
        }
        case 44: // ,
          expectKey = stack.length > 0 && kind[stack[stack.length - 1]] === Tok.Object;
          p++;
          continue;
        case 58: // :
          p++;
          continue;
        case 34: // "
          q = text.indexOf('"', p + 1);
          // An escaped quote has an odd number of backslashes before it.
          while (text.charCodeAt(q - 1) === 92) {
            let b = q - 1;
            while (text.charCodeAt(b - 1) === 92) b--;
            if ((q - b) % 2 === 0) break;
            q = text.indexOf('"', q + 1);
          }
          q++;
          k = expectKey ? Tok.Key : Tok.String;
          expectKey = false;
          break;
        case 116: // true
          q = p + 4;
          k = Tok.True;
          break;
        case 102: // false
          q = p + 5;
          k = Tok.False;
          break;
        case 110: // null
          q = p + 4;
          k = Tok.Null;
          break;
        default: {
          q = p + 1;
          let ch = text.charCodeAt(q);
          while ((ch >= 48 && ch <= 57) || ch === 46 || ch === 101 || ch === 69 || ch === 43 || ch === 45) ch = text.charCodeAt(++q);
          k = Tok.Number;
        }
      }
      kind[n] = k;
      start[n] = p;
      end[n] = q;
      next[n] = n + 1;
      n++;
      p = q;
    }
    this.n = n;
    this.p = p;
    this.expectKey = expectKey;
  }
}

/**
 * Tokens of a value on the tape: itself, and for an object each key and value, for an array each item; -1 when
 * nested deeper than 64 levels (the caller reads the tape instead, whose scan does not recurse).
 */
export function tokenCount(v: unknown, depth: number): number {
  if (v === null || typeof v !== 'object') return 1;
  if (depth > 64) return -1;
  let n = 1;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const c = tokenCount(v[i], depth + 1);
      if (c < 0) return -1;
      n += c;
    }
  } else {
    for (const k in v as Record<string, unknown>) {
      const c = tokenCount((v as Record<string, unknown>)[k], depth + 1);
      if (c < 0) return -1;
      n += 1 + c;
    }
  }
  return n;
}

/**
 * A node of the jsonc-parser shape over the tape: offsets are read from the tape, the value is `JSON.parse`'s, and
 * the children (property nodes for an object, items for an array) are built the first time they are asked for.
 */
export class TapeNode implements JsonNode {
  readonly type: NodeType;
  /** Children or parent node, made on demand. */
  private lazy: { kids?: JsonNode[]; up?: JsonNode } | undefined;

  /**
   * @param raw the `JSON.parse` value at this token
   * @param owner the object or array holding this value (undefined for the root and for keys)
   * @param key this value's key in `owner` (a number for an array item); a key's token is the one before its value
   */
  constructor(
    readonly doc: TapeDoc,
    readonly index: number,
    readonly raw: unknown,
    readonly owner: TapeNode | undefined,
    readonly key: string | number | undefined,
  ) {
    this.type = raw === null ? 'null' : typeof raw !== 'object' ? (typeof raw as NodeType) : Array.isArray(raw) ? 'array' : 'object';
    this.lazy = undefined;
  }

  /** The scalar's value (jsonc-parser leaves it undefined on objects and arrays). */
  get value(): unknown {
    const r = this.raw;
    return r !== null && typeof r === 'object' ? undefined : r;
  }

  get colonOffset(): undefined {
    return undefined;
  }

  get offset(): number {
    return this.doc.startOf(this.index);
  }

  get length(): number {
    return this.doc.endOf(this.index) - this.doc.startOf(this.index);
  }

  get parent(): JsonNode | undefined {
    const lazy = (this.lazy ??= {});
    if (lazy.up === undefined && this.owner) lazy.up = typeof this.key === 'string' ? new PropNode(this.owner, this.index - 1, this) : this.owner;
    return lazy.up;
  }

  set parent(p: JsonNode | undefined) {
    (this.lazy ??= {}).up = p;
  }

  get children(): JsonNode[] | undefined {
    if (this.lazy?.kids) return this.lazy.kids;
    const d = this.doc;
    let out: JsonNode[] | undefined;
    if (this.type === 'object') {
      out = [];
      const raw = this.raw as Record<string, unknown>;
      let ki = this.index + 1;
      for (const k in raw) {
        out.push(new TapeNode(d, ki + 1, raw[k], this, k).parent!);
        ki = d.skip(ki + 1, raw[k]);
      }
    } else if (this.type === 'array') {
      out = [];
      const raw = this.raw as unknown[];
      let j = this.index + 1;
      for (let i = 0; i < raw.length; i++) {
        out.push(new TapeNode(d, j, raw[i], this, i));
        j = d.skip(j, raw[i]);
      }
    }
    if (out) (this.lazy ??= {}).kids = out;
    return out;
  }

  /** The value node of `key` (a direct property of this object), without building the other children. */
  propertyValue(key: string): TapeNode | undefined {
    if (this.type !== 'object') return undefined;
    const raw = this.raw as Record<string, unknown>;
    let ki = this.index + 1;
    for (const k in raw) {
      if (k === key) return new TapeNode(this.doc, ki + 1, raw[k], this, k);
      ki = this.doc.skip(ki + 1, raw[k]);
    }
    return undefined;
  }

  /** The property node of `key`. */
  property(key: string): JsonNode | undefined {
    const kids = this.lazy?.kids;
    if (kids) {
      for (const p of kids) if (p.children![0].value === key) return p;
      return undefined;
    }
    return this.propertyValue(key)?.parent;
  }
}

/** A span to read later: on the tape, the token (its document keeps only the text and the tape, not the value). */
export interface Position {
  readonly offset: number;
  readonly length: number;
}

class TokenPosition implements Position {
  constructor(
    private readonly doc: TapeDoc,
    private readonly index: number,
  ) {}
  get offset(): number {
    return this.doc.startOf(this.index);
  }
  get length(): number {
    return this.doc.endOf(this.index) - this.doc.startOf(this.index);
  }
}

/** A value and the span of its token, read when asked for (one object: the per-line summary keeps many). */
class TapeSpan<T> {
  constructor(
    readonly value: T,
    private readonly doc: TapeDoc,
    private readonly index: number,
    readonly role?: string,
  ) {}
  get offset(): number {
    return this.doc.startOf(this.index);
  }
  get length(): number {
    return this.doc.endOf(this.index) - this.doc.startOf(this.index);
  }
}

/** A value with the span of its node, kept without the node (see `positionOf`); `role` for identifiers. */
export function spanOf<T>(value: T, node: JsonNode): { value: T; readonly offset: number; readonly length: number };
export function spanOf<T>(value: T, node: JsonNode, role: string): { value: T; readonly offset: number; readonly length: number; role: string };
export function spanOf<T>(value: T, node: JsonNode, role?: string): { value: T; readonly offset: number; readonly length: number; role?: string };
export function spanOf<T>(value: T, node: JsonNode, role?: string): { value: T; readonly offset: number; readonly length: number; role?: string } {
  return node instanceof TapeNode ? new TapeSpan(value, node.doc, node.index, role) : { value, offset: node.offset, length: node.length, role };
}

/** The span of token `index` of `doc`, without a node. */
export function tokenSpan<T>(
  value: T,
  doc: TapeDoc,
  index: number,
  role?: string,
): { value: T; readonly offset: number; readonly length: number; role?: string } {
  return new TapeSpan(value, doc, index, role);
}

/** Where a node is, to be read later without keeping the node (and through it the document's value) alive. */
export function positionOf(node: JsonNode): Position {
  return node instanceof TapeNode ? new TokenPosition(node.doc, node.index) : { offset: node.offset, length: node.length };
}

/** A property node over the tape: children are the key (a string node) and the value. */
export class PropNode implements JsonNode {
  readonly type = 'property' as const;
  readonly value: undefined;
  private kids: JsonNode[] | undefined;

  constructor(
    readonly parent: TapeNode,
    readonly keyIndex: number,
    readonly val: TapeNode,
  ) {}

  get offset(): number {
    return this.parent.doc.startOf(this.keyIndex);
  }

  get length(): number {
    const d = this.parent.doc;
    return d.endOf(this.val.index) - d.startOf(this.keyIndex);
  }

  get colonOffset(): number {
    const d = this.parent.doc;
    return d.text.indexOf(':', d.endOf(this.keyIndex));
  }

  get children(): JsonNode[] {
    if (!this.kids) {
      const key = new TapeNode(this.parent.doc, this.keyIndex, this.val.key, undefined, undefined);
      key.parent = this;
      this.kids = [key, this.val];
    }
    return this.kids;
  }
}
