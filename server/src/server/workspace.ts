/**
 * The server's index of the workspace's Ségur files (open or not), so that a solde is checked against its avance
 * and uniqueness is checked across files (engine: crossCheck). Only what the rules across files need is kept
 * (detection and per-line summary), never the text. Files are read from disk by the server, not by the engine.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, settleSummary, CrossIndex, type ProjectEntry } from '../engine';
import type { CheckOptions, CheckResult, Finding, Severity } from '../engine/types';

const MAX_FILES = 5000;
const MAX_BYTES = 10 * 1024 * 1024;

export class WorkspaceIndex {
  private readonly entries = new Map<string, Pick<CheckResult, 'detection' | 'summary'>>();
  /** The rules across files, incremental (engine/crossIndex.ts): each set/delete updates that file's entries only. */
  private readonly cross = new CrossIndex();
  /** The other files whose findings across files may have changed by the last set/delete (see takeAffected). */
  private last?: { uri: string; affected: Set<string> };

  constructor(private readonly optionsFor: (uri: string) => Promise<CheckOptions>) {}

  /** Indexes the `.json` files of the folders (skipping node_modules and dot folders). */
  async scan(folders: string[]): Promise<number> {
    const files: string[] = [];
    const walk = (dir: string) => {
      let list;
      try {
        list = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of list) {
        if (files.length >= MAX_FILES) return;
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile() && e.name.toLowerCase().endsWith('.json')) files.push(p);
      }
    };
    for (const f of folders) walk(f);
    for (const f of files) await this.refreshFromDisk(pathToFileURL(f).href, f);
    return this.entries.size;
  }

  async refreshFromDisk(uri: string, path: string): Promise<void> {
    let text: string;
    try {
      if (statSync(path).size > MAX_BYTES) return;
      text = readFileSync(path, 'utf8');
    } catch {
      this.entries.delete(uri);
      return;
    }
    // Cheap pre-filter: a Ségur file has request lines.
    if (!text.includes('lignesImport')) {
      this.entries.delete(uri);
      return;
    }
    this.set(uri, check(text, await this.optionsFor(uri)), true);
  }

  /**
   * @param settle read every position now, so that the entry keeps nothing of the document (files read from disk;
   *   an open document's entry is replaced at its next version anyway).
   */
  set(uri: string, result: CheckResult, settle = false): Set<string> {
    if (result.detection.isSegur && result.summary) {
      const entry = { detection: result.detection, summary: settle ? settleSummary(result.summary) : result.summary };
      this.entries.set(uri, entry);
      return this.noteAffected(uri, this.cross.set(uri, entry));
    }
    this.entries.delete(uri);
    return this.noteAffected(uri, this.cross.delete(uri));
  }

  delete(uri: string): Set<string> {
    this.entries.delete(uri);
    return this.noteAffected(uri, this.cross.delete(uri));
  }

  /** The findings across files of an indexed file (C1–C6, uniqueness across files); none when it is not indexed. */
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
