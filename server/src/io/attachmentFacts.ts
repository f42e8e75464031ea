/**
 * The attachment files on disk: for the names a document lists (segur.ts `attachmentNames`), what the attachments
 * folder holds (segur.ts `AttachmentFact`: plain data the rules P1–P4 read from CheckOptions.attachments).
 *
 * Read only, and only inside the folder: a name that is not a plain file name (`../x.pdf`, `C:x.pdf`, `a\b.pdf`, an
 * absolute path) is never joined to the folder; a name is looked up in the folder's listing, letter for letter (a
 * file system that ignores case would open `FACTURE.PDF` for `facture.pdf`); a symbolic link is followed only when it
 * leads to a file inside the folder; only regular files are opened, without blocking (a FIFO is never read). Nothing
 * is written. A PDF is opened with pdf-lib: whole (its `%%EOF` end marker), not encrypted, its page count.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isStrictlyInside } from './paths';
import { ParseSpeeds, PDFCatalog, PDFPageLeaf, PDFParser } from 'pdf-lib';
import {
  service,
  attachmentNames,
  kindOfBytes,
  isPlainFileName,
  ATTACHMENT_LIMITS,
  MAGIC_LENGTH,
  type AttachmentFact,
  type AttachmentName,
  type CheckOptions,
  type Localized,
} from '../segur';

/** The extensions an attachment can have (lower case), from the formats of schemas/attachments.json. */
const ATTACHMENT_EXTENSIONS = new Set(Object.values(ATTACHMENT_LIMITS.formats).flatMap((f) => f.extensions.map((e) => e.toLowerCase())));
const extensionOf = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

/** O_NONBLOCK where the system has it: should the file become a FIFO between stat and open, open does not block. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
/** A PDF ends with `%%EOF`, possibly followed by a line end or a few bytes of padding: looked for in its last KB. */
const EOF_WINDOW = 1024;
const EOF_MARK = Buffer.from('%%EOF', 'latin1');

/** The attachments folder cannot be listed (absent, not a folder, no permission). */
export class AttachmentsFolderError extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

/** The names a document lists, with their ranges (the document as the check would parse it). */
export function attachmentNamesOf(text: string, options: CheckOptions = {}): AttachmentName[] {
  return attachmentNames(service.parse(text, options));
}

/**
 * The facts of each distinct name, in the order given. Throws AttachmentsFolderError when the folder cannot be
 * listed; a name's own problem (missing, unreadable…) is a fact, never a throw.
 */
export async function readAttachmentFacts(folder: string, names: readonly string[]): Promise<AttachmentFact[]> {
  const dir = resolve(folder);
  let entries: string[];
  let realDir: string;
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    entries = readdirSync(dir);
    realDir = realpathSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new AttachmentsFolderError({ fr: `dossier des pièces justificatives illisible (${code})`, en: `attachments folder unreadable (${code})` });
  }
  const listed = new Set(entries);
  const out: AttachmentFact[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(await factOf(dir, realDir, listed, entries, name));
  }
  return out;
}

/** The facts of the attachments of a document's text (parsed as the check parses it), read in `folder`. */
export async function attachmentFactsOf(text: string, options: CheckOptions, folder: string): Promise<AttachmentFact[]> {
  return readAttachmentFacts(
    folder,
    attachmentNamesOf(text, options).map((n) => n.name),
  );
}

/**
 * Without a folder named (`--attachments`, `segur.attachments.folder`), the attachments are looked for beside the
 * JSON, in its own folder, when they are evidently kept there: that folder holds, under its exact name, at least one
 * of the files the JSON names. Then every name is checked there (a missing one is P1's finding); else (the JSON kept
 * apart from its pièces, or no name at all) undefined: no disk check, as nothing says where they are. `listing` caches
 * a folder's entries for a run over many files; a JSON whose folder holds no PDF, JPEG or PNG is not parsed for
 * names (besideListing).
 */
export async function attachmentFactsBeside(
  text: string,
  options: CheckOptions,
  jsonPath: string,
  listing: Map<string, string[] | undefined> = new Map(),
): Promise<{ folder: string; facts: AttachmentFact[] } | undefined> {
  const folder = dirname(resolve(jsonPath));
  const entries = besideListing(jsonPath, listing);
  if (!entries) return undefined;
  const listed = new Set(entries);
  const names = attachmentNamesOf(text, options).map((n) => n.name);
  if (!names.some((n) => isPlainFileName(n) && listed.has(n))) return undefined;
  try {
    return { folder, facts: await readAttachmentFacts(folder, names) };
  } catch {
    return undefined;
  }
}

