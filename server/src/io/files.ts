/**
 * Reading Ségur files from disk, for the CLI and the language server alike (the engine never touches the file
 * system). Only regular files are read: a FIFO, a socket or a device named `x.json` is refused with a message and
 * never opened (opening a FIFO for reading blocks until a writer comes; reading a device may never end). A symbolic
 * link to a file is followed (once: the system resolves it); inside a folder, symbolic links are followed too, a
 * folder is walked once (loops end) and a file reached twice is checked once. Bytes are decoded by
 * engine/syntax/decode.ts (UTF-8, UTF-16/32, else a single-byte guess), so that nothing is silently replaced by U+FFFD.
 */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  type BigIntStats,
  type Dirent,
  type Stats,
} from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeBytes, type Decoded, type Localized } from '../segur';
import { errnoReason, identityOf, type FileIdentity } from './atomicWrite';

export type FileKind = 'file' | 'directory' | 'fifo' | 'socket' | 'device' | 'other';

export class FileReadError extends Error {
  constructor(
    readonly kind: FileKind | 'missing' | 'unreadable' | 'too-large',
    readonly reason: Localized,
    /** Why the system refused (« permission refusée (EACCES) »), when it said. */
    readonly why?: Localized,
  ) {
    super(reason.en);
  }
}

export interface ReadResult extends Decoded {
  /** Size in bytes. */
  size: number;
  /** The file that was read, as it was (from its open descriptor): a rewrite checks it is still that file. */
  identity?: FileIdentity;
}

export function kindOf(st: Stats | BigIntStats | Dirent): FileKind {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  return 'other';
}

const KIND: Record<Exclude<FileKind, 'file'>, Localized> = {
  directory: { fr: 'dossier', en: 'folder' },
  fifo: { fr: 'FIFO', en: 'FIFO' },
  socket: { fr: 'socket', en: 'socket' },
  device: { fr: 'périphérique', en: 'device' },
  other: { fr: 'type inconnu', en: 'unknown type' },
};

/** « pas un fichier ordinaire (FIFO) » / "not a regular file (FIFO)". */
export function notRegular(kind: Exclude<FileKind, 'file'>): Localized {
  return { fr: `pas un fichier ordinaire (${KIND[kind].fr})`, en: `not a regular file (${KIND[kind].en})` };
}

/** O_NONBLOCK where the system has it: should the file become a FIFO between stat and open, open does not block. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file (a symbolic link is followed) and decodes it. Throws FileReadError, whose `reason` says why,
 * for anything else; a FIFO, socket or device is never opened.
 * @param maxBytes refuse (kind `too-large`) a file bigger than this, without reading it.
 */
export function readRegularFile(path: string, options: { maxBytes?: number } = {}): ReadResult {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw statFailure(e);
  }
  checkStat(st, options);
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    throw unreadable(e);
  }
  let bytes: Buffer;
  let identity: FileIdentity;
  try {
    // What was opened is what is read: check it again on the descriptor (the path may have changed meanwhile).
    const st = fstatSync(fd, { bigint: true });
    const opened = kindOf(st);
    if (opened !== 'file') throw new FileReadError(opened, notRegular(opened));
    identity = identityOf(st);
    bytes = readFileSync(fd);
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw unreadable(e);
  } finally {
    closeSync(fd);
  }
  return { ...decodeBytes(bytes), size: bytes.length, identity };
}

/**
 * `readRegularFile` without blocking the event loop while the disk (or a network share) answers: the same rules —
 * a FIFO, socket or device is never opened, the opened descriptor is checked again, the same errors.
 */
export async function readRegularFileAsync(path: string, options: { maxBytes?: number } = {}): Promise<ReadResult> {
  let st: Stats;
  try {
    st = await stat(path);
  } catch (e) {
    throw statFailure(e);
  }
  checkStat(st, options);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    throw unreadable(e);
  }
  let bytes: Buffer;
  let identity: FileIdentity;
  try {
    const st = await handle.stat({ bigint: true });
    const opened = kindOf(st);
    if (opened !== 'file') throw new FileReadError(opened, notRegular(opened));
    identity = identityOf(st);
    bytes = await handle.readFile();
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw unreadable(e);
  } finally {
    await handle.close().catch(() => undefined);
  }
  return { ...decodeBytes(bytes), size: bytes.length, identity };
}

/** « illisible » with why, when the system says it (« permission refusée (EACCES) »). */
function unreadable(e: unknown): FileReadError {
  return new FileReadError('unreadable', { fr: 'illisible', en: 'unreadable' }, (e as NodeJS.ErrnoException | undefined)?.code ? errnoReason(e) : undefined);
}

function statFailure(e: unknown): FileReadError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FileReadError('missing', { fr: 'introuvable', en: 'not found' });
  if (code === 'ELOOP') return new FileReadError('unreadable', { fr: 'boucle de liens symboliques', en: 'symbolic link loop' });
  return unreadable(e);
}

