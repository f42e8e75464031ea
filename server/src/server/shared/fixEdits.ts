/**
 * The edits of « fix all » (`source.fixAll.segur`, fix on save) as the editor receives them: one small edit where
 * each fix changed the text, as ESLint sends them. One replacement of the whole changed region (`Null` on line 2
 * and `NULL` on line 141 made one edit of 140 lines) moved the cursor, unfolded the folds and left one undo step
 * over the whole document.
 */
import { diffLines } from 'diff';
import { applyEdits, minimalEdit, type TextEdit } from '../../segur';

/**
 * Beyond this many changed lines the line diff gives up (it costs about lines × changes) and the single edit of the
 * changed region is sent: a file where most lines change gains nothing from small edits.
 */
const MAX_DIFF_LINES = 2000;

/** The order of applyEdits (engine/check/fixes.ts), which is the editor's for edits at the same offset. */
const inOrder = (edits: readonly TextEdit[]) =>
  edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.offset - b.e.offset || Math.sign(a.e.length) - Math.sign(b.e.length) || a.i - b.i)
    .map((x) => x.e);

/**
 * The edits turning `before` into `after` (the text of fix-all): the engine's own edits of its first pass, each
 * narrowed to the characters it changes, when they alone give `after` (one pass: selectFixes never chooses two that overlap), else (a fix revealed another, fixed by
 * a later pass on a text the first edits do not describe) a line diff of the two texts, each changed run of lines
 * narrowed to the characters that differ. Whatever the way, the edits are checked to give `after`; if not, the one
 * edit of the changed region.
 */
export function fixAllEdits(before: string, after: string, firstPass: readonly TextEdit[]): TextEdit[] {
  if (before === after) return [];
  const gives = (edits: TextEdit[]) => {
    try {
      return applyEdits(before, edits) === after;
    } catch {
      return false;
    }
  };
  const own = inOrder(firstPass.flatMap((e) => narrowed(before, e)));
  if (own.length > 0 && gives(own)) return own;
  const diffed = lineDiffEdits(before, after);
  if (diffed && diffed.length > 0 && gives(diffed)) return diffed;
  const one = minimalEdit(before, after);
  return one ? [one] : [];
}

/** An edit cut down to the characters it changes (a fix may rewrite a whole value to change one character); none if it changes nothing. */
function narrowed(before: string, e: TextEdit): TextEdit[] {
  const n = minimalEdit(before.slice(e.offset, e.offset + e.length), e.newText);
  return n ? [{ offset: e.offset + n.offset, length: n.length, newText: n.newText }] : [];
}

/** A line diff (the `diff` package) as edits on `before`; undefined when the texts differ on too many lines. */
function lineDiffEdits(before: string, after: string): TextEdit[] | undefined {
  const parts = diffLines(before, after, { maxEditLength: MAX_DIFF_LINES });
  if (!parts) return undefined;
  const edits: TextEdit[] = [];
  let oldPos = 0;
  let newPos = 0;
  let run: { oldStart: number; newStart: number } | undefined;
  const close = () => {
    if (!run) return;
    edits.push(...narrowed(before, { offset: run.oldStart, length: oldPos - run.oldStart, newText: after.slice(run.newStart, newPos) }));
    run = undefined;
  };
  for (const p of parts) {
    if (!p.added && !p.removed) {
      close();
      oldPos += p.value.length;
      newPos += p.value.length;
      continue;
    }
    run ??= { oldStart: oldPos, newStart: newPos };
    if (p.removed) oldPos += p.value.length;
    else newPos += p.value.length;
  }
  close();
  return edits;
}
