/**
 * Line/character positions of the few offsets a publish needs, without building the document's whole line table (the
 * cost of a publish on a big file). `TextDocument.positionAt` builds the table of every line start on first use: on the
 * 10 MB file (370 000 lines) that is 30–50 ms on the shared VM, paid between the end of the check and the first
 * diagnostics of an open, for the two findings the file has. One forward pass with `indexOf('\n')` up to the last
 * offset asked is about ten times cheaper. Only for big texts (a 200-request file's table costs well under a
 * millisecond) and texts without `\r` (a lone `\r` ends a line in LSP too: those keep positionAt).
 */
import type { Position } from 'vscode-languageserver';
import { BIG_TEXT_CHARS } from './memory';

/**
 * A position function for `offsets` of `text`, equal to `fallback` (the document's positionAt) on every offset:
 * computed in one pass for a big text without `\r`, else `fallback` itself. An offset not given falls back too.
 */
export function positionsOf(
  text: string,
  offsets: readonly number[],
  fallback: (offset: number) => Position,
  threshold = BIG_TEXT_CHARS,
): (offset: number) => Position {
  if (text.length < threshold || offsets.length === 0 || text.includes('\r')) return fallback;
  const found = new Map<number, Position>();
  let line = 0;
  let lineStart = 0;
  for (const asked of [...new Set(offsets)].sort((a, b) => a - b)) {
    // positionAt clamps to the text.
    const offset = Math.max(0, Math.min(asked, text.length));
    for (let nl = text.indexOf('\n', lineStart); nl !== -1 && nl < offset; nl = text.indexOf('\n', lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    found.set(asked, { line, character: offset - lineStart });
  }
  return (offset) => found.get(offset) ?? fallback(offset);
}
