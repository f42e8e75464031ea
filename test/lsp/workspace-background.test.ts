/**
 * The workspace index is built in the background, over stdio with a real LSP client: a folder of 300
 * generated Ségur files (bench/workspace-index.mjs), a solde at its root and its avance in `zz/` (the last file
 * the index reads). The solde is opened right after `initialized`.
 * - Before: the index checked every file in one loop whose awaits were microtasks (for a client without
 *   workspace/configuration; with it, one configuration request per file): the solde's diagnostics came only
 *   once the whole index was built.
 * - Now: its diagnostics come between two slices of the index (before the progress ends), without C1 (its avance
 *   is not indexed yet), and once the index is complete it is published again, once, with C1.
 * Order is asserted, never time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { root, startClient, within, type Client } from '../helpers/lsp-client.ts';

const FILES = 300;
const pair = join(root, 'test', 'pairs', 'C1-editeur-differs');
const AVANCE = readFileSync(join(pair, 'avance.json'), 'utf8');
const SOLDE = readFileSync(join(pair, 'solde.json'), 'utf8');

/** The workspace: FILES generated files (2 requests each, their own identifiers), solde.json, and zz/avance.json unless `avance` is false. */
async function workspace(avance = true): Promise<string> {
  const ws = mkdtempSync(join(tmpdir(), 'segur-lsp-bg-'));
  const { writeWorkspace } = (await import(join(root, 'bench', 'workspace-index.mjs') as string)) as {
    writeWorkspace: (dir: string, o: { files: number; lines: number }) => string[];
  };
  writeWorkspace(ws, { files: FILES, lines: 2 });
  writeFileSync(join(ws, 'solde.json'), SOLDE);
  if (avance) {
    mkdirSync(join(ws, 'zz'));
    writeFileSync(join(ws, 'zz', 'avance.json'), AVANCE);
  }
  return ws;
}

const hasC1 = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === 'C1');
type Progress = Client['progress'][number];
const kinds = (ps: Progress[]) => ps.map((p) => p.value?.kind ?? 'create');
/** Resolves once the server has told `kind` for the `n`th time (polling what the client recorded); rejects after 20 s. */
async function progressSeen(c: Client, kind: 'begin' | 'end', n = 1): Promise<void> {
  for (let waited = 0; c.progress.filter((p) => p.value?.kind === kind).length < n; waited += 5) {
    if (waited > 20_000) assert.fail(`no progress ${kind} (${n}) from the server: ${kinds(c.progress)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('a document opened right after initialized gets its diagnostics before the index ends; once it ends, C1 against the avance on disk, published once', async () => {
  const ws = await workspace();
  // No workspace/configuration: the case where the old loop never yielded at all.
  const c = await startClient({ workspace: ws, configuration: false, workDoneProgress: true });
  try {
    const doc = c.open(join(ws, 'solde.json'));
    // What the client had received of the progress when the solde's first diagnostics came (messages arrive in order).
    let progressAtFirst: Progress[] | undefined;
    const first = await c.waitPush(doc.uri, () => ((progressAtFirst ??= [...c.progress]), true), 20_000);
    assert.ok(!hasC1(first), 'the avance (the last file of the walk) is not indexed yet when the solde is first checked');
    assert.ok(progressAtFirst!.length > 0, 'the index had started');
    assert.ok(!kinds(progressAtFirst!).includes('end'), `the solde's diagnostics came before the index ended (progress then: ${kinds(progressAtFirst!)})`);
    // And the open document went first: the index waited for its check (at most the file it was reading then).
    const toldBefore = progressAtFirst!.map((p) => p.value?.message).filter((m): m is string => !!m);
    assert.ok(
      toldBefore.every((m) => Number(m.split(' / ')[0]) <= 1),
      `files indexed before the solde was checked: ${toldBefore}`,
    );
    const withC1 = await c.waitPush(doc.uri, hasC1, 30_000);
    assert.ok(kinds(c.progress).includes('end'), 'C1 comes once the index is complete');
    await c.settle(300);
    const pushes = c.pushed.get(doc.uri)!;
    assert.equal(pushes.indexOf(withC1), pushes.length - 1, 'published again once, with C1');
    assert.equal(pushes.length, 2);

    // The progress: created, begin, reports, end; counts only (no file name); the last report is complete.
    assert.equal(kinds(c.progress)[0], 'create');
    assert.equal(kinds(c.progress)[1], 'begin');
    assert.equal(kinds(c.progress).at(-1), 'end');
    assert.equal(new Set(c.progress.map((p) => p.token)).size, 1);
    const begin = c.progress[1].value!;
    assert.equal(begin.title, 'Indexation des fichiers Ségur');
    const told = c.progress.map((p) => p.value?.message).filter((m): m is string => m !== undefined);
    for (const m of told) assert.match(m, /^\d+ \/ \d+$/);
    assert.equal(told.at(-1), `${FILES + 2} / ${FILES + 2}`);
    assert.ok(told.length >= 2, 'reported as it goes');
  } finally {
    await c.stop();
  }
});

