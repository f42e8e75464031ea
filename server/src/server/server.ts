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
  type CodeLens,
  type CodeLensParams,
  type InitializeParams,
  type CancellationToken,
  type CodeActionParams,
  type WorkspaceEdit,
  type CompletionItem,
  type CompletionParams,
  type DidChangeWatchedFilesParams,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type Hover,
  type HoverParams,
  type TextDocumentChangeEvent,
  type Position,
  type WorkspaceFoldersChangeEvent,
  StreamMessageReader,
  StreamMessageWriter,
  IPCMessageReader,
  IPCMessageWriter,
  createServerSocketTransport,
  createServerPipeTransport,
  type MessageReader,
  type MessageWriter,
  CodeLensRefreshRequest,
  MessageType,
  ShowMessageNotification,
  ResponseError,
  ErrorCodes,
  type Message,
  type NotificationMessage,
} from 'vscode-languageserver/node';
import { CheckFilesProgressNotification, CheckFilesRequest, DetectionNotification, LearnedSonsRequest, SetOverrideRequest, SoldeFromAvanceRequest, UseAsTemplateRequest, type ParamsOf, type ResultOf } from '../protocol';
import { randomBytes } from 'node:crypto';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { filePathOf } from './uris';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { service, selectFixes, applyEdits, fixAll, minimalEdit, isStrictJson, soldeFromAvance, SoldeFromAvanceError, type ParsedDoc } from '../engine';
import { loadTemplateFolder } from '../io/templates';
import type { SchemaNode } from '../engine/schemaData';
import { WorkspaceIndex, displayPath, inFolder } from './workspace';
import { indexProgress } from './indexProgress';
import { readRegularFile } from '../io/files';
import { snippetItems, withSnippets } from './snippets';
import type { CheckOptions, CheckResult, Finding, Locale, Severity } from '../engine/types';
import { resolveSettings, resolveExclude, type SegurSettings, DEFAULT_SETTINGS } from './settings';
import { overview, addOverviews, overviewLabel, type Overview } from '../engine/overview';
import { asBlankTemplate, blankTemplateActions, blankTemplateLens, templatesDir, useAsTemplate, type UseAsTemplateParams } from './blankTemplates';
import { learnedSonsOf } from '../engine/learnedSons';
import { IdleCollector } from './memory';
import { positionsOf } from './positions';

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.segur`;

interface Cached {
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
   * The parsed document of this version (engine/document.ts): completion and hover use it, with the schema or learned
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

/** The short mark a `model` finding's message ends with in an editor (its full note is in the message too). */
export const MODELLED_MARK = { fr: '[modélisé]', en: '[modelled]' } as const;

/** A cheap signature of findings (FNV-1a over what a diagnostic shows): equal findings, equal signatures. */
export function findingsSignature(findings: Finding[]): number {
  let h = 0x811c9dc5;
  const add = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x1f, 0x01000193);
  };
  for (const f of findings) {
    add(`${f.code}|${f.severity}|${f.offset}|${f.length}|${f.message.fr}|${f.message.en}|${f.fix ? 'fix' : ''}`);
    for (const r of f.related ?? []) add(`${r.file ?? ''}|${r.offset}|${r.length}|${r.message.fr}`);
  }
  return (h >>> 0) + findings.length * 2 ** 32;
}

/**
 * Test seam: called at the start of each stage (`check`, `cross`, `diagnostic`, or a handler's name) with the
 * documents concerned; a test makes it throw to check that a failure stays on the document concerned.
 */
export type FaultHook = (stage: string, uris: string[], code?: string) => void;

export interface ServerHooks {
  fault?: FaultHook;
  /** Where the one-line failure reports go (default: stderr). Never document content. */
  log?: (line: string) => void;
  /** Told each run of the engine on an open document's text (tests count them: one per text, never two). */
  checked?: (uri: string) => void;
}

/**
 * One line on a failure, without its message (it could quote a value of the document): the error's name and where
 * it was thrown (file base name, line and column of the first frame, read after the message).
 */
export function failureLine(where: string, e: unknown): string {
  const name = e instanceof Error ? e.name.replace(/[^\w.$-]/g, '') : typeof e;
  let place = '';
  if (e instanceof Error && typeof e.stack === 'string') {
    const at = e.message ? e.stack.indexOf(e.message) : -1;
    const frames = at >= 0 ? e.stack.slice(at + e.message.length) : e.stack;
    const first = /\n\s*at [^\n]*?([^\s\\/()]+:\d+:\d+)\)?\s*(?:\n|$)/.exec(frames);
    if (first) place = ` (${first[1]})`;
  }
  return `segur-json: erreur interne dans ${where} / internal error in ${where}: ${name}${place}\n`;
}

const STAMP_PREFIX = randomBytes(6).toString('hex');
let stamps = 0;

/** One internal finding (S12/internal unless the rule is known): French then English, naming no identifier. */
function internalFinding(code: string, what: 'check' | 'diagnostic'): Finding {
  const message =
    what === 'check'
      ? { fr: 'Erreur interne de segur-json : ce fichier n\'a pas pu être vérifié (les autres fichiers le sont).', en: 'segur-json internal error: this file could not be checked (the other files are).' }
      : { fr: `Erreur interne de segur-json : des résultats de la règle ${code.split('/')[0]} n'ont pas pu être affichés.`, en: `segur-json internal error: some results of rule ${code.split('/')[0]} could not be shown.` };
  return { code, severity: 'warning', message, offset: 0, length: 1, provenance: { kind: 'source', sources: [] } };
}

/** Whether `segur/setOverride` params have the shape of SetOverrideParams (a client's bug must not stick to a document). */
export function validOverride(p: unknown): p is ParamsOf<typeof SetOverrideRequest> {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return false;
  const o = p as Record<string, unknown>;
  return typeof o.uri === 'string' && (o.sons === undefined || o.sons === null || typeof o.sons === 'string') && (o.kind === undefined || o.kind === null || o.kind === 'avance' || o.kind === 'solde');
}

/**
 * What is wrong with the params of a document request (a client's bug), or undefined: `textDocument.uri` a string,
 * `position` (hover, completion) two numbers, `range` (code actions) two positions. The answer is then an
 * invalid-params error, as the protocol asks, rather than an exception inside a handler.
 */
