/**
 * `segur.*` settings as the server reads them (declared in package.json with FR/EN descriptions), and which of them
 * the user set: those win over segur.config.json (configSettings.ts). The VS Code client says so itself (its answer
 * marked EXPLICIT_SETTINGS holds the keys the configuration file can also set only when the user set them); another
 * client sends what its user wrote or the defaults, so there a value equal to the default is taken as not set.
 */
import type { Severity } from '../../segur';
import { excludeMatcher, globToRegExp } from '../../config/globs';
import { EXPLICIT_SETTINGS } from '../../protocol/protocol';

export interface SegurSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  debounceMs: number;
  /** `segur.language`: the language of messages and hover; `auto` is the client's (initialize's `locale`). */
  language: 'auto' | 'fr' | 'en';
  rules: Record<string, Severity | 'off'>;
  /** `segur.modelled.severity`: the highest severity of a finding whose provenance is `model` (default warning). */
  modelledSeverity: Severity | 'off';
  /** Folder of official templates (learned or blank); undefined in Restricted Mode. */
  templatesFolder?: string;
  /** `segur.attachments.folder`: the attachments folder, relative to the workspace folder (rules P1–P4); undefined in Restricted Mode. */
  attachmentsFolder?: string;
  fileAssociation(path: string): { sons?: string; kind?: 'avance' | 'solde' } | undefined;
  /**
   * Which settings the user set, so that they win over segur.config.json (configSettings.ts): what the client says
   * when its answer is marked EXPLICIT_SETTINGS, else a value equal to the default is taken as not set.
   * (`rules`, `files` and the folders need no flag: unset, they are empty.)
   */
  explicit: { modelledSeverity: boolean; language: boolean; trusted: boolean };
}

interface RawSettings {
  validate?: { enable?: boolean; run?: string; debounceMs?: number };
  rules?: Record<string, string>;
  files?: Record<string, { sons?: string; kind?: string } | string>;
  templates?: { folder?: string };
  attachments?: { folder?: string };
  modelled?: { severity?: string };
  language?: string;
  workspace?: { exclude?: unknown };
  [EXPLICIT_SETTINGS]?: unknown;
}

/** Whether the answer to workspace/configuration's `segur` section holds only what the user set (the VS Code client). */
export const explicitOnly = (raw: unknown): boolean => typeof raw === 'object' && raw !== null && (raw as RawSettings)[EXPLICIT_SETTINGS] === true;

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

// The globs are read by config/globs.ts (picomatch), as the command line reads them.
export { globToRegExp };

/** Default of `segur.workspace.exclude` (package.json declares the same). */
export const DEFAULT_WORKSPACE_EXCLUDE = ['**/node_modules/**', '**/.git/**'];

/**
 * Whether a path relative to its workspace folder (`/` separators) is left out of the workspace index:
 * `segur.workspace.exclude` (globs; the default when unset) and VS Code's `files.exclude` (globs set to true).
 * A folder is tested as `dir` and `dir/` (and a file with each folder above it) so that `**\/backup/**` and `**\/backup` both leave it out.
 */
/**
 * Whether the user set `segur.workspace.exclude` (then segur.config.json's `exclude` does not apply): present in a
 * marked answer, else different from the default.
 */
export function excludeSetByUser(raw: unknown): boolean {
  const globs = (raw as RawSettings | null | undefined)?.workspace?.exclude;
  if (!Array.isArray(globs)) return false;
  return explicitOnly(raw) || JSON.stringify(globs) !== JSON.stringify(DEFAULT_WORKSPACE_EXCLUDE);
}

export function resolveExclude(segurExclude: unknown, filesExclude: unknown): (relPath: string, isDir?: boolean) => boolean {
  const globs = Array.isArray(segurExclude) ? segurExclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : DEFAULT_WORKSPACE_EXCLUDE;
  const fromFiles =
    filesExclude && typeof filesExclude === 'object'
      ? Object.entries(filesExclude)
          .filter(([, v]) => v === true)
          .map(([k]) => k)
      : [];
  return excludeMatcher([...globs, ...fromFiles]);
}

export function resolveSettings(raw: RawSettings | null | undefined, trusted: boolean): SegurSettings {
  const v = raw?.validate ?? {};
  const rules: Record<string, Severity | 'off'> = {};
  for (const [k, s] of Object.entries(raw?.rules ?? {})) if (SEVERITIES.has(s)) rules[k] = s as Severity | 'off';
  const assoc = Object.entries(raw?.files ?? {}).map(([glob, target]) => {
    const t = typeof target === 'string' ? { sons: target.split(/[.:]/)[0], kind: target.split(/[.:]/)[1] } : target;
    const kind: 'avance' | 'solde' | undefined = t.kind === 'avance' || t.kind === 'solde' ? t.kind : undefined;
    return { re: globToRegExp(glob), sons: t.sons, kind };
  });
  return {
    // Settings that point at files are ignored in Restricted Mode (capabilities.untrustedWorkspaces: limited).
    templatesFolder: trusted && typeof raw?.templates?.folder === 'string' && raw.templates.folder.trim() ? raw.templates.folder.trim() : undefined,
    attachmentsFolder: trusted && typeof raw?.attachments?.folder === 'string' && raw.attachments.folder.trim() ? raw.attachments.folder.trim() : undefined,
    enable: v.enable !== false,
    run: v.run === 'onSave' ? 'onSave' : 'onType',
    language: raw?.language === 'fr' || raw?.language === 'en' ? raw.language : 'auto',
    debounceMs: typeof v.debounceMs === 'number' && v.debounceMs >= 0 ? Math.min(v.debounceMs, 5000) : 150,
    rules,
    modelledSeverity: raw?.modelled?.severity !== undefined && SEVERITIES.has(raw.modelled.severity) ? (raw.modelled.severity as Severity | 'off') : 'warning',
    explicit: {
      modelledSeverity:
        raw?.modelled?.severity !== undefined && SEVERITIES.has(raw.modelled.severity) && (explicitOnly(raw) || raw.modelled.severity !== 'warning'),
      // `auto` (the default) is no language: the configuration's, else the client's, applies.
      language: raw?.language === 'fr' || raw?.language === 'en',
      trusted,
    },
    fileAssociation(path: string) {
      const p = path.replace(/\\/g, '/');
      const hit = assoc.find((a) => a.re.test(p));
      return hit ? { sons: hit.sons, kind: hit.kind } : undefined;
    },
  };
}

export const DEFAULT_SETTINGS = resolveSettings(undefined, true);