test('an edit during the index (VS Code-like client) gets its diagnostics before the index ends; one configuration request per folder, not per file', async () => {
  const ws = await workspace();
  const c = await startClient({ workspace: ws, workDoneProgress: true, locale: 'en', settings: { segur: { validate: { debounceMs: 0 } } } });
  try {
    await progressSeen(c, 'begin');
    const doc = c.open(join(ws, 'solde.json'));
    await c.waitPush(doc.uri, () => true, 20_000);
    const edited = c.change(doc, SOLDE.replace('"Sophie Marchand"', '"Sophie Marchant"'));
    let endedBefore: boolean | undefined;
    await c.waitPush(doc.uri, (p) => p.version === edited.version && ((endedBefore = kinds(c.progress).includes('end')), true), 20_000);
    assert.equal(endedBefore, false, 'the edit was checked between two slices of the index');
    await c.waitPush(doc.uri, hasC1, 30_000);
    assert.equal(c.progress[1].value?.title, 'Indexing Ségur files');
    // Files on disk take their folder's settings: before, one request per file (FILES + 2).
    const perFile = c.configurationItems.filter((i) => i.section === 'segur' && i.scopeUri && i.scopeUri !== pathToFileURL(ws).href && i.scopeUri !== doc.uri);
    assert.deepEqual(perFile, []);
  } finally {
    await c.stop();
  }
});

test('a client without window.workDoneProgress gets no progress; the index is built all the same', async () => {
  const ws = await workspace();
  const c = await startClient({ workspace: ws, pull: true });
  try {
    await c.waitRefresh(1, 30_000);
    const doc = c.open(join(ws, 'solde.json'));
    assert.ok((await c.pull(doc.uri)).some((d) => d.code === 'C1'));
    assert.deepEqual(c.progress, []);
  } finally {
    await c.stop();
  }
});

test('a watched-file event during the index is not lost: an avance created meanwhile is indexed', async () => {
  const ws = await workspace(false);
  const c = await startClient({ workspace: ws, workDoneProgress: true });
  try {
    const doc = c.open(join(ws, 'solde.json'));
    await progressSeen(c, 'begin');
    mkdirSync(join(ws, 'nouveau'));
    writeFileSync(join(ws, 'nouveau', 'avance.json'), AVANCE);
    c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(ws, 'nouveau', 'avance.json')).href, type: 1 }] });
    assert.ok(!kinds(c.progress).includes('end'), 'the event came during the index');
    await c.waitPush(doc.uri, hasC1, 30_000);
  } finally {
    await c.stop();
  }
});

