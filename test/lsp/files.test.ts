/**
 * Issue 9, "Why" 4 on the server: a FIFO named `x.json` reached through `segur/checkFiles`, a watched-file event,
 * `didClose` or `segur/soldeFromAvance` must not freeze the server (it used to block for ever in readFileSync).
 * Driven over stdio by a real LSP client library (as test/lsp/stdio.test.ts); every wait has a deadline, so that a
 * frozen server fails the test instead of hanging it. Also: a Latin-1 file on disk is checked as decoded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection, type PublishDiagnosticsParams, type Diagnostic } from 'vscode-languageserver-protocol/node';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const unix = process.platform !== 'win32';
const uriOf = (file: string) => pathToFileURL(file).href;
const example = join(root, 'examples/IMG-RIS-Va2/solde.json');

interface Server {
  conn: ProtocolConnection;
  proc: ChildProcess;
  pushed: Map<string, PublishDiagnosticsParams[]>;
}

/** Rejects when the server does not answer in time (a frozen server answers nothing). */
function within<T>(p: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`the server did not answer ${what} within ${ms} ms: frozen`)), ms)))]).finally(() => clearTimeout(timer));
}

async function start(workspace: string, settings: Record<string, unknown> = {}): Promise<Server> {
  const proc = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const pushed = new Map<string, PublishDiagnosticsParams[]>();
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    pushed.set(p.uri, [...(pushed.get(p.uri) ?? []), p]);
  });
  conn.onNotification('segur/detection', () => {});
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  conn.listen();
  await within(
    conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(workspace),
      capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false }, hover: { contentFormat: ['markdown'] } } },
    }),
    'initialize',
  );
  conn.sendNotification('initialized', {});
  return { conn, proc, pushed };
}

/** Killed rather than shut down: a frozen server would not answer `shutdown`. */
function kill(s: Server) {
  s.conn.dispose();
  s.proc.kill('SIGKILL');
}

/** The server still works: an open document gets its diagnostics (pull) and a hover. */
async function stillAnswers(s: Server, dir: string) {
  const file = join(dir, 'open-solde.json');
  const text = readFileSync(example, 'utf8').replace('"Centre hospitalier de Fleyriat"', '"Centre hospitalier de Fleyriat "');
  const uri = uriOf(file);
  s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
  const r = await within(s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as Promise<{ items: Diagnostic[] }>, 'textDocument/diagnostic');
  assert.deepEqual(r.items.filter((d) => d.severity !== 4).map((d) => d.code), ['S8/value']);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('"FINESGeos"'));
  const h = await within(s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: lines[line].indexOf('"FINESGeos"') + 3 } }) as Promise<{ contents: { value: string } } | null>, 'textDocument/hover');
  assert.match(String(h?.contents.value), /FINESGeos/);
}

function workspaceWithFifo(): { dir: string; fifo: string } {
  const dir = mkdtempSync(join(tmpdir(), 'segur-lsp-fifo-'));
  copyFileSync(example, join(dir, 'solde.json'));
  const fifo = join(dir, 'x.json');
  execFileSync('mkfifo', [fifo]);
  return { dir, fifo };
}

test('Why 4: segur/checkFiles with a FIFO uri answers (the FIFO skipped, the regular file checked), then the server still answers', { skip: !unix }, async () => {
  const { dir, fifo } = workspaceWithFifo();
  const s = await start(dir);
  try {
    const r = await within(s.conn.sendRequest('segur/checkFiles', { uris: [uriOf(fifo), uriOf(join(dir, 'solde.json'))] }) as Promise<{ files: number; errors: number }>, 'segur/checkFiles');
    assert.deepEqual({ files: r.files, errors: r.errors }, { files: 1, errors: 0 });
    await stillAnswers(s, dir);
  } finally {
    kill(s);
  }
});

test('Why 4: a watched-file event on a FIFO does not freeze the server', { skip: !unix }, async () => {
  const { dir, fifo } = workspaceWithFifo();
  const s = await start(dir);
  try {
    s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(fifo), type: 1 }, { uri: uriOf(fifo), type: 2 }] });
    await stillAnswers(s, dir);
  } finally {
    kill(s);
  }
});

test('Why 4: closing a document whose file on disk is a FIFO does not freeze the server', { skip: !unix }, async () => {
  const { dir, fifo } = workspaceWithFifo();
  const s = await start(dir);
  try {
    const uri = uriOf(fifo);
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: readFileSync(example, 'utf8') } });
    s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await stillAnswers(s, dir);
  } finally {
    kill(s);
  }
});

test('Why 4: segur/soldeFromAvance on a FIFO uri answers « fichier illisible »', { skip: !unix }, async () => {
  const { dir, fifo } = workspaceWithFifo();
  const s = await start(dir);
  try {
    const r = await within(s.conn.sendRequest('segur/soldeFromAvance', { uri: uriOf(fifo) }) as Promise<{ error?: string }>, 'segur/soldeFromAvance');
    assert.equal(r.error, 'fichier illisible');
    await stillAnswers(s, dir);
  } finally {
    kill(s);
  }
});

test('segur/checkFiles on a Latin-1 file: checked as decoded, with one S12/encoding error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-lsp-latin1-'));
  const file = join(dir, 'solde.json');
  writeFileSync(file, Buffer.from(readFileSync(example, 'utf8'), 'latin1'));
  const s = await start(dir);
  try {
    const r = await within(s.conn.sendRequest('segur/checkFiles', { uris: [uriOf(file)] }) as Promise<{ files: number; errors: number }>, 'segur/checkFiles');
    assert.deepEqual({ files: r.files, errors: r.errors }, { files: 1, errors: 1 });
    const deadline = Date.now() + 5000;
    while (!s.pushed.get(uriOf(file)) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    const [p] = s.pushed.get(uriOf(file)) ?? [];
    assert.deepEqual(p?.diagnostics.filter((d) => d.severity !== 4).map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`), ['S12/encoding 0:0']);
    assert.match(String(p.diagnostics[0].message), /n'est pas en UTF-8 \(ISO-8859-1 \?\)/);
  } finally {
    kill(s);
  }
});

test('a FIFO in the segur.templates.folder does not freeze the server (the template is skipped)', { skip: !unix }, async () => {
  const { dir } = workspaceWithFifo();
  execFileSync('mkdir', [join(dir, 'templates')]);
  execFileSync('mkfifo', [join(dir, 'templates', 'IMG-RIS-Va2.solde.template.json')]);
  execFileSync('mkfifo', [join(dir, 'templates', 'IMG-RIS-Va2.avance.blank.json')]);
  const s = await start(dir, { templates: { folder: 'templates' } });
  try {
    await stillAnswers(s, dir);
  } finally {
    kill(s);
  }
});
