/**
 * A real LSP client over stdio for the tests of test/lsp (vscode-languageserver-protocol's JSON-RPC connection, the
 * one vscode-languageclient is built on), talking to `segur-json lsp --stdio`. Settings answered to
 * workspace/configuration come from `settings` (by section).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');

export interface Client {
  conn: ProtocolConnection;
  proc: ChildProcess;
  pushed: Map<string, PublishDiagnosticsParams[]>;
  waitPush(uri: string, pred: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uriOrFile: string, text?: string, version?: number): TextDocument;
  /** Pull mode: resolves once the server has asked `n` times to pull again (the first one ends the workspace scan). */
  waitRefresh(n?: number, timeoutMs?: number): Promise<void>;
  pullDiagnostics(uri: string): Promise<Diagnostic[]>;
  /** Every `segur/detection` notification received, by document (the status bar's payload). */
  detections: Map<string, unknown[]>;
  /** How many times the server asked to ask for the CodeLenses again (workspace/codeLens/refresh). */
  lensRefreshes(): number;
  /** What the server wrote to stderr (must never hold document content). */
  stderr(): string;
  stop(): Promise<void>;
}

export const uriOf = (fileOrUri: string) => (/^[a-z][a-z0-9+.-]+:/i.test(fileOrUri) && !/^[a-z]:[\\/]/i.test(fileOrUri) ? fileOrUri : pathToFileURL(fileOrUri).href);

export async function startClient(opts: { pull?: boolean; locale?: string; workspace?: string; settings?: Record<string, unknown>; initializationOptions?: Record<string, unknown>; codeLensRefresh?: boolean } = {}): Promise<Client> {
  const proc = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const pushed = new Map<string, PublishDiagnosticsParams[]>();
  const waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    pushed.set(p.uri, [...(pushed.get(p.uri) ?? []), p]);
    for (const w of [...waiters]) if (w.uri === p.uri && w.pred(p)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(p);
    }
  });
  const detections = new Map<string, unknown[]>();
  conn.onNotification('segur/detection', (p: { uri: string }) => void detections.set(p.uri, [...(detections.get(p.uri) ?? []), p]));
  let lensRefreshes = 0;
  conn.onRequest('workspace/codeLens/refresh', () => {
    lensRefreshes++;
    return null;
  });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  let refreshes = 0;
  const refreshWaiters: { n: number; resolve: () => void }[] = [];
  conn.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    for (const w of [...refreshWaiters]) if (refreshes >= w.n) {
      refreshWaiters.splice(refreshWaiters.indexOf(w), 1);
      w.resolve();
    }
    return null;
  });
  const settings: Record<string, unknown> = { segur: { validate: { debounceMs: 20 } }, ...opts.settings };
  conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => settings[i.section ?? ''] ?? null));
  conn.listen();
  const workspace = opts.workspace ?? mkdtempSync(join(tmpdir(), 'segur-lsp-ws-'));
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'ws' }],
    locale: opts.locale,
    initializationOptions: opts.initializationOptions,
    capabilities: {
      workspace: { configuration: true, ...(opts.pull ? { diagnostics: { refreshSupport: true } } : {}), ...(opts.codeLensRefresh ? { codeLens: { refreshSupport: true } } : {}) },
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, dataSupport: true },
        completion: { completionItem: { snippetSupport: true, insertTextModeSupport: { valueSet: [1, 2] } } },
        hover: { contentFormat: ['markdown'] },
        ...(opts.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
    },
  });
  conn.sendNotification('initialized', {});
  const waitPush = (uri: string, pred: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10_000) =>
    new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const hit = (pushed.get(uri) ?? []).find(pred);
      if (hit) return resolve(hit);
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify((pushed.get(uri) ?? []).at(-1)?.diagnostics.map((d) => d.code))}`)), timeoutMs);
      waiters.push({ uri, pred, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  const open = (uriOrFile: string, text?: string, version = 1) => {
    const uri = uriOf(uriOrFile);
    const content = text ?? readFileSync(uriOrFile, 'utf8');
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version, text: content } });
    return TextDocument.create(uri, 'json', version, content);
  };
  const waitRefresh = (n = 1, timeoutMs = 10_000) => new Promise<void>((resolve, reject) => {
    if (refreshes >= n) return resolve();
    const timer = setTimeout(() => reject(new Error(`the server did not ask to pull again (${refreshes}/${n})`)), timeoutMs);
    refreshWaiters.push({ n, resolve: () => { clearTimeout(timer); resolve(); } });
  });
  const pullDiagnostics = async (uri: string) => ((await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items;
  const stop = async () => {
    await conn.sendRequest('shutdown');
    conn.sendNotification('exit');
    await new Promise((r) => proc.once('exit', r));
    conn.dispose();
  };
  return { conn, proc, pushed, waitPush, open, waitRefresh, pullDiagnostics, detections, lensRefreshes: () => lensRefreshes, stderr: () => stderr, stop };
}

/** The text a snippet inserts once its tab stops are left at their defaults (`${1:null}` → `null`). */
export const snippetText = (s: string) => s.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
