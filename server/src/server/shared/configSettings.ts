/**
 * segur.config.json in the editor: each document takes the nearest configuration up from its folder (io/config.ts,
 * read once until a configuration file changes: handlers/workspaceChanges.ts), under the user's own settings.
 * Precedence: a `segur.*` setting the user set wins (personal overrides; which ones the user set: settings.ts
 * `explicit`), else the configuration file, else the defaults. `rules` and `files` merge key by key (a setting's key
 * wins); `modelled`, `templates` and `exclude` are taken whole from the setting when it is set. The configuration's
 * `language` is the language of its documents' messages unless the user set `segur.language` (state.ts localeOf).
 * In Restricted Mode the configuration's `templates` is ignored, as the setting is. A configuration with problems is
 * told once (a warning and a log line naming the file), in the server's own language.
 */
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import type { CheckOptions, Locale } from '../../segur';
import { associationOf, configMessage, excludedBy, type SegurConfig } from '../../config/segurConfig';
import type { Connection } from 'vscode-languageserver/node';
import type { ConfigCache } from '../../io/config';
import type { SegurSettings } from './settings';

/** What these functions need of the server's state (state.ts holds it; a structural type keeps the graph acyclic). */
export interface ConfigHolder {
  readonly configs: ConfigCache;
  readonly configsTold: Set<string>;
  readonly connection: Connection;
  locale: Locale;
}

/** The configuration of a file on disk (or of a folder, with `isDir`), its problems told once. */
export function configFor(s: ConfigHolder, path: string, isDir = false): SegurConfig | undefined {
  let parsed;
  try {
    parsed = s.configs.forPath(path, isDir);
  } catch {
    return undefined;
  }
  if (!parsed) return undefined;
  if (parsed.problems.length > 0 && !s.configsTold.has(parsed.config.file)) {
    s.configsTold.add(parsed.config.file);
    const m = configMessage(parsed.config.file, parsed.problems)[s.locale];
    s.connection.console.warn(`segur-json: ${m}`);
    void s.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `segur.config.json : ${m}` });
  }
  return parsed.config;
}

/** The engine's options of a document from its settings and its configuration (see the module's comment). */
export function withConfig(
  settings: SegurSettings,
  config: SegurConfig | undefined,
  path: string,
): {
  severities: CheckOptions['severities'];
  modelledSeverity: CheckOptions['modelledSeverity'];
  templatesFolder?: string;
  association?: { sons?: string; kind?: 'avance' | 'solde' };
} {
  const association = settings.fileAssociation(path) ?? associationOf(config?.files, path);
  if (!config) return { severities: settings.rules, modelledSeverity: settings.modelledSeverity, templatesFolder: settings.templatesFolder, association };
  return {
    severities: { ...config.rules, ...settings.rules },
    modelledSeverity: settings.explicit.modelledSeverity ? settings.modelledSeverity : (config.modelled ?? settings.modelledSeverity),
    templatesFolder: settings.templatesFolder ?? (settings.explicit.trusted ? config.templates : undefined),
    association,
  };
}

/** Whether the configuration of a path (relative to its folder's configuration) leaves it out of the index. */
export function configExcludes(s: ConfigHolder, path: string, isDir: boolean): boolean {
  return excludedBy(configFor(s, path, isDir), path, isDir);
}
