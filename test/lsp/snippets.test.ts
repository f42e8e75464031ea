/**
 * Snippets where they belong, over a real LSP client on `segur-json lsp --stdio`: the eleven
 * skeletons only in an empty JSON document, a block only inside its own array of a Ségur file and of that file's
 * SONS (an IMG-RIS file gets the IMG-RIS beneficiary, never the HOP-DPI one with `FINESSPMSI`), nothing in a
 * `package.json`, a `tsconfig.json` or another JSON file. Each accepted snippet leaves strict JSON.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-protocol/node';
import { root, startClient, withDefaults, type Client } from '../helpers/lsp-client.ts';

let c: Client;
before(async () => {
  c = await startClient({});
});
after(async () => {
  await c.stop();
});

const complete = async (doc: TextDocument, offset: number) =>
  ((await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: doc.uri }, position: doc.positionAt(offset) })) ?? []) as CompletionItem[];
const segurSnippets = (items: CompletionItem[]) =>
  items.filter((i) => /s[ée]gur/i.test(`${i.label} ${i.filterText ?? ''} ${i.detail ?? ''}`) || i.kind === 15 /* Snippet */);
/** Applies an item's text edit with its tab stops at their defaults. */
const accept = (doc: TextDocument, item: CompletionItem) => {
  const e = item.textEdit as TextEdit;
  assert.ok(e && 'range' in e, `${item.label} has a text edit`);
  return TextDocument.applyEdits(doc, [{ range: e.range, newText: withDefaults(e.newText) }]);
};
const SKELETONS = [
  'HOP-DPI-Va2 avance',
  'HOP-DPI-Va2 solde',
  'HOP-PFI-Va2 avance',
  'HOP-PFI-Va2 solde',
  'IMG-DB-Va2 avance',
  'IMG-DB-Va2 solde',
  'IMG-RIS-Va2 avance',
  'IMG-RIS-Va2 solde',
  'MDV-LGC-Va1 avance',
  'MDV-LGC-Va2 avance',
  'MDV-LGC-Va2 solde',
].map((s) => `Ségur ${s}`);

test('an empty JSON document is offered the eleven skeletons; each one inserted is strict JSON of its SONS and kind', async () => {
  for (const [n, text] of ['', '\n', 'seg', '  seg\n'].entries()) {
    const doc = c.open(`untitled:Untitled-${n + 1}`, text);
    const items = await complete(doc, text.includes('seg') ? text.indexOf('seg') + 3 : text.length);
    assert.deepEqual(items.map((i) => i.label).sort(), SKELETONS, JSON.stringify(text));
    for (const item of items) {
      const inserted = accept(doc, item);
      const value = JSON.parse(inserted);
      const [, sons, kind] = String(item.label).split(' ');
      assert.ok(Array.isArray(value.lignesImport) && value.lignesImport.length === 1, `${item.label}: one request line`);
      assert.ok(kind === 'solde' ? 'facture' in value.lignesImport[0] : 'commande' in value.lignesImport[0], `${item.label}: ${kind} blocks`);
      assert.match(String(item.filterText), new RegExp(`^segur-${sons.toLowerCase()}-${kind}\\b`), 'filtered on its segur-… prefix');
    }
  }
});

test('a file named after its SONS and kind has that skeleton first (preselected)', async () => {
  const doc = c.open('untitled:IMG-RIS-Va2-solde.json', '');
  const items = (await complete(doc, 0)).sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
  assert.equal(items[0].label, 'Ségur IMG-RIS-Va2 solde');
  assert.equal(items[0].preselect, true);
  assert.equal(items.filter((i) => i.preselect).length, 1);
});

test('no Ségur snippet in package.json or tsconfig.json, empty or not, nor in another JSON file', async () => {
  const pkg = readFileSync(join(root, 'package.json'), 'utf8');
  const cases: [string, string, number][] = [
    [join(root, 'package.json'), '', 0],
    [join(root, 'package.json'), 'seg', 3],
    [join(root, 'tsconfig.json'), '', 0],
    // Typing `seg` as a key, as a value and as an array item of the real package.json.
    [join(root, 'package.json'), pkg.replace('"private": true,', '"private": true,\n  seg'), pkg.indexOf('"private": true,') + 21],
    [join(root, 'package.json'), pkg.replace('"private": true,', '"private": seg,'), pkg.indexOf('"private": true,') + 14],
    [join(root, 'package.json'), pkg.replace('"keywords": [', '"keywords": [ seg'), pkg.indexOf('"keywords": [') + 17],
    [join(root, 'data.json'), '{ "items": [ seg ] }', 16],
  ];
  for (const [file, text, offset] of cases) {
    const doc = c.open(file, text, 1);
    assert.deepEqual(
      segurSnippets(await complete(doc, offset)).map((i) => i.label),
      [],
      `${file} ${JSON.stringify(text.slice(Math.max(0, offset - 20), offset))}`,
    );
    c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
  }
});

