/**
 * Applying the engine's fixes: text edits, never two overlapping ones in one pass; "fix all" passes until no safe
 * fix is left (the CLI's `--fix`, the editor's `source.fixAll.segur` and « corriger tous les problèmes »).
 */
import type { CheckOptions, CheckResult, Finding, TextEdit } from '../shared/types';

/**
 * Applies edits (sorted by offset; at the same offset insertions come before a replacement starting there, and
 * insertions keep their order). Overlapping edits throw.
 *
 * This is jsonc-parser's `applyEdits` (same order, same refusal of overlapping edits, same text: compared on every
 * fixture's fixes and on random edit lists by test/engine/check/fixes.apply-edits.test.ts), written as one linear pass. It is kept
 * rather than delegating because jsonc-parser rebuilds the whole text once per edit: a fix-all pass
 * on a 200-request file (600 edits, 258 kB) takes it ~840 ms against 0.15 ms here, on 1 000 requests (3 000 edits,
 * 1.3 MB) ~22 s against 0.5 ms (measured with the edits of selectFixes, best of 5).
 */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.offset - b.e.offset || Math.sign(a.e.length) - Math.sign(b.e.length) || a.i - b.i)
    .map((x) => x.e);
  let out = '';
  let last = 0;
  for (const e of sorted) {
    if (e.offset < last) throw new Error('overlapping edits');
    out += text.slice(last, e.offset) + e.newText;
    last = e.offset + e.length;
  }
  return out + text.slice(last);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point do not overlap; an insertion inside a replaced span does.
  if (a.length === 0 && b.length === 0) return false;
  const aEnd = a.offset + a.length;
  const bEnd = b.offset + b.length;
  if (a.length === 0) return a.offset > b.offset && a.offset < bEnd;
  if (b.length === 0) return b.offset > a.offset && b.offset < aEnd;
  return a.offset < bEnd && b.offset < aEnd;
}

/**
 * The fixes of "fix all": the safe fixes of the findings (optionally of one rule), skipping any fix whose edits
 * overlap an already chosen one (a later pass can apply it on the new text).
 */
export function selectFixes(findings: Finding[], filter?: (f: Finding) => boolean): { chosen: Finding[]; edits: TextEdit[] } {
  const chosen: Finding[] = [];
  const edits: TextEdit[] = [];
  for (const f of findings) {
    if (!f.fix || !f.fix.safe || (filter && !filter(f))) continue;
    if (f.fix.edits.some((e) => edits.some((x) => overlaps(e, x)))) continue;
    chosen.push(f);
    edits.push(...f.fix.edits);
  }
  return { chosen, edits };
}

/** Most passes of fixAll: each pass applies every non-overlapping safe fix, a fix never re-creates its finding. */
export const MAX_FIX_PASSES = 10;

/** True when the portal's parser would accept the text (JSON.parse; a BOM is S12's business, not a syntax error). */
export function isStrictJson(text: string): boolean {
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return true;
  } catch {
    return false;
  }
}

export interface FixAllResult {
  text: string;
  /** Fixes applied, by finding code. */
  fixed: Map<string, number>;
  /** Passes that changed the text. */
  passes: number;
}

/**
 * "Fix all": applies the safe fixes (optionally of the findings `filter` keeps) pass after pass, overlapping ones
 * waiting for the next pass, until none is left. A pass that would turn strict JSON into broken JSON is not applied
 * (never expected: the golden tests check every fix; this keeps a fix from ever breaking the file). `first` is the
 * result of `check(text, options)` when the caller already has it. `check`: the service's (the rules are given,
 * engine/service.ts; segur.ts exports `fixAll` bound to the catalogue).
 */
export function fixAllWith(
  check: (text: string, options: CheckOptions) => CheckResult,
  text: string,
  options: CheckOptions,
  filter?: (f: Finding) => boolean,
  first?: CheckResult,
): FixAllResult {
  const fixed = new Map<string, number>();
  let passes = 0;
  let strict = isStrictJson(text);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { findings } = pass === 0 && first ? first : check(text, options);
    const { chosen, edits } = selectFixes(findings, filter);
    if (edits.length === 0) break;
    const next = applyEdits(text, edits);
    const nextStrict = isStrictJson(next);
    if (strict && !nextStrict) break;
    if (next === text) break;
    text = next;
    strict = nextStrict;
    passes++;
    for (const f of chosen) fixed.set(f.code, (fixed.get(f.code) ?? 0) + 1);
  }
  return { text, fixed, passes };
}

/**
 * The one edit turning `before` into `after`: the changed region between their common prefix and suffix (so the
 * editor keeps the cursor and one undo step). Never splits a CRLF or a surrogate pair.
 */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  const splits = (t: string, i: number) =>
    i > 0 && i < t.length && ((t[i - 1] === '\r' && t[i] === '\n') || (/[\ud800-\udbff]/.test(t[i - 1]) && /[\udc00-\udfff]/.test(t[i])));
  while (start > 0 && (splits(before, start) || splits(after, start))) start--;
  while (end > 0 && (splits(before, before.length - end) || splits(after, after.length - end))) end--;
  return { offset: start, length: before.length - end - start, newText: after.slice(start, after.length - end) };
}
