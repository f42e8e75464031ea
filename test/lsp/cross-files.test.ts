/**
 * Rules across files in the language server, over stdio with a real LSP client (vscode-languageserver-protocol):
 * - issue 9 item 1: the bundled `segur-img-ris-va2-solde` snippet typed beside its avance (`"numeroEditeur": null`…)
 *   gets its diagnostics, and a third open file stays live (before: the cross-file stage threw, the new file got no
 *   diagnostics and the other files stopped being refreshed);
 * - issue 9 item 8: a change in one file re-publishes another open file only when that file's findings across files
 *   changed (push), or asks a pulling client to pull again only then.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { skeletonText } from '../helpers/skeleton.ts';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');


async function start(pull: boolean) {
  const proc = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const pushed: PublishDiagnosticsParams[] = [];
  let refreshes = 0;
  const waiters: { pred: (p: PublishDiagnosticsParams) => boolean; resolve: () => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    pushed.push(p);
    for (const w of [...waiters]) if (w.pred(p)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  conn.onNotification('segur/detection', () => {});
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ validate: { debounceMs: 0 } })));
  conn.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    return null;
  });
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(mkdtempSync(join(tmpdir(), 'segur-cross-ws-'))).href,
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true }, ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}) },
    },
  });
  conn.sendNotification('initialized', {});
  const dir = mkdtempSync(join(tmpdir(), 'segur-cross-'));
  const uri = (name: string) => pathToFileURL(join(dir, name)).href;
  const versions = new Map<string, number>();
  const open = (name: string, text: string) => {
    versions.set(uri(name), 1);
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(name), languageId: 'json', version: 1, text } });
  };
  /** Replaces characters [character, end) of a line (an insertion when end is omitted), or the whole text. */
  const edit = (name: string, line: number, character: number, text: string, end = character) => {
    const v = versions.get(uri(name))! + 1;
    versions.set(uri(name), v);
    conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(name), version: v }, contentChanges: [{ range: { start: { line, character }, end: { line, character: end } }, text }] });
    return v;
  };
  const replaceAll = (name: string, text: string) => {
    const v = versions.get(uri(name))! + 1;
    versions.set(uri(name), v);
    conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(name), version: v }, contentChanges: [{ text }] });
    return v;
  };
  const waitPush = (name: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true) =>
    new Promise<void>((resolve, reject) => {
      const p0 = pushed.find((p) => p.uri === uri(name) && pred(p));
      if (p0) return resolve();
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${name}`)), 15000);
      waiters.push({ pred: (p) => p.uri === uri(name) && pred(p), resolve: () => { clearTimeout(timer); resolve(); } });
    });
  const diagnostics = async (name: string) => ((await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri(name) } })) as { items: Diagnostic[] }).items;
  /** Quiet: nothing pushed for 400 ms. */
  const settle = () => new Promise<void>((resolve) => {
    let n = pushed.length;
    const tick = () => {
      if (pushed.length === n) return resolve();
      n = pushed.length;
      setTimeout(tick, 400);
    };
    setTimeout(tick, 400);
  });
  const stop = async () => {
    await conn.sendRequest('shutdown');
    conn.sendNotification('exit');
    await new Promise((r) => proc.once('exit', r));
    conn.dispose();
  };
  return { conn, pushed, refreshes: () => refreshes, uri, open, edit, replaceAll, waitPush, diagnostics, settle, stop };
}

const example = (sons: string, kind: string) => readFileSync(join(root, 'examples', sons, `${kind}.json`), 'utf8');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

test('push: the snippet solde beside its avance gets its diagnostics; a third file stays live', async () => {
  const c = await start(false);
  try {
    const avance = example('IMG-RIS-Va2', 'avance');
    c.open('avance.json', avance);
    c.open('other-HOP-DPI-Va2-avance.json', example('HOP-DPI-Va2', 'avance'));
    await c.waitPush('avance.json');
    await c.waitPush('other-HOP-DPI-Va2-avance.json');
    // The snippet, as inserted, then with its header filled in (now compared with the avance).
    const snippet = skeletonText('IMG-RIS-Va2', 'solde');
    c.open('ma-demande-solde.json', snippet);
    await c.waitPush('ma-demande-solde.json', (p) => p.version === 1 && p.diagnostics.some((d) => String(d.code).startsWith('S3')));
    const filled = snippet.replace('"numeroAns": null', '"numeroAns": "CVA2RIS001"').replace('"siret": null', '"siret": "43216756700028"').replace('"numeroEditeur": null', '"numeroEditeur": "RIS-2025-0412"');
    const v = c.replaceAll('ma-demande-solde.json', filled);
    // Compared with its avance now: matched by its éditeur number, its (empty) beneficiaries are removals (C3).
    await c.waitPush('ma-demande-solde.json', (p) => p.version === v && p.diagnostics.some((d) => String(d.code).startsWith('C3')));
    assert.ok(!c.pushed.some((p) => p.diagnostics.some((d) => String(d.code).endsWith('/internal'))), 'no internal finding');
    // The third file: an edit gets fresh diagnostics.
    const hop = example('HOP-DPI-Va2', 'avance');
    const w = c.edit('other-HOP-DPI-Va2-avance.json', lineOf(hop, '"numeroEditeur"'), hop.split('\n')[lineOf(hop, '"numeroEditeur"')].length - 2, 'x');
    await c.waitPush('other-HOP-DPI-Va2-avance.json', (p) => p.version === w);
  } finally {
    await c.stop();
  }
});

test('push: another open file is re-published only when its findings across files changed', async () => {
  const c = await start(false);
  try {
    const avance = example('IMG-RIS-Va2', 'avance');
    const solde = example('IMG-RIS-Va2', 'solde');
    c.open('avance.json', avance);
    c.open('solde.json', solde);
    c.open('other-HOP-DPI-Va2-avance.json', example('HOP-DPI-Va2', 'avance'));
    for (const f of ['avance.json', 'solde.json', 'other-HOP-DPI-Va2-avance.json']) await c.waitPush(f);
    await c.settle();
    const count = (name: string) => c.pushed.filter((p) => p.uri === c.uri(name)).length;
    const before = { avance: count('avance.json'), other: count('other-HOP-DPI-Va2-avance.json'), solde: count('solde.json') };
    // A keystroke in a value of the solde that no rule across files reads: only the solde is published.
    const at = lineOf(solde, '"nomStructure"');
    const v = c.edit('solde.json', at, solde.split('\n')[at].length - 2, 'x');
    await c.waitPush('solde.json', (p) => p.version === v);
    await c.settle();
    assert.equal(count('avance.json'), before.avance, 'the avance is not re-published');
    assert.equal(count('other-HOP-DPI-Va2-avance.json'), before.other, 'the other SONS is not re-published');
    // The avance's first éditeur number changes: the solde's first line matches no avance line any more.
    const ed = lineOf(avance, '"numeroEditeur"');
    c.edit('avance.json', ed, avance.split('\n')[ed].length - 2, 'Z');
    await c.waitPush('solde.json', (p) => p.diagnostics.some((d) => d.code === 'C1/no-avance-line'));
    await c.settle();
    assert.equal(count('other-HOP-DPI-Va2-avance.json'), before.other, 'the other SONS is still not re-published');
    // And back: the solde is re-published without it.
    const n = count('solde.json');
    c.replaceAll('avance.json', avance);
    await c.waitPush('solde.json', (p) => count('solde.json') > n && !p.diagnostics.some((d) => d.code === 'C1/no-avance-line'));
  } finally {
    await c.stop();
  }
});

test('pull: a change asks the client to pull again only when another file\'s findings across files changed', async () => {
  const c = await start(true);
  try {
    const avance = example('IMG-RIS-Va2', 'avance');
    const solde = example('IMG-RIS-Va2', 'solde');
    c.open('avance.json', avance);
    c.open('solde.json', solde);
    assert.deepEqual((await c.diagnostics('avance.json')).filter((d) => d.severity !== 4), []);
    assert.deepEqual((await c.diagnostics('solde.json')).filter((d) => d.severity !== 4), []);
    await c.settle();
    const r0 = c.refreshes();
    const at = lineOf(solde, '"nomStructure"');
    c.edit('solde.json', at, solde.split('\n')[at].length - 2, 'x');
    await c.diagnostics('solde.json');
    await c.settle();
    assert.equal(c.refreshes(), r0, 'no refresh for a change that no other file sees');
    const ed = lineOf(avance, '"numeroEditeur"');
    c.edit('avance.json', ed, avance.split('\n')[ed].length - 2, 'Z');
    await c.diagnostics('avance.json');
    await c.settle();
    assert.ok(c.refreshes() > r0, 'a refresh when the solde\'s findings changed');
    assert.ok((await c.diagnostics('solde.json')).some((d) => d.code === 'C1/no-avance-line'));
  } finally {
    await c.stop();
  }
});