export function documentParamsProblem(p: unknown, needs: { position?: boolean; range?: boolean } = {}): string | undefined {
  const isPosition = (x: unknown) => typeof x === 'object' && x !== null && typeof (x as Position).line === 'number' && typeof (x as Position).character === 'number';
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return 'params';
  const o = p as { textDocument?: { uri?: unknown } | null; position?: unknown; range?: { start?: unknown; end?: unknown } | null };
  if (typeof o.textDocument !== 'object' || o.textDocument === null || typeof o.textDocument.uri !== 'string') return 'textDocument.uri';
  if (needs.position && !isPosition(o.position)) return 'position';
  if (needs.range && (typeof o.range !== 'object' || o.range === null || !isPosition(o.range.start) || !isPosition(o.range.end))) return 'range';
  return undefined;
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all), hooks: ServerHooks = {}): Connection {
  const fault: FaultHook = hooks.fault ?? (() => undefined);
  const log = hooks.log ?? ((line: string) => void process.stderr.write(line));
  /**
   * A handler that never fails: an exception answers `empty()` and logs one line (no content). The client then
   * shows nothing for that request instead of an error toast, and the other documents are not concerned.
   */
  const guard =
    <A extends unknown[], R>(name: string, empty: () => R, fn: (...a: A) => R | Promise<R>) =>
    async (...a: A): Promise<R> => {
      try {
        const uri = (a[0] as { textDocument?: { uri?: unknown }; document?: { uri?: unknown }; uri?: unknown } | undefined);
        const u = uri?.textDocument?.uri ?? uri?.document?.uri ?? uri?.uri;
        fault(name, typeof u === 'string' ? [u] : []);
        return await fn(...a);
      } catch (e) {
        // A deliberate error answer (invalid params) goes to the client as is.
        if (e instanceof ResponseError) throw e;
        log(failureLine(name, e));
        return empty();
      }
    };
  /** A document request: params of the wrong shape get an invalid-params answer before the handler runs. */
  const request =
    <P, R, X extends unknown[]>(name: string, needs: { position?: boolean; range?: boolean }, empty: () => R, fn: (p: P, ...rest: X) => R | Promise<R>) =>
    guard(name, empty, (p: P, ...rest: X) => {
      const problem = documentParamsProblem(p, needs);
      if (problem) throw new ResponseError(ErrorCodes.InvalidParams, `${name} : paramètre « ${problem} » invalide / invalid param "${problem}"`);
      return fn(p, ...rest);
    });
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, Cached>();
  const idle = new IdleCollector();
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
  /** The client tells when workspace folders are added or removed (workspace.workspaceFolders). */
  let foldersSupport = false;
  /** The client runs VS Code commands (initializationOptions.commands): segur.showRule, the Problems panel. */
  let clientCommands = false;
  let codeLensRefreshSupport = false;
  /** The client resolves a code action's edit (codeAction/resolve): onCodeAction leaves edits out. */
  let resolveEdits = false;
  /** The last overview of each open document (its findings across files included), with the result it is of. */
  const overviews = new Map<string, { stamp: string; overview: Overview; key: string }>();
  let lensRefresh: ReturnType<typeof setTimeout> | undefined;
  /**
   * A document's overview (requests, totals, errors, portal answers: engine/overview.ts) from all its findings:
   * told to the client with its detection (`segur/detection`, the status bar) when it changed, and the CodeLens
   * asked again (another file may have changed this one's errors across files).
   */
  const noteOverview = (uri: string, entry: Cached, all: readonly Finding[]) => {
    let o: Overview;
    try {
      o = overview(entry.result, all);
    } catch (e) {
      // The diagnostics do not depend on it: a failure here only leaves the CodeLens and the status count out.
      log(failureLine('overview', e));
      return;
    }
    const key = JSON.stringify(o);
    const last = overviews.get(uri);
    overviews.set(uri, { stamp: entry.stamp, overview: o, key });
    if (last?.key === key) return;
    void connection.sendNotification(DetectionNotification.method, { uri, detection: entry.result.detection, overview: o } satisfies ParamsOf<typeof DetectionNotification>);
    if (last && codeLensRefreshSupport && !lensRefresh) {
      lensRefresh = setTimeout(() => {
        lensRefresh = undefined;
        connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      }, 100);
    }
  };
  /** Asks a pulling client to pull again (only if it said it can; a refused request must not kill the server). */
  const refreshPulled = () => {
    if (refreshSupport) connection.languages.diagnostics.refresh().catch(() => undefined);
  };
  const templateCache = new Map<string, Record<string, SchemaNode>>();
  // Messages name another file by its workspace-relative path, as related information does.
  // Files on disk take their folder's settings (one workspace/configuration request per folder, not one per file:
  // VS Code resolves a file's resource settings from its folder anyway).
  const index = new WorkspaceIndex(async (uri) => optionsForUri(uri, await settingsFor(folderScope(uri))), (uri) => displayPath(uri, workspaceFolders));
  index.isOpen = (uri) => documents.get(uri) !== undefined;
  /** Open (or saved) documents whose diagnostics are on their way (push): the index waits for them (workspace.ts `hold`). */
  const checkFirst = new Set<string>();
  index.hold = () => {
    for (const uri of checkFirst) if (!documents.get(uri)) checkFirst.delete(uri); // closed before its check
    return checkFirst.size > 0;
  };
  const folderScope = (uri: string): string => {
    try {
      const path = filePathOf(uri);
      const hit = path !== undefined ? inFolder(workspaceFolders, path) : undefined;
      return hit ? pathToFileURL(hit.folder).href : uri;
    } catch {
      return uri;
    }
  };
  /**
   * Indexes the workspace folders in the background (workspace.ts: time slices; a new scan supersedes a running
   * one), with work-done progress; `then` runs once this scan is complete (not when a later one superseded it).
   */
  const indexWorkspace = (then: () => void, folders = workspaceFolders): Promise<void> => {
    const progress = indexProgress(connection, locale);
    return index.scanInBackground(folders, progress.hooks).then(({ superseded }) => {
      progress.end();
      if (!superseded) then();
    });
  };

  /**
   * Official templates of the `segur.templates.folder` setting: learned `*.template.json` files, and blank templates
   * `<SONS>.<kind>.blank.json` (with an optional `<SONS>.<kind>.example.json`) learned on load, each checked first
   * (server/src/io/templates.ts). Loaded once per folder until a template file or the settings change; the files left
   * out are reported then, once (one warning message and one log line each, naming the file, never its content), and
   * the bundled model applies to their SONS × kind. Ignored in Restricted Mode (resolveSettings drops the setting).
   */
  const templatesIn = (folder: string | undefined): Record<string, SchemaNode> | undefined => {
    if (!folder) return undefined;
    const dir = templatesDir(folder, workspaceFolders)!;
    const hit = templateCache.get(dir);
    if (hit) return hit;
    const loaded = loadTemplateFolder(dir);
    templateCache.set(dir, loaded.templates);
    const problems = loaded.problems.map((p) => `${p.file} : ${p.message[locale]}`);
    if (loaded.unreadable) problems.unshift(loaded.unreadable[locale]);
    if (problems.length) {
      for (const line of problems) connection.console.warn(`segur-json: ${line}`);
      const head = locale === 'fr' ? 'Modèles officiels (segur.templates.folder) ignorés :' : 'Official templates (segur.templates.folder) ignored:';
      // A notification (window/showMessage, a warning): nothing for the client to answer.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `${head} ${problems.join(' ; ')}` });
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
    const path = filePathOf(uri) ?? uri;
    const assoc = settings.fileAssociation(path);
    const o = overrides.get(uri);
    return { fileName: path, sons: o?.sons ?? assoc?.sons, kind: o?.kind ?? assoc?.kind, severities: settings.rules, modelledSeverity: settings.modelledSeverity, templates: templatesIn(settings.templatesFolder), client: 'editor' };
  };
  const optionsFor = (doc: TextDocument, settings: SegurSettings): CheckOptions => optionsForUri(doc.uri, settings);

  /**
   * The engine on one text, isolated: an exception yields one internal finding on this document (S12/internal, the
   * rule is not known), never a failed request.
   */
  const safeCheck = (uri: string, text: string, options: CheckOptions, keep?: (doc: ParsedDoc) => void): CheckResult => {
    try {
      fault('check', [uri]);
      const doc = service.parse(text, options);
      keep?.({ ...doc, parsed: undefined });
      // A blank official template gets one finding saying so, not the S3 of every tag.
      const dir = [...templateCache].find(([, t]) => t === options.templates)?.[0];
      const r = asBlankTemplate(text, options, service.validate(doc, options), dir);
      index.noteBlank(uri, r.blank);
      return r.result;
    } catch (e) {
      log(failureLine('check', e));
      return { detection: { isSegur: true, reason: { fr: 'vérification interrompue (erreur interne)', en: 'check interrupted (internal error)' } }, findings: [internalFinding('S12/internal', 'check')] };
    }
  };

  /** Validates a document's text once; later requests for the same version and the same text reuse the result. */
  const validate = async (doc: TextDocument): Promise<Cached | undefined> => {
    const text = doc.getText();
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.text === text) return hit;
    const settings = await settingsFor(doc.uri);
    if (!settings.enable) return undefined;
    const current = documents.get(doc.uri);
    if (!current || current.version !== doc.version || current.getText() !== text) return undefined; // stale
    const options = optionsFor(doc, settings);
    let parsed: ParsedDoc | undefined;
    hooks.checked?.(doc.uri);
    const entry: Cached = { version: doc.version, text, stamp: `${STAMP_PREFIX}-${++stamps}`, result: safeCheck(doc.uri, text, options, (d) => (parsed = d)), options };
    // The garbage of a big check is collected once its diagnostics are sent (memory.ts).
    idle.afterCheck(text.length);
    entry.doc = parsed;
    cache.set(doc.uri, entry);
    index.set(doc.uri, entry.result);
    refreshSameSons(doc.uri);
    void connection.sendNotification(DetectionNotification.method, { uri: doc.uri, detection: entry.result.detection } satisfies ParamsOf<typeof DetectionNotification>);
    return entry;
  };

  /** The parsed document of this version for completion and hover: the cached one, else parsed now (not cached). */
  const parsedDoc = (doc: TextDocument, text: string, options: CheckOptions): ParsedDoc => {
    const hit = cache.get(doc.uri);
    return hit?.doc && hit.version === doc.version && hit.text === text ? hit.doc : service.parse(text, options);
  };

  /** Another file's text, to place related information found across files (open document first, else the disk). */
  const textOf = (uri: string): TextDocument | undefined => {
    const open = documents.get(uri);
    if (open) return open;
    try {
      // Regular files only (a FIFO would block the server for good), decoded as the CLI does.
      const path = filePathOf(uri);
      return path === undefined ? undefined : TextDocument.create(uri, 'json', 0, readRegularFile(path).text);
    } catch {
      return undefined;
    }
  };

  /** `at`: the positions of `doc` (positionsOf for a publish; the document's own positionAt by default). */
  const toDiagnostic = (doc: TextDocument, f: Finding, fix?: FixRef, at: (offset: number) => Position = (o) => doc.positionAt(o)): Diagnostic => {
    const range = { start: at(f.offset), end: at(f.offset + f.length) };
    const d: Diagnostic = {
      range,
      severity: SEVERITY[f.severity],
      code: f.code,
      source: 'segur',
      message: f.provenance?.kind === 'model' ? `${f.message[locale]} ${MODELLED_MARK[locale]}` : f.message[locale],
      codeDescription: { href: `${docsUri}#${f.code.split('/')[0].toLowerCase()}` },
    };
    // The fix itself (title, edits) is not sent with every publish: a quick fix asks for it (onCodeAction, resolve).
    const data: SegurDiagnosticData = { provenance: f.provenance };
    if (f.fix && fix) data.fix = fix;
    d.data = data;
    if (f.related) {
      d.relatedInformation = f.related.flatMap((r) => {
        const other = r.file && r.file !== doc.uri ? textOf(r.file) : doc;
        // Another file is named by its workspace-relative path (an editor shows only its base name: which solde.json?).
        const message = other === doc ? r.message[locale] : `${r.message[locale]} (${displayPath(other?.uri ?? '', workspaceFolders)})`;
        const pos = other === doc ? at : (o: number) => other!.positionAt(o);
        return other ? [{ location: { uri: other.uri, range: { start: pos(r.offset), end: pos(r.offset + r.length) } }, message }] : [];
      });
    }
    return d;
  };

  /** An internal finding as a diagnostic, built without the document (its conversion may be what failed). */
  const internalDiagnostic = (f: Finding): Diagnostic => ({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'segur',
    message: f.message[locale],
    data: { provenance: f.provenance },
  });

  /**
   * Findings of the rules across files for a document, from the workspace's incremental index (its avance/solde
   * counterparts and the files of the same SONS, n° ANS and SIRET): look-ups, not a run over every file. The
   * signature of what an open document was given is kept, so that another file's change re-publishes it only when
   * they changed: editing one file does not re-publish every open one.
   */
  const crossSig = new Map<string, number>();
  const crossFindings = (uri: string, result: CheckResult, severities: CheckOptions['severities']): Finding[] => {
    const found = crossOf(uri, result, severities);
    if (documents.get(uri)) crossSig.set(uri, findingsSignature(found));
    return found;
  };
  const crossOf = (uri: string, result: CheckResult, severities: CheckOptions['severities']): Finding[] => {
    try {
      fault('cross', [uri]);
      return result.summary && result.detection.sons ? index.crossFindings(uri, severities) : [];
    } catch (e) {
      // The index isolates each pair and group; this is the last guard: the document keeps its own findings.
      log(failureLine('cross', e));
      return [{ code: 'C1/internal', severity: 'warning', message: { fr: 'Erreur interne des règles entre fichiers (C1–C8, U1–U3) : ce fichier n\'a pas pu être comparé aux autres.', en: 'Internal error in the rules across files (C1–C8, U1–U3): this file could not be compared with the others.' }, offset: 0, length: 1, provenance: { kind: 'source', sources: [] } }];
    }
  };

  const diagnosticsOf = async (doc: TextDocument): Promise<Diagnostic[]> => {
    let entry: Cached | undefined;
    let all: Finding[];
    try {
      entry = await validate(doc);
      if (!entry) return [];
      all = [...entry.result.findings, ...crossFindings(doc.uri, entry.result, entry.options.severities)];
      noteOverview(doc.uri, entry, all);
    } catch (e) {
      log(failureLine('diagnostics', e));
      return [internalDiagnostic(internalFinding('S12/internal', 'check'))];
    }
    // A finding that cannot be converted is replaced by one internal finding of its rule; the others are shown.
    const out: Diagnostic[] = [];
    const failed = new Set<string>();
    const own = entry.result.findings.length;
    // The positions of this text's findings in one pass on a big text (positions.ts), not its whole line table.
    const offsets: number[] = [];
    for (const f of all) {
      offsets.push(f.offset, f.offset + f.length);
      for (const r of f.related ?? []) if (!r.file || r.file === doc.uri) offsets.push(r.offset, r.offset + r.length);
    }
    const at = positionsOf(entry.text, offsets, (o) => doc.positionAt(o));
    for (const [i, f] of all.entries()) {
      try {
        fault('diagnostic', [doc.uri], f.code);
        const ref: FixRef | undefined = f.fix && i < own ? { version: entry.version, stamp: entry.stamp, index: i } : undefined;
        out.push(toDiagnostic(doc, f, ref, at));
      } catch (e) {
        const rule = String(f.code).split('/')[0] || 'S12';
        if (failed.has(rule)) continue;
        failed.add(rule);
        log(failureLine('diagnostic', e));
        out.push(internalDiagnostic(internalFinding(`${rule}/internal`, 'diagnostic')));
      }
    }
    return out;
  };

  /**
   * A file changed: the open files whose findings across files changed (the index says which files share a number
   * or identifier with it; each one's new findings are compared with the signature of what it was given) are
   * re-published (push) or re-pulled (one refresh).
   */
  const refreshSameSons = (uri: string | undefined) => {
    try {
      refreshAffected(uri);
    } catch {
      // Never fails the validation of the document that changed; the others refresh at their next change.
    }
  };
  const refreshAffected = (uri: string | undefined) => {
    const affected = uri === undefined ? undefined : index.takeAffected(uri);
    const candidates = affected ? [...affected] : documents.all().map((d) => d.uri);
    let changed = false;
    for (const other of candidates) {
      if (other === uri || !documents.get(other)) continue;
      const c = cache.get(other);
      if (!c) continue; // not validated yet: its own validation publishes it
      if (crossSig.get(other) === findingsSignature(crossOf(other, c.result, c.options.severities))) continue;
      changed = true;
      if (!pull) void publish(other);
    }
    for (const u of crossSig.keys()) if (!documents.get(u)) crossSig.delete(u);
    if (pull && changed) refreshPulled();
  };

  const publish = async (uri: string) => {
    try {
      await publishNow(uri);
    } finally {
      checkFirst.delete(uri);
    }
  };
  const publishNow = async (uri: string) => {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const text = doc.getText();
    const diagnostics = await diagnosticsOf(doc);
    // A newer version, or other text under the same version number, is on its way.
    if (documents.get(uri)?.version !== version || documents.get(uri)?.getText() !== text) return;
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
    foldersSupport = !!params.capabilities.workspace?.workspaceFolders;
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.workspaceFolders ? [] : params.rootUri ? [params.rootUri] : []).map((u) => filePathOf(u)).filter((p): p is string => p !== undefined);
    const init = params.initializationOptions as { trusted?: boolean; docsUri?: string; pull?: boolean; commands?: boolean } | undefined;
    if (init?.trusted === false) trusted = false;
    clientCommands = init?.commands === true;
    codeLensRefreshSupport = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    // Quick fixes without their edit, filled in by codeAction/resolve: only for a client that keeps an action's
    // `data` and resolves its `edit` (VS Code, Neovim); any other gets the edits inline.
    const codeAction = params.capabilities.textDocument?.codeAction;
    resolveEdits = !!codeAction?.dataSupport && !!codeAction.resolveSupport?.properties?.includes('edit');
    if (init?.pull === false) pull = false;
    // The rendered page (one anchor per rule), never the Markdown source: a client opens the link at the rule.
    docsUri = init?.docsUri ?? pathToFileURL(join(__dirname, '..', 'docs', locale === 'en' ? 'rules.en.html' : 'rules.html')).href;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        completionProvider: { triggerCharacters: ['"', ':', '['] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        ...(pull ? { diagnosticProvider: { identifier: 'segur', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        // Folders added or removed: the index follows (onDidChangeWorkspaceFolders below).
        ...(foldersSupport ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'segur-json', version: '0.1.0' },
    };
  });

  /**
   * What the workspace index leaves out: each folder's `segur.workspace.exclude` and `files.exclude`. Returns a key
   * of the settings read (a rescan is needed when it changes).
   */
  let excludeKey = '';
  const loadExclude = async (): Promise<string> => {
    const perFolder = await Promise.all(workspaceFolders.map(async (folder) => {
      const scopeUri = pathToFileURL(folder).href;
      // (A client that does not answer within 5 s gets the defaults: the index is not held up by it.)
      const raw: unknown[] = configurationSupport
        ? await Promise.race([
          connection.workspace.getConfiguration([{ scopeUri, section: 'segur' }, { scopeUri, section: 'files.exclude' }]).catch(() => []),
          new Promise<unknown[]>((r) => setTimeout(() => r([]), 5000).unref()),
        ])
        : [];
      const segurExclude = (raw[0] as { workspace?: { exclude?: unknown } } | null | undefined)?.workspace?.exclude;
      return { folder, key: JSON.stringify([segurExclude, raw[1]]), test: resolveExclude(segurExclude, raw[1]) };
    }));
    index.setExclude((path, dir) => {
      const hit = inFolder(workspaceFolders, path);
      const f = hit && hit.rel !== '' ? perFolder.find((x) => x.folder === hit.folder) : undefined;
      return !!f && f.test(hit!.rel, dir);
    });
    return perFolder.map((f) => f.key).join('|');
  };

  /**
   * Workspace folders added or removed: the files of a removed folder leave the index at once; an added folder is
   * indexed in the background (with the files a running scan had not reached yet: it is superseded, not lost).
   */
  const onFoldersChanged = (e: WorkspaceFoldersChangeEvent) => {
    const paths = (fs: { uri: string }[]) => fs.map((f) => filePathOf(f.uri)).filter((p): p is string => p !== undefined);
    const removed = new Set(paths(e.removed));
    const added = paths(e.added).filter((f) => !workspaceFolders.includes(f));
    workspaceFolders = workspaceFolders.filter((f) => !removed.has(f)).concat(added);
    const dropped = index.forgetOutside(workspaceFolders);
    const refresh = () => {
      if (pull) refreshPulled();
      else refreshSameSons(undefined);
    };
    if (dropped) refresh();
    if (added.length > 0) void loadExclude().then((key) => {
      excludeKey = key;
      return indexWorkspace(refresh, added);
    });
  };

  connection.onInitialized(guard('initialized', () => undefined, () => {
    if (foldersSupport) connection.workspace.onDidChangeWorkspaceFolders(guard('didChangeWorkspaceFolders', () => undefined, onFoldersChanged));
    // Index the workspace's Ségur files in the background: a solde is then checked against its avance on disk.
    // Open documents are checked as their messages come, between slices of the index; once it is complete, those
    // whose findings across files changed are published again (a pulling client is asked to pull again).
    setTimeout(() => {
      void loadExclude().then((key) => {
        excludeKey = key;
        return indexWorkspace(() => {
          if (pull) refreshPulled();
          else refreshSameSons(undefined);
        });
      });
    }, 0);
  }));

  connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', () => undefined, (p: DidChangeWatchedFilesParams) => {
    const read: Promise<void>[] = [];
    let templates = false;
    for (const c of p.changes) {
      if (/\.(template|blank|example)\.json$/.test(c.uri)) templates = true;
      if (documents.get(c.uri)) {
        // Open documents are indexed from the editor's text, but a file deleted on disk is no longer one of the
        // workspace's files: it leaves the index when the disk confirms it (an editor that saves by writing a
        // temporary file and renaming it over the old one sends a delete for a file that is still there).
        const path = filePathOf(c.uri);
        if (c.type === 3 && path !== undefined && !existsSync(path)) index.delete(c.uri);
        continue;
      }
      if (c.type === 3) index.delete(c.uri);
      // Read in the background, after the files already queued (during a scan: counted in it, never lost).
      else if (filePathOf(c.uri) !== undefined) read.push(index.refreshLater(c.uri, filePathOf(c.uri)!));
    }
    if (templates) {
      // Another official template: every open document is checked again.
      templateCache.clear();
      cache.clear();
      if (pull) refreshPulled();
      else for (const d of documents.all()) void publish(d.uri);
    }
    // Once the files are indexed: the open documents whose findings across files changed are published again.
    void Promise.all(read).then(() => refreshSameSons(undefined));
  }));

  connection.onDidChangeConfiguration(guard('didChangeConfiguration', () => undefined, () => {
    templateCache.clear();
    settingsCache.clear();
    cache.clear();
    if (pull) refreshPulled();
    else for (const d of documents.all()) void schedule(d, 'open');
    // Another exclude setting: files it now leaves out are dropped at once, files it lets in come with a rescan.
    void loadExclude().then((key) => {
      if (key === excludeKey) return;
      excludeKey = key;
      return indexWorkspace(() => {
        cache.clear();
        if (pull) refreshPulled();
        else for (const d of documents.all()) void publish(d.uri);
      });
    });
  }));

  // TextDocuments fires a content change right after each open, for the same version: it is the open itself, not an
  // edit. Scheduled as a change, it replaced the open's immediate check by the debounced one (every open waited
  // `segur.validate.debounceMs`, 150 ms by default).
  const openedVersion = new Map<string, number>();
  documents.onDidOpen(guard('didOpen', () => undefined, (e: TextDocumentChangeEvent<TextDocument>) => {
    if (!pull) checkFirst.add(e.document.uri);
    openedVersion.set(e.document.uri, e.document.version);
    return schedule(e.document, 'open');
  }));
  documents.onDidChangeContent(guard('didChange', () => undefined, (e: TextDocumentChangeEvent<TextDocument>) => {
    const opened = openedVersion.get(e.document.uri);
    openedVersion.delete(e.document.uri);
    if (opened === e.document.version) return;
    return schedule(e.document, 'change');
  }));
  documents.onDidSave(guard('didSave', () => undefined, (e: TextDocumentChangeEvent<TextDocument>) => schedule(e.document, 'save')));
  documents.onDidClose(guard('didClose', () => undefined, (e: TextDocumentChangeEvent<TextDocument>) => {
    openedVersion.delete(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    cache.delete(e.document.uri);
    overviews.delete(e.document.uri);
    // Back to the file on disk (the editor's unsaved text is gone).
    // The other open documents then lose (or get) the findings across files of its unsaved text; a file that no
    // longer exists on disk leaves the index.
    const path = filePathOf(e.document.uri);
    const uri = e.document.uri;
    if (path !== undefined) void index.refreshFromDisk(uri, path).then(() => refreshSameSons(uri), () => refreshSameSons(undefined));
    else {
      index.delete(uri);
      refreshSameSons(uri);
    }
    settingsCache.delete(e.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  }));

  connection.languages.diagnostics.on(request('pullDiagnostics', {}, (): DocumentDiagnosticReport => ({ kind: 'full', items: [] }), async (params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return { kind: 'full', items: [] };
    const items = await diagnosticsOf(doc);
    return { kind: 'full', items };
  }));

  /** A quick fix's finding in a cached result, if the reference is to this very result (else stale: none). */
  const findingOf = (entry: Cached, ref: FixRef): Finding | undefined => {
    if (typeof ref !== 'object' || ref === null || ref.stamp !== entry.stamp || ref.version !== entry.version || !Number.isInteger(ref.index)) return undefined;
    return entry.result.findings[ref.index];
  };
  /** One pass of one rule's fixes (« Corriger tous les problèmes Sx »), from a result's own findings. */
  const ruleFixes = (entry: Cached, rule: string) => selectFixes(entry.result.findings, (f) => f.code.split('/')[0] === rule);
  /** Engine edits (offsets) as a workspace edit of a document whose text they were computed on. */
  const editOf = (doc: TextDocument, edits: readonly { offset: number; length: number; newText: string }[]): WorkspaceEdit => ({
    changes: { [doc.uri]: edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.newText })) },
  });

  /**
   * codeAction/resolve: the edit of a quick fix (or of « Corriger tous les problèmes Sx ») offered without it, from
   * the cached result, if the document still has the text of that result (same version, same stamp). Otherwise the
   * action comes back without an edit: a stale action is never applied.
   */
  const resolveAction = (action: CodeAction): CodeAction => {
    const data = action.data as ActionData | undefined;
    if (!data || typeof data !== 'object' || typeof data.uri !== 'string') return action;
    const doc = documents.get(data.uri);
    const entry = cache.get(data.uri);
    if (!doc || !entry || entry.version !== doc.version || entry.text !== doc.getText()) return action;
    if ('fix' in data) {
      const f = findingOf(entry, data.fix);
      if (f?.fix) action.edit = editOf(doc, f.fix.edits);
    } else if (typeof data.rule === 'string' && data.stamp === entry.stamp && data.version === entry.version) {
      const sel = ruleFixes(entry, data.rule);
      if (sel.chosen.length > 0) action.edit = editOf(doc, sel.edits);
    }
    return action;
  };
  connection.onCodeActionResolve((action: CodeAction) => guard('codeActionResolve', () => action, resolveAction)(action));

  connection.onCodeAction(request('codeAction', { range: true }, (): CodeAction[] => [], async (params: CodeActionParams, token: CancellationToken) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return [];
    // The text the actions are computed on (the document object is updated in place by later changes).
    const snapshot = TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());
    const rangeOf = (e: { offset: number; length: number }) => ({ start: snapshot.positionAt(e.offset), end: snapshot.positionAt(e.offset + e.length) });
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
    if (wants(CodeActionKind.QuickFix)) {
      const byRule = new Map<string, number>();
      const validated = await validate(doc);
      // The result of the very text the actions are computed on, else none (the client will ask again).
      const current = validated && validated.version === snapshot.version && validated.text === snapshot.getText() ? validated : undefined;
      let undetected: Diagnostic | undefined;
      for (const d of params.context.diagnostics) {
        if (d.source !== 'segur') continue;
        // Every diagnostic has `data` (its provenance); one with a fix has a reference to it there (`fix`).
        const ref = (d.data as SegurDiagnosticData | undefined)?.fix;
        // S1 on a file whose SONS or kind is unknown: the client's picker (status bar) chooses them.
        if (d.code === 'S1' && !ref) undetected = d;
        if (!ref) continue;
        // Stale unless computed from the current text (its result's stamp), whatever the version number says.
        const f = current ? findingOf(current, ref) : undefined;
        if (!f?.fix) continue;
        const action: CodeAction = { title: f.fix.title[locale], kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: f.fix.safe };
        if (resolveEdits) action.data = { uri: doc.uri, fix: ref } satisfies ActionData;
        else action.edit = editOf(snapshot, f.fix.edits);
        actions.push(action);
        const rule = String(d.code).split('/')[0];
        byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
      }
      const entry = byRule.size > 0 || undetected ? current : undefined;
      if (entry) {
        if (undetected && (!entry.result.detection.sons || !entry.result.detection.kind)) {
          const title = locale === 'fr' ? 'Choisir le SONS et le type' : 'Choose the SONS and kind';
          actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [undetected], isPreferred: true, command: { title, command: 'segur.chooseSons', arguments: [doc.uri] } });
        }
        const text = snapshot.getText();
        for (const rule of byRule.keys()) {
          const sel = ruleFixes(entry, rule);
          if (sel.chosen.length < 2) continue;
          // One pass of this rule's fixes; never offered when it would leave broken JSON.
          let fixed: string;
          try {
            fixed = applyEdits(text, sel.edits);
          } catch {
            continue;
          }
          if (isStrictJson(text) && !isStrictJson(fixed)) continue;
          const action: CodeAction = {
            title: locale === 'fr' ? `Corriger tous les problèmes ${rule} (${sel.chosen.length})` : `Fix all ${rule} problems (${sel.chosen.length})`,
            kind: CodeActionKind.QuickFix,
          };
          if (resolveEdits) action.data = { uri: doc.uri, rule, version: entry.version, stamp: entry.stamp } satisfies ActionData;
          else action.edit = editOf(snapshot, sel.edits);
          actions.push(action);
        }
      }
    }
    // « Utiliser ce fichier comme modèle officiel » on a blank official template (a client that runs the command).
    if (clientCommands && wants(CodeActionKind.QuickFix)) actions.push(...blankTemplateActions(params.context.diagnostics, doc.uri, locale));
    // « Documentation de la règle S5 » on every Ségur diagnostic, once per rule (a client that runs segur.showRule).
    if (clientCommands && wants(CodeActionKind.QuickFix)) {
      const seen = new Set<string>();
      for (const d of params.context.diagnostics) {
        const rule = d.source === 'segur' ? String(d.code ?? '').split('/')[0] : '';
        if (!/^[A-Z]\d+$/.test(rule) || seen.has(rule)) continue;
        seen.add(rule);
        const title = locale === 'fr' ? `Documentation de la règle ${rule}` : `Rule documentation ${rule}`;
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command: 'segur.showRule', arguments: [rule] } });
      }
    }
    if (only && only.some((k) => FIX_ALL_KIND.startsWith(k) && k !== '')) {
      const entry = await validate(doc);
      if (entry && entry.version === snapshot.version) {
        // The same text as `segur-json check --fix`: the engine passes until no safe fix is left; the client gets
        // one edit of the changed region.
        const text = snapshot.getText();
        const edit = minimalEdit(text, fixAll(text, entry.options, undefined, entry.result).text);
        // Its edit stays inline, even for a client that resolves: it is asked for explicitly (only this kind), is
        // computed here anyway (whether there is anything to fix decides the action), and the client's
        // « Ségur : corriger tous les problèmes » reads it from vscode.executeCodeActionProvider, which resolves nothing.
        if (edit) {
          actions.push({
            title: locale === 'fr' ? 'Ségur : corriger tous les problèmes' : 'Ségur: fix all problems',
            kind: FIX_ALL_KIND,
            edit: { changes: { [doc.uri]: [{ range: rangeOf(edit), newText: edit.newText }] } },
          });
        }
      }
    }
    return actions;
  }));

  connection.onCompletion(request('completion', { position: true }, (): CompletionItem[] => [], async (params: CompletionParams): Promise<CompletionItem[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const options = optionsFor(doc, await settingsFor(doc.uri));
    const snapshot = TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());
    const rangeOf = (e: { offset: number; length: number }) => ({ start: snapshot.positionAt(e.offset), end: snapshot.positionAt(e.offset + e.length) });
    // The edit replaces the key or value being typed and carries its separators (valid JSON once accepted).
    const items = service.complete(parsedDoc(doc, snapshot.getText(), options), snapshot.offsetAt(params.position), locale).map((c) => ({
      label: c.label,
      kind: c.kind === 'property' ? CompletionItemKind.Property : c.kind === 'value' ? CompletionItemKind.Value : CompletionItemKind.Snippet,
      textEdit: { range: rangeOf(c.range), newText: c.insertSnippet },
      additionalTextEdits: c.additionalEdits?.map((e) => ({ range: rangeOf(e), newText: e.newText })),
      insertTextFormat: InsertTextFormat.Snippet,
      filterText: c.filterText,
      detail: c.detail,
      documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
      sortText: c.sortText,
    }));
    return withSnippets(items, snippetItems(doc, params.position, options, locale));
  }));

  connection.onHover(request('hover', { position: true }, (): Hover | null => null, async (params: HoverParams): Promise<Hover | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const options = optionsFor(doc, await settingsFor(doc.uri));
    const h = service.hover(parsedDoc(doc, doc.getText(), options), doc.offsetAt(params.position), locale);
    if (!h) return null;
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: { start: doc.positionAt(h.offset), end: doc.positionAt(h.offset + h.length) } };
  }));

  /**
   * A CodeLens at the top of a Ségur file: « 200 demandes · 1 234 567,89 € HT · 3 erreurs · IMG-RIS-Va2 solde »
   * (engine/overview.ts, the findings across files included); in VS Code a click opens the Problems panel.
   */
  connection.onCodeLens(request('codeLens', {}, (): CodeLens[] => [], async (params: CodeLensParams): Promise<CodeLens[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const entry = await validate(doc);
    if (!entry || !entry.result.detection.isSegur) return [];
    const blankLens = blankTemplateLens(entry.result.findings, doc.uri, locale, clientCommands);
    if (blankLens) return [blankLens];
    let o = overviews.get(doc.uri);
    if (!o || o.stamp !== entry.stamp) {
      noteOverview(doc.uri, entry, [...entry.result.findings, ...crossFindings(doc.uri, entry.result, entry.options.severities)]);
      o = overviews.get(doc.uri);
      if (!o) return [];
    }
    const title = overviewLabel(o.overview, locale);
    const at = { line: 0, character: 0 };
    return [{ range: { start: at, end: at }, command: { title, command: clientCommands ? 'workbench.actions.view.problems' : '' } }];
  }));

  /** The client's "choose SONS and kind" command. */
  connection.onRequest(SetOverrideRequest.method, guard(SetOverrideRequest.method, (): ResultOf<typeof SetOverrideRequest> => null, (p: ParamsOf<typeof SetOverrideRequest>): ResultOf<typeof SetOverrideRequest> | Promise<ResultOf<typeof SetOverrideRequest>> => {
    // Checked before it is kept: a SONS that is not a string would fail every later check of the document.
    if (!validOverride(p)) throw new ResponseError(ErrorCodes.InvalidParams, `${SetOverrideRequest.method} : paramètres invalides (uri texte, sons texte, kind « avance » ou « solde ») / invalid params (uri string, sons string, kind "avance" or "solde")`);
    if (p.sons || p.kind) overrides.set(p.uri, { sons: p.sons ?? undefined, kind: p.kind ?? undefined });
    else overrides.delete(p.uri);
    cache.delete(p.uri);
    if (pull) refreshPulled();
    else void publish(p.uri);
    const doc = documents.get(p.uri);
    return doc ? validate(doc).then((e) => e?.result.detection ?? null) : null;
  }));

  /**
   * « Utiliser ce fichier comme modèle officiel » (the client's segur.useAsTemplate): see
   * blankTemplates.ts. Once a template file is written, the templates are read again and the documents re-checked.
   */
  connection.onRequest(UseAsTemplateRequest.method, guard(UseAsTemplateRequest.method, () => ({ status: 'error', message: locale === 'fr' ? 'erreur interne' : 'internal error' }), async (p: UseAsTemplateParams) => {
    const doc = documents.get(p.uri) ?? textOf(p.uri);
    const path = filePathOf(p.uri);
    if (!doc || path === undefined) return { status: 'error', message: locale === 'fr' ? 'enregistrez d\'abord ce fichier' : 'save this file first' };
    const settings = await settingsFor(p.uri);
    const answer = useAsTemplate(p, { path, text: doc.getText(), folderSetting: settings.templatesFolder, workspaceFolders, trusted, templates: templatesIn(settings.templatesFolder), locale });
    if (answer.status === 'done') {
      templateCache.clear();
      cache.clear();
      if (pull) refreshPulled();
      else for (const d of documents.all()) void publish(d.uri);
    }
    return answer;
  }));

  /** The SONS the learned templates of a document's settings add to the bundle's (the client's SONS picker). */
  connection.onRequest(LearnedSonsRequest.method, guard(LearnedSonsRequest.method, () => [], async (p: ParamsOf<typeof LearnedSonsRequest>): Promise<ResultOf<typeof LearnedSonsRequest>> => {
    const settings = await settingsFor(p.uri);
    return learnedSonsOf(templatesIn(settings.templatesFolder)).map((s) => ({ id: s.id, corridor: s.corridor, kinds: s.kinds }));
  }));

  /** "Créer le JSON de solde depuis l'avance": the text of the solde skeleton (the client opens it). */
  connection.onRequest(SoldeFromAvanceRequest.method, guard(SoldeFromAvanceRequest.method, (): ResultOf<typeof SoldeFromAvanceRequest> => ({ error: locale === 'fr' ? 'erreur interne' : 'internal error' }), async (p: ParamsOf<typeof SoldeFromAvanceRequest>): Promise<ResultOf<typeof SoldeFromAvanceRequest>> => {
    const doc = documents.get(p.uri) ?? textOf(p.uri);
    if (!doc) return { error: locale === 'fr' ? 'fichier illisible' : 'unreadable file' };
    try {
      const options = optionsForUri(p.uri, await settingsFor(p.uri));
      return soldeFromAvance(doc.getText(), { fileName: options.fileName, sons: options.sons });
    } catch (e) {
      if (e instanceof SoldeFromAvanceError) return { error: e.reason[locale] };
      return { error: locale === 'fr' ? 'erreur interne' : 'internal error' };
    }
  }));

  /**
   * "Valider l'espace de travail": checks files on disk that are not open, results pushed as diagnostics. Answers
   * `files` / `errors` of those files and `bySons`: per SONS and kind, the files, requests, total excl. VAT per VAT
   * regime, errors and portal answers of every Ségur file of the list (engine/overview.ts; an open document from its
   * current text). With `progress` (an id of the client's),
   * tells `segur/checkFilesProgress` { progress, done, total } as it goes, yielding to other messages meanwhile.
   */
  connection.onRequest(CheckFilesRequest.method, guard(CheckFilesRequest.method, (): ResultOf<typeof CheckFilesRequest> => ({ files: 0, errors: 0 }), async (p: ParamsOf<typeof CheckFilesRequest>): Promise<ResultOf<typeof CheckFilesRequest>> => {
    let segur = 0;
    let errors = 0;
    const checked: { uri: string; doc: TextDocument; result: CheckResult; severities: CheckOptions['severities'] }[] = [];
    const summaries: Overview[] = [];
    const total = p.uris.length;
    let lastTold = 0;
    const tell = async (done: number) => {
      if (p.progress === undefined || (done < total && Date.now() - lastTold < 100)) return;
      lastTold = Date.now();
      void connection.sendNotification(CheckFilesProgressNotification.method, { progress: p.progress, done, total } satisfies ParamsOf<typeof CheckFilesProgressNotification>);
      await new Promise((r) => setImmediate(r));
    };
    for (const [i, uri] of p.uris.entries()) {
      await tell(i);
      const open = documents.get(uri);
      if (open) {
        const entry = await validate(open);
        if (entry?.result.detection.isSegur) {
          const all = [...entry.result.findings, ...crossFindings(uri, entry.result, entry.options.severities)];
          summaries.push(overview(entry.result, all));
        }
        continue;
      }
      let text: string;
      let encoding: CheckOptions['encoding'];
      try {
        // Regular files only: a FIFO, socket or device is skipped, never opened.
        const path = filePathOf(uri);
        if (path === undefined) continue;
        ({ text, encoding } = readRegularFile(path));
      } catch {
        continue;
      }
      const doc = TextDocument.create(uri, 'json', 0, text);
      const settings = await settingsFor(uri);
      if (!settings.enable) continue;
      const result = safeCheck(uri, text, { ...optionsFor(doc, settings), encoding });
      index.set(uri, result);
      if (!result.detection.isSegur) continue;
      checked.push({ uri, doc, result, severities: settings.rules });
    }
    for (const c of checked) {
      const all = [...c.result.findings, ...crossFindings(c.uri, c.result, c.severities)];
      segur++;
      errors += all.filter((f) => f.severity === 'error').length;
      summaries.push(overview(c.result, all));
      // Files not open: no cached result, so their fixes are offered once they are opened (a stamp no result has).
      void connection.sendDiagnostics({ uri: c.uri, diagnostics: all.map((f, i) => toDiagnostic(c.doc, f, i < c.result.findings.length ? { version: 0, stamp: '', index: i } : undefined)) });
    }
    await tell(total);
    const groups = new Map<string, Overview[]>();
    for (const o of summaries) {
      const k = `${o.sons ?? ''}|${o.kind ?? ''}`;
      groups.set(k, [...(groups.get(k) ?? []), o]);
    }
    const bySons = [...groups.values()].map((os) => ({ ...addOverviews(os), kind: os[0].kind, files: os.length })).sort((a, b) => `${a.sons} ${a.kind}`.localeCompare(`${b.sons} ${b.kind}`));
    return { files: segur, errors, bySons };
  }));

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** Exit codes: 0 after shutdown; 1 when the client went away or the transport broke (the client restarts us). */
function stop(code: number, why?: { fr: string; en: string }): never {
  if (why) process.stderr.write(`segur-json: ${why.fr} / ${why.en}\n`);
  process.exit(code);
}

