/**
 * The server's index of the workspace's Ségur files (open or not), so that a solde is checked against its avance
 * and uniqueness is checked across files (engine: crossCheck). Only what the rules across files need is kept
 * (detection and per-line summary), never the text. Files are read from disk by the server, not by the engine.
 */
import { readRegularFileAsync, listJsonFiles, FileReadError } from '../../io/files';
import * as nodePath from 'node:path';
import { basename } from 'node:path';
import { relativeInside } from '../../io/paths';
import { pathToFileURL } from 'node:url';
import { filePathOf } from './uris';
import {
  check,
  settleSummary,
  CrossIndex,
  isBlankTemplate,
  type ProjectEntry,
  type CheckOptions,
  type CheckResult,
  type Finding,
  type Severity,
  type BlankTemplate,
} from '../../segur';

const MAX_FILES = 5000;
const MAX_BYTES = 10 * 1024 * 1024;
/**
 * How long the background index checks files before it lets the event loop handle other messages (an open
 * document's check, a completion…): short enough not to be felt while typing, long enough to keep the scan's own
 * overhead small (one setImmediate per slice).
 */
export const SLICE_MS = 10;
/** The longest the index waits in a row for open documents' checks (see `hold`). */
const HOLD_MS = 2000;

interface Run {
  done: number;
  total: number;
  hooks: ScanHooks;
  /** Resolves the scan's promise (once): its files are all indexed, or a later scan superseded it. */
  end: (superseded: boolean) => void;
}

/** Told how far a scan is: `done` of `total` files (a file that watched-file events queue meanwhile counts too). */
export interface ScanHooks {
  /** Once the files are listed, before any is read (`total` may grow: see refreshLater). */
  onStart?: (total: number) => void;
  onProgress?: (done: number, total: number) => void;
}

/** Whether an absolute path is left out of the index (`segur.workspace.exclude`, `files.exclude`); `dir`: a folder. */
export type ExcludeTest = (path: string, dir: boolean) => boolean;

/**
 * The folder of `folders` holding `path`, and the path relative to it (`/` separators); undefined when outside.
 * `p`: the path flavour (tests pass path.win32).
 */
export function inFolder(folders: string[], path: string, p: nodePath.PlatformPath = nodePath): { folder: string; rel: string } | undefined {
  let best: { folder: string; rel: string } | undefined;
  for (const folder of folders) {
    const rel = relativeInside(folder, path, p);
    if (rel === undefined) continue;
    if (!best || folder.length > best.folder.length) best = { folder, rel: rel.split(p.sep).join('/') };
  }
  return best;
}

/**
 * How a file is named to the user in messages: its path relative to the workspace folder (prefixed with the
 * folder's name when several are open), else its full path; an untitled document keeps its URI.
 */
export function displayPath(uri: string, folders: string[]): string {
  if (!uri.startsWith('file:')) return uri;
  const path = filePathOf(uri);
  if (path === undefined) return uri;
  const hit = inFolder(folders, path);
  if (!hit || hit.rel === '') return path;
  return folders.length > 1 ? `${basename(hit.folder)}/${hit.rel}` : hit.rel;
}

export class WorkspaceIndex {
  private readonly entries = new Map<string, Pick<CheckResult, 'detection' | 'summary'>>();
  /**
   * The blank official templates of the workspace (engine/templates/blankTemplate.ts): never entries (they
   * are not requests: no rule across files compares them), listed for the server.
   */
  private readonly blanks = new Map<string, BlankTemplate>();
  private excluded: ExcludeTest = () => false;
  /** The rules across files, incremental (engine/project/crossIndex.ts): each set/delete updates that file's entries only. */
  private readonly cross: CrossIndex;
  /** The other files whose findings across files may have changed by the last set/delete (see takeAffected). */
  private last?: { uri: string; affected: Set<string> };
  /** Files waiting to be read and checked by the background loop (URI → path), in order. */
  private queue = new Map<string, string>();
  /** The running background loop, if any (never two). */
  private worker?: Promise<void>;
  /** The latest scan, while its files are being indexed: its progress. */
  private run?: Run;
  /** Whether a document is open in the editor (the server sets it): its entry comes from the editor's text. */
  isOpen: (uri: string) => boolean = () => false;
  /**
   * Whether an open document's check is waiting (the server sets it): the index then waits before its next file, so
   * that a document just opened is checked first (at most HOLD_MS while it stays true: a client that never answers
   * the document's configuration request does not stop the index).
   */
  hold: () => boolean = () => false;
  private heldSince?: number;

  /** @param nameOf how a message names another file (the server: its workspace-relative path, `displayPath`). */
  constructor(
    private readonly optionsFor: (uri: string) => Promise<CheckOptions>,
    nameOf?: (uri: string) => string,
  ) {
    this.cross = new CrossIndex(nameOf);
  }

