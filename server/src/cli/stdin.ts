/**
 * The file piped to `segur-json check -`: checked like a file on disk (checkFile.ts), named by `--stdin-filename`
 * (detection reads the SONS and the kind from the name, as from a file's). With `--fix` there is no file to rewrite:
 * the fixed text is the command's output on stdout (a filter: `segur-json check --fix - < a.json > b.json`), always
 * written, unchanged when there was nothing to fix, and the report goes to stderr (or to `-o`).
 */
import { relative } from 'node:path';
import { encodeUtf8, isUtf8, ENCODING_LABEL } from '../segur';
import type { ReadResult } from '../io/files';
import { checkFile, checkOptionsOf, fixText, internalCheckResult, type FileCheckOptions, type FileOutcome } from './checkFile';

export interface StdinOutcome {
  outcome: FileOutcome;
  /** `--fix` / `--fix-encoding`: the bytes for stdout (the fixed text, or the input as it came when not fixed). */
  output?: Uint8Array;
}

export function checkStdin(file: string, read: ReadResult, bytes: Uint8Array, o: FileCheckOptions): StdinOutcome {
  const asRead = { read: () => read };
  if (!o.fix && !o.fixEncoding) return { outcome: checkFile(file, true, o, asRead) };
  const plain: FileCheckOptions = { ...o, fix: false, fixEncoding: false };
  const options = checkOptionsOf(file, o, read);
  let fixed: { text: string; fixed: Map<string, number> };
  try {
    fixed = o.fix ? fixText(read.text, options) : { text: read.text, fixed: new Map() };
  } catch {
    // Nothing fixed: the input goes out as it came, with the internal finding that says so.
    const outcome = checkFile(file, true, plain, asRead);
    const [f] = internalCheckResult('fix').findings;
    outcome.findings.unshift({ ...f, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    return { outcome, output: bytes };
  }
  const utf8 = isUtf8(read.encoding);
  // As for a file (checkFile.ts): text in another encoding is rewritten only when --fix-encoding asks, and losslessly.
  if (!utf8 && (!o.fixEncoding || !read.lossless)) {
    const outcome = checkFile(file, true, plain, asRead);
    const label = ENCODING_LABEL[read.encoding];
    outcome.notes.push(
      `${relative(o.cwd, file) || file} : pas en UTF-8 (${label}) : ${o.fixEncoding ? 'ne se décode pas sans perte' : 'ni corrigé ni converti sans --fix-encoding'}, recopié tel quel / not UTF-8 (${label}): ${o.fixEncoding ? 'does not decode losslessly' : 'neither fixed nor converted without --fix-encoding'}, copied as is`,
    );
    return { outcome, output: bytes };
  }
  const converted = !utf8;
  const text = fixed.text;
  const outcome = checkFile(file, true, plain, { read: () => ({ ...read, text, encoding: converted ? 'utf-8' : read.encoding }) });
  if (converted) fixed.fixed.set('S12/encoding', 1);
  if (fixed.fixed.size > 0) outcome.fixed = fixed.fixed;
  return { outcome, output: encodeUtf8(text) };
}
