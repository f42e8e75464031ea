/** Offsets (UTF-16, as in LSP) ↔ 0-based line/character positions. Built once per text, only when needed. */

/**
 * The start offset of every line: after `\n`, `\r\n` or a lone `\r`, as LSP counts lines. Without `\r` (the common
 * case), the line feeds are found by the native search.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export class LineIndex {
  private readonly starts: ArrayLike<number>;
  /** From a text, or from its line starts (`lineStarts`: the CLI keeps them, packed, instead of the text). */
  constructor(source: string | ArrayLike<number>) {
    this.starts = typeof source === 'string' ? lineStarts(source) : source;
  }
  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
  offset(pos: Position): number {
    const start = this.starts[Math.min(Math.max(pos.line, 0), this.starts.length - 1)];
    return start + pos.character;
  }
  range(offset: number, length: number): Range {
    return { start: this.position(offset), end: this.position(offset + length) };
  }
}

/** A place in a text as editors count it: 0-based line and character (UTF-16 code units). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}
