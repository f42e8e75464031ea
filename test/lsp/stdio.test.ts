/**
 * The language server over stdio, driven by a real LSP client library (vscode-languageserver-protocol's
 * JSON-RPC connection, the one vscode-languageclient is built on): diagnostics with codes and ranges, code actions
 * whose edit makes the diagnostic disappear, incremental edits followed by fresh diagnostics, pull and push modes,
 * locale, non-Ségur files, completion and hover.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, CodeAction, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { root, shape, startClient, type Client } from '../helpers/lsp-client.ts';

const fixture = (name: string) => join(root, 'test', 'fixtures', name);

let push: Client;
let pull: Client;
before(async () => {
  push = await startClient({ pull: false });
  pull = await startClient({ pull: true, locale: 'en' });
});
after(async () => {
  await push.stop();
  await pull.stop();
});

test('push: a broken file gets its codes and ranges; the quick fix edit makes the diagnostic disappear', async () => {
  const file = fixture('IMG-RIS-Va2/S5-plural.json');
  let doc = push.open(file);
  const first = await push.waitPush(doc.uri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(shape(first.diagnostics), ['S5 22:12-22:22', 'S5 29:6-29:26']);
  const d = first.diagnostics[0];
  assert.equal(d.source, 'segur');
  assert.match(String(d.message), /FINESGeos/);
  assert.match(String(d.codeDescription?.href), /rules\.html#s5$/);
  const actions = (await push.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri: doc.uri },
    range: d.range,
    context: { diagnostics: [d] },
  })) as CodeAction[];
  const quick = actions.find((a) => a.kind === 'quickfix' && a.isPreferred)!;
  assert.ok(quick, 'a preferred quick fix');
  const edits = quick.edit!.changes![doc.uri] as TextEdit[];
  const text = TextDocument.applyEdits(doc, edits);
  // Send the edit as the client would (incremental change), then expect the diagnostic to be gone.
  push.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: doc.uri, version: 2 },
    contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
  });
  doc = TextDocument.create(doc.uri, 'json', 2, text);
  const second = await push.waitPush(doc.uri, (p) => p.version === 2);
  assert.deepEqual(shape(second.diagnostics), ['S5 29:6-29:26']);
  // "Fix all" (source.fixAll.segur) fixes the rest.
  const all = (await push.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri: doc.uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.segur'] },
  })) as CodeAction[];
  assert.equal(all.length, 1);
  const fixed = TextDocument.applyEdits(doc, all[0].edit!.changes![doc.uri] as TextEdit[]);
  assert.equal(fixed, readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8'));
  push.conn.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
});

test('push: incremental edits (typing) are followed by fresh diagnostics for the latest version only', async () => {
  const file = join(root, 'examples/IMG-RIS-Va2/solde.json');
  const doc = push.open(file);
  // The example solde opened alone: C8's information only (no avance compared with it).
  await push.waitPush(doc.uri, (p) => p.version === 1 && p.diagnostics.length === 1 && p.diagnostics[0].code === 'C8/no-avance');
  // Type a trailing space inside "nomStructure" value, character by character over 3 versions.
  const pos = doc.positionAt(readFileSync(file, 'utf8').indexOf('"Centre hospitalier de Fleyriat"') + 31);
  for (let v = 2; v <= 4; v++)
    push.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: doc.uri, version: v },
      contentChanges: [{ range: { start: pos, end: pos }, text: ' ' }],
    });
  const latest = await push.waitPush(doc.uri, (p) => p.version === 4);
  assert.deepEqual(shape(latest.diagnostics), ['S8/value 21:28-21:63', 'C8/no-avance 0:0-0:1']);
  assert.ok(!(push.pushed.get(doc.uri) ?? []).some((p) => p.version === 2 || p.version === 3), 'debounced: no diagnostics for stale versions');
  push.conn.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
});

test('pull: textDocument/diagnostic with English messages (initialize locale)', async () => {
  const file = fixture('IMG-RIS-Va2/S3-null-case.json');
  const doc = pull.open(file);
  const r = (await pull.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: doc.uri } })) as { kind: string; items: Diagnostic[] };
  assert.equal(r.kind, 'full');
  assert.deepEqual(shape(r.items), ['S3/null-case 1:11-1:15', 'S3/null-case 41:24-41:28', 'S3/null-string 42:27-42:33', 'C8/no-avance 0:0-0:1']);
  assert.match(String(r.items[0].message), /write null in lower case/);
  assert.match(String(r.items[3].message), /^No avance of the same SONS/);
  assert.equal((pull.pushed.get(doc.uri) ?? []).length, 0, 'no push when the client pulls');
});

test('a package.json or tsconfig.json gets no diagnostics', async () => {
  for (const name of ['package.json', 'tsconfig.json']) {
    const doc = pull.open(join(root, name));
    const r = (await pull.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: doc.uri } })) as { items: Diagnostic[] };
    assert.deepEqual(r.items, [], name);
  }
});

test('completion: missing keys in template order, enumerated values; hover: description and provenance', async () => {
  const file = join(root, 'examples/IMG-RIS-Va2/solde.json');
  const text = readFileSync(file, 'utf8').replace('"sirenClient": "260100045",\n            "typeActivite": "Mixte"', '""');
  const doc = pull.open(file.replace('solde.json', 'solde-edit.json'), text);
  const at = doc.positionAt(text.indexOf('""') + 1);
  const items = (await pull.conn.sendRequest('textDocument/completion', { textDocument: { uri: doc.uri }, position: at })) as {
    label: string;
    insertText: string;
  }[];
  assert.deepEqual(
    items.map((i) => i.label),
    ['sirenClient', 'typeActivite'],
  );
  const full = readFileSync(file, 'utf8');
  const t2 = full.replace('"typeActivite": "Mixte"', '"typeActivite": ""');
  const doc2 = pull.open(file.replace('solde.json', 'solde-edit2.json'), t2);
  const values = (await pull.conn.sendRequest('textDocument/completion', {
    textDocument: { uri: doc2.uri },
    position: doc2.positionAt(t2.indexOf('"typeActivite": ""') + 17),
  })) as { label: string }[];
  assert.deepEqual(
    values.map((i) => i.label),
    ['"Radiologie"', '"Medecine nucleaire"', '"Mixte"'],
  );
  const h = (await pull.conn.sendRequest('textDocument/hover', {
    textDocument: { uri: doc2.uri },
    position: doc2.positionAt(t2.indexOf('"FINESGeos"') + 3),
  })) as { contents: { value: string } };
  assert.match(h.contents.value, /FINESGeos/);
  assert.match(h.contents.value, /confirmed by the source "ANS\/ASP webinar of 28\/04\/2026/);
});

test('across files: a solde is checked against its avance on disk, and again when the avance changes', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'segur-lsp-pair-'));
  const pair = join(root, 'test/pairs/C1-editeur-differs');
  writeFileSync(join(ws, 'avance.json'), readFileSync(join(pair, 'avance.json'), 'utf8'));
  writeFileSync(join(ws, 'solde.json'), readFileSync(join(pair, 'solde.json'), 'utf8'));
  const c = await startClient({ pull: false, workspace: ws });
  try {
    const solde = c.open(join(ws, 'solde.json'));
    const withC1 = await c.waitPush(solde.uri, (p) => p.diagnostics.some((d) => d.code === 'C1'));
    const d = withC1.diagnostics.find((x) => x.code === 'C1')!;
    assert.deepEqual(shape([d]), ['C1 9:23-9:39']);
    assert.equal(d.relatedInformation?.[0].location.uri, pathToFileURL(join(ws, 'avance.json')).href);
    assert.equal(d.relatedInformation?.[0].location.range.start.line, 9);
    // The user fixes the avance's éditeur number in the editor (unsaved): the solde's C1 goes away.
    const avanceText = readFileSync(join(ws, 'avance.json'), 'utf8');
    const avance = c.open(join(ws, 'avance.json'), avanceText);
    const at = avanceText.indexOf('"RIS-2025-0412"') + 14;
    c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: avance.uri, version: 2 },
      contentChanges: [{ range: { start: avance.positionAt(at), end: avance.positionAt(at) }, text: 'B' }],
    });
    await c.waitPush(solde.uri, (p) => !p.diagnostics.some((x) => x.code === 'C1') && p !== withC1);
    // "Créer le JSON de solde depuis l'avance".
    const r = (await c.conn.sendRequest('segur/soldeFromAvance', { uri: avance.uri })) as { text: string; sons: string };
    assert.equal(r.sons, 'IMG-RIS-Va2');
    assert.equal(JSON.parse(r.text).lignesImport[0].numeroASP, 'FINIMG013760M0');
  } finally {
    await c.stop();
  }
});