test('a new scan (exclude setting changed) supersedes the running one: its progress ends, the new one leaves the avance out', async () => {
  const ws = await workspace();
  const segur: { validate: unknown; workspace?: { exclude: string[] } } = { validate: { debounceMs: 0 } };
  const c = await startClient({ workspace: ws, workDoneProgress: true, settings: { segur } });
  try {
    const doc = c.open(join(ws, 'solde.json'));
    await progressSeen(c, 'begin');
    segur.workspace = { exclude: ['**/zz/**'] };
    c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await progressSeen(c, 'end', 2);
    const tokens = [...new Set(c.progress.map((p) => p.token))];
    assert.equal(tokens.length, 2, 'two scans, each with its own progress');
    const [a, b] = tokens.map((t) => c.progress.filter((p) => p.token === t));
    // The first one ended (superseded) before the second one's end.
    assert.ok(c.progress.indexOf(a.at(-1)!) < c.progress.indexOf(b.at(-1)!));
    assert.equal(a.at(-1)!.value?.kind, 'end');
    const lastTold = a
      .map((p) => p.value?.message)
      .filter(Boolean)
      .at(-1)!;
    const [done, total] = lastTold.split(' / ').map(Number);
    assert.ok(done < total, `superseded before it was complete (${lastTold})`);
    await c.settle(300);
    assert.ok(!hasC1(c.pushed.get(doc.uri)!.at(-1)!), 'the avance is left out by the new setting');
  } finally {
    await c.stop();
  }
});

test('a workspace folder added during the index is indexed too (the running scan is superseded, its files kept); a folder removed leaves the index', async () => {
  const ws = await workspace(false);
  const other = mkdtempSync(join(tmpdir(), 'segur-lsp-bg-other-'));
  writeFileSync(join(other, 'avance.json'), AVANCE);
  const c = await startClient({ workspace: ws, workDoneProgress: true, workspaceFolders: true });
  const folders = (added: string[], removed: string[]) =>
    c.conn.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: added.map((f) => ({ uri: pathToFileURL(f).href, name: 'f' })), removed: removed.map((f) => ({ uri: pathToFileURL(f).href, name: 'f' })) },
    });
  try {
    const doc = c.open(join(ws, 'solde.json'));
    await progressSeen(c, 'begin');
    folders([other], []);
    // Both scans end: the first one superseded, the second one with the first one's files it had not reached.
    await progressSeen(c, 'end', 2);
    const told = (token: string | number) =>
      c.progress
        .filter((p) => p.token === token)
        .map((p) => p.value?.message)
        .filter((m): m is string => !!m)
        .at(-1)!
        .split(' / ')
        .map(Number);
    const [firstDone, firstTotal] = told(c.progress[0].token);
    const [done, total] = told(c.progress.at(-1)!.token);
    assert.equal(firstTotal, FILES + 1);
    assert.ok(firstDone < firstTotal, 'the first scan was superseded');
    assert.equal(done, total);
    // The second scan: the added folder's avance, and the files the first one had not reached (all but one at most,
    // when the first one was superseded in the middle of a file). The first scan's last message is its true count:
    // it is told when it is superseded (its reports are otherwise throttled: a CI run saw « 0 / 301, then 300 / 300 »).
    assert.ok(total > 1 && firstDone + total - 1 >= FILES, `${firstDone} / ${firstTotal}, then ${done} / ${total}`);
    await c.waitPush(doc.uri, hasC1, 30_000);
    folders([], [other]);
    await c.waitPush(doc.uri, (p) => p === c.pushed.get(doc.uri)!.at(-1) && !hasC1(p), 30_000);
  } finally {
    await c.stop();
  }
});

test(
  'the index reads files without blocking, by the same rules: a FIFO in the workspace or named by a watched-file event is never opened',
  { skip: process.platform === 'win32' },
  async () => {
    const ws = await workspace();
    execFileSync('mkfifo', [join(ws, 'fifo.json')]);
    const c = await startClient({ workspace: ws, workDoneProgress: true });
    try {
      const doc = c.open(join(ws, 'solde.json'));
      await progressSeen(c, 'begin');
      c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(ws, 'fifo.json')).href, type: 2 }] });
      await c.waitPush(doc.uri, hasC1, 30_000);
      // Still answering (a FIFO opened for reading would block until a writer comes).
      await within(c.conn.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: 1, character: 4 } }), 'hover');
    } finally {
      await c.stop();
    }
  },
);
