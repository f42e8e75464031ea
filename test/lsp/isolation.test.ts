/**
 * In the server, a failure while computing one document's diagnostics (the engine, the rules across
 * files, the conversion of a finding) yields one internal diagnostic on that document and never fails the request
 * nor stops the other documents; a handler that fails answers an empty result and logs one line without content.
 * The server runs in process (startServer) with a real LSP client over in-memory streams, so that a test hook can
 * make a stage throw (the engine itself no longer throws on the inputs we know: these are the failures of tomorrow).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { failureLine, startServer, type FaultHook } from '../../server/src/server/server';
import { root, shape, startClient, uriOf, type Client } from '../helpers/lsp-client.ts';

/** Health data in the exception's message: it must never reach a log line. */
const SECRET = 'FINESS 010008407';

async function inProcess(fault: FaultHook, opts: { pull: boolean; workspace?: string }): Promise<{ c: Client; logs: string[] }> {
  const logs: string[] = [];
  const c = await startClient({
    ...opts,
    serve: (reader, writer) => void startServer(createConnection(ProposedFeatures.all, reader, writer), { fault, log: (l) => void logs.push(l) }),
  });
  return { c, logs };
}

const boom = () => {
  throw new TypeError(`Cannot read properties of null (reading '${SECRET}')`);
};
const fixture = (p: string) => join(root, 'test', 'fixtures', p);
const internal = (ds: Diagnostic[]) => ds.filter((d) => String(d.code).endsWith('/internal'));
const noContent = (logs: string[]) => {
  for (const l of logs) {
    assert.ok(!l.includes('010008407'), l);
    assert.match(l, /^segur-json: erreur interne dans \S+ \/ internal error in \S+: TypeError/);
    assert.equal(l.split('\n').length, 2, 'one line');
  }
};

test('the engine fails on one document: one S12/internal diagnostic there, the others are checked (pull and push)', async () => {
  const broken = fixture('IMG-RIS-Va2/S5-plural.json');
  const other = fixture('IMG-RIS-Va2/S3-null-case.json');
  const fault: FaultHook = (stage, uris) => {
    if (stage === 'check' && uris[0] === uriOf(broken)) boom();
  };
  const { c, logs } = await inProcess(fault, { pull: true });
  try {
    const a = c.open(broken);
    const b = c.open(other);
    const ds = await c.pull(a.uri);
    assert.deepEqual(shape(ds), ['S12/internal 0:0-0:1']);
    assert.equal(ds[0].severity, 2, 'a warning');
    assert.match(String(ds[0].message), /^Erreur interne de segur-json : ce fichier n'a pas pu être vérifié/);
    // A solde opened alone: C8's information (no avance compared with it) comes after its own findings.
    assert.deepEqual(shape(await c.pull(b.uri)), ['S3/null-case 1:11-1:15', 'S3/null-case 41:24-41:28', 'S3/null-string 42:27-42:33', 'C8/no-avance 0:0-0:1']);
    assert.ok(logs.length >= 1 && logs.every((l) => l.includes('dans check')), logs.join(''));
    noContent(logs);
  } finally {
    await c.stop();
  }
  const push = await inProcess(fault, { pull: false });
  try {
    const a = push.c.open(broken);
    const b = push.c.open(other);
    assert.deepEqual(shape((await push.c.waitPush(a.uri, () => true)).diagnostics), ['S12/internal 0:0-0:1']);
    assert.equal((await push.c.waitPush(b.uri, () => true)).diagnostics.length, 4);
  } finally {
    await push.c.stop();
  }
});

test('the rules across files fail for one file: it gets one internal finding, the other files keep theirs', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'segur-lsp-isolation-'));
  const pair = join(root, 'test', 'pairs', 'C1-editeur-differs');
  copyFileSync(join(pair, 'avance.json'), join(ws, 'avance.json'));
  copyFileSync(join(pair, 'solde.json'), join(ws, 'solde.json'));
  // A second solde of the same SONS, the one whose comparison with the others fails (dossier numbers of its own: a
  // copy holding the pair's would be C7's, and only one of the two would be compared with the avance).
  writeFileSync(join(ws, 'autre-solde.json'), readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'solde.json'), 'utf8').replace(/FINIMG01376/g, 'FINIMG01377'));
  const [avance, solde, autre] = ['avance.json', 'solde.json', 'autre-solde.json'].map((f) => join(ws, f));
  const fault: FaultHook = (stage, uris) => {
    if (stage === 'cross' && uris.includes(uriOf(autre))) boom();
  };
  const { c, logs } = await inProcess(fault, { pull: true, workspace: ws });
  try {
    const docs = [avance, solde, autre].map((f) => c.open(f));
    for (const d of docs) await c.pull(d.uri); // each open file is indexed once checked
    const [da, ds, dx] = await Promise.all(docs.map((d) => c.pull(d.uri)));
    // The solde keeps its C1 finding against the avance, and nothing internal; so does the avance.
    assert.ok(
      ds.some((d) => d.code === 'C1'),
      shape(ds).join('\n'),
    );
    assert.deepEqual(internal(ds), []);
    assert.deepEqual(internal(da), []);
    // The other solde: one internal finding (naming no identifier), and its own checks (the example is clean).
    assert.deepEqual(shape(dx), ['C1/internal 0:0-0:1']);
    assert.match(String(dx[0].message), /Erreur interne des règles entre fichiers/);
    noContent(logs);
  } finally {
    await c.stop();
  }
});

