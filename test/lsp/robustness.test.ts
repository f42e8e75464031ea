/**
 * Robustness, with a real LSP client over stdio (`segur-json lsp --stdio`):
 * - the snippet scenario. A folder with examples/IMG-RIS-Va2/avance.json and its solde; a new
 *   `ma-demande-solde.json` holding the bundled `segur-img-ris-va2-solde` snippet (placeholders at their defaults:
 *   every tag null, every block []). Every file still gets its diagnostics, the requests succeed, and the files stay
 *   live (an edit gets fresh diagnostics), in pull mode (VS Code) and push mode (Neovim);
 * - a framing error (garbage bytes, a wrong Content-Length) ends the server with code 1 and a reason on
 *   stderr that quotes none of the bytes received; so do its input closing and its parent process dying;
 * - results are reused only for the same text: a client whose version numbers do not increase gets
 *   diagnostics and fixes computed on the text it has.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cli, root, shape, snippetText, startClient, type Client } from '../helpers/lsp-client.ts';

const example = (f: string) => join(root, 'examples', 'IMG-RIS-Va2', f);

/** A workspace folder with the example avance and solde, and the half-filled solde of the snippet. */
function snippetFolder(): { ws: string; avance: string; solde: string; snippet: string } {
  const ws = mkdtempSync(join(tmpdir(), 'segur-lsp-snippet-'));
  copyFileSync(example('avance.json'), join(ws, 'avance.json'));
  copyFileSync(example('solde.json'), join(ws, 'solde.json'));
  return { ws, avance: join(ws, 'avance.json'), solde: join(ws, 'solde.json'), snippet: join(ws, 'ma-demande-solde.json') };
}

/** Inserts a space at the end of the first « nomStructure » value of the avance: an S8/value finding. */
function typeTrailingSpace(c: Client, doc: TextDocument, version: number): TextDocument {
  const at = doc.getText().indexOf('"Centre hospitalier de Fleyriat"') + 31;
  const range = { start: doc.positionAt(at), end: doc.positionAt(at) };
  c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [{ range, text: ' ' }] });
  return TextDocument.update(doc, [{ range, text: ' ' }], version);
}

/** Fills the snippet's éditeur number with the avance's first one: the file's diagnostics change. */
function fillEditeur(c: Client, doc: TextDocument, version: number): TextDocument {
  const at = doc.getText().indexOf('"numeroEditeur": null') + 17;
  const range = { start: doc.positionAt(at), end: doc.positionAt(at + 4) };
  c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [{ range, text: '"RIS-2025-0412"' }] });
  return TextDocument.update(doc, [{ range, text: '"RIS-2025-0412"' }], version);
}

test('snippet scenario, pull (VS Code): every request succeeds, every file gets its diagnostics and stays live', async () => {
  const f = snippetFolder();
  const c = await startClient({ pull: true, workspace: f.ws });
  try {
    let avance = c.open(f.avance);
    const solde = c.open(f.solde);
    assert.deepEqual(await c.pull(avance.uri), []);
    assert.deepEqual(await c.pull(solde.uri), []);
    const text = snippetText('segur-img-ris-va2-solde');
    assert.match(text, /"numeroEditeur": null/);
    writeFileSync(f.snippet, text);
    let half = c.open(f.snippet, text);
    // The new file gets its findings (its tags to fill in); the request does not fail.
    const first = await c.pull(half.uri);
    assert.ok(
      first.some((d) => d.code === 'S3/to-fill'),
      shape(first).join('\n'),
    );
    // The other files are still checked, with the half-filled file in the folder.
    assert.ok(
      (await c.pull(avance.uri)).every((d) => d.code === 'S12/internal'),
      'the avance has no finding but, at most, an internal one',
    );
    avance = typeTrailingSpace(c, avance, 2);
    const edited = await c.pull(avance.uri);
    assert.ok(
      edited.some((d) => d.code === 'S8/value'),
      `fresh diagnostics of the avance after an edit:\n${shape(edited).join('\n')}`,
    );
    assert.deepEqual(await c.pull(solde.uri), [], 'a file that compares fine with both gets nothing internal');
    // The half-filled file stays live: an edit gets fresh diagnostics.
    half = fillEditeur(c, half, 2);
    const second = await c.pull(half.uri);
    assert.notDeepEqual(shape(second), shape(first), 'fresh diagnostics of the new file');
    assert.ok(
      second.some((d) => d.code === 'S3/to-fill'),
      shape(second).join('\n'),
    );
    // An internal finding, when the cross-file stage fails, is one warning naming no identifier.
    for (const d of [...first, ...second].filter((x) => String(x.code).endsWith('/internal'))) {
      assert.equal(d.code, 'S12/internal');
      assert.doesNotMatch(String(d.message), /RIS-2025|FIN|\d{9}/);
    }
  } finally {
    await c.stop();
  }
});

