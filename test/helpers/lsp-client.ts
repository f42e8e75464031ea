/**
 * A real LSP client (vscode-languageserver-protocol's JSON-RPC connection, the one vscode-languageclient is built on)
 * for the tests of test/lsp: over stdio against `segur-json lsp --stdio`, or in process over in-memory streams
 * against startServer (to pass it test hooks).
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
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const root = join(__dirname, '..', '..');
export const cli = join(root, 'bin', 'segur-json.js');
export const uriOf = (file: string) => pathToFileURL(file).href;
export const shape = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);

export interface Client {
  conn: ProtocolConnection;
  /** The server process (stdio clients only). */
  proc?: ChildProcess;
  stderr: () => string;
  pushed: Map<string, PublishDiagnosticsParams[]>;
  waitPush(uri: string, pred: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(file: string, text?: string, version?: number): TextDocument;
  /** Pull diagnostics (pull clients). */
  pull(uri: string): Promise<Diagnostic[]>;
  stop(): Promise<void>;
}

export interface ClientOptions {
  pull: boolean;
  locale?: string;
  workspace?: string;
  /** In process: the connection's two streams are given to `serve` (e.g. startServer with hooks). */
  serve?: (reader: StreamMessageReader, writer: StreamMessageWriter) => void;
  env?: Record<string, string>;
  /** Whether the client answers workspace/configuration (default true); raw-byte tests say false, so that no answer of the client lands in the middle of their bytes. */
  configuration?: boolean;
}

export async function startClient(opts: ClientOptions): Promise<Client> {
  let conn: ProtocolConnection;
  let proc: ChildProcess | undefined;
  let err = '';
  if (opts.serve) {
    const up = new PassThrough();
    const down = new PassThrough();
    opts.serve(new StreamMessageReader(up), new StreamMessageWriter(down));
    conn = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  } else {
    proc = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    proc.stderr!.on('data', (d) => (err += d));
    conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  }
  const pushed = new Map<string, PublishDiagnosticsParams[]>();
  const waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    pushed.set(p.uri, [...(pushed.get(p.uri) ?? []), p]);
    for (const w of [...waiters])
      if (w.uri === p.uri && w.pred(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
  });
  conn.onNotification('segur/detection', () => {});
  conn.onNotification('window/logMessage', () => {});
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ validate: { debounceMs: 20 } })));
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.listen();
  // An empty workspace unless told: the server indexes the workspace's Ségur files.
  const workspace = opts.workspace ?? mkdtempSync(join(tmpdir(), 'segur-lsp-ws-'));
  await conn.sendRequest('initialize', {
    // In process, no parent watch (it would keep the test process alive).
    processId: opts.serve ? null : process.pid,
    rootUri: pathToFileURL(workspace).href,
    locale: opts.locale,
    capabilities: {
      workspace: { configuration: opts.configuration ?? true, diagnostics: { refreshSupport: true } },
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, dataSupport: true },
        completion: { completionItem: { snippetSupport: true } },
        hover: { contentFormat: ['markdown'] },
        ...(opts.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
    },
  });
  await conn.sendNotification('initialized', {});
  const waitPush = (uri: string, pred: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10000) =>
    new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const hit = (pushed.get(uri) ?? []).find(pred);
      if (hit) return resolve(hit);
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}`)), timeoutMs);
      waiters.push({ uri, pred, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  const open = (file: string, text = readFileSync(file, 'utf8'), version = 1) => {
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId: 'json', version, text } });
    return TextDocument.create(uriOf(file), 'json', version, text);
  };
  const pull = async (uri: string) => ((await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] }).items;
  const stop = async () => {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc!.once('exit', r));
      await conn.sendRequest('shutdown');
      conn.sendNotification('exit');
      await exited;
    }
    conn.dispose();
  };
  return { conn, proc, stderr: () => err, pushed, waitPush, open, pull, stop };
}

/**
 * A skeleton snippet (`segur-img-ris-va2-solde`: SONS and kind from its prefix) with its placeholders at their
 * defaults, as the editor inserts it; from server/generated/snippets.json (scripts/build-snippets.mjs).
 */
export function snippetText(prefix: string): string {
  const all = JSON.parse(readFileSync(join(root, 'server', 'generated', 'snippets.json'), 'utf8')) as { skeletons: { sons: string; kind: string; body: string[] }[] };
  const s = all.skeletons.find((x) => `segur-${x.sons}-${x.kind}`.toLowerCase() === prefix);
  if (!s) throw new Error(`no snippet ${prefix}`);
  return s.body.join('\n').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '') + '\n';
}
