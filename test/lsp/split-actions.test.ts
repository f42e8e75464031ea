/**
 * The split code actions (server/src/server/handlers/splitActions.ts) through a real LSP client over stdio: on S9,
 * on S11 and on a file with errors, one workspace edit that keeps the first part in the document and creates the
 * others beside it (createFile, then their text); each file, applied as the editor would, checks without the finding.
 * A client that cannot create files is offered none.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol/node';
import { check, SONS_TABLE } from '../../server/src/segur.ts';
import { startClient, root, type Client } from '../helpers/lsp-client.ts';

const MAX = SONS_TABLE.maxRequestsPerFile;
const bench = import(pathToFileURL(join(root, 'bench', 'generate.mjs')).href) as Promise<{ generate: (sons: string, kind: string, n: number) => string }>;
const clients: Client[] = [];
after(async () => {
  for (const c of clients) await c.stop();
});

/** The files after the action, as an editor applies its documentChanges: uri → text. */
function apply(doc: TextDocument, action: CodeAction): Map<string, string> {
  const files = new Map<string, string>([[doc.uri, doc.getText()]]);
  for (const change of action.edit!.documentChanges!) {
    if ('kind' in change) {
      const c = change as CreateFile;
      assert.equal(c.kind, 'create');
      assert.ok(!files.has(c.uri), 'a new file');
      assert.equal(c.options?.overwrite, false, 'never over an existing file');
      files.set(c.uri, '');
    } else {
      const e = change as TextDocumentEdit;
      assert.ok(files.has(e.textDocument.uri), 'edits a document that exists or was just created');
      const current = TextDocument.create(e.textDocument.uri, 'json', 0, files.get(e.textDocument.uri)!);
      files.set(e.textDocument.uri, TextDocument.applyEdits(current, e.edits as TextEdit[]));
    }
  }
  return files;
}

async function actionsFor(client: Client, file: string, text: string, code: (d: Diagnostic) => boolean): Promise<{ doc: TextDocument; actions: CodeAction[] }> {
  writeFileSync(file, text);
  const doc = client.open(file, text);
  const diagnostics = (await client.pull(doc.uri)).filter(code);
  assert.ok(diagnostics.length > 0, 'the diagnostics the action is for');
  return { doc, actions: await client.codeActions(doc, diagnostics[0].range, diagnostics) };
}

test('S9: « Répartir les demandes en fichiers de 200 au plus » keeps the first part and creates the next one', async () => {
  const client = await startClient({ pull: true, createFiles: true });
  clients.push(client);
  const { generate } = await bench;
  const dir = mkdtempSync(join(tmpdir(), 'segur-split-lsp-'));
  const file = join(dir, 'lot.json');
  const { doc, actions } = await actionsFor(client, file, generate('IMG-RIS-Va2', 'avance', MAX + 5), (d) => d.code === 'S9');
  const split = actions.filter((a) => a.title.startsWith('Répartir les demandes'));
  assert.equal(split.length, 1, actions.map((a) => a.title).join(' | '));
  assert.equal(split[0].title, `Répartir les demandes en fichiers de ${MAX} au plus (1 nouveau fichier)`);
  const files = apply(doc, split[0]);
  assert.deepEqual([...files.keys()], [doc.uri, pathToFileURL(join(dir, 'lot-2.json')).href]);
  const counts = [...files.values()].map((t) => JSON.parse(t).lignesImport.length);
  assert.deepEqual(counts, [MAX, 5]);
  for (const t of files.values())
    assert.deepEqual(
      check(t)
        .findings.filter((f) => f.severity === 'error')
        .map((f) => f.code),
      [],
    );
});

test('S11 and errors: « Séparer par régime de TVA », « Extraire les demandes en erreur dans un autre fichier »', async () => {
  const client = await startClient({ pull: true, createFiles: true, locale: 'en' });
  clients.push(client);
  const { generate } = await bench;
  const dir = mkdtempSync(join(tmpdir(), 'segur-split-lsp-'));
  const doc0 = JSON.parse(generate('IMG-RIS-Va2', 'avance', 6));
  Object.assign(doc0.lignesImport[4].commande, { regimeTVA: 'HT', tauxTVA: 0 });
  // An existing file of the first name: the new one gets another.
  writeFileSync(join(dir, 'mix-tva-ht-0.json'), '{}');
  const vat = await actionsFor(client, join(dir, 'mix.json'), JSON.stringify(doc0, null, 2) + '\n', (d) => d.code === 'S11');
  const byVat = vat.actions.find((a) => a.title === 'Split the requests by VAT regime (1 new file)');
  assert.ok(byVat, vat.actions.map((a) => a.title).join(' | '));
  const vatFiles = apply(vat.doc, byVat);
  assert.deepEqual([...vatFiles.keys()].slice(1), [pathToFileURL(join(dir, 'mix-tva-ht-0.2.json')).href]);
  assert.deepEqual(
    [...vatFiles.values()].map((t) => JSON.parse(t).lignesImport.map((l: { commande: { regimeTVA: string } }) => l.commande.regimeTVA)),
    [['TTC', 'TTC', 'TTC', 'TTC', 'TTC'], ['HT']],
  );
  for (const t of vatFiles.values()) assert.ok(!check(t).findings.some((f) => f.code === 'S11'));
  // The S11 error is on the line of the other regime: the errors action moves it too.
  const moved = vat.actions.find((a) => a.title === 'Move the requests with errors to another file');
  assert.ok(moved);
  const movedFiles = apply(vat.doc, moved);
  assert.deepEqual([...movedFiles.keys()].slice(1), [pathToFileURL(join(dir, 'mix-a-corriger.json')).href]);
  assert.deepEqual(
    [...movedFiles.values()].map((t) => JSON.parse(t).lignesImport.map((l: { numLigne: number }) => l.numLigne)),
    [[1, 2, 3, 4, 5], [1]],
  );
});

test('a client that cannot create files is offered no split', async () => {
  const client = await startClient({ pull: true });
  clients.push(client);
  const { generate } = await bench;
  const dir = mkdtempSync(join(tmpdir(), 'segur-split-lsp-'));
  const { actions } = await actionsFor(client, join(dir, 'lot.json'), generate('IMG-RIS-Va2', 'avance', MAX + 1), (d) => d.code === 'S9');
  assert.deepEqual(
    actions.filter((a) => a.edit?.documentChanges),
    [],
  );
});