test('a finding that cannot be converted: one internal finding of its rule, the other findings are shown', async () => {
  const file = fixture('IMG-RIS-Va2/S3-null-case.json');
  const fault: FaultHook = (stage, _uris, code) => {
    if (stage === 'diagnostic' && code === 'S3/null-case') boom();
  };
  const { c, logs } = await inProcess(fault, { pull: true });
  try {
    const doc = c.open(file);
    const ds = await c.pull(doc.uri);
    assert.deepEqual(shape(ds), ['S3/internal 0:0-0:1', 'S3/null-string 42:27-42:33', 'C8/no-avance 0:0-0:1']);
    assert.match(String(ds[0].message), /des résultats de la règle S3 n'ont pas pu être affichés/);
    assert.equal(logs.length, 1, 'one line for the two findings of the rule');
    noContent(logs);
  } finally {
    await c.stop();
  }
});

test('a handler that fails answers an empty result, logs one line without content, and the server goes on', async () => {
  const file = join(root, 'examples', 'IMG-RIS-Va2', 'solde.json');
  const failing = new Set(['completion', 'hover', 'codeAction', 'segur/setOverride', 'segur/soldeFromAvance', 'segur/checkFiles', 'didOpen']);
  const fault: FaultHook = (stage) => {
    if (failing.has(stage)) boom();
  };
  const { c, logs } = await inProcess(fault, { pull: false });
  try {
    const doc = c.open(file); // its didOpen handler fails: no diagnostics scheduled, no crash
    const pos = { line: 5, character: 10 };
    const range = { start: pos, end: pos };
    assert.deepEqual(await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: doc.uri }, position: pos }), []);
    assert.equal(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: pos }), null);
    assert.deepEqual(await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: doc.uri }, range, context: { diagnostics: [] } }), []);
    assert.equal(await c.conn.sendRequest('segur/setOverride', { uri: doc.uri, sons: 'IMG-RIS-Va2' }), null);
    assert.deepEqual(await c.conn.sendRequest('segur/soldeFromAvance', { uri: doc.uri }), { error: 'erreur interne' });
    assert.deepEqual(await c.conn.sendRequest('segur/checkFiles', { uris: [doc.uri] }), { files: 0, errors: 0 });
    assert.deepEqual(logs.map((l) => /dans (\S+)/.exec(l)![1]).sort(), [...failing].sort());
    noContent(logs);
    // The server goes on: another file gets its diagnostics and its quick fixes.
    failing.clear();
    const other = c.open(fixture('IMG-RIS-Va2/S5-plural.json'));
    const pushed = await c.waitPush(other.uri, (p) => p.diagnostics.length === 2);
    const actions = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: other.uri },
      range: pushed.diagnostics[0].range,
      context: { diagnostics: [pushed.diagnostics[0]] },
    })) as CodeAction[];
    assert.ok(
      actions.some((a) => a.isPreferred),
      'quick fix',
    );
  } finally {
    await c.stop();
  }
});

test('a failure line quotes nothing of the message, even one that looks like a stack frame', () => {
  let caught: unknown;
  try {
    JSON.parse(`{\n    at ${SECRET} (010008407.js:1:2)\n`);
  } catch (e) {
    caught = e;
  }
  for (const e of [caught, new TypeError(`x\n    at ${SECRET}:1:1`), 'a string']) {
    const line = failureLine('check', e);
    assert.ok(!line.includes('010008407'), line);
    assert.match(line, /^segur-json: erreur interne dans check \/ internal error in check: (SyntaxError|TypeError|string)( \([^ ]+:\d+:\d+\))?\n$/);
  }
});
