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
import { check, selectFixes } from '../engine';
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

  const settingsFor = (uri: string): Promise<SegurSettings> => {
    if (!configurationSupport) return Promise.resolve(DEFAULT_SETTINGS);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'segur' }).then((raw) => resolveSettings(raw, trusted), () => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  };

  const optionsFor = (doc: TextDocument, settings: SegurSettings): CheckOptions => {
    const path = doc.uri.startsWith('file:') ? fileURLToPath(doc.uri) : doc.uri;
    const assoc = settings.fileAssociation(path);
    const o = overrides.get(doc.uri);
    return { fileName: path, sons: o?.sons ?? assoc?.sons, kind: o?.kind ?? assoc?.kind, severities: settings.rules };
  };

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
    void connection.sendNotification('segur/detection', { uri: doc.uri, detection: entry.result.detection });
    return entry;
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
    if (f.related) d.relatedInformation = f.related.map((r) => ({ location: { uri: doc.uri, range: { start: doc.positionAt(r.offset), end: doc.positionAt(r.offset + r.length) } }, message: r.message[locale] }));
    return d;
  };

  const diagnosticsOf = async (doc: TextDocument): Promise<Diagnostic[]> => {
    const entry = await validate(doc);
    if (!entry) return [];
    return entry.result.findings.map((f) => toDiagnostic(doc, f, entry.version));
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
    if (pull) {
      if (reason !== 'change' || settings.run === 'onType') return; // the client pulls
      return;
    }
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
        executeCommandProvider: { commands: [] },
      },
      serverInfo: { name: 'segur-json', version: '0.1.0' },
    };
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    cache.clear();
    if (pull) connection.languages.diagnostics.refresh();
    else for (const d of documents.all()) void schedule(d, 'open');
  });

  documents.onDidOpen((e) => void schedule(e.document, 'open'));
  documents.onDidChangeContent((e) => void schedule(e.document, 'change'));
  documents.onDidSave((e) => void schedule(e.document, 'save'));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    cache.delete(e.document.uri);
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
    if (pull) connection.languages.diagnostics.refresh();
    else void publish(p.uri);
    const doc = documents.get(p.uri);
    return doc ? validate(doc).then((e) => e?.result.detection ?? null) : null;
  });

  /** "Valider l'espace de travail": checks files on disk that are not open, results pushed as diagnostics. */
  connection.onRequest('segur/checkFiles', async (p: { uris: string[] }) => {
    let segur = 0;
    let errors = 0;
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
      if (!result.detection.isSegur) continue;
      segur++;
      errors += result.findings.filter((f) => f.severity === 'error').length;
      void connection.sendDiagnostics({ uri, diagnostics: result.findings.map((f) => toDiagnostic(doc, f, 0)) });
    }
    return { files: segur, errors };
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

// Started directly (dist/server.js) by the VS Code client.
if (require.main === module) startServer();
