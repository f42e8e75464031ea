/**
 * A real LSP client over stdio for the tests (vscode-languageserver-protocol's JSON-RPC connection, the one
 * vscode-languageclient is built on), driving `segur-json lsp --stdio` in pull mode: the tests ask for what they
 * need (diagnostics, code actions, completion, hover) and apply the returned edits as an editor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection, type Diagnostic, type CodeAction, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');

export interface PullClient {
  conn: ProtocolConnection;
  proc: ChildProcess;
  open(file: string, text: string): TextDocument;
  change(doc: TextDocument, text: string): TextDocument;
  close(doc: TextDocument): void;
  diagnostics(doc: TextDocument): Promise<Diagnostic[]>;
  codeActions(doc: TextDocument, range: Diagnostic['range'], diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]>;
  stop(): Promise<void>;
}

/** `settings`: the `segur` section the client answers to workspace/configuration. */
export async function startPullClient(opts: { locale?: string; settings?: Record<string, unknown>; workspace?: string } = {}): Promise<PullClient> {
  const proc = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onNotification('segur/detection', () => {});
  conn.onNotification('textDocument/publishDiagnostics', () => {});
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => opts.settings ?? {}));
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.listen();
  // An empty workspace: the server indexes the workspace's Ségur files, and the repository has many on purpose.
  const workspace = opts.workspace ?? mkdtempSync(join(tmpdir(), 'segur-lsp-ws-'));
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    locale: opts.locale,
    capabilities: {
      workspace: { configuration: true },
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, dataSupport: true },
        completion: { completionItem: { snippetSupport: true } },
        hover: { contentFormat: ['markdown'] },
        diagnostic: { dynamicRegistration: false },
      },
    },
  });
  conn.sendNotification('initialized', {});
  return {
    conn,
    proc,
    open(file, text) {
      const uri = pathToFileURL(file).href;
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
      return TextDocument.create(uri, 'json', 1, text);
    },
    change(doc, text) {
      const version = doc.version + 1;
      conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [{ text }] });
      return TextDocument.create(doc.uri, 'json', version, text);
    },
    close(doc) {
      conn.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
    },
    async diagnostics(doc) {
      const r = (await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: doc.uri } })) as { items: Diagnostic[] };
      return r.items;
    },
    async codeActions(doc, range, diagnostics, only) {
      return ((await conn.sendRequest('textDocument/codeAction', { textDocument: { uri: doc.uri }, range, context: { diagnostics, ...(only ? { only } : {}) } })) ?? []) as CodeAction[];
    },
    async stop() {
      await conn.sendRequest('shutdown');
      conn.sendNotification('exit');
      await new Promise((r) => proc.once('exit', r));
      conn.dispose();
    },
  };
}

/** Applies a code action's edit for one document as the editor does. */
export function applyAction(doc: TextDocument, action: CodeAction): string {
  return TextDocument.applyEdits(doc, (action.edit?.changes?.[doc.uri] ?? []) as TextEdit[]);
}
