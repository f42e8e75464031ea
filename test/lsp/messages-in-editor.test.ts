/**
 * Messages that say what the editor can do, through a real LSP client: S1 on an undetected file
 * names the status-bar picker and comes with the quick fix « Choisir le SONS et le type » (the client's
 * `segur.chooseSons` command); once a SONS is chosen (the command's request) S1 is gone. Hover is titled with the
 * item (`FINESGeos[0]`) and gives the provenance as the source document's name and date.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClient, root, type Client } from '../helpers/lsp-client.ts';

let fr: Client;
let en: Client;
before(async () => {
  fr = await startClient({ pull: true, locale: 'fr' });
  en = await startClient({ pull: true, locale: 'en' });
});
after(async () => {
  await fr.stop();
  await en.stop();
});

test('S1 on an undetected file: the status-bar picker in the message, and a quick fix running segur.chooseSons', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'segur-s1-')), 'demande.json');
  const text = readFileSync(join(root, 'test', 'fixtures', 'undetected', 'S1-undetected.json'), 'utf8');
  const doc = fr.open(file, text);
  const diags = await fr.pull(doc.uri);
  const s1 = diags.find((d) => d.code === 'S1')!;
  assert.ok(s1, 'S1 reported');
  assert.match(String(s1.message), /barre d'état.*« Ségur : Choisir le SONS et le type »/);
  assert.doesNotMatch(String(s1.message), /--sons|--kind/);
  const actions = await fr.codeActions(doc, s1.range, [s1]);
  const choose = actions.find((a) => a.title === 'Choisir le SONS et le type');
  assert.ok(choose, `a quick fix to choose the SONS (got ${actions.map((a) => a.title).join(', ')})`);
  assert.equal(choose.kind, 'quickfix');
  assert.equal(choose.command?.command, 'segur.chooseSons');
  assert.deepEqual(choose.command?.arguments, [doc.uri]);
  assert.equal(choose.edit, undefined);
  // What the command does once the user picked: the override request; S1 (undetected) is gone.
  const detection = (await fr.conn.sendRequest('segur/setOverride', { uri: doc.uri, sons: 'IMG-RIS-Va2', kind: 'avance' })) as { sons: string; kind: string };
  assert.equal(detection.sons, 'IMG-RIS-Va2');
  assert.ok(!(await fr.pull(doc.uri)).some((d) => d.code === 'S1'), 'no S1 once the SONS is chosen');
  // A detected file's S1 (an unknown key) gets no such action.
  const ex = join(root, 'examples', 'IMG-RIS-Va2', 'solde.json');
  const other = fr.open(ex.replace('solde.json', 'solde-s1.json'), readFileSync(ex, 'utf8').replace('"typeAction"', '"typeActionX"'));
  const unknown = (await fr.pull(other.uri)).filter((d) => String(d.code).startsWith('S1'));
  assert.ok(unknown.length > 0);
  assert.ok(!(await fr.codeActions(other, unknown[0].range, unknown)).some((a) => a.command?.command === 'segur.chooseSons'));
});

test('S1 in English names the picker too', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'segur-s1-')), 'request.json');
  const doc = en.open(file, readFileSync(join(root, 'test', 'fixtures', 'undetected', 'S1-undetected.json'), 'utf8'));
  const s1 = (await en.pull(doc.uri)).find((d) => d.code === 'S1')!;
  assert.match(String(s1.message), /status bar.*"Ségur: Choose the SONS and kind"/);
  assert.ok((await en.codeActions(doc, s1.range, [s1])).some((a) => a.title === 'Choose the SONS and kind' && a.command?.command === 'segur.chooseSons'));
});

test('hover: an array item is titled with its array and index; provenance is the source document with its date', async () => {
  const file = join(root, 'examples', 'IMG-RIS-Va2', 'solde.json');
  const text = readFileSync(file, 'utf8');
  const doc = fr.open(file.replace('solde.json', 'solde-hover.json'), text);
  const item = (await fr.conn.sendRequest('textDocument/hover', {
    textDocument: { uri: doc.uri },
    position: doc.positionAt(text.indexOf('"010000024"') + 3),
  })) as { contents: { value: string } };
  assert.match(item.contents.value, /^\*\*FINESGeos\[0\]\*\*/);
  const key = (await fr.conn.sendRequest('textDocument/hover', {
    textDocument: { uri: doc.uri },
    position: doc.positionAt(text.indexOf('"FINESGeos"') + 3),
  })) as { contents: { value: string } };
  assert.match(key.contents.value, /^\*\*FINESGeos\*\*/);
  assert.match(key.contents.value, /Provenance : confirmée par la source « webinaire ANS\/ASP du 28\/04\/2026, PV pilotes et demande de solde »/);
  const modelled = (await fr.conn.sendRequest('textDocument/hover', {
    textDocument: { uri: doc.uri },
    position: doc.positionAt(text.indexOf('"codeTraitement"') + 3),
  })) as { contents: { value: string } };
  assert.match(modelled.contents.value, /Provenance : (\*\*modélisée\*\*|confirmée par la source « )/);
});
