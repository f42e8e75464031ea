/**
 * `segur.config.json` for `segur-json check`: each file takes the nearest configuration up from its folder (or the
 * one `--config` names, for every file), and the command-line options win over it: `--sons`/`--kind` over `files`,
 * `--modelled` over `modelled`, `--templates` over `templates`, `--lang` over `language`. Files that share a
 * configuration share one set of options (a group: the worker threads are given every group once). A configuration
 * with problems is told once on stderr, naming the file; what is valid in it applies.
 */
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import type { SchemaNode } from '../segur';
import { ConfigCache, readConfig } from '../io/config';
import { configMessage, excludedBy, type SegurConfig } from '../config/segurConfig';
import { UsageError, type FileCheckOptions } from './checkFile';

export interface ConfigGroups {
  /** The options of each group; group 0 is the files without a configuration. */
  options: FileCheckOptions[];
  groupOf(file: string): number;
  /** A file found in a folder or by a glob that its configuration's `exclude` leaves out. */
  excluded(file: string): boolean;
  /** The configuration of a path (stdin: its --stdin-filename, else the working folder). */
  configOf(path: string, isDir?: boolean): SegurConfig | undefined;
  /** One line per configuration with problems. */
  notes: string[];
}

/**
 * @param base the options of the command line (no configuration applied)
 * @param explicit which options the command line set (those win over the configuration)
 * @param loadTemplates loads a templates folder (commandLine.ts: warnings on stderr, an unreadable folder is bad usage)
 */
export function configGroups(
  base: FileCheckOptions,
  configFile: string | undefined,
  explicit: { templates: boolean },
  loadTemplates: (dir: string) => Record<string, SchemaNode>,
): ConfigGroups {
  const cache = new ConfigCache();
  let forced: SegurConfig | undefined;
  if (configFile !== undefined) {
    // A configuration named on the command line must be there: without it the run would check something else.
    if (!isFile(configFile)) throw new UsageError(`--config ${configFile} : fichier introuvable ou illisible / file missing or unreadable`);
    const parsed = readConfig(configFile);
    forced = parsed.config;
  }
  const name = (f: string) => relative(base.cwd, f) || f;
  const told = new Set<string>();
  const notes: string[] = [];
  const configOf = (path: string, isDir = false): SegurConfig | undefined => {
    const parsed = forced ? undefined : cache.forPath(path, isDir);
    const config = forced ?? parsed?.config;
    if (!config) return undefined;
    if (!told.has(config.file)) {
      told.add(config.file);
      const problems = forced ? readConfig(config.file).problems : parsed!.problems;
      if (problems.length > 0) {
        const m = configMessage(name(config.file), problems);
        notes.push(`${m.fr} / ${m.en}`);
      }
    }
    return config;
  };
  const options: FileCheckOptions[] = [base];
  const index = new Map<string, number>();
  const groupOfConfig = (config: SegurConfig | undefined): number => {
    if (!config) return 0;
    let i = index.get(config.file);
    if (i === undefined) {
      const templates = !explicit.templates && config.templates ? loadTemplates(config.templates) : base.templates;
      options.push({
        ...base,
        templates,
        ...(!explicit.templates && config.templates ? { templatesDir: config.templates } : {}),
        modelled: base.modelled ?? config.modelled,
        ...(Object.keys(config.rules).length ? { severities: config.rules } : {}),
        ...(config.files.length ? { files: config.files } : {}),
      });
      i = options.length - 1;
      index.set(config.file, i);
    }
    return i;
  };
  return {
    options,
    groupOf: (file) => groupOfConfig(configOf(file)),
    excluded: (file) => excludedBy(configOf(file), file),
    configOf,
    notes,
  };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
