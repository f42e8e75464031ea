/**
 * The one real LSP client of the tests (vscode-languageserver-protocol's JSON-RPC connection, the one
 * vscode-languageclient is built on): over stdio against `segur-json lsp --stdio`, or in process over in-memory
 * streams against startServer (to pass it test hooks). Push or pull; it records what the server sends (diagnostics,
 * `segur/detection`, window messages and logs, requests to pull or to ask for the CodeLenses again) and answers
 * workspace/configuration by section.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Diagnostic,
  type CodeAction,
  type TextEdit,
  type InitializeResult,
  WorkDoneProgress,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const root = join(__dirname, '..', '..');
export const cli = join(root, 'bin', 'segur-json.js');
/** A file path as a file: URI; a URI (`untitled:…`, `file:…`) as is. */
export const uriOf = (fileOrUri: string) =>
  /^[a-z][a-z0-9+.-]+:/i.test(fileOrUri) && !/^[a-z]:[\\/]/i.test(fileOrUri) ? fileOrUri : pathToFileURL(fileOrUri).href;
export const shape = (ds: Diagnostic[]) =>
  ds.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);

/**
 * The client's message reader, without vscode-jsonrpc's partial-message timer. When a server is killed in the middle
 * of a message, that timer (10 s) re-arms itself for ever and is not cleared by `dispose`: the test process then never
 * exits, and the runner waits for it (CI hung after test/lsp/files-in-editor.test.ts, whose tests kill their servers; 4 of 66 runs of
 * that file with a cold tsx cache). test/helpers/lsp-client.test.ts keeps that case.
 */
export function clientReader(stream: NodeJS.ReadableStream): StreamMessageReader {
  const reader = new StreamMessageReader(stream);
  reader.partialMessageTimeout = 0;
  return reader;
}