  /** Sets what is left out of the index (files already indexed that it matches are dropped). */
  setExclude(test: ExcludeTest): void {
    this.excluded = test;
    for (const uri of [...this.entries.keys()]) if (this.isExcluded(uri)) this.delete(uri);
  }

  isExcluded(uri: string): boolean {
    const path = filePathOf(uri);
    if (path === undefined) return false;
    try {
      return this.excluded(path, false);
    } catch {
      return false;
    }
  }

  /**
   * Indexes the `.json` files of the folders (skipping node_modules and dot folders): regular files only, symbolic
   * links followed once, a file reached twice indexed once (server/src/io/files.ts). The files are checked in the
   * background (see `loop`): files read asynchronously, a time slice of checks, then the event loop handles what
   * arrived meanwhile (an open document's check, a completion…). A new scan supersedes a running one: it takes over
   * the files the running one had not reached yet (and those queued by `refreshLater`), there is only ever one loop.
   * Resolves with the number of entries once the queue is done, or when a later scan superseded this one.
   */
  async scan(folders: string[], hooks: ScanHooks = {}): Promise<number> {
    await this.scanInBackground(folders, hooks);
    return this.entries.size;
  }

  /** `scan`, saying whether a later scan superseded this one before its files were all indexed. */
  scanInBackground(folders: string[], hooks: ScanHooks = {}): Promise<{ superseded: boolean }> {
    const files: string[] = [];
    const seenFiles = new Map<string, string>();
    const seenDirs = new Set<string>();
    for (const f of folders)
      files.push(...listJsonFiles(f, { max: MAX_FILES - files.length, seenFiles, seenDirs, exclude: (p, dir) => this.excluded(p, dir) }));
    const queue = new Map<string, string>(files.map((f) => [pathToFileURL(f).href, f]));
    // Files that watched-file events queued and a superseded scan had not reached yet: not lost.
    for (const [uri, path] of this.queue) if (!queue.has(uri)) queue.set(uri, path);
    this.queue = queue;
    // The superseded scan tells how far it really got (its reports are throttled to one per slice) before it ends.
    const before = this.run;
    if (before) before.hooks.onProgress?.(before.done, before.total);
    before?.end(true);
    return new Promise((resolve) => {
      const run: Run = {
        done: 0,
        total: queue.size,
        hooks,
        end: (superseded) => {
          if (this.run === run) this.run = undefined;
          resolve({ superseded });
        },
      };
      this.run = run;
      hooks.onStart?.(run.total);
      void this.work().then(() => run.end(false));
    });
  }

  /**
   * A file changed on disk (watched-file event): read and checked in the background, after the files already
   * queued (a running scan counts it in its total). Resolves once it is indexed (or the queue was superseded).
   */
  refreshLater(uri: string, path: string): Promise<void> {
    if (!this.queue.has(uri)) {
      this.queue.set(uri, path);
      if (this.run) this.run.total++;
    }
    return this.work();
  }

  /**
   * The workspace folders are now `folders` (one was removed): the files on disk outside them are forgotten, queued
   * or indexed (an open document stays: it is indexed from the editor's text). Returns whether anything was dropped.
   */
  forgetOutside(folders: string[]): boolean {
    const outside = (uri: string) => {
      const path = filePathOf(uri);
      if (path === undefined || this.isOpen(uri)) return false;
      return !inFolder(folders, path);
    };
    let dropped = false;
    for (const uri of [...this.queue.keys()]) {
      if (!outside(uri)) continue;
      this.queue.delete(uri);
      if (this.run) this.run.total--;
    }
    for (const uri of new Set([...this.entries.keys(), ...this.blanks.keys()])) {
      if (!outside(uri)) continue;
      this.delete(uri);
      dropped = true;
    }
    return dropped;
  }

  /**
   * The one loop that indexes the queue (see `loop`); a call while it runs returns the promise of the running loop.
   */
  private work(): Promise<void> {
    this.worker ??= this.loop();
    return this.worker;
  }