/**
 * Why a read failed, in words of our own: the library's messages quote the bytes received (a header, a body cut
 * at a wrong Content-Length), which may be a document's content.
 */
export function readFailure(e: unknown): { fr: string; en: string } {
  const m = e instanceof Error ? e.message : '';
  const base = { fr: 'erreur de transport LSP, arrêt du serveur', en: 'LSP transport error, server stopping' };
  const what = /must provide a Content-Length/.test(m)
    ? { fr: 'en-tête sans Content-Length', en: 'header without Content-Length' }
    : /Content-Length value must be a number/.test(m)
      ? { fr: 'Content-Length non numérique', en: 'Content-Length is not a number' }
      : /header must separate key and value/.test(m)
        ? { fr: 'en-tête mal formé (octets hors protocole ?)', en: 'malformed header (bytes outside the protocol?)' }
        : e instanceof SyntaxError
          ? { fr: 'corps de message qui n\'est pas du JSON (Content-Length faux ?)', en: 'message body is not JSON (wrong Content-Length?)' }
          : { fr: `lecture impossible (${e instanceof Error ? e.name : typeof e})`, en: `cannot read (${e instanceof Error ? e.name : typeof e})` };
  return { fr: `${base.fr} : ${what.fr}`, en: `${base.en}: ${what.en}` };
}