test('snippet scenario, push (Neovim): every file gets pushed diagnostics and fresh ones after an edit', async () => {
  const f = snippetFolder();
  const c = await startClient({ pull: false, workspace: f.ws });
  try {
    let avance = c.open(f.avance);
    const solde = c.open(f.solde);
    await c.waitPush(avance.uri, (p) => p.version === 1);
    await c.waitPush(solde.uri, (p) => p.version === 1);
    const text = snippetText('segur-img-ris-va2-solde');
    writeFileSync(f.snippet, text);
    let half = c.open(f.snippet, text);
    const first = await c.waitPush(half.uri, (p) => p.version === 1);
    assert.ok(
      first.diagnostics.some((d) => d.code === 'S3/to-fill'),
      shape(first.diagnostics).join('\n'),
    );
    avance = typeTrailingSpace(c, avance, 2);
    await c.waitPush(avance.uri, (p) => p.version === 2 && p.diagnostics.some((d) => d.code === 'S8/value'));
    half = fillEditeur(c, half, 2);
    const second = await c.waitPush(half.uri, (p) => p.version === 2);
    assert.notDeepEqual(shape(second.diagnostics), shape(first.diagnostics));
  } finally {
    await c.stop();
  }
});

/** Starts the server over stdio, initializes it, then writes `bytes` raw on its input; resolves on its exit. */
async function sendRaw(bytes: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string; ms: number }> {
  const c = await startClient({ pull: false, env, configuration: false });
  const t0 = Date.now();
  const exited = new Promise<number | null>((r) => c.proc!.once('exit', r));
  for (const b of bytes) c.proc!.stdin!.write(b);
  const timer = setTimeout(() => c.proc!.kill(), 15000);
  const code = await exited;
  clearTimeout(timer);
  c.conn.dispose();
  return { code, stderr: c.stderr(), ms: Date.now() - t0 };
}
const message = (m: object) => {
  const body = JSON.stringify({ jsonrpc: '2.0', ...m });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};
const SECRET = '010008407 Fleyriat';
const didOpen = message({
  method: 'textDocument/didOpen',
  params: { textDocument: { uri: 'file:///x/a.json', languageId: 'json', version: 1, text: `{"nom": "${SECRET}"}` } },
});

test('framing error: garbage bytes end the server with code 1 and a reason on stderr, quoting nothing received', async () => {
  const r = await sendRaw([`${SECRET}\r\n\r\n`, didOpen, message({ id: 9, method: 'shutdown' })]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /erreur de transport LSP.*\/ LSP transport error/);
  assert.ok(!r.stderr.includes('010008407') && !r.stderr.includes('Fleyriat'), r.stderr);
});

test('framing error: a header without Content-Length, a Content-Length too small, one too large', async () => {
  const noLength = await sendRaw([`Content-Type: application/json\r\n\r\n{"nom": "${SECRET}"}`, didOpen]);
  assert.equal(noLength.code, 1, noLength.stderr);
  assert.match(noLength.stderr, /Content-Length/);
  assert.ok(!noLength.stderr.includes('Fleyriat'), noLength.stderr);
  // Too small: the body is cut, the rest is read as a header.
  const body = JSON.stringify({
    jsonrpc: '2.0',
    method: 'textDocument/didOpen',
    params: { textDocument: { uri: 'file:///x/b.json', languageId: 'json', version: 1, text: SECRET } },
  });
  const small = await sendRaw([`Content-Length: 20\r\n\r\n${body}`, didOpen]);
  assert.equal(small.code, 1, small.stderr);
  assert.match(small.stderr, /transport error/);
  assert.ok(!small.stderr.includes('Fleyriat'), small.stderr);
  // Too large, and the client then waits: the message stays incomplete; the server gives up after two periods.
  const large = await sendRaw([`Content-Length: ${body.length + 100}\r\n\r\n${body}`], { SEGUR_LSP_STALL_MS: '300' });
  assert.equal(large.code, 1, large.stderr);
  assert.match(large.stderr, /message incomplet.*Content-Length trop grand.*\/ incomplete message/);
  assert.ok(large.ms >= 550, `waited two periods (${large.ms} ms)`);
  // Too large, and the client goes on: the next messages are swallowed into a body that is not JSON.
  const goesOn = await sendRaw([`Content-Length: ${body.length + 40}\r\n\r\n${body}`, didOpen, didOpen]);
  assert.equal(goesOn.code, 1, goesOn.stderr);
  assert.ok(!goesOn.stderr.includes('Fleyriat'), goesOn.stderr);
});

