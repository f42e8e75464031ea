/**
 * The server's index of the workspace's Ségur files (open or not), so that a solde is checked against its avance
 * and uniqueness is checked across files (engine: crossCheck). Only what the rules across files need is kept
 * (detection and per-line summary), never the text. Files are read from disk by the server, not by the engine.
 */
import { readRegularFile, listJsonFiles, FileReadError } from '../io/files';
import { pathToFileURL } from 'node:url';
import { check, settleSummary, type ProjectEntry } from '../engine';
import type { CheckOptions, CheckResult } from '../engine/types';

const MAX_FILES = 5000;
const MAX_BYTES = 10 * 1024 * 1024;

export class WorkspaceIndex {
  private readonly entries = new Map<string, Pick<CheckResult, 'detection' | 'summary'>>();

  constructor(private readonly optionsFor: (uri: string) => Promise<CheckOptions>) {}

  /**
   * Indexes the `.json` files of the folders (skipping node_modules and dot folders): regular files only, symbolic
   * links followed once, a file reached twice indexed once (server/src/io/files.ts).
   */
  async scan(folders: string[]): Promise<number> {
    const files: string[] = [];
    const seenFiles = new Map<string, string>();
    const seenDirs = new Set<string>();
    for (const f of folders) files.push(...listJsonFiles(f, { max: MAX_FILES - files.length, seenFiles, seenDirs }));
    for (const f of files) await this.refreshFromDisk(pathToFileURL(f).href, f);
    return this.entries.size;
  }

  async refreshFromDisk(uri: string, path: string): Promise<void> {
    let text: string;
    let encoding: CheckOptions['encoding'];
    try {
      // Regular files only: a FIFO is never opened (it would block the server for good).
      ({ text, encoding } = readRegularFile(path, { maxBytes: MAX_BYTES }));
    } catch (e) {
      if (e instanceof FileReadError && e.kind === 'too-large') return;
      this.entries.delete(uri);
      return;
    }
    // Cheap pre-filter: a Ségur file has request lines.
    if (!text.includes('lignesImport')) {
      this.entries.delete(uri);
      return;
    }
    this.set(uri, check(text, { ...(await this.optionsFor(uri)), encoding }), true);
  }

  /**
   * @param settle read every position now, so that the entry keeps nothing of the document (files read from disk;
   *   an open document's entry is replaced at its next version anyway).
   */
  set(uri: string, result: CheckResult, settle = false): void {
    if (result.detection.isSegur && result.summary) this.entries.set(uri, { detection: result.detection, summary: settle ? settleSummary(result.summary) : result.summary });
    else this.entries.delete(uri);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
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