/** Whether `$/cancelRequest` params name a request as the protocol says: an object whose `id` is a number or a string. */
function validCancel(params: unknown): boolean {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return false;
  const id = (params as { id?: unknown }).id;
  return (typeof id === 'number' && Number.isFinite(id)) || typeof id === 'string';
}

/**
 * The reader the connection listens to, with two guards before vscode-jsonrpc sees a message. That library reads
 * `params.id` of a `$/cancelRequest` in its reader callback, before any handler: params missing, null, a string, an
 * array or an id null threw there, the reader reported it as a read error, and the server stopped. Such a cancel
 * names no request, so it is dropped (one log line, no content). And whatever else the callback throws on one
 * message loses that message only (logged the same way), never the connection.
 */
export function guardReader(reader: MessageReader, log: (line: string) => void): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    dispose: () => reader.dispose(),
    listen: (callback) =>
      reader.listen((message: Message) => {
        const m = message as Partial<NotificationMessage>;
        if (m.method === '$/cancelRequest' && !validCancel(m.params)) {
          log('segur-json: $/cancelRequest ignoré (paramètres invalides) / ignored (invalid params)\n');
          return;
        }
        try {
          callback(message);
        } catch (e) {
          log(failureLine(typeof m.method === 'string' && /^[\w$/.-]{1,80}$/.test(m.method) ? m.method : 'message', e));
        }
      }),
  };
}

