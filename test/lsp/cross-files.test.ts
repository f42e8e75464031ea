/**
 * Rules across files in the language server, over stdio with a real LSP client (vscode-languageserver-protocol):
 * - the bundled `segur-img-ris-va2-solde` snippet typed beside its avance (`"numeroEditeur": null`…)
 *   gets its diagnostics, and a third open file stays live (before: the cross-file stage threw, the new file got no
 *   diagnostics and the other files stopped being refreshed);
 * - a change in one file re-publishes another open file only when that file's findings across files
 *   changed (push), or asks a pulling client to pull again only then.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { root, startClient, uriOf } from '../helpers/lsp-client.ts';
import { skeletonText } from '../helpers/skeleton.ts';

/** The client with files named in a temporary folder, no debounce. */
async function start(pull: boolean) {
  const c = await startClient({ pull, settings: { segur: { validate: { debounceMs: 0 } } } });
  const dir = mkdtempSync(join(tmpdir(), 'segur-cross-'));
  const uri = (name: string) => uriOf(join(dir, name));
  const versions = new Map<string, number>();
  const open = (name: string, text: string) => {
    versions.set(uri(name), 1);
    c.open(join(dir, name), text);
  };
  const bump = (name: string) => {
    const v = versions.get(uri(name))! + 1;
    versions.set(uri(name), v);
    return v;
  };
  /** Replaces characters [character, end) of a line (an insertion when end is omitted), or the whole text. */
  const edit = (name: string, line: number, character: number, text: string, end = character) => {
    const v = bump(name);
    c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri(name), version: v },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: end } }, text }],
    });
    return v;
  };
  const replaceAll = (name: string, text: string) => {
    const v = bump(name);
    c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(name), version: v }, contentChanges: [{ text }] });
    return v;
  };
  const waitPush = async (name: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true) => void (await c.waitPush(uri(name), pred, 15000));
  const diagnostics = (name: string) => c.pull(uri(name));
  return {
    conn: c.conn,
    pushed: c.allPushed,
    refreshes: c.refreshes,
    uri,
    open,
    edit,
    replaceAll,
    waitPush,
    diagnostics,
    settle: () => c.settle(),
    stop: c.stop,
  };
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
    const filled = snippet
      .replace('"numeroAns": null', '"numeroAns": "CVA2RIS001"')
      .replace('"siret": null', '"siret": "43216756700028"')
      .replace('"numeroEditeur": null', '"numeroEditeur": "RIS-2025-0412"');
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

test("pull: a change asks the client to pull again only when another file's findings across files changed", async () => {
  const c = await start(true);
  try {
    const avance = example('IMG-RIS-Va2', 'avance');
    const solde = example('IMG-RIS-Va2', 'solde');
    c.open('avance.json', avance);
    c.open('solde.json', solde);
    assert.deepEqual(
      (await c.diagnostics('avance.json')).filter((d) => d.severity !== 4),
      [],
    );
    assert.deepEqual(
      (await c.diagnostics('solde.json')).filter((d) => d.severity !== 4),
      [],
    );
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
    assert.ok(c.refreshes() > r0, "a refresh when the solde's findings changed");
    assert.ok((await c.diagnostics('solde.json')).some((d) => d.code === 'C1/no-avance-line'));
  } finally {
    await c.stop();
  }
});
