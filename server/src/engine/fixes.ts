/** Applying the engine's fixes: text edits, never two overlapping ones in one pass. */
import type { Finding, TextEdit } from './types';

/** Applies edits (sorted by offset; insertions at the same offset keep their order). Overlapping edits throw. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.offset - b.e.offset || a.i - b.i).map((x) => x.e);
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
