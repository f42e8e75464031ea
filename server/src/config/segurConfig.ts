/**
 * `segur.config.json`: one configuration for the editor and the pipeline (docs: README « Fichier de configuration »;
 * schema: schemas/segur.config.schema.json, which VS Code completes through package.json `jsonValidation`).
 *   rules     rule id (`S7`) or full code (`I1/finess-key`) → error | warning | information | hint | off
 *   modelled  the highest severity of the findings that rest only on the bundled model (error | warning | information | off)
 *   files     glob → `<SONS>.<kind>` or `{ sons, kind }` (the shape of the `segur.files` setting)
 *   templates folder of official templates (relative to the configuration file)
 *   exclude   globs (relative to the configuration file) left out of folder walks, globs and the workspace index
 *   language  fr | en (the messages, of the command line and of the editor unless segur.language is set)
 * Parsing never throws: a value that is not valid is left out, and told (French and English) in `problems`; text
 * that is not JSON gives an empty configuration and one problem. Pure: io/config.ts finds and reads the file.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { RULES, PROJECT_RULES, SONS_TABLE, SONS_ID, sonsById, type Localized, type Locale, type Severity } from '../segur';
import { excludeMatcher, globToRegExp } from './globs';

export const CONFIG_FILE_NAME = 'segur.config.json';

export interface FileAssociation {
  glob: string;
  sons?: string;
  kind?: 'avance' | 'solde';
}

export interface SegurConfig {
  /** The configuration file (absolute). */
  file: string;
  /** Its folder: `templates` and `exclude` are relative to it. */
  dir: string;
  rules: Record<string, Severity | 'off'>;
  modelled?: 'error' | 'warning' | 'information' | 'off';
  files: FileAssociation[];
  /** Absolute. */
  templates?: string;
  exclude?: string[];
  language?: Locale;
}

export interface ParsedConfig {
  config: SegurConfig;
  /** What was left out, and why; empty when the whole file applies. */
  problems: Localized[];
}

const RULE_SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];
const MODELLED_SEVERITIES = ['error', 'warning', 'information', 'off'];
const KEYS = ['$schema', 'rules', 'modelled', 'files', 'templates', 'exclude', 'language'];
const RULE_IDS = new Set([...RULES, ...PROJECT_RULES].map((r) => r.meta.id.toLowerCase()));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An empty configuration of this file. */
export function emptyConfig(file: string): SegurConfig {
  return { file, dir: dirname(file), rules: {}, files: [] };
}

