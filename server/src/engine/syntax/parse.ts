/**
 * Stage 1: parse. One parse per document version.
 *
 * One decision while parsing. Fast path: when `JSON.parse` (native) accepts the text and its value
 * stands for it (no merged duplicate key, no integer-like key, nesting within the limit: `decide`, one pass over the
 * value), the engine walks that value with a lazy tape of positions (tape.ts). Anything else gets the jsonc-parser
 * tree: strict JSON with a duplicate key (reported), and broken text, whose syntax findings are computed from
 * jsonc-parser's errors and from a token scan (rule S12 and the literal-case rules S3/S4), after the problems with a
 * certain correction are repaired in place.
 */
import { parseTree, createScanner, type ParseError } from 'jsonc-parser';
import type { JsonNode } from './tree';
import { TapeDoc, TapeNode } from './tape';

export interface SyntaxProblem {
  kind: 'comment' | 'trailing-comma' | 'literal-case' | 'single-quote' | 'nan-infinity' | 'duplicate-key' | 'bom' | 'empty' | 'too-deep' | 'syntax';
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
  Quote = 34,
  Backslash = 92,
  Comma = 44,
  Colon = 58,
  LBrace = 123,
  RBrace = 125,
  LBracket = 91,
  RBracket = 93,
  Space = 32,
  Tab = 9,
  LF = 10,
  CR = 13,
  t = 116,
  f = 102,
  n = 110,
}

/** Deepest nesting of brackets outside strings (checked before jsonc-parser's recursive parse). */
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

function colonsIn(s: string): number {
  let n = 0;
  for (let i = s.indexOf(':'); i !== -1; i = s.indexOf(':', i + 1)) n++;
  return n;
}

/** Whether the `JSON.parse` value of a strict text stands for it (see `measure`). */
const enum Stands {
  Yes = 0,
  /** Nested deeper than the limit. */
  TooDeep = 1,
  /** An integer-like key: JS enumerates those first, not in text order. */
  IntegerKey = 2,
}

/** An integer-like key (an array index: JS enumerates it before the other keys of its object). */
const INTEGER_KEY = /^(?:0|[1-9][0-9]*)$/;

/**
 * One pass over the `JSON.parse` value before any walk: its nesting depth (containers, the root at depth 1), its
 * integer-like keys, and `acc.colons`, the colons the text must hold if no key was merged (one per key, plus those
 * inside its keys and strings).
 */
function measure(v: object, depth: number, maxDepth: number, acc: { colons: number }): Stands {
  if (depth > maxDepth) return Stands.TooDeep;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x !== null && typeof x === 'object') {
        const r = measure(x, depth + 1, maxDepth, acc);
        if (r !== Stands.Yes) return r;
      } else if (typeof x === 'string' && x.indexOf(':') !== -1) acc.colons += colonsIn(x);
    }
    return Stands.Yes;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const c0 = k.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57 && INTEGER_KEY.test(k)) return Stands.IntegerKey;
    acc.colons += k.indexOf(':') === -1 ? 1 : 1 + colonsIn(k);
    const x = o[k];
    if (x !== null && typeof x === 'object') {
      const r = measure(x, depth + 1, maxDepth, acc);
      if (r !== Stands.Yes) return r;
    } else if (typeof x === 'string' && x.indexOf(':') !== -1) acc.colons += colonsIn(x);
  }
  return Stands.Yes;
}

/**
 * The one decision of the parse stage, made before any walk: does the `JSON.parse` value stand for the strict text?
 * Not when a key was merged (JSON.parse keeps the last of duplicate keys), when an integer-like key reorders its
 * object, or when the nesting is over the limit. Duplicate keys: in strict JSON every colon of the text is a key's
 * or inside a string, so the text has a duplicate key exactly when it has more colons than the value has keys plus
 * colons inside its keys and strings; a `\u003a` escape (a colon in the value, none in the text) defeats the count:
 * such a text (never seen in these files) is not trusted.
 */
function decide(body: string, value: unknown, maxDepth: number): Stands | 'merged' {
  if (value === null || typeof value !== 'object') return Stands.Yes;
  const acc = { colons: 0 };
  const r = measure(value, 1, maxDepth, acc);
  if (r !== Stands.Yes) return r;
  for (let i = body.indexOf('\\u003'); i !== -1; i = body.indexOf('\\u003', i + 1)) {
    const c = body.charCodeAt(i + 5) | 0x20;
    if (c === 0x61) return 'merged'; // \u003a or \u003A (indexOf: a regular expression over the text cost more)
  }
  return colonsIn(body) === acc.colons ? Stands.Yes : 'merged';
}

