/**
 * Finding and reading `segur.config.json` (config/segurConfig.ts parses it): the nearest one in the folder of a file
 * or a folder above it, up to the filesystem root. Each folder is looked up once and each configuration read once
 * per cache (the CLI: one run; the server: until a configuration file changes, then `clear`). Only a regular file
 * is read (io/files.ts), at most 1 MB; one that cannot be read is a configuration with one problem, never a throw.
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, emptyConfig, parseConfig, type ParsedConfig } from '../config/segurConfig';
import { readRegularFile, FileReadError } from './files';

const MAX_CONFIG_BYTES = 1024 * 1024;

/** Reads and parses one configuration file (by path). */
export function readConfig(file: string): ParsedConfig {
  const abs = resolve(file);
  try {
    return parseConfig(readRegularFile(abs, { maxBytes: MAX_CONFIG_BYTES }).text, abs);
  } catch (e) {
    const why = e instanceof FileReadError ? e.reason : { fr: 'illisible', en: 'unreadable' };
    return { config: emptyConfig(abs), problems: [{ fr: `${why.fr} : fichier ignoré`, en: `${why.en}: file ignored` }] };
  }
}

export class ConfigCache {
  private readonly inDir = new Map<string, string | undefined>();
  private readonly parsed = new Map<string, ParsedConfig>();

  /** The nearest configuration of a file (or of a folder, with `isDir`), or undefined when there is none. */
  forPath(path: string, isDir = false): ParsedConfig | undefined {
    const file = this.nearest(isDir ? resolve(path) : dirname(resolve(path)));
    return file === undefined ? undefined : this.read(file);
  }

  /** One configuration file, read once. */
  read(file: string): ParsedConfig {
    const abs = resolve(file);
    let hit = this.parsed.get(abs);
    if (!hit) {
      hit = readConfig(abs);
      this.parsed.set(abs, hit);
    }
    return hit;
  }

  /** Every configuration read so far (the CLI tells their problems once). */
  all(): ParsedConfig[] {
    return [...this.parsed.values()];
  }

  clear(): void {
    this.inDir.clear();
    this.parsed.clear();
  }

  private nearest(dir: string): string | undefined {
    const seen: string[] = [];
    let found: string | undefined;
    for (let d = dir; ;) {
      if (this.inDir.has(d)) {
        found = this.inDir.get(d);
        break;
      }
      seen.push(d);
      const candidate = join(d, CONFIG_FILE_NAME);
      let isFile = false;
      try {
        isFile = statSync(candidate).isFile();
      } catch {
        // none here
      }
      if (isFile) {
        found = candidate;
        break;
      }
      const up = dirname(d);
      if (up === d) break; // the filesystem root
      d = up;
    }
    for (const d of seen) this.inDir.set(d, found);
    return found;
  }
}
