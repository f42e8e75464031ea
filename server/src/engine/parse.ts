/**
 * Stage 1: parse. One parse per document version.
 *
 * Fast path: when `JSON.parse` (native) accepts the text, the text is strict JSON and a small
 * recursive-descent builder that needs no error handling produces the tree with offsets.
 * Slow path: otherwise jsonc-parser (tolerant, with recovery) builds the tree and the syntax
 * findings are computed from its errors and from a token scan (rule S12 and the literal-case rules S3/S4).
 * Duplicate keys are found on both paths (JSON.parse silently keeps the last one; the portal rejects them).
 */
import { parseTree, createScanner, type ParseError } from 'jsonc-parser';
import type { JsonNode } from './tree';
import { TapeDoc, TapeNode } from './tape';

export interface SyntaxProblem {
  kind:
    | 'comment'
    | 'trailing-comma'
    | 'literal-case'
    | 'single-quote'
    | 'nan-infinity'
    | 'duplicate-key'
    | 'bom'
    | 'empty'
    | 'too-deep'
    | 'syntax';
  offset: number;
  length: number;
  /** jsonc-parser error name for 'syntax'. */
  detail?: string;
  /** Replacement text when the correction is certain. */
  replacement?: string;
  /** Span the fix replaces when wider than the problem (a comment with its blanks or its line). */
  fixSpan?: { offset: number; length: number };
  /** For duplicate keys: offset/length of the first occurrence. */
  related?: { offset: number; length: number };
}

export interface ParseResult {
  root: JsonNode | undefined;
  /** Plain value of the document (undefined when the syntax is broken). */
  value: unknown;
  /**
   * True when the tree is complete and unambiguous: the text is strict JSON, or becomes strict JSON once the problems
   * with a certain correction are corrected, and it has no duplicate key. Later stages run only then.
   */
  strict: boolean;
  problems: SyntaxProblem[];
}

const enum C {
  Quote = 34, Backslash = 92, Comma = 44, Colon = 58, LBrace = 123, RBrace = 125, LBracket = 91, RBracket = 93,
  Space = 32, Tab = 9, LF = 10, CR = 13, t = 116, f = 102, n = 110,
}

export class TooDeepError extends Error {}

/** Keys of one object compared one by one for duplicates; beyond, a Map. */
const SCAN_KEYS = 32;

/** Deepest nesting of brackets outside strings (the slow path checks it before jsonc-parser's recursive parse). */
export function nestingDepth(text: string, stopAt: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === C.Backslash) i++;
      else if (c === C.Quote) inString = false;
    } else if (c === C.Quote) inString = true;
    else if (c === C.LBrace || c === C.LBracket) {
      if (++depth > max) max = depth;
      if (max > stopAt) return max;
    } else if (c === C.RBrace || c === C.RBracket) depth--;
  }
  return max;
}

/** Builds the tree of a text already known to be strict JSON. Every node has the same shape (one hidden class). */
class StrictBuilder {
  pos = 0;
  private depth = 0;
  constructor(private readonly text: string, private readonly problems: SyntaxProblem[], private readonly maxDepth: number) {}

  ws(): number {
    const t = this.text;
    let p = this.pos;
    let c = t.charCodeAt(p);
    while (c === C.Space || c === C.LF || c === C.CR || c === C.Tab) c = t.charCodeAt(++p);
    this.pos = p;
    return c;
  }

  value(parent: JsonNode | undefined): JsonNode {
    const c = this.ws();
    const start = this.pos;
    const t = this.text;
    switch (c) {
      case C.LBrace: return this.object(parent);
      case C.LBracket: return this.array(parent);
      case C.Quote: return this.string(parent);
      case C.t: this.pos += 4; return { type: 'boolean', offset: start, length: 4, value: true, colonOffset: undefined, parent, children: undefined };
      case C.f: this.pos += 5; return { type: 'boolean', offset: start, length: 5, value: false, colonOffset: undefined, parent, children: undefined };
      case C.n: this.pos += 4; return { type: 'null', offset: start, length: 4, value: null, colonOffset: undefined, parent, children: undefined };
      default: {
        let p = start + 1;
        let ch = t.charCodeAt(p);
        // digits, '.', 'e', 'E', '+', '-'
        while ((ch >= 48 && ch <= 57) || ch === 46 || ch === 101 || ch === 69 || ch === 43 || ch === 45) ch = t.charCodeAt(++p);
        this.pos = p;
        return { type: 'number', offset: start, length: p - start, value: Number(t.slice(start, p)), colonOffset: undefined, parent, children: undefined };
      }
    }
  }