/** Rejects when `p` does not settle within `ms` (a frozen server answers nothing). */
export function within<T>(p: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`the server did not answer ${what} within ${ms} ms: frozen`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

export interface Client {
  conn: ProtocolConnection;
  /** The server's answer to `initialize` (its capabilities). */
  initialized: InitializeResult;
  /** The server process (stdio clients only). */
  proc?: ChildProcess;
  /** What the server wrote to stderr (stdio clients; must never hold document content). */
  stderr: () => string;
  /** Every publishDiagnostics, by document. */
  pushed: Map<string, PublishDiagnosticsParams[]>;
  /** Every publishDiagnostics, in the order received. */
  allPushed: PublishDiagnosticsParams[];
  waitPush(uri: string, pred?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Resolves once nothing was pushed for `quietMs`. */
  settle(quietMs?: number): Promise<void>;
  /** didOpen of a file (its text read from disk unless given) or of a URI (`untitled:…`). */
  open(fileOrUri: string, text?: string, version?: number): TextDocument;
  /** didChange with the whole text, the version incremented. */
  change(doc: TextDocument, text: string): TextDocument;
  close(doc: TextDocument): void;
  /** Pull diagnostics (pull clients). */
  pull(uri: string): Promise<Diagnostic[]>;
  codeActions(doc: TextDocument, range: Diagnostic['range'], diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]>;
  /** Resolves once the server has asked `n` times to pull again (pull clients: the first one ends the workspace scan). */
  waitRefresh(n?: number, timeoutMs?: number): Promise<void>;
  /** How many times the server asked to pull again (workspace/diagnostic/refresh). */
  refreshes(): number;
  /** Every `segur/detection` notification received, by document (the status bar's payload). */
  detections: Map<string, unknown[]>;
  /** How many times the server asked to ask for the CodeLenses again (workspace/codeLens/refresh). */
  lensRefreshes(): number;
  /** window/showMessage notifications received. */
  messages: { type: number; message: string }[];
  /** window/logMessage lines received. */
  logs: string[];
  /** Work-done progress the server created (`window/workDoneProgress/create`) and told (`$/progress`), in order. */
  progress: { token: string | number; value?: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number } }[];
  /** Every workspace/configuration item the server asked for, in order. */
  configurationItems: { section?: string; scopeUri?: string }[];
  /** shutdown, exit, then the process' end. */
  stop(): Promise<void>;
  /** Killed rather than shut down (a frozen server would not answer `shutdown`; stdio clients). */
  kill(): void;
}

export interface ClientOptions {
  /** Pull diagnostics (textDocument/diagnostic capability); push otherwise. */
  pull?: boolean;
  locale?: string;
  /** The workspace folder (rootUri and workspaceFolders); an empty temporary folder unless told: the server indexes the workspace's Ségur files. */
  workspace?: string;
  /** In process: the connection's two streams are given to `serve` (e.g. startServer with hooks). */
  serve?: (reader: StreamMessageReader, writer: StreamMessageWriter) => void;
  env?: Record<string, string>;
  /** Whether the client answers workspace/configuration (default true); raw-byte tests say false, so that no answer of the client lands in the middle of their bytes. */
  configuration?: boolean;
  /** The answers to workspace/configuration by section (`segur`, `files.exclude`); `segur` defaults to `{ validate: { debounceMs: 20 } }`. */
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  /** The client says it supports workspace/codeLens/refresh. */
  codeLensRefresh?: boolean;
  /** The client resolves a code action's edit (codeAction/resolve with `resolveSupport: { properties: ['edit'] }`, as VS Code and Neovim do). */
  codeActionResolve?: boolean;
  /** A deadline for the answer to `initialize` (none unless told). */
  initializeTimeoutMs?: number;
  /** The client says it supports server-created work-done progress (`window.workDoneProgress`, as VS Code does). */
  workDoneProgress?: boolean;
  /** The client says it tells when workspace folders change (`workspace.workspaceFolders`, as VS Code does). */
  workspaceFolders?: boolean;
  /** The client applies workspace edits that create files (`workspace.workspaceEdit` with `resourceOperations: ['create']`, as VS Code does). */
  createFiles?: boolean;
}

export async function startClient(opts: ClientOptions = {}): Promise<Client> {
  let conn: ProtocolConnection;
  let proc: ChildProcess | undefined;
  let err = '';
  if (opts.serve) {
    const up = new PassThrough();
    const down = new PassThrough();
    opts.serve(new StreamMessageReader(up), new StreamMessageWriter(down));
    conn = createProtocolConnection(clientReader(down), new StreamMessageWriter(up));
  } else {
    proc = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    proc.stderr!.on('data', (d) => (err += d));
    conn = createProtocolConnection(clientReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  }
  const pushed = new Map<string, PublishDiagnosticsParams[]>();
  const allPushed: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    allPushed.push(p);
    pushed.set(p.uri, [...(pushed.get(p.uri) ?? []), p]);
    for (const w of [...waiters])
      if (w.uri === p.uri && w.pred(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
  });
  const detections = new Map<string, unknown[]>();
  conn.onNotification('segur/detection', (p: { uri: string }) => void detections.set(p.uri, [...(detections.get(p.uri) ?? []), p]));
  const messages: { type: number; message: string }[] = [];
  conn.onNotification('window/showMessage', (m: { type: number; message: string }) => void messages.push(m));
  const logs: string[] = [];
  conn.onNotification('window/logMessage', (m: { message: string }) => void logs.push(m.message));
  const settings: Record<string, unknown> = { segur: { validate: { debounceMs: 20 } }, ...opts.settings };
  const configurationItems: Client['configurationItems'] = [];
  conn.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) => {
    configurationItems.push(...p.items);
    return p.items.map((i) => settings[i.section ?? ''] ?? null);
  });
  const progress: Client['progress'] = [];
  conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
    progress.push({ token: p.token });
    conn.onProgress(WorkDoneProgress.type, p.token, (value) => void progress.push({ token: p.token, value }));
    return null;
  });
  let refreshes = 0;
  const refreshWaiters: { n: number; resolve: () => void }[] = [];
  conn.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    for (const w of [...refreshWaiters])
      if (refreshes >= w.n) {
        refreshWaiters.splice(refreshWaiters.indexOf(w), 1);
        w.resolve();
      }
    return null;
  });
  let lensRefreshes = 0;
  conn.onRequest('workspace/codeLens/refresh', () => {
    lensRefreshes++;
    return null;
  });
  conn.listen();
  const workspace = opts.workspace ?? mkdtempSync(join(tmpdir(), 'segur-lsp-ws-'));
  const initialize = conn.sendRequest('initialize', {
    // In process, no parent watch (it would keep the test process alive).
    processId: opts.serve ? null : process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
    locale: opts.locale,
    initializationOptions: opts.initializationOptions,
    capabilities: {
      ...(opts.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
      workspace: {
        configuration: opts.configuration ?? true,
        diagnostics: { refreshSupport: true },
        ...(opts.workspaceFolders ? { workspaceFolders: true } : {}),
        ...(opts.codeLensRefresh ? { codeLens: { refreshSupport: true } } : {}),
        ...(opts.createFiles ? { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } : {}),
      },
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
          dataSupport: true,
          ...(opts.codeActionResolve ? { resolveSupport: { properties: ['edit'] } } : {}),
        },
        completion: { completionItem: { snippetSupport: true, insertTextModeSupport: { valueSet: [1, 2] } } },
        hover: { contentFormat: ['markdown'] },
        ...(opts.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
    },
  });
  const initialized = (await (opts.initializeTimeoutMs ? within(initialize, 'initialize', opts.initializeTimeoutMs) : initialize)) as InitializeResult;
  await conn.sendNotification('initialized', {});
  const waitPush = (uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000) =>
    new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const hit = (pushed.get(uri) ?? []).find(pred);
      if (hit) return resolve(hit);
      const timer = setTimeout(
        () => reject(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify((pushed.get(uri) ?? []).at(-1)?.diagnostics.map((d) => d.code))}`)),
        timeoutMs,
      );
      waiters.push({
        uri,
        pred,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  const settle = (quietMs = 400) =>
    new Promise<void>((resolve) => {
      let n = allPushed.length;
      const tick = () => {
        if (allPushed.length === n) return resolve();
        n = allPushed.length;
        setTimeout(tick, quietMs);
      };
      setTimeout(tick, quietMs);
    });
  const open = (fileOrUri: string, text?: string, version = 1) => {
    const uri = uriOf(fileOrUri);
    const content = text ?? readFileSync(fileOrUri, 'utf8');
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version, text: content } });
    return TextDocument.create(uri, 'json', version, content);
  };
  const change = (doc: TextDocument, text: string) => {
    const version = doc.version + 1;
    conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [{ text }] });
    return TextDocument.create(doc.uri, 'json', version, text);
  };
  const close = (doc: TextDocument) => void conn.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
  const pull = async (uri: string) => ((await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items;
  const codeActions = async (doc: TextDocument, range: Diagnostic['range'], diagnostics: Diagnostic[], only?: string[]) =>
    ((await conn.sendRequest('textDocument/codeAction', { textDocument: { uri: doc.uri }, range, context: { diagnostics, ...(only ? { only } : {}) } })) ??
      []) as CodeAction[];
  const waitRefresh = (n = 1, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      if (refreshes >= n) return resolve();
      const timer = setTimeout(() => reject(new Error(`the server did not ask to pull again (${refreshes}/${n})`)), timeoutMs);
      refreshWaiters.push({
        n,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  const stop = async () => {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc!.once('exit', r));
      await conn.sendRequest('shutdown');
      conn.sendNotification('exit');
      await exited;
    }
    conn.dispose();
  };
  const kill = () => {
    conn.dispose();
    proc?.kill('SIGKILL');
  };
  return {
    conn,
    initialized,
    proc,
    stderr: () => err,
    pushed,
    allPushed,
    waitPush,
    settle,
    open,
    change,
    close,
    pull,
    codeActions,
    waitRefresh,
    refreshes: () => refreshes,
    detections,
    lensRefreshes: () => lensRefreshes,
    messages,
    logs,
    progress,
    configurationItems,
    stop,
    kill,
  };
}

/** Applies a code action's edit for one document as the editor does. */
export function applyAction(doc: TextDocument, action: CodeAction): string {
  return TextDocument.applyEdits(doc, (action.edit?.changes?.[doc.uri] ?? []) as TextEdit[]);
}

/**
 * A skeleton snippet (`segur-img-ris-va2-solde`: SONS and kind from its prefix) with its placeholders at their
 * defaults, as the editor inserts it; from snippets/segur-json.json (scripts/build-snippets.mjs).
 */
export function snippetText(prefix: string): string {
  const all = JSON.parse(readFileSync(join(root, 'snippets', 'segur-json.json'), 'utf8')) as { skeletons: { sons: string; kind: string; body: string[] }[] };
  const s = all.skeletons.find((x) => `segur-${x.sons}-${x.kind}`.toLowerCase() === prefix);
  if (!s) throw new Error(`no snippet ${prefix}`);
  return (
    s.body
      .join('\n')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\d+/g, '') + '\n'
  );
}

/** The text a snippet inserts once its tab stops are left at their defaults (`${1:null}` → `null`). */
export const withDefaults = (s: string) => s.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