const PARSE_ERROR_NAMES: Record<number, string> = {
  1: 'InvalidSymbol',
  2: 'InvalidNumberFormat',
  3: 'PropertyNameExpected',
  4: 'ValueExpected',
  5: 'ColonExpected',
  6: 'CommaExpected',
  7: 'CloseBraceExpected',
  8: 'CloseBracketExpected',
  9: 'EndOfFileExpected',
  10: 'InvalidCommentToken',
  11: 'UnexpectedEndOfComment',
  12: 'UnexpectedEndOfString',
  13: 'UnexpectedEndOfNumber',
  14: 'InvalidUnicode',
  15: 'InvalidEscapeCharacter',
  16: 'InvalidCharacter',
};

// jsonc-parser SyntaxKind values (const enum in its typings).
const T_CLOSE_BRACE = 2,
  T_CLOSE_BRACKET = 4,
  T_COMMA = 5,
  T_LINE_COMMENT = 12,
  T_BLOCK_COMMENT = 13,
  T_LINEBREAK = 14,
  T_TRIVIA = 15,
  T_UNKNOWN = 16,
  T_EOF = 17;
const T_OPEN_BRACE = 1,
  T_OPEN_BRACKET = 3,
  T_COLON = 6,
  T_TRUE = 8,
  T_FALSE = 9,
  T_STRING = 10,
  T_NUMBER = 11;

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

/** Duplicate keys on a tree built by jsonc-parser. */
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

/**
 * The first level of a top-level object, read with jsonc-parser's scanner (tokens, no recursion: any depth): its
 * keys with their string, number, boolean or null values, and an empty object or array for each nested value (what
 * is inside is not read). Undefined unless the text is an object. Detection reads it on a text too deep for a tree:
 * a Ségur header (impId, numeroAns, siret, lignesImport) stays visible however deep one value nests.
 */
export function shallowValue(text: string): Record<string, unknown> | undefined {
  const scanner = createScanner(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text, true);
  if (scanner.scan() !== T_OPEN_BRACE) return undefined;
  const out: Record<string, unknown> = Object.create(null);
  let depth = 1;
  let key: string | undefined;
  let expectKey = true;
  for (let t = scanner.scan(); t !== T_EOF && depth > 0; t = scanner.scan()) {
    if (t === T_OPEN_BRACE || t === T_OPEN_BRACKET) {
      if (depth === 1 && key !== undefined) out[key] = t === T_OPEN_BRACE ? {} : [];
      key = undefined;
      depth++;
    } else if (t === T_CLOSE_BRACE || t === T_CLOSE_BRACKET) depth--;
    else if (depth !== 1) continue;
    else if (t === T_COMMA) expectKey = true;
    else if (t === T_STRING && expectKey) {
      key = scanner.getTokenValue();
      expectKey = false;
    } else if (key !== undefined && t !== T_COLON) {
      const v = scanner.getTokenValue();
      out[key] = t === T_STRING ? v : t === T_NUMBER ? Number(v) : t === T_TRUE ? true : t === T_FALSE ? false : null;
      key = undefined;
    }
  }
  return out;
}

/** Nesting deeper than this gets one finding and no tree (the Ségur formats nest 6 levels). */
export const DEFAULT_MAX_DEPTH = 64;

/**
 * @param tape on strict JSON whose `JSON.parse` value stands for the text (`decide`), give a root over that value
 *   (tape.ts) instead of the jsonc-parser tree (the engine's fast path). Without it, always the jsonc-parser tree.
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
  const tooDeep = (): ParseResult => ({
    root: undefined,
    value: undefined,
    strict: false,
    problems: [{ kind: 'too-deep', offset: 0, length: 1, detail: String(maxDepth) }],
  });
  // One decision, before any walk: the fast path when the JSON.parse value stands for the text, else the
  // jsonc-parser tree (which keeps every key: duplicate keys are reported, the later stages then do not run).
  if (tape) {
    const d = decide(body, value, maxDepth);
    if (d === Stands.Yes) return { root: new TapeNode(new TapeDoc(body), 0, value, undefined, undefined), value, strict: true, problems };
    if (d === Stands.TooDeep) return tooDeep();
  }
  // A merged key can hide a deeper nesting than the value shows: measured on the text before the recursive parse.
  if (nestingDepth(body, maxDepth) > maxDepth) return tooDeep();
  const before = problems.length;
  const root = parseTree(body, [], { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false }) as JsonNode | undefined;
  findDuplicateKeys(root, problems);
  if (problems.length !== before) problems.sort((a, b) => a.offset - b.offset);
  // Later stages can trust the tree when no duplicate key makes the value ambiguous.
  const strict = !problems.some((p) => p.kind === 'duplicate-key');
  return { root, value, strict, problems };
}