/**
 * The transport of the command line (--stdio, --node-ipc, --socket=N, --pipe=NAME), watched: the server never
 * goes deaf. A framing error (garbage bytes, a wrong Content-Length, a body that is not JSON), a write failure or a
 * message left incomplete (a Content-Length too large) makes it exit with code 1 and one line on stderr saying why
 * (never the bytes received), so that the client restarts it. It also exits when its input closes (code 0 after a
 * `shutdown`, else 1); the parent-process watch of vscode-languageserver (`processId`, `--clientProcessId`) stays.
 */
export function connectFromArgs(argv = process.argv.slice(2)): Connection {
  let shutdown = false;
  const closed = () => stop(shutdown ? 0 : 1, shutdown ? undefined : { fr: 'le client a fermé la connexion', en: 'the client closed the connection' });
  const value = (name: string) => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    return argv[i].includes('=') ? argv[i].slice(name.length + 1) : argv[i + 1] ?? '';
  };
  let reader: MessageReader;
  let writer: MessageWriter;
  if (argv.includes('--stdio')) {
    reader = new StreamMessageReader(process.stdin);
    writer = new StreamMessageWriter(process.stdout);
    process.stdin.on('end', closed);
    process.stdin.on('close', closed);
    // stdout is the protocol: whatever a library prints goes to stderr, an error object by its name only.
    const toStderr = (...args: unknown[]) => void process.stderr.write(`${args.map((a) => (a instanceof Error ? a.name : typeof a === 'string' ? a : typeof a)).join(' ')}\n`);
    console.log = console.info = console.warn = console.error = console.debug = console.trace = toStderr;
  } else if (argv.includes('--node-ipc')) {
    reader = new IPCMessageReader(process);
    writer = new IPCMessageWriter(process);
    process.on('disconnect', closed);
  } else if (value('--socket') !== undefined) {
    [reader, writer] = createServerSocketTransport(Number.parseInt(value('--socket')!, 10));
  } else if (value('--pipe') !== undefined) {
    [reader, writer] = createServerPipeTransport(value('--pipe')!);
  } else {
    return createConnection(ProposedFeatures.all); // the library's own message on a missing transport
  }
  reader.onError((e) => stop(1, readFailure(e)));
  reader.onClose(closed);
  writer.onError(() => stop(1, { fr: 'écriture vers le client impossible, arrêt du serveur', en: 'cannot write to the client, server stopping' }));
  writer.onClose(closed);
  // A message body still incomplete after two periods without a byte (default 10 s each): its Content-Length was
  // larger than what was sent. Two, so that a long check blocking the event loop once is not taken for it.
  const period = Number(process.env.SEGUR_LSP_STALL_MS) > 0 ? Number(process.env.SEGUR_LSP_STALL_MS) : 10_000;
  if (reader instanceof StreamMessageReader) reader.partialMessageTimeout = period;
  let strikes = 0;
  if (argv.includes('--stdio')) process.stdin.on('data', () => (strikes = 0));
  reader.onPartialMessage(() => {
    if (++strikes >= 2) stop(1, { fr: 'message incomplet (Content-Length trop grand ?), arrêt du serveur', en: 'incomplete message (Content-Length too large?), server stopping' });
  });
  const connection = createConnection(ProposedFeatures.all, guardReader(reader, (line) => void process.stderr.write(line)), writer);
  connection.onShutdown(() => {
    shutdown = true;
  });
  return connection;
}

/**
 * Process-wide guards: an unexpected rejection is logged (one line, no content) and the server goes on; an uncaught
 * exception is logged the same way and ends the process with code 1 (its state is unknown; the client restarts it).
 */
function keepAlive(): void {
  process.on('unhandledRejection', (e) => void process.stderr.write(failureLine('promise', e)));
  process.on('uncaughtException', (e) => {
    process.stderr.write(failureLine('process', e));
    process.exit(1);
  });
}

/** `segur-json lsp --stdio` and dist/server.js: the server on the transport of the command line. */
export function runServer(): Connection {
  keepAlive();
  return startServer(connectFromArgs());
}

// Started directly (dist/server.js) by the VS Code client.
if (require.main === module) runServer();
