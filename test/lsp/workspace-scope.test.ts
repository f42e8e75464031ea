/**
 * Cross-file scope in the editor, over a real LSP client on `segur-json lsp --stdio`: related
 * information names the other file by its workspace-relative path (an editor shows only « avance.json »), and the
 * workspace index leaves out what `segur.workspace.exclude` (default node_modules, .git) and VS Code's
 * `files.exclude` say, at the scan and on watched-file events: a backup copy of an avance is not compared with
 * the solde.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, startClient, type Client } from '../helpers/lsp-client.ts';

const pair = join(root, 'test', 'pairs', 'C1-editeur-differs');
const AVANCE = readFileSync(join(pair, 'avance.json'), 'utf8');
const SOLDE = readFileSync(join(pair, 'solde.json'), 'utf8');

/** A workspace with the solde at its root and the avance at each of `avances` (relative paths). */
function workspace(avances: string[]): string {
  const ws = mkdtempSync(join(tmpdir(), 'segur-lsp-scope-'));
  writeFileSync(join(ws, 'solde.json'), SOLDE);
  for (const a of avances) {
    mkdirSync(dirname(join(ws, a)), { recursive: true });
    writeFileSync(join(ws, a), AVANCE);
  }
  return ws;
}

/** The solde's C1 diagnostics once the server has indexed the workspace (its first request to pull again). */
async function c1Of(ws: string, settings: Record<string, unknown> = {}): Promise<{ c: Client; c1: Awaited<ReturnType<Client['pull']>> }> {
  const c = await startClient({ pull: true, workspace: ws, settings });
  await c.waitRefresh(1);
  const doc = c.open(join(ws, 'solde.json'));
  const c1 = (await c.pull(doc.uri)).filter((d) => d.code === 'C1');
  return { c, c1 };
}

test('related information names the avance by its workspace-relative path', async () => {
  const ws = workspace(['dossiers/IMG-RIS/avance.json']);
  const { c, c1 } = await c1Of(ws);
  try {
    assert.equal(c1.length, 1);
    const [rel] = c1[0].relatedInformation ?? [];
    assert.equal(rel.location.uri, pathToFileURL(join(ws, 'dossiers/IMG-RIS/avance.json')).href);
    assert.equal(rel.message, "N° éditeur de l'avance (dossiers/IMG-RIS/avance.json)");
  } finally {
    await c.stop();
  }
});

test('segur.workspace.exclude leaves a backup folder out of the index; node_modules is left out by default', async () => {
  const ws = workspace(['sauvegardes/avance.json']);
  const control = await c1Of(ws);
  await control.c.stop();
  assert.equal(control.c1.length, 1, 'without the setting the backup copy is compared with the solde');
  const { c, c1 } = await c1Of(ws, { segur: { workspace: { exclude: ['**/sauvegardes/**'] } } });
  await c.stop();
  assert.deepEqual(c1, []);
  const nm = await c1Of(workspace(['node_modules/pkg/avance.json']));
  await nm.c.stop();
  assert.deepEqual(nm.c1, []);
});

test('files.exclude leaves a folder out of the index too', async () => {
  const { c, c1 } = await c1Of(workspace(['copies-tests/avance.json']), { 'files.exclude': { '**/copies-tests': true, '**/.DS_Store': true } });
  await c.stop();
  assert.deepEqual(c1, []);
});

test('a watched-file event for an excluded file does not bring it into the index', async () => {
  const ws = workspace([]);
  const c = await startClient({ pull: true, workspace: ws, settings: { segur: { workspace: { exclude: ['**/sauvegardes/**'] } } } });
  const c1Now = async (uri: string) => (await c.pull(uri)).filter((d) => d.code === 'C1');
  const until = async (pred: (n: number) => boolean, what: string) => {
    for (let i = 0; i < 200; i++) {
      const n = (await c1Now(doc.uri)).length;
      if (pred(n)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail(what);
  };
  const event = (a: string, type: number) =>
    c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(ws, a)).href, type }] });
  await c.waitRefresh(1);
  const doc = c.open(join(ws, 'solde.json'));
  try {
    assert.deepEqual(await c1Now(doc.uri), []);
    for (const a of ['sauvegardes/avance.json', 'demandes/avance.json']) {
      mkdirSync(dirname(join(ws, a)), { recursive: true });
      writeFileSync(join(ws, a), AVANCE);
    }
    // The backup copy appears (excluded), then the real avance: C1 comes from the real one...
    event('sauvegardes/avance.json', 1);
    event('demandes/avance.json', 1);
    await until((n) => n === 1, 'C1 from demandes/avance.json');
    assert.deepEqual(
      (await c1Now(doc.uri))[0].relatedInformation?.map((r) => r.location.uri),
      [pathToFileURL(join(ws, 'demandes/avance.json')).href],
    );
    // ...and goes with it: the backup copy was never indexed.
    event('demandes/avance.json', 3);
    await until((n) => n === 0, 'no C1 once demandes/avance.json is deleted');
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(await c1Now(doc.uri), []);
  } finally {
    await c.stop();
  }
});

test('a uniqueness finding across files names the other file by its workspace-relative path in its message', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'segur-lsp-scope-'));
  for (const a of ['lot-1/avance.json', 'lot-2/avance.json']) {
    mkdirSync(dirname(join(ws, a)), { recursive: true });
    writeFileSync(join(ws, a), AVANCE);
  }
  const c = await startClient({ pull: true, workspace: ws });
  try {
    await c.waitRefresh(1);
    const doc = c.open(join(ws, 'lot-2', 'avance.json'));
    const across = (await c.pull(doc.uri)).filter((d) => /^U\d/.test(String(d.code)) && /autre fichier/.test(String(d.message)));
    assert.ok(across.length > 0, "the second copy repeats the first one's beneficiaries");
    // Before: « … d'un autre fichier (avance.json, ligne 1) », which does not say which avance.json.
    for (const d of across) assert.match(String(d.message), /autre fichier \(lot-1\/avance\.json, ligne \d+\)/);
  } finally {
    await c.stop();
  }
});
