/**
 * The `segur` section of workspace/configuration as this client answers it (pure helper of extension.ts's
 * middleware): VS Code's answer holds every setting, its default when the user did not set it, so the keys
 * segur.config.json can also set (CONFIG_FILE_SETTINGS) are replaced by what the user set (`inspect`: the user's, the
 * workspace's and the folder's values, and their language-specific forms), absent when nothing was set, and the
 * answer is marked EXPLICIT_SETTINGS. The server then lets a setting the user set win over the configuration file even
 * when it equals the default (README « Priorité / precedence »).
 */
import { CONFIG_FILE_SETTINGS, EXPLICIT_SETTINGS } from '../../server/src/protocol/protocol';

/** What `WorkspaceConfiguration.inspect(key)` tells (the defaults left out: they are not the user's). */
export interface Inspected {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  globalLanguageValue?: unknown;
  workspaceLanguageValue?: unknown;
  workspaceFolderLanguageValue?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The value the user set, from the least to the most specific scope as VS Code applies them: the most specific wins,
 * objects (`rules`, `files`) merge key by key as VS Code merges them. Undefined when no scope sets it.
 */
export function explicitValue(i: Inspected | undefined): unknown {
  if (!i) return undefined;
  const set = [i.globalValue, i.globalLanguageValue, i.workspaceValue, i.workspaceLanguageValue, i.workspaceFolderValue, i.workspaceFolderLanguageValue].filter(
    (v) => v !== undefined,
  );
  if (set.length === 0) return undefined;
  if (set.every(isObject)) return Object.assign({}, ...set);
  return set[set.length - 1];
}

/** VS Code's answer for the `segur` section, with only the user's own values for CONFIG_FILE_SETTINGS, marked. */
export function explicitSegurSection(answer: unknown, inspect: (key: string) => Inspected | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = isObject(answer) ? structuredClone(answer) : {};
  for (const key of CONFIG_FILE_SETTINGS) {
    const path = key.split('.');
    let parent: Record<string, unknown> = out;
    for (const p of path.slice(0, -1)) {
      if (!isObject(parent[p])) parent[p] = {};
      parent = parent[p] as Record<string, unknown>;
    }
    const last = path[path.length - 1];
    const value = explicitValue(inspect(key));
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  out[EXPLICIT_SETTINGS] = true;
  return out;
}
