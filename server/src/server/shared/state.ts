/**
 * The server's state, one object every handler shares: the open documents and their cached results, the overrides,
 * the settings and templates read, what the client said it can do, and the workspace index; with the look-ups that
 * read only this state (settings, check options, templates, another file's text).
 */
import { TextDocuments, MessageType, ShowMessageNotification, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { service, type ParsedDoc, type SchemaNode, type CheckOptions, type CheckResult, type Finding, type Locale, type Overview } from '../../segur';
import { loadTemplateFolder } from '../../io/templates';
import { readRegularFile } from '../../io/files';
import { filePathOf } from './uris';
import { WorkspaceIndex, displayPath, inFolder } from './workspace';
import { resolveSettings, type SegurSettings, DEFAULT_SETTINGS } from './settings';
import { templatesDir } from './useAsTemplate';
import { IdleCollector } from './memory';
import { ConfigCache } from '../../io/config';
import { configFor, withConfig } from './configSettings';
import { makeGuards, type FaultHook, type ServerHooks } from './guards';

export interface Cached {
  version: number;
  /**
   * The text the result was computed for: a result is reused only for the same version and the same text (a client
   * may re-send a version number with other text). Comparing the text is cheaper than hashing it: on a 10 MB
   * document, `===` is immediate for the same string and about 1.5 ms for an equal copy, where a SHA-1 of the text
   * costs about 25 ms at every new version. The result keeps the text alive anyway (its summary reads positions in it).
   */
  text: string;
  /** Unique to this result (this server process, this text): quick fixes carry it, see DiagnosticData. */
  stamp: string;
  result: CheckResult;
  options: CheckOptions;
  /**
   * The parsed document of this version (engine/check/document.ts): completion and hover use it, with the schema or learned
   * template validation chose, without parsing again. Its tree and value are not kept (a 10 MB file's JSON.parse
   * value): completion and hover read only the text and the schema.
   */
  doc?: ParsedDoc;
}

/**
 * What a diagnostic with a fix carries to find it again: not the fix (its title and edits are
 * computed on demand, by `textDocument/codeAction` and `codeAction/resolve`), only where it is in the cached result.
 */
export interface FixRef {
  /** Document version the diagnostic was computed for. */
  version: number;
  /**
   * Stamp of the result the finding belongs to (Cached.stamp): the fix is offered only while the document's current
   * result has this stamp, that is for the very text its offsets were computed on, whatever the version.
   */
  stamp: string;
  /**
   * The finding's index in the result's own findings. (Findings across files carry no fix today: the workspace index
   * does not keep a rule's `fix`, so they get no reference; one would need their signature too, they change apart.)
   */
  index: number;
}

/**
 * What every diagnostic carries in `data`: its provenance (`source` and the documents, `model`, `template`: what the
 * finding rests on), and, when its finding has a fix, a reference to it (`fix`).
 */
export interface SegurDiagnosticData {
  provenance: Finding['provenance'];
  fix?: FixRef;
}

/**
 * What a code action carries in `data` for `codeAction/resolve` (a client that resolves gets actions without their
 * edit): the document, and the quick fix (`fix`) or the rule of « Corriger tous les problèmes Sx » (`rule`, computed
 * from the result of `stamp`).
 */
export type ActionData = { uri: string; fix: FixRef } | { uri: string; rule: string; version: number; stamp: string };

export class ServerState {
  readonly connection: Connection;
  readonly hooks: ServerHooks;
  readonly fault: FaultHook;
  readonly log: (line: string) => void;
  readonly guard: ReturnType<typeof makeGuards>['guard'];
  readonly request: ReturnType<typeof makeGuards>['request'];
  readonly documents = new TextDocuments(TextDocument);
  readonly cache = new Map<string, Cached>();
  readonly idle = new IdleCollector();
  readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly overrides = new Map<string, { sons?: string; kind?: 'avance' | 'solde' }>();
  readonly settingsCache = new Map<string, Promise<SegurSettings>>();
  /**
   * The language of the server's own messages (not about one document: templates, progress, configuration problems):
   * `segur.language`, or the client's when it is `auto` (clientLocale). A document's messages: localeOf.
   */
  locale: Locale = 'fr';
  /** Whether the user set `segur.language` to fr or en (it then wins over a configuration file's `language`). */
  languageSet = false;
  /** The client's display language (initialize's `locale`: French unless English). */
  clientLocale: Locale = 'fr';
  pull = false;
  configurationSupport = false;
  trusted = true;
  docsUri = 'https://segur-json.invalid/rules';
  workspaceFolders: string[] = [];
  refreshSupport = false;
  /** The client tells when workspace folders are added or removed (workspace.workspaceFolders). */
  foldersSupport = false;
  /** The client runs VS Code commands (initializationOptions.commands): segur.showRule, the Problems panel. */
  clientCommands = false;
  codeLensRefreshSupport = false;
  /** The client resolves a code action's edit (codeAction/resolve): onCodeAction leaves edits out. */
  resolveEdits = false;
  /** The last overview of each open document (its findings across files included), with the result it is of. */
  readonly overviews = new Map<string, { stamp: string; overview: Overview; key: string }>();
  lensRefresh: ReturnType<typeof setTimeout> | undefined;
  readonly templateCache = new Map<string, Record<string, SchemaNode>>();
  /** segur.config.json files read (io/config.ts), and those whose problems were told; cleared when one changes. */
  readonly configs = new ConfigCache();
  readonly configsTold = new Set<string>();
  readonly index: WorkspaceIndex;
  /** Open (or saved) documents whose diagnostics are on their way (push): the index waits for them (workspace.ts `hold`). */
  readonly checkFirst = new Set<string>();
  /** The signature of the findings across files each open document was given (see handlers/documentChecks.ts). */
  readonly crossSig = new Map<string, number>();
  /** A key of the exclude settings the index was last scanned with (a rescan is needed when it changes). */
  excludeKey = '';
  /**
   * TextDocuments fires a content change right after each open, for the same version: it is the open itself, not
   * an edit (handlers/documents.ts).
   */
  readonly openedVersion = new Map<string, number>();
  /**
   * `segur.validate.run: onSave` under pull: the version each open document had when opened or last saved, and the
   * last report it was pulled (an unsaved edit is answered with it, not with fresh findings: handlers/documentChecks.ts).
   */
  readonly savedVersion = new Map<string, number>();
  readonly pulled = new Map<string, { resultId: string; items: Diagnostic[] }>();

  constructor(connection: Connection, hooks: ServerHooks) {
    this.connection = connection;
    this.hooks = hooks;
    this.fault = hooks.fault ?? (() => undefined);
    this.log = hooks.log ?? ((line: string) => void process.stderr.write(line));
    ({ guard: this.guard, request: this.request } = makeGuards(this.fault, this.log));
    // Messages name another file by its workspace-relative path, as related information does.
    // Files on disk take their folder's settings (one workspace/configuration request per folder, not one per file:
    // VS Code resolves a file's resource settings from its folder anyway).
    this.index = new WorkspaceIndex(
      async (uri) => this.optionsForUri(uri, await this.settingsFor(this.folderScope(uri))),
      (uri) => displayPath(uri, this.workspaceFolders),
    );
    this.index.isOpen = (uri) => this.documents.get(uri) !== undefined;
    this.index.hold = () => {
      for (const uri of this.checkFirst) if (!this.documents.get(uri)) this.checkFirst.delete(uri); // closed before its check
      return this.checkFirst.size > 0;
    };
  }

  /** Asks a pulling client to pull again (only if it said it can; a refused request must not kill the server). */
  refreshPulled(): void {
    if (this.refreshSupport) this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  folderScope(uri: string): string {
    try {
      const path = filePathOf(uri);
      const hit = path !== undefined ? inFolder(this.workspaceFolders, path) : undefined;
      return hit ? pathToFileURL(hit.folder).href : uri;
    } catch {
      return uri;
    }
  }

  /**
   * Official templates of the `segur.templates.folder` setting: learned `*.template.json` files, and blank templates
   * `<SONS>.<kind>.blank.json` (with an optional `<SONS>.<kind>.example.json`) learned on load, each checked first
   * (server/src/io/templates.ts). Loaded once per folder until a template file or the settings change; the files left
   * out are reported then, once (one warning message and one log line each, naming the file, never its content), and
   * the bundled model applies to their SONS × kind. Ignored in Restricted Mode (resolveSettings drops the setting).
   */
  templatesIn(folder: string | undefined): Record<string, SchemaNode> | undefined {
    if (!folder) return undefined;
    const dir = templatesDir(folder, this.workspaceFolders)!;
    const hit = this.templateCache.get(dir);
    if (hit) return hit;
    const loaded = loadTemplateFolder(dir);
    this.templateCache.set(dir, loaded.templates);
    const problems = loaded.problems.map((p) => `${p.file} : ${p.message[this.locale]}`);
    if (loaded.unreadable) problems.unshift(loaded.unreadable[this.locale]);
    if (problems.length) {
      for (const line of problems) this.connection.console.warn(`segur-json: ${line}`);
      const head = this.locale === 'fr' ? 'Modèles officiels (segur.templates.folder) ignorés :' : 'Official templates (segur.templates.folder) ignored:';
      // A notification (window/showMessage, a warning): nothing for the client to answer.
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `${head} ${problems.join(' ; ')}` });
    }
    return loaded.templates;
  }

  settingsFor(uri: string): Promise<SegurSettings> {
    if (!this.configurationSupport) return Promise.resolve(DEFAULT_SETTINGS);
    let s = this.settingsCache.get(uri);
    if (!s) {
      s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'segur' }).then(
        (raw) => {
          const settings = resolveSettings(raw, this.trusted);
          // An application-wide setting (package.json): every scope answers the same.
          this.locale = settings.language === 'auto' ? this.clientLocale : settings.language;
          this.languageSet = settings.explicit.language;
          return settings;
        },
        () => DEFAULT_SETTINGS,
      );
      this.settingsCache.set(uri, s);
    }
    return s;
  }

  /**
   * The language of what the user reads about a document (its diagnostics, hover, completion, code actions and
   * CodeLens): `segur.language` set by the user, else the `language` of the document's nearest segur.config.json
   * (the command line's too), else the client's display language.
   */
  localeOf(uri: string): Locale {
    if (this.languageSet) return this.locale;
    const path = filePathOf(uri);
    return (path !== undefined ? configFor(this, path)?.language : undefined) ?? this.locale;
  }

  optionsForUri(uri: string, settings: SegurSettings): CheckOptions {
    const path = filePathOf(uri) ?? uri;
    // The settings over the nearest segur.config.json (configSettings.ts).
    const c = withConfig(settings, filePathOf(uri) !== undefined ? configFor(this, path) : undefined, path);
    const o = this.overrides.get(uri);
    return {
      fileName: path,
      sons: o?.sons ?? c.association?.sons,
      kind: o?.kind ?? c.association?.kind,
      severities: c.severities,
      modelledSeverity: c.modelledSeverity,
      templates: this.templatesIn(c.templatesFolder),
      client: 'editor',
    };
  }

  optionsFor(doc: TextDocument, settings: SegurSettings): CheckOptions {
    return this.optionsForUri(doc.uri, settings);
  }

  /** The parsed document of this version for completion and hover: the cached one, else parsed now (not cached). */
  parsedDoc(doc: TextDocument, text: string, options: CheckOptions): ParsedDoc {
    const hit = this.cache.get(doc.uri);
    return hit?.doc && hit.version === doc.version && hit.text === text ? hit.doc : service.parse(text, options);
  }

  /** Another file's text, to place related information found across files (open document first, else the disk). */
  textOf(uri: string): TextDocument | undefined {
    const open = this.documents.get(uri);
    if (open) return open;
    try {
      // Regular files only (a FIFO would block the server for good), decoded as the CLI does.
      const path = filePathOf(uri);
      return path === undefined ? undefined : TextDocument.create(uri, 'json', 0, readRegularFile(path).text);
    } catch {
      return undefined;
    }
  }
}