/** Only a regular file, not above `maxBytes` (checked before it is opened). */
function checkStat(st: Stats, options: { maxBytes?: number }): void {
  const kind = kindOf(st);
  if (kind !== 'file') throw new FileReadError(kind, notRegular(kind));
  if (options.maxBytes !== undefined && st.size > options.maxBytes) throw new FileReadError('too-large', { fr: 'trop gros', en: 'too large' });
}

/** A path of a folder that is not checked, and why. */
export interface Skipped {
  path: string;
  reason: Localized;
}

export interface ListOptions {
  /** Stop after this many files. */
  max?: number;
  /** Told of each `.json` entry (or linked folder) left out, and why; nothing is left out silently. */
  skipped?: (s: Skipped) => void;
  /** Real paths of the files already listed (shared between calls, so that a file is listed once). */
  seenFiles?: Map<string, string>;
  /** Real paths of the folders already walked (shared between calls: a folder is walked once). */
  seenDirs?: Set<string>;
  /** Paths left out on purpose (the editor's exclude globs): never read, never reported. */
  exclude?: (path: string, isDirectory: boolean) => boolean;
}

/**
 * The `.json` files of a folder, recursively, sorted by name in each folder (dot entries left out, and
 * node_modules unless `exclude` is given). Symbolic links are followed: to a file, it is listed unless the same file was listed already; to a folder,
 * it is walked unless it was walked already (so a loop ends). FIFOs, sockets and devices named `.json` and broken
 * links are reported through `skipped`, never opened.
 */
export function listJsonFiles(dir: string, options: ListOptions = {}): string[] {
  /** Files found, in walk order; `linked` when reached through a symbolic link (of the file or of a folder). */
  const found: { path: string; real: string; linked: boolean }[] = [];
  const seenFiles = options.seenFiles ?? new Map<string, string>();
  const seenDirs = options.seenDirs ?? new Set<string>();
  const skip = (path: string, reason: Localized) => options.skipped?.({ path, reason });
  const deferred: string[] = [];
  const full = () => options.max !== undefined && found.length >= options.max;
  const walk = (d: string, linked: boolean) => {
    let real: string;
    try {
      real = realpathSync(d);
    } catch {
      skip(d, { fr: 'dossier illisible, ignoré', en: 'unreadable folder, skipped' });
      return;
    }
    if (seenDirs.has(real)) {
      if (linked) skip(d, { fr: 'lien vers un dossier déjà parcouru, ignoré', en: 'link to a folder already walked, skipped' });
      return;
    }
    seenDirs.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      skip(d, { fr: 'dossier illisible, ignoré', en: 'unreadable folder, skipped' });
      return;
    }
    entries.sort((x, y) => x.name.localeCompare(y.name));
    for (const e of entries) {
      if (full()) return;
      // node_modules is left out unless the caller decides what is left out (the editor's exclude setting).
      if (e.name.startsWith('.') || (!options.exclude && e.name === 'node_modules')) continue;
      const p = join(d, e.name);
      const json = e.name.toLowerCase().endsWith('.json');
      let kind = kindOf(e);
      const link = e.isSymbolicLink();
      if (link) {
        try {
          kind = kindOf(statSync(p));
        } catch {
          if (json) skip(p, { fr: 'lien symbolique cassé, ignoré', en: 'broken symbolic link, skipped' });
          continue;
        }
      }
      if (options.exclude?.(p, kind === 'directory')) continue;
      if (kind === 'directory') {
        if (link) deferred.push(p);
        else walk(p, linked);
      } else if (!json) continue;
      else if (kind === 'file') found.push({ path: p, real: realOf(p), linked: linked || link });
      else {
        const r = notRegular(kind);
        skip(p, { fr: `${r.fr}, ignoré`, en: `${r.en}, skipped` });
      }
    }
  };
  walk(dir, false);
  // Linked folders after the others: a folder that is also reached directly is walked under its own name.
  while (deferred.length > 0) walk(deferred.shift()!, true);
  // A file reached twice is listed once, under a name that is not a link when it has one (whatever the order).
  const chosen = new Map<string, { path: string; linked: boolean }>();
  for (const f of found) {
    const c = chosen.get(f.real);
    if (!c || (c.linked && !f.linked)) chosen.set(f.real, f);
  }
  const out: string[] = [];
  for (const f of found) {
    const first = seenFiles.get(f.real) ?? chosen.get(f.real)!.path;
    if (first !== f.path) skip(f.path, sameFile(first));
    else {
      seenFiles.set(f.real, f.path);
      out.push(f.path);
    }
  }
  return out;
}

function realOf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p; // listed under its own name: reading it will say what is wrong
  }
}

function sameFile(first: string): Localized {
  return { fr: `même fichier que ${first}, ignoré`, en: `same file as ${first}, skipped` };
}

/** Lists a file unless the same file (same real path) was listed already. */
export function addFile(p: string, out: string[], seenFiles: Map<string, string>, skip: (path: string, reason: Localized) => void): void {
  const real = realOf(p);
  const first = seenFiles.get(real);
  if (first !== undefined) {
    skip(p, sameFile(first));
    return;
  }
  seenFiles.set(real, p);
  out.push(p);
}