  string(parent: JsonNode | undefined): JsonNode {
    const t = this.text;
    const start = this.pos;
    let p = start + 1;
    let escaped = false;
    for (;;) {
      const ch = t.charCodeAt(p);
      if (ch === C.Quote) break;
      if (ch === C.Backslash) { escaped = true; p += 2; } else p++;
    }
    this.pos = p + 1;
    const raw = t.slice(start + 1, p);
    return { type: 'string', offset: start, length: p + 1 - start, value: escaped ? JSON.parse(t.slice(start, p + 1)) : raw, colonOffset: undefined, parent, children: undefined };
  }

  object(parent: JsonNode | undefined): JsonNode {
    if (++this.depth > this.maxDepth) throw new TooDeepError();
    const node: JsonNode = { type: 'object', offset: this.pos, length: 0, value: undefined, colonOffset: undefined, parent, children: [] };
    this.pos++;
    let c = this.ws();
    const keys: JsonNode[] = [];
    let seen: Map<string, JsonNode> | undefined;
    if (c !== C.RBrace) {
      for (;;) {
        const prop: JsonNode = { type: 'property', offset: this.pos, length: 0, value: undefined, colonOffset: undefined, parent: node, children: [] };
        const key = this.string(prop);
        this.ws();
        prop.colonOffset = this.pos;
        this.pos++;
        const val = this.value(prop);
        prop.children!.push(key, val);
        prop.length = val.offset + val.length - prop.offset;
        node.children!.push(prop);
        // Duplicate keys: a linear scan is cheaper than a Map for the small objects of these files; past
        // SCAN_KEYS keys a Map takes over, so that an object of N keys costs O(N), not O(N²) (issue 9: a template
        // of 20 000 keys).
        const k = key.value as string;
        if (seen === undefined) {
          for (let i = 0; i < keys.length; i++) {
            if (keys[i].value === k) {
              this.problems.push({ kind: 'duplicate-key', offset: key.offset, length: key.length, related: { offset: keys[i].offset, length: keys[i].length } });
              break;
            }
          }
          keys.push(key);
          if (keys.length === SCAN_KEYS) {
            seen = new Map();
            for (const x of keys) if (!seen.has(x.value as string)) seen.set(x.value as string, x);
          }
        } else {
          const first = seen.get(k);
          if (first) this.problems.push({ kind: 'duplicate-key', offset: key.offset, length: key.length, related: { offset: first.offset, length: first.length } });
          else seen.set(k, key);
        }
        c = this.ws();
        if (c === C.Comma) { this.pos++; this.ws(); continue; }
        break;
      }
    }
    this.pos++; // '}'
    node.length = this.pos - node.offset;
    this.depth--;
    return node;
  }

  array(parent: JsonNode | undefined): JsonNode {
    if (++this.depth > this.maxDepth) throw new TooDeepError();
    const node: JsonNode = { type: 'array', offset: this.pos, length: 0, value: undefined, colonOffset: undefined, parent, children: [] };
    this.pos++;
    let c = this.ws();
    if (c !== C.RBracket) {
      for (;;) {
        node.children!.push(this.value(node));
        c = this.ws();
        if (c === C.Comma) { this.pos++; continue; }
        break;
      }
    }
    this.pos++; // ']'
    node.length = this.pos - node.offset;
    this.depth--;
    return node;
  }
}

const PARSE_ERROR_NAMES: Record<number, string> = {
  1: 'InvalidSymbol', 2: 'InvalidNumberFormat', 3: 'PropertyNameExpected', 4: 'ValueExpected', 5: 'ColonExpected',
  6: 'CommaExpected', 7: 'CloseBraceExpected', 8: 'CloseBracketExpected', 9: 'EndOfFileExpected',
  10: 'InvalidCommentToken', 11: 'UnexpectedEndOfComment', 12: 'UnexpectedEndOfString', 13: 'UnexpectedEndOfNumber',
  14: 'InvalidUnicode', 15: 'InvalidEscapeCharacter', 16: 'InvalidCharacter',
};