  /**
   * A slice of about SLICE_MS of reads and checks, then `setImmediate`, so that the
   * messages received meanwhile are handled before the next slice (a timer due, such as an open document's check,
   * runs before it too); before each file, it waits while an open document's check is pending (`hold`). It takes
   * whatever is queued until the queue is empty.
   */
  private async loop(): Promise<void> {
    // Once round the event loop first (after `work` has noted this loop): messages already received, such as a
    // document opened with the workspace, are handled before the first file.
    await new Promise<void>((resolve) => setImmediate(resolve));
    let sliceStart = performance.now();
    try {
      while (this.queue.size > 0) {
        while (this.hold()) {
          this.heldSince ??= performance.now();
          if (performance.now() - this.heldSince >= HOLD_MS) break; // held too long: go on regardless
          await new Promise<void>((resolve) => setTimeout(resolve, 1));
        }
        if (!this.hold()) this.heldSince = undefined;
        if (this.queue.size === 0) break;
        const run = this.run;
        const [uri, path] = this.queue.entries().next().value as [string, string];
        this.queue.delete(uri);
        try {
          // An open document is indexed from the editor's text (possibly unsaved), never from the disk.
          if (!this.isOpen(uri)) await this.refreshFromDisk(uri, path);
        } catch {
          // One file that fails (an internal error of the check) leaves the others indexed.
        }
        if (run && run === this.run) {
          run.done++;
          if (this.queue.size === 0) run.hooks.onProgress?.(run.done, run.total);
        }
        if (this.queue.size > 0 && performance.now() - sliceStart >= SLICE_MS) {
          if (run && run === this.run) run.hooks.onProgress?.(run.done, run.total);
          await new Promise<void>((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
      }
    } finally {
      // Forgotten in the same synchronous step as the last look at the queue: a file queued later starts a new loop.
      this.worker = undefined;
    }
  }

  async refreshFromDisk(uri: string, path: string): Promise<void> {
    if (this.isExcluded(uri)) {
      this.delete(uri);
      return;
    }
    let text: string;
    let encoding: CheckOptions['encoding'];
    try {
      // Regular files only: a FIFO is never opened (it would block the server for good). Read without blocking
      // the event loop while the disk answers.
      ({ text, encoding } = await readRegularFileAsync(path, { maxBytes: MAX_BYTES }));
    } catch (e) {
      if (this.isOpen(uri)) return;
      if (e instanceof FileReadError && e.kind === 'too-large') return;
      this.delete(uri);
      return;
    }
    // Opened in the editor meanwhile: indexed from its text.
    if (this.isOpen(uri)) return;
    // Cheap pre-filter: a Ségur file has request lines.
    if (!text.includes('lignesImport')) {
      this.delete(uri);
      return;
    }
    const options = await this.optionsFor(uri);
    if (this.isOpen(uri)) return;
    const blank = isBlankTemplate(text, { ...options, fileName: options.fileName ?? path });
    this.noteBlank(uri, blank);
    if (blank) {
      this.drop(uri);
      return;
    }
    this.set(uri, check(text, { ...options, encoding }), true);
  }

  /**
   * @param settle read every position now, so that the entry keeps nothing of the document (files read from disk;
   *   an open document's entry is replaced at its next version anyway).
   */
  set(uri: string, result: CheckResult, settle = false): Set<string> {
    if (!this.isExcluded(uri) && result.detection.isSegur && result.summary) {
      const entry = { detection: result.detection, summary: settle ? settleSummary(result.summary) : result.summary };
      this.entries.set(uri, entry);
      return this.noteAffected(uri, this.cross.set(uri, entry));
    }
    return this.drop(uri);
  }

  /** Notes whether a file is a blank official template (the server, from an open document's check). */
  noteBlank(uri: string, blank: BlankTemplate | undefined): void {
    if (blank && !this.isExcluded(uri)) this.blanks.set(uri, blank);
    else this.blanks.delete(uri);
  }

  /** The workspace's blank official templates found so far (on disk or open), by URI. */
  blankTemplates(): { uri: string; blank: BlankTemplate }[] {
    return [...this.blanks].map(([uri, blank]) => ({ uri, blank }));
  }

  /** The file is gone (or left out): nothing of it is kept. */
  delete(uri: string): Set<string> {
    this.blanks.delete(uri);
    return this.drop(uri);
  }

  /** The file is no entry (not a Ségur request file, or a blank template). */
  private drop(uri: string): Set<string> {
    this.entries.delete(uri);
    return this.noteAffected(uri, this.cross.delete(uri));
  }

  /** The findings across files of an indexed file (C1–C8, uniqueness across files); none when it is not indexed. */
  crossFindings(uri: string, severities: Record<string, Severity | 'off'> = {}): Finding[] {
    return this.cross.findings(uri, severities);
  }

  /**
   * The other files whose findings across files may have changed since `uri` was last set or deleted, if that was
   * the index's last change (then forgotten); undefined when unknown (another file was set since: check them all).
   */
  takeAffected(uri: string): Set<string> | undefined {
    const last = this.last;
    if (!last || last.uri !== uri) return undefined;
    this.last = undefined;
    return last.affected;
  }

  private noteAffected(uri: string, affected: Set<string>): Set<string> {
    if (this.last?.uri === uri) for (const f of affected) this.last.affected.add(f);
    else this.last = { uri, affected: new Set(affected) };
    return affected;
  }

  /** The indexed files of a SONS (the rules across files only compare files of the same SONS). */
  sameSons(sons: string | undefined): ProjectEntry[] {
    const out: ProjectEntry[] = [];
    if (!sons) return out;
    for (const [uri, r] of this.entries) if (r.detection.sons === sons) out.push({ file: uri, result: { ...r, findings: [] } });
    return out;
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }
}
