/**
 * The language server: a thin LSP adapter over the engine. Every check, fix, completion and hover comes from
 * server/src/engine; this file only schedules (debounce, versions, cancellation), converts ranges and reads
 * settings. Logs never contain document content (identifiers are health data).
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  DiagnosticSeverity,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type Connection,
  type Diagnostic,
  type CodeAction,
  type InitializeParams,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFileSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { check, selectFixes, crossCheck, soldeFromAvance, SoldeFromAvanceError } from '../engine';
import { loadTemplateFolder } from '../io/templates';
import type { SchemaNode } from '../engine/schemaData';
import { WorkspaceIndex } from './workspace';
import { isAbsolute } from 'node:path';
import { complete, hover } from '../engine/assist';
import type { CheckOptions, CheckResult, Finding, Locale, Severity } from '../engine/types';
import { resolveSettings, type SegurSettings, DEFAULT_SETTINGS } from './settings';

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.segur`;

interface Cached {
  version: number;
  result: CheckResult;
  options: CheckOptions;
}

export interface DiagnosticData {
  /** Document version the fix was computed for. */
  version: number;
  title: string;
  edits: LspTextEdit[];
  safe: boolean;
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, Cached>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const overrides = new Map<string, { sons?: string; kind?: 'avance' | 'solde' }>();
  const settingsCache = new Map<string, Promise<SegurSettings>>();
  let locale: Locale = 'fr';
  let pull = false;
  let configurationSupport = false;
  let trusted = true;
  let docsUri = 'https://segur-json.invalid/rules';
  let workspaceFolders: string[] = [];
  let refreshSupport = false;
  /** Asks a pulling client to pull again (only if it said it can; a refused request must not kill the server). */
  const refreshPulled = () => {
    if (refreshSupport) connection.languages.diagnostics.refresh().catch(() => undefined);
  };
  const templateCache = new Map<string, Record<string, SchemaNode>>();
  const index = new WorkspaceIndex(async (uri) => optionsForUri(uri, await settingsFor(uri)));

  /**
   * Official templates of the `segur.templates.folder` setting: learned `*.template.json` files, and blank templates
   * `<SONS>.<kind>.blank.json` (with an optional `<SONS>.<kind>.example.json`) learned on load, each checked first
   * (server/src/io/templates.ts). Loaded once per folder until a template file or the settings change; the files left
   * out are reported then, once (one warning message and one log line each, naming the file, never its content), and
   * the bundled model applies to their SONS × kind. Ignored in Restricted Mode (resolveSettings drops the setting).
   */
  const templatesIn = (folder: string | undefined): Record<string, SchemaNode> | undefined => {
    if (!folder) return undefined;
    const dir = isAbsolute(folder) ? folder : join(workspaceFolders[0] ?? process.cwd(), folder);
    const hit = templateCache.get(dir);
    if (hit) return hit;
    const loaded = loadTemplateFolder(dir);
    templateCache.set(dir, loaded.templates);
    const problems = loaded.problems.map((p) => `${p.file} : ${p.message[locale]}`);
    if (loaded.unreadable) problems.unshift(loaded.unreadable[locale]);
    if (problems.length) {
      for (const line of problems) connection.console.warn(`segur-json: ${line}`);
      const head = locale === 'fr' ? 'Modèles officiels (segur.templates.folder) ignorés :' : 'Official templates (segur.templates.folder) ignored:';
      // A notification (window/showMessage, type 2 = Warning): nothing for the client to answer.
      void connection.sendNotification('window/showMessage', { type: 2, message: `${head} ${problems.join(' ; ')}` });
    }
    return loaded.templates;
  };

  const settingsFor = (uri: string): Promise<SegurSettings> => {
    if (!configurationSupport) return Promise.resolve(DEFAULT_SETTINGS);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'segur' }).then((raw) => resolveSettings(raw, trusted), () => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  };

  const optionsForUri = (uri: string, settings: SegurSettings): CheckOptions => {
    const path = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
    const assoc = settings.fileAssociation(path);
    const o = overrides.get(uri);
    return { fileName: path, sons: o?.sons ?? assoc?.sons, kind: o?.kind ?? assoc?.kind, severities: settings.rules, templates: templatesIn(settings.templatesFolder) };
  };
  const optionsFor = (doc: TextDocument, settings: SegurSettings): CheckOptions => optionsForUri(doc.uri, settings);

  /** Validates a document version once; later requests for the same version reuse the result. */
  const validate = async (doc: TextDocument): Promise<Cached | undefined> => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const settings = await settingsFor(doc.uri);
    if (!settings.enable) return undefined;
    const current = documents.get(doc.uri);
    if (!current || current.version !== doc.version) return undefined; // stale
    const options = optionsFor(doc, settings);
    const entry: Cached = { version: doc.version, result: check(doc.getText(), options), options };
    cache.set(doc.uri, entry);
    index.set(doc.uri, entry.result);
    refreshSameSons(doc.uri);
    void connection.sendNotification('segur/detection', { uri: doc.uri, detection: entry.result.detection });
    return entry;
  };

  /** Another file's text, to place related information found across files (open document first, else the disk). */
  const textOf = (uri: string): TextDocument | undefined => {
    const open = documents.get(uri);
    if (open) return open;
    try {
      return TextDocument.create(uri, 'json', 0, readFileSync(fileURLToPath(uri), 'utf8'));
    } catch {
      return undefined;
    }
  };

  const toDiagnostic = (doc: TextDocument, f: Finding, version: number): Diagnostic => {
    const range = { start: doc.positionAt(f.offset), end: doc.positionAt(f.offset + f.length) };
    const d: Diagnostic = {
      range,
      severity: SEVERITY[f.severity],
      code: f.code,
      source: 'segur',
      message: f.message[locale],
      codeDescription: { href: `${docsUri}#${f.code.split('/')[0].toLowerCase()}` },
    };
    if (f.fix) {
      const data: DiagnosticData = {
        version,
        title: f.fix.title[locale],
        safe: f.fix.safe,
        edits: f.fix.edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.newText })),
      };
      d.data = data;
    }
    if (f.related) {
      d.relatedInformation = f.related.flatMap((r) => {
        const other = r.file && r.file !== doc.uri ? textOf(r.file) : doc;
        return other ? [{ location: { uri: other.uri, range: { start: other.positionAt(r.offset), end: other.positionAt(r.offset + r.length) } }, message: r.message[locale] }] : [];
      });
    }
    return d;
  };

  /** Findings of the rules across files for a document: its avance/solde counterparts and same-SONS files. */
  const crossFindings = (uri: string, result: CheckResult, severities: CheckOptions['severities']): Finding[] => {
    if (!result.summary || !result.detection.sons) return [];
    const others = index.sameSons(result.detection.sons).filter((e) => e.file !== uri);
    if (others.length === 0) return [];
    return crossCheck([{ file: uri, result }, ...others], severities).get(uri) ?? [];
  };

  const diagnosticsOf = async (doc: TextDocument): Promise<Diagnostic[]> => {
    const entry = await validate(doc);
    if (!entry) return [];
    const all = [...entry.result.findings, ...crossFindings(doc.uri, entry.result, entry.options.severities)];
    return all.map((f) => toDiagnostic(doc, f, entry.version));
  };

  /** A file changed: the open files of the same SONS may get other findings across files. */
  const refreshSameSons = (uri: string) => {
    const sons = cache.get(uri)?.result.detection.sons;
    if (!sons || !index.sameSons(sons).some((e) => e.file !== uri)) return;
    if (pull) {
      refreshPulled();
      return;
    }
    for (const d of documents.all()) if (d.uri !== uri && cache.get(d.uri)?.result.detection.sons === sons) void publish(d.uri);
  };

  const publish = async (uri: string) => {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const diagnostics = await diagnosticsOf(doc);
    if (documents.get(uri)?.version !== version) return; // a newer version is on its way
    void connection.sendDiagnostics({ uri, version, diagnostics });
  };

  const schedule = async (doc: TextDocument, reason: 'open' | 'change' | 'save') => {
    const settings = await settingsFor(doc.uri);
    if (pull) return; // the client pulls (and decides when)
    if (reason === 'change' && settings.run === 'onSave') return;
    clearTimeout(timers.get(doc.uri));
    const delay = reason === 'change' ? settings.debounceMs : 0;
    timers.set(doc.uri, setTimeout(() => {
      timers.delete(doc.uri);
      void publish(doc.uri);
    }, delay));
  };

  connection.onInitialize((params: InitializeParams) => {
    locale = params.locale?.toLowerCase().startsWith('en') ? 'en' : 'fr';
    pull = !!params.capabilities.textDocument?.diagnostic;
    configurationSupport = !!params.capabilities.workspace?.configuration;
    refreshSupport = !!params.capabilities.workspace?.diagnostics?.refreshSupport;
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.workspaceFolders ? [] : params.rootUri ? [params.rootUri] : []).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    const init = params.initializationOptions as { trusted?: boolean; docsUri?: string; pull?: boolean } | undefined;
    if (init?.trusted === false) trusted = false;
    if (init?.pull === false) pull = false;
    docsUri = init?.docsUri ?? pathToFileURL(join(__dirname, '..', 'docs', 'rules.md')).href;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: ['"', ':', '['] },
        hoverProvider: true,
        ...(pull ? { diagnosticProvider: { identifier: 'segur', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'segur-json', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    // Index the workspace's Ségur files in the background: a solde is then checked against its avance on disk.
    setTimeout(() => {
      void index.scan(workspaceFolders).then(() => {
        if (pull) refreshPulled();
        else for (const d of documents.all()) void publish(d.uri);
      });
    }, 0);
  });

  connection.onDidChangeWatchedFiles((p) => {
    for (const c of p.changes) {
      if (/\.(template|blank|example)\.json$/.test(c.uri)) templateCache.clear();
      if (documents.get(c.uri)) continue; // open documents are indexed from the editor's text
      if (c.type === 3) index.delete(c.uri);
      else if (c.uri.startsWith('file:')) void index.refreshFromDisk(c.uri, fileURLToPath(c.uri));
    }
    cache.clear();
    if (pull) refreshPulled();
    else for (const d of documents.all()) void publish(d.uri);
  });

  connection.onDidChangeConfiguration(() => {
    templateCache.clear();
    settingsCache.clear();
    cache.clear();
    if (pull) refreshPulled();
    else for (const d of documents.all()) void schedule(d, 'open');
  });

  documents.onDidOpen((e) => void schedule(e.document, 'open'));
  documents.onDidChangeContent((e) => void schedule(e.document, 'change'));
  documents.onDidSave((e) => void schedule(e.document, 'save'));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    cache.delete(e.document.uri);
    // Back to the file on disk (the editor's unsaved text is gone).
    if (e.document.uri.startsWith('file:')) void index.refreshFromDisk(e.document.uri, fileURLToPath(e.document.uri));
    else index.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return { kind: 'full', items: [] };
    const items = await diagnosticsOf(doc);
    return { kind: 'full', items };
  });

  connection.onCodeAction(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
    if (wants(CodeActionKind.QuickFix)) {
      const byRule = new Map<string, number>();
      for (const d of params.context.diagnostics) {
        if (d.source !== 'segur' || !d.data) continue;
        const data = d.data as DiagnosticData;
        if (data.version !== doc.version) continue; // stale: the client will ask again
        actions.push({ title: data.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: data.safe, edit: { changes: { [doc.uri]: data.edits } } });
        const rule = String(d.code).split('/')[0];
        byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
      }
      const entry = await validate(doc);
      if (entry) {
        for (const rule of byRule.keys()) {
          const sel = selectFixes(entry.result.findings, (f) => f.code.split('/')[0] === rule);
          if (sel.chosen.length < 2) continue;
          actions.push({
            title: locale === 'fr' ? `Corriger tous les problèmes ${rule} (${sel.chosen.length})` : `Fix all ${rule} problems (${sel.chosen.length})`,
            kind: CodeActionKind.QuickFix,
            edit: { changes: { [doc.uri]: sel.edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.newText })) } },
          });
        }
      }
    }
    if (only && only.some((k) => FIX_ALL_KIND.startsWith(k) && k !== '')) {
      const entry = await validate(doc);
      if (entry) {
        const sel = selectFixes(entry.result.findings);
        if (sel.edits.length > 0) {
          actions.push({
            title: locale === 'fr' ? 'Ségur : corriger tous les problèmes' : 'Ségur: fix all problems',
            kind: FIX_ALL_KIND,
            edit: { changes: { [doc.uri]: sel.edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.newText })) } },
          });
        }
      }
    }
    return actions;
  });

  connection.onCompletion(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const options = optionsFor(doc, await settingsFor(doc.uri));
    return complete(doc.getText(), doc.offsetAt(params.position), options, locale).map((c) => ({
      label: c.label,
      kind: c.kind === 'property' ? CompletionItemKind.Property : c.kind === 'value' ? CompletionItemKind.Value : CompletionItemKind.Snippet,
      insertText: c.insertSnippet,
      insertTextFormat: InsertTextFormat.Snippet,
      detail: c.detail,
      documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
      sortText: c.sortText,
    }));
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const options = optionsFor(doc, await settingsFor(doc.uri));
    const h = hover(doc.getText(), doc.offsetAt(params.position), options, locale);
    if (!h) return null;
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: { start: doc.positionAt(h.offset), end: doc.positionAt(h.offset + h.length) } };
  });

  /** The client's "choose SONS and kind" command. */
  connection.onRequest('segur/setOverride', (p: { uri: string; sons?: string; kind?: 'avance' | 'solde' }) => {
    if (p.sons || p.kind) overrides.set(p.uri, { sons: p.sons, kind: p.kind });
    else overrides.delete(p.uri);
    cache.delete(p.uri);
    if (pull) refreshPulled();
    else void publish(p.uri);
    const doc = documents.get(p.uri);
    return doc ? validate(doc).then((e) => e?.result.detection ?? null) : null;
  });

  /** "Créer le JSON de solde depuis l'avance": the text of the solde skeleton (the client opens it). */
  connection.onRequest('segur/soldeFromAvance', async (p: { uri: string }) => {
    const doc = documents.get(p.uri) ?? textOf(p.uri);
    if (!doc) return { error: locale === 'fr' ? 'fichier illisible' : 'unreadable file' };
    try {
      const options = optionsForUri(p.uri, await settingsFor(p.uri));
      return soldeFromAvance(doc.getText(), { fileName: options.fileName, sons: options.sons });
    } catch (e) {
      if (e instanceof SoldeFromAvanceError) return { error: e.reason[locale] };
      return { error: locale === 'fr' ? 'erreur interne' : 'internal error' };
    }
  });

  /** "Valider l'espace de travail": checks files on disk that are not open, results pushed as diagnostics. */
  connection.onRequest('segur/checkFiles', async (p: { uris: string[] }) => {
    let segur = 0;
    let errors = 0;
    const checked: { uri: string; doc: TextDocument; result: CheckResult; severities: CheckOptions['severities'] }[] = [];
    for (const uri of p.uris) {
      if (documents.get(uri)) continue;
      let text: string;
      try {
        text = readFileSync(fileURLToPath(uri), 'utf8');
      } catch {
        continue;
      }
      const doc = TextDocument.create(uri, 'json', 0, text);
      const settings = await settingsFor(uri);
      if (!settings.enable) continue;
      const result = check(text, optionsFor(doc, settings));
      index.set(uri, result);
      if (!result.detection.isSegur) continue;
      checked.push({ uri, doc, result, severities: settings.rules });
    }
    for (const c of checked) {
      const all = [...c.result.findings, ...crossFindings(c.uri, c.result, c.severities)];
      segur++;
      errors += all.filter((f) => f.severity === 'error').length;
      void connection.sendDiagnostics({ uri: c.uri, diagnostics: all.map((f) => toDiagnostic(c.doc, f, 0)) });
    }
    return { files: segur, errors };
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** The server never dies of an unexpected rejection; nothing from the document is logged. */
function keepAlive(): void {
  process.on('unhandledRejection', () => undefined);
}

// Started directly (dist/server.js) by the VS Code client.
if (require.main === module) {
  keepAlive();
  startServer();
}