// jsonc-parser SyntaxKind values (const enum in its typings).
const T_CLOSE_BRACE = 2, T_CLOSE_BRACKET = 4, T_COMMA = 5, T_LINE_COMMENT = 12, T_BLOCK_COMMENT = 13,
  T_LINEBREAK = 14, T_TRIVIA = 15, T_UNKNOWN = 16, T_EOF = 17;

const LITERALS: Record<string, string> = { null: 'null', true: 'true', false: 'false' };

/** Token scan for the problems the portal rejects but jsonc-parser tolerates or reports vaguely. */
function scanTokens(text: string, problems: SyntaxProblem[]): Set<number> {
  const handled = new Set<number>(); // offsets of tokens already explained
  const sc = createScanner(text, false);
  let pendingComma = -1;
  for (let tok = sc.scan(); tok !== T_EOF; tok = sc.scan()) {
    const off = sc.getTokenOffset();
    const len = sc.getTokenLength();
    if (tok === T_TRIVIA || tok === T_LINEBREAK) continue;
    if (tok === T_LINE_COMMENT || tok === T_BLOCK_COMMENT) {
      // The fix also removes the blanks before the comment, and the whole line when the comment is alone on it.
      let start = off;
      while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
      let end = off + len;
      const alone = (start === 0 || text[start - 1] === '\n') && (text[end] === '\n' || text[end] === '\r' || end === text.length);
      if (alone) end += text[end] === '\r' && text[end + 1] === '\n' ? 2 : text[end] === '\n' || text[end] === '\r' ? 1 : 0;
      problems.push({ kind: 'comment', offset: off, length: len, replacement: '', fixSpan: { offset: start, length: end - start } });
      handled.add(off);
      continue;
    }
    if ((tok === T_CLOSE_BRACE || tok === T_CLOSE_BRACKET) && pendingComma >= 0) {
      problems.push({ kind: 'trailing-comma', offset: pendingComma, length: 1, replacement: '' });
      handled.add(off);
    }
    pendingComma = tok === T_COMMA ? off : -1;
    if (tok === T_UNKNOWN) {
      const word = text.substr(off, len);
      const lower = word.toLowerCase();
      if (LITERALS[lower]) {
        problems.push({ kind: 'literal-case', offset: off, length: len, replacement: LITERALS[lower], detail: lower });
        handled.add(off);
      } else if (word === 'NaN' || word === 'Infinity' || word === '-Infinity') {
        problems.push({ kind: 'nan-infinity', offset: off, length: len });
        handled.add(off);
      } else if (word.startsWith("'")) {
        // A single-quoted string: find its end on the same line.
        let end = off + 1;
        while (end < text.length && text[end] !== "'" && text[end] !== '\n') end++;
        if (text[end] === "'") {
          const inner = text.slice(off + 1, end);
          problems.push({ kind: 'single-quote', offset: off, length: end + 1 - off, replacement: JSON.stringify(inner.replace(/\\'/g, "'")) });
          for (let p = off; p <= end; p++) handled.add(p);
          sc.setPosition(end + 1);
        } else {
          problems.push({ kind: 'single-quote', offset: off, length: end - off });
          handled.add(off);
        }
      }
    }
  }
  return handled;
}

/** Duplicate keys on a tree built by jsonc-parser (the strict builder finds them itself). */
function findDuplicateKeys(node: JsonNode | undefined, problems: SyntaxProblem[]): void {
  if (!node || !node.children) return;
  if (node.type === 'object') {
    const seen = new Map<string, JsonNode>();
    for (const p of node.children) {
      const key = p.children?.[0];
      if (!key) continue;
      const first = seen.get(key.value as string);
      if (first) problems.push({ kind: 'duplicate-key', offset: key.offset, length: key.length, related: { offset: first.offset, length: first.length } });
      else seen.set(key.value as string, key);
    }
  }
  for (const c of node.children) findDuplicateKeys(c, problems);
}

/**
 * Replaces each certainly-understood problem by same-length strict JSON (comments and trailing commas by blanks,
 * `Null` by `null`, `'ab'` by `"ab"`, NaN by `0`), so that offsets stay those of the user's text.
 */
function repair(text: string, problems: SyntaxProblem[]): string {
  let out = '';
  let last = 0;
  for (const p of problems) {
    let rep: string | undefined;
    if (p.kind === 'comment' || p.kind === 'trailing-comma' || p.kind === 'bom') {
      rep = text.substr(p.offset, p.length).replace(/[^\r\n]/g, ' ');
    } else if (p.kind === 'literal-case') rep = p.replacement;
    else if (p.kind === 'single-quote' && p.replacement && p.replacement.length === p.length) rep = p.replacement;
    else if (p.kind === 'nan-infinity') rep = '0'.padEnd(p.length, ' ');
    if (rep === undefined || p.offset < last) continue;
    out += text.slice(last, p.offset) + rep;
    last = p.offset + p.length;
  }
  return out + text.slice(last);
}

/** Nesting deeper than this gets one finding and no tree (the Ségur formats nest 6 levels). */
export const DEFAULT_MAX_DEPTH = 64;

/**
 * @param tape on strict JSON, give a root over the `JSON.parse` value (tape.ts) instead of a tree of objects (the
 *   engine's fast path). Duplicate keys and the nesting depth are then not looked for here: the engine's traversal
 *   checks them and the engine parses again without the tape.
 */
export function parseDocument(text: string, maxDepth = DEFAULT_MAX_DEPTH, tape = false): ParseResult {
  const problems: SyntaxProblem[] = [];
  if (text.trim() === '' || text === '\ufeff') {
    problems.push({ kind: 'empty', offset: 0, length: text.length });
    return { root: undefined, value: undefined, strict: false, problems };
  }
  let body = text;
  if (text.charCodeAt(0) === 0xfeff) {
    problems.push({ kind: 'bom', offset: 0, length: 1, replacement: '' });
    body = ' ' + text.slice(1); // keep offsets identical
  }
  let value: unknown;
  let ok = true;
  try {
    value = JSON.parse(body);
  } catch {
    ok = false;
  }
  if (!ok) {
    // Slow path: find what the portal rejects, repair it in place (same offsets), parse again.
    if (nestingDepth(body, maxDepth) > maxDepth) {
      problems.push({ kind: 'too-deep', offset: 0, length: 1, detail: String(maxDepth) });
      return { root: undefined, value: undefined, strict: false, problems };
    }
    const handled = scanTokens(body, problems);
    problems.sort((a, b) => a.offset - b.offset);
    body = repair(body, problems);
    try {
      value = JSON.parse(body);
      ok = true;
    } catch {
      const errors: ParseError[] = [];
      const root = parseTree(body, errors, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: true }) as JsonNode | undefined;
      for (const e of errors) {
        if (handled.has(e.offset)) continue;
        problems.push({ kind: 'syntax', offset: e.offset, length: Math.max(e.length, 1), detail: PARSE_ERROR_NAMES[e.error] ?? 'SyntaxError' });
      }
      findDuplicateKeys(root, problems);
      problems.sort((a, b) => a.offset - b.offset);
      return { root, value: undefined, strict: false, problems };
    }
  }
  const tooDeep = (): ParseResult => ({ root: undefined, value: undefined, strict: false, problems: [{ kind: 'too-deep', offset: 0, length: 1, detail: String(maxDepth) }] });
  // The engine's fast path. Its duplicate-key check counts colons, which a `\u003a` escape would defeat: such a
  // text (rare in these files) gets the tree.
  if (tape && !body.includes('\\u')) return { root: new TapeNode(new TapeDoc(body), 0, value, undefined, undefined), value, strict: true, problems };
  const before = problems.length;
  let root: JsonNode;
  try {
    root = new StrictBuilder(body, problems, maxDepth).value(undefined);
  } catch (e) {
    if (!(e instanceof TooDeepError)) throw e;
    return tooDeep();
  }
  if (problems.length !== before) problems.sort((a, b) => a.offset - b.offset);
  // Later stages can trust the tree when no duplicate key makes the value ambiguous.
  const strict = !problems.some((p) => p.kind === 'duplicate-key');
  return { root, value, strict, problems };
}