/** `segur-etab` typed as the first item of the first `Etablissements` array of an example file. */
async function etablissementBlock(example: string) {
  const file = join(root, 'examples', example, 'solde.json');
  const text = readFileSync(file, 'utf8').replace('"Etablissements": [', '"Etablissements": [segur-etab');
  const doc = c.open(file.replace('solde.json', 'solde-typing.json'), text);
  const at = text.indexOf('segur-etab') + 'segur-etab'.length;
  const items = await complete(doc, at);
  c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
  return { doc, items };
}

test('IMG-RIS solde: `segur-etab` in Etablissements offers the IMG-RIS beneficiary only (no FINESSPMSI), and it makes strict JSON', async () => {
  const { doc, items } = await etablissementBlock('IMG-RIS-Va2');
  const snippets = segurSnippets(items);
  assert.deepEqual(
    snippets.map((i) => i.label),
    ['bloc Etablissements'],
  );
  const [block] = snippets;
  assert.match(String(block.filterText), /^segur-etablissements\b/);
  assert.equal(block.detail, 'Ségur IMG-RIS-Va2 solde');
  const edit = block.textEdit as TextEdit;
  assert.match(edit.newText, /"FINESGeos"/);
  assert.doesNotMatch(edit.newText, /FINESSPMSI/);
  const value = JSON.parse(accept(doc, block));
  const etabs = value.lignesImport[0].beneficiaires.Etablissements;
  assert.equal(etabs.length, 2, 'the new item before the existing one, comma added');
  assert.deepEqual(Object.keys(etabs[0]), ['nomStructure', 'FINESGeos', 'sirenClient', 'typeActivite']);
});

test('HOP-DPI solde: the same place offers the HOP-DPI beneficiary (FINESSPMSI)', async () => {
  const { items } = await etablissementBlock('HOP-DPI-Va2');
  const snippets = segurSnippets(items);
  assert.deepEqual(
    snippets.map((i) => [i.label, i.detail]),
    [['bloc Etablissements', 'Ségur HOP-DPI-Va2 solde']],
  );
  assert.match((snippets[0].textEdit as TextEdit).newText, /"FINESSPMSI"/);
});

test('a block after the last item gets its comma; value positions of a Ségur file get no snippet', async () => {
  const file = join(root, 'examples', 'IMG-RIS-Va2', 'solde.json');
  const full = readFileSync(file, 'utf8');
  const anchor = '"typeActivite": "Mixte"\n          }';
  const text = full.replace(anchor, `${anchor} seg`);
  const doc = c.open(file.replace('solde.json', 'solde-after.json'), text);
  const items = segurSnippets(await complete(doc, text.indexOf(`${anchor} seg`) + anchor.length + 4));
  assert.deepEqual(
    items.map((i) => i.label),
    ['bloc Etablissements'],
  );
  assert.equal(JSON.parse(accept(doc, items[0])).lignesImport[0].beneficiaires.Etablissements.length, 2);
  // A request line in lignesImport.
  const t2 = full.replace('"lignesImport": [', '"lignesImport": [\n    ');
  const d2 = c.open(file.replace('solde.json', 'solde-line.json'), t2);
  const lines = segurSnippets(await complete(d2, t2.indexOf('"lignesImport": [') + 22));
  assert.deepEqual(
    lines.map((i) => i.label),
    ['ligne de demande'],
  );
  assert.equal(JSON.parse(accept(d2, lines[0])).lignesImport.length, full.split('"numLigne"').length);
  // A value: no snippet.
  const t3 = full.replace('"typeActivite": "Mixte"', '"typeActivite": seg');
  const d3 = c.open(file.replace('solde.json', 'solde-value.json'), t3);
  assert.deepEqual(
    segurSnippets(await complete(d3, t3.indexOf('"typeActivite": seg') + 19)).map((i) => i.label),
    [],
  );
});