test('the server exits when its input closes (1 without shutdown, 0 after) and when its parent process dies', async () => {
  const closed = await startClient({ pull: false });
  const exit1 = new Promise((r) => closed.proc!.once('exit', r));
  closed.conn.dispose();
  closed.proc!.stdin!.end();
  assert.equal(await exit1, 1);
  assert.match(closed.stderr(), /le client a fermé la connexion \/ the client closed the connection/);

  const polite = await startClient({ pull: false });
  await polite.conn.sendRequest('shutdown');
  const exit0 = new Promise((r) => polite.proc!.once('exit', r));
  polite.conn.dispose();
  polite.proc!.stdin!.end();
  assert.equal(await exit0, 0);
  assert.equal(polite.stderr(), '');

  // The client's process id (initialize `processId`) is watched by vscode-languageserver (every 3 s): kept.
  const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  const orphan = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const init = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: parent.pid, rootUri: null, capabilities: {} } });
  orphan.stdin.write(`Content-Length: ${Buffer.byteLength(init)}\r\n\r\n${init}`);
  await new Promise((r) => orphan.stdout.once('data', r));
  const gone = new Promise((r) => orphan.once('exit', r));
  parent.kill('SIGKILL');
  const timer = setTimeout(() => orphan.kill(), 10000);
  assert.equal(await gone, 1, 'exited by itself once the parent died');
  clearTimeout(timer);
});

// Results are reused only for the same text: the client re-sends version 1 with another text: two line breaks before the fixture (every offset moves).
const fixture = join(root, 'test', 'fixtures', 'IMG-RIS-Va2', 'S5-plural.json');
const before = readFileSync(fixture, 'utf8');
const after = `\n\n${before}`;
const fixAll = async (c: Client, uri: string) =>
  (await c.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.segur'] },
  })) as CodeAction[];
const applyAction = (uri: string, text: string, a: CodeAction) =>
  TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), a.edit!.changes![uri] as TextEdit[]);

test('cache by content (push): the same version with other text gets fresh diagnostics and a fix-all for that text', async () => {
  const c = await startClient({ pull: false });
  try {
    const file = join(mkdtempSync(join(tmpdir(), 'segur-lsp-cache-')), 'S5-plural.json');
    const doc = c.open(file, before);
    const first = await c.waitPush(doc.uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(shape(first.diagnostics), ['S5 22:12-22:22', 'S5 29:6-29:26']);
    c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: doc.uri, version: 1 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n\n' }],
    });
    await c.waitPush(doc.uri, (p) => shape(p.diagnostics).join() === 'S5 24:12-24:22,S5 31:6-31:26');
    const all = await fixAll(c, doc.uri);
    assert.equal(all.length, 1);
    assert.equal(applyAction(doc.uri, after, all[0]), `\n\n${readFileSync(example('solde.json'), 'utf8')}`);

    // Closed and opened again as version 1 with other text: the quick fix of a diagnostic of the old text (the
    // client still shows it) is not offered, its offsets are those of the old text.
    c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
    const seen = c.pushed.get(doc.uri)!.length;
    c.open(file, after);
    const ask = (d: Diagnostic) =>
      c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: doc.uri }, range: d.range, context: { diagnostics: [d] } }) as Promise<CodeAction[]>;
    const stale = await ask(first.diagnostics[0]);
    for (const a of stale) assert.equal(applyAction(doc.uri, after, a), after.replace('"FINESGeo":', '"FINESGeos":'), `action « ${a.title} » on the new text`);
    assert.equal(stale.length, 0, 'no action from a diagnostic of the old text');
    // The fresh diagnostic gets its fix, at the new offsets.
    const fresh = await c.waitPush(doc.uri, (p) => c.pushed.get(doc.uri)!.indexOf(p) >= seen && p.diagnostics.length === 2);
    assert.deepEqual(shape(fresh.diagnostics), ['S5 24:12-24:22', 'S5 31:6-31:26']);
    const quick = (await ask(fresh.diagnostics[0])).find((a) => a.isPreferred);
    assert.ok(quick, 'the fresh diagnostic has its quick fix');
    assert.equal(applyAction(doc.uri, after, quick), after.replace('"FINESGeo":', '"FINESGeos":'));
  } finally {
    await c.stop();
  }
});

test('cache by content (pull): the same version with other text is checked again', async () => {
  const c = await startClient({ pull: true });
  try {
    const file = join(mkdtempSync(join(tmpdir(), 'segur-lsp-cache-')), 'S5-plural.json');
    const doc = c.open(file, before);
    assert.deepEqual(shape(await c.pull(doc.uri)), ['S5 22:12-22:22', 'S5 29:6-29:26']);
    c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: 1 }, contentChanges: [{ text: after }] });
    assert.deepEqual(shape(await c.pull(doc.uri)), ['S5 24:12-24:22', 'S5 31:6-31:26']);
    const all = await fixAll(c, doc.uri);
    assert.equal(applyAction(doc.uri, after, all[0]), `\n\n${readFileSync(example('solde.json'), 'utf8')}`);
  } finally {
    await c.stop();
  }
});
