/**
 * Over stdio: a SONS known only from a learned template (BIO-SGL-Va2, from the blank and
 * example of test/templates/unknown-sons in segur.templates.folder) in the editor: the status bar's payload
 * (segur/detection), the SONS picker's list (segur/learnedSons), the skeleton of an empty document and the block of
 * an array, built from the learned template's structure (server/src/engine/assist/snippets.ts). A learned template of a SONS
 * the bundle knows (test/templates/official-like, IMG-RIS-Va2 solde) replaces its bundled skeleton, with the
 * enumerations the template kept offered as choices.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, startClient, type Client } from '../helpers/lsp-client.ts';

const BIO = join(root, 'test', 'templates', 'unknown-sons');
const OFFICIAL = join(root, 'test', 'templates', 'official-like');
type Item = { label: string; preselect?: boolean; detail?: string; textEdit?: { newText: string } };

const complete = async (c: Client, uri: string, offset: number, text: string) => {
  const before = text.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  const r = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as Item[] | { items: Item[] };
  return Array.isArray(r) ? r : r.items;
};
/** The text a snippet inserts when every tab stop keeps its default (`${1:null}` → null, `${2|null,"a"|}` → null). */
const inserted = (snippet: string) => snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1');

test('a SONS only a learned template knows: picker list, status bar payload, skeleton and block from the template', async () => {
  const c = await startClient({ settings: { segur: { validate: { debounceMs: 10 }, templates: { folder: BIO } } } });
  try {
    const learned = await c.conn.sendRequest('segur/learnedSons', { uri: 'untitled:bio' });
    assert.deepEqual(learned, [{ id: 'BIO-SGL-Va2', corridor: 'BIO', kinds: ['avance'] }]);

    // An empty document named for the SONS: its skeleton, preselected, is the blank template itself once inserted.
    const empty = c.open('untitled:BIO-SGL-Va2-avance.json', '');
    const items = await complete(c, empty.uri, 0, '');
    const bio = items.find((i) => i.label === 'Ségur BIO-SGL-Va2 avance');
    assert.ok(bio, JSON.stringify(items.map((i) => i.label)));
    assert.equal(bio.preselect, true);
    assert.equal(bio.detail, "Demande d'avance BIO-SGL-Va2 : squelette complet (modèle officiel)");
    assert.deepEqual(
      items.filter((i) => i.preselect).map((i) => i.label),
      ['Ségur BIO-SGL-Va2 avance'],
    );
    const blank = readFileSync(join(BIO, 'BIO-SGL-Va2.avance.blank.json'), 'utf8');
    assert.deepEqual(JSON.parse(inserted(bio.textEdit!.newText)), JSON.parse(blank));
    assert.equal(inserted(bio.textEdit!.newText), JSON.stringify(JSON.parse(blank), null, 2), 'same keys, same order, same indentation');

    // A BIO-SGL-Va2 file (detected by its n° ANS): the status bar's payload, then a block inside piecesJustificatives.
    const text = readFileSync(join(BIO, 'BIO-SGL-Va2.avance.example.json'), 'utf8');
    const doc = c.open('untitled:demande-bio', text);
    await c.waitPush(doc.uri);
    const detection = (c.detections.get(doc.uri)?.at(-1) as { detection: { sons?: string; kind?: string; isSegur: boolean } }).detection;
    assert.deepEqual([detection.isSegur, detection.sons, detection.kind], [true, 'BIO-SGL-Va2', 'avance']);
    const at = text.indexOf('"piecesJustificatives": [') + '"piecesJustificatives": ['.length;
    const blocks = (await complete(c, doc.uri, at, text)).filter((i) => i.label.startsWith('bloc'));
    assert.deepEqual(
      blocks.map((i) => i.label),
      ['bloc piecesJustificatives'],
    );
    const item = JSON.parse(inserted(blocks[0].textEdit!.newText).replace(/,\s*$/, ''));
    assert.deepEqual(Object.keys(item), Object.keys(JSON.parse(text).lignesImport[0].piecesJustificatives[0]), "the keys of the template's item");
    assert.ok(Object.values(item).every((v) => v === null));
  } finally {
    await c.stop();
  }
});

test('without the learned template, nothing offers BIO-SGL-Va2; a learned template of a bundled SONS replaces its skeleton', async () => {
  const plain = await startClient({ settings: { segur: { validate: { debounceMs: 10 } } } });
  try {
    assert.deepEqual(await plain.conn.sendRequest('segur/learnedSons', { uri: 'untitled:x' }), []);
    const e = plain.open('untitled:BIO-SGL-Va2-avance.json', '');
    const labels = (await complete(plain, e.uri, 0, '')).map((i) => i.label);
    assert.ok(labels.includes('Ségur IMG-RIS-Va2 solde') && !labels.some((l) => l.includes('BIO')), JSON.stringify(labels));
  } finally {
    await plain.stop();
  }
  const c = await startClient({ settings: { segur: { validate: { debounceMs: 10 }, templates: { folder: OFFICIAL } } } });
  try {
    assert.deepEqual(await c.conn.sendRequest('segur/learnedSons', { uri: 'untitled:x' }), [], 'IMG-RIS-Va2 is in the bundle');
    const e = c.open('untitled:IMG-RIS-Va2-solde.json', '');
    const items = await complete(c, e.uri, 0, '');
    assert.equal(items.filter((i) => i.label === 'Ségur IMG-RIS-Va2 solde').length, 1, 'one skeleton per SONS × kind');
    const s = items.find((i) => i.label === 'Ségur IMG-RIS-Va2 solde')!;
    const body = s.textEdit!.newText;
    assert.match(body, /"numeroFacture": \$\{\d+:null\}/, 'the tag only the official template has');
    assert.match(body, /"typePrestation": \$\{\d+\|null,"v2","v1v2"\|\}/, 'the enumeration the template kept, after null');
    const blank = readFileSync(join(OFFICIAL, 'IMG-RIS-Va2.solde.blank.json'), 'utf8');
    assert.deepEqual(JSON.parse(inserted(body)), JSON.parse(blank));
  } finally {
    await c.stop();
  }
});