export function parseConfig(text: string, file: string): ParsedConfig {
  const config = emptyConfig(file);
  const problems: Localized[] = [];
  const bad = (fr: string, en: string) => problems.push({ fr, en });
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    bad("ce n'est pas du JSON valide : fichier ignoré", 'not valid JSON: file ignored');
    return { config, problems };
  }
  if (!isObject(raw)) {
    bad('un objet JSON est attendu : fichier ignoré', 'a JSON object is expected: file ignored');
    return { config, problems };
  }
  for (const key of Object.keys(raw))
    if (!KEYS.includes(key))
      bad(`clé inconnue « ${key} » ignorée (connues : ${KEYS.slice(1).join(', ')})`, `unknown key "${key}" ignored (known: ${KEYS.slice(1).join(', ')})`);
  if (raw.rules !== undefined) {
    if (!isObject(raw.rules)) bad('« rules » : un objet règle → gravité est attendu', '"rules": an object rule → severity is expected');
    else
      for (const [rule, severity] of Object.entries(raw.rules)) {
        if (!RULE_IDS.has(rule.split('/')[0].toLowerCase())) bad(`« rules » : règle inconnue « ${rule} » ignorée`, `"rules": unknown rule "${rule}" ignored`);
        else if (typeof severity !== 'string' || !RULE_SEVERITIES.includes(severity))
          bad(`« rules.${rule} » : ${RULE_SEVERITIES.join(', ')} attendu`, `"rules.${rule}": ${RULE_SEVERITIES.join(', ')} expected`);
        else config.rules[rule] = severity as Severity | 'off';
      }
  }
  if (raw.modelled !== undefined) {
    if (typeof raw.modelled !== 'string' || !MODELLED_SEVERITIES.includes(raw.modelled))
      bad(`« modelled » : ${MODELLED_SEVERITIES.join(', ')} attendu`, `"modelled": ${MODELLED_SEVERITIES.join(', ')} expected`);
    else config.modelled = raw.modelled as SegurConfig['modelled'];
  }
  if (raw.files !== undefined) {
    if (!isObject(raw.files)) bad('« files » : un objet glob → SONS.type est attendu', '"files": an object glob → SONS.kind is expected');
    else
      for (const [glob, target] of Object.entries(raw.files)) {
        const t = typeof target === 'string' ? { sons: target.split(/[.:]/)[0], kind: target.split(/[.:]/)[1] } : isObject(target) ? target : undefined;
        const sons = typeof t?.sons === 'string' ? t.sons : undefined;
        const kind = t?.kind === 'avance' || t?.kind === 'solde' ? t.kind : undefined;
        const known = sons !== undefined ? sonsById(sons) : undefined;
        if (!t || (t.kind !== undefined && !kind) || (sons !== undefined && !known && !SONS_ID.test(sons)) || (!sons && !kind)) {
          bad(
            `« files.${glob} » : « <SONS>.avance » ou « <SONS>.solde » attendu (${SONS_TABLE.sons.map((s) => s.id).join(', ')})`,
            `"files.${glob}": "<SONS>.avance" or "<SONS>.solde" expected`,
          );
        } else config.files.push({ glob, sons: known?.id ?? sons, kind });
      }
  }
  if (raw.templates !== undefined) {
    if (typeof raw.templates !== 'string' || raw.templates.trim() === '')
      bad('« templates » : un chemin de dossier est attendu', '"templates": a folder path is expected');
    else config.templates = resolve(config.dir, raw.templates.trim());
  }
  if (raw.exclude !== undefined) {
    if (!Array.isArray(raw.exclude) || raw.exclude.some((g) => typeof g !== 'string'))
      bad('« exclude » : une liste de globs est attendue', '"exclude": a list of globs is expected');
    else config.exclude = (raw.exclude as string[]).filter((g) => g.trim() !== '');
  }
  if (raw.language !== undefined) {
    if (raw.language !== 'fr' && raw.language !== 'en') bad('« language » : fr ou en attendu', '"language": fr or en expected');
    else config.language = raw.language;
  }
  return { config, problems };
}

/** One message for a configuration's problems, naming the file: `<file> : … ; … / <file>: …; …`. */
export function configMessage(file: string, problems: Localized[]): Localized {
  return { fr: `${file} : ${problems.map((p) => p.fr).join(' ; ')}`, en: `${file}: ${problems.map((p) => p.en).join('; ')}` };
}

/** `files`: the SONS and kind of a path (a glob matches the end of the path at a `/`, as the `segur.files` setting). */
export function associationOf(files: FileAssociation[] | undefined, path: string): { sons?: string; kind?: 'avance' | 'solde' } | undefined {
  if (!files || files.length === 0) return undefined;
  const p = path.replace(/\\/g, '/');
  const hit = files.find((a) => globToRegExp(a.glob).test(p));
  return hit ? { sons: hit.sons, kind: hit.kind } : undefined;
}

/** `exclude`: whether a path (a file, or a folder with `isDir`) under the configuration's folder is left out. */
export function excludedBy(config: SegurConfig | undefined, path: string, isDir = false): boolean {
  if (!config?.exclude?.length) return false;
  // The same test as io/paths.ts (config sits below io, so it cannot import it): `..x` is a folder inside.
  const rel = relative(config.dir, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return false;
  return excludeMatcher(config.exclude)(rel, isDir);
}