/**
 * The entries of a JSON's own folder (listed once per folder in `listing`), or undefined when it cannot be listed or
 * holds no file of an accepted format's extension (schemas/attachments.json `formats`: .pdf, .jpg, .jpeg, .png): then
 * no attachment is kept there, and the JSON need not be parsed a second time for its names (a 10 MB file in a folder
 * of scripts is checked at the cost of one parse).
 */
export function besideListing(jsonPath: string, listing: Map<string, string[] | undefined> = new Map()): string[] | undefined {
  const folder = dirname(resolve(jsonPath));
  if (!listing.has(folder)) {
    let entries: string[] | undefined;
    try {
      entries = readdirSync(folder);
    } catch {
      entries = undefined;
    }
    listing.set(folder, entries && entries.some((e) => ATTACHMENT_EXTENSIONS.has(extensionOf(e))) ? entries : undefined);
  }
  return listing.get(folder);
}

async function factOf(dir: string, realDir: string, listed: Set<string>, entries: string[], name: string): Promise<AttachmentFact> {
  if (!isPlainFileName(name)) return { name, state: 'path' };
  if (!listed.has(name)) {
    const lower = name.toLowerCase();
    const other = entries.find((e) => e.toLowerCase() === lower);
    return other !== undefined ? { name, state: 'missing', caseOf: other } : { name, state: 'missing' };
  }
  const path = join(dir, name);
  let target = path;
  try {
    if (lstatSync(path).isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        return { name, state: 'missing' }; // a broken link: no file behind the name
      }
      if (!isStrictlyInside(realDir, real)) return { name, state: 'link-outside' };
      target = real;
    }
    if (!statSync(target).isFile()) return { name, state: 'not-file' };
  } catch (e) {
    return { name, state: 'unreadable', reason: (e as NodeJS.ErrnoException).code ?? 'EIO' };
  }
  let bytes: Uint8Array;
  let size: number;
  try {
    const fd = openSync(target, OPEN_FLAGS);
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) return { name, state: 'not-file' };
      size = st.size;
      // The whole file when it may be opened as a PDF; else its first bytes only.
      const want = Math.min(size, size <= ATTACHMENT_LIMITS.readBytes ? size : MAGIC_LENGTH);
      bytes = readFully(fd, want);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return { name, state: 'unreadable', reason: (e as NodeJS.ErrnoException).code ?? 'EIO' };
  }
  const kind = kindOfBytes(bytes.subarray(0, MAGIC_LENGTH));
  const fact: AttachmentFact = { name, state: 'found', size, kind };
  if (kind === 'PDF' && size <= ATTACHMENT_LIMITS.readBytes) fact.pdf = await openPdf(bytes);
  return fact;
}

function readFully(fd: number, length: number): Uint8Array {
  const buf = Buffer.alloc(length);
  let at = 0;
  while (at < length) {
    const n = readSync(fd, buf, at, length - at, at);
    if (n === 0) break; // the file shrank meanwhile: what was read
    at += n;
  }
  return at === length ? buf : buf.subarray(0, at);
}

/** Whether a PDF opens: whole (its end marker), not encrypted, and how many pages it has. */
export async function openPdf(bytes: Uint8Array): Promise<NonNullable<AttachmentFact['pdf']>> {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset + Math.max(0, bytes.length - EOF_WINDOW), Math.min(bytes.length, EOF_WINDOW));
  if (tail.indexOf(EOF_MARK) < 0) return { state: 'truncated' };
  try {
    // pdf-lib's parser alone, as PDFDocument.load runs it (yielding to the event loop every 100 objects), without the
    // document API: the language server bundles only what reading needs (scripts/build.mjs), not the writers, forms
    // and fonts. Parsed even when encrypted, then asked: pdf-lib's own error classes do not survive its ES5 build
    // (instanceof). The pages are counted as PDFDocument.getPageCount does, by walking the page tree.
    const context = await PDFParser.forBytesWithOptions(bytes, ParseSpeeds.Slow).parseDocument();
    if (context.lookup(context.trailerInfo.Encrypt)) return { state: 'encrypted' };
    const catalog = context.lookup(context.trailerInfo.Root);
    if (!(catalog instanceof PDFCatalog)) return { state: 'broken' };
    let pages = 0;
    catalog.Pages().traverse((node) => {
      if (node instanceof PDFPageLeaf) pages++;
    });
    return { state: 'ok', pages };
  } catch {
    return { state: 'broken' };
  }
}
