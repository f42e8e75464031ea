/**
 * « Fusionner des PDF » (server/src/server/handlers/mergePdfRequest.ts) through a real LSP client over stdio: the code action
 * on a part's nomFichier, the name proposed, then the merge: a PDF of 1 + the parts' pages beside them (read back by
 * pdf-lib) and the JSON change as a workspace edit whose edit carries a change annotation that needs confirmation;
 * a name V8 refuses or a file that exists is asked again, and nothing is written then.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol/node';
import { PDFDocument } from 'pdf-lib';
import { MergePdfRequest, type MergePdfAnswer } from '../../server/src/protocol/protocol.ts';
import { startClient, type Client } from '../helpers/lsp-client.ts';
import { pdfOf, pngOf, TWO_INVOICES } from '../helpers/pdf-parts.ts';

const { FAC, FAC2, ORIGINAL, TWO } = TWO_INVOICES;

const clients: Client[] = [];
after(async () => {
  for (const c of clients) await c.stop();
});

test('segur/mergePdf: the action on a part, the name proposed, a PDF of 1 + parts pages, the edit to confirm', async () => {
  assert.notEqual(TWO, ORIGINAL);
  const dir = mkdtempSync(join(tmpdir(), 'segur-merge-lsp-'));
  const pj = join(dir, 'pj');
  mkdirSync(pj);
  writeFileSync(join(pj, FAC), await pdfOf(3, 'janvier'));
  writeFileSync(join(pj, FAC2), pngOf(30, 40));
  const client = await startClient({
    pull: true,
    workspace: dir,
    initializationOptions: { commands: true },
    settings: { segur: { validate: { debounceMs: 20 }, attachments: { folder: 'pj' } } },
  });
  clients.push(client);
  const file = join(dir, 'HOP-DPI-Va2-solde.json');
  writeFileSync(file, TWO);
  const doc = client.open(file, TWO);
  await client.pull(doc.uri);
  const position = doc.positionAt(TWO.indexOf(FAC2) + 2);
  const actions = await client.codeActions(doc, { start: position, end: position }, []);
  const action = actions.find((a) => a.command?.command === 'segur.mergePdf');
  assert.ok(action, JSON.stringify(actions.map((a) => a.title)));
  assert.deepEqual(action.command!.arguments, [doc.uri, position]);
  // No such action on a part alone of its type (the VA).
  const va = doc.positionAt(TWO.indexOf('HOP-DPI-Va2-VA-DPI-2025-0101.pdf') + 2);
  assert.ok(!(await client.codeActions(doc, { start: va, end: va }, [])).some((a) => a.command?.command === 'segur.mergePdf'));

  const ask = (name?: string) => client.conn.sendRequest<MergePdfAnswer>(MergePdfRequest.method, { uri: doc.uri, position, name });
  const first = await ask();
  assert.equal(first.status, 'name');
  assert.deepEqual(first.status === 'name' && first.parts, [FAC, FAC2]);
  assert.equal(first.status === 'name' && first.proposed, 'HOP-DPI-Va2-FAC-DPI-2025-0101-fusion.pdf');
  // Refused names are asked again, nothing written: V8's rule, a file that exists (a part).
  const accented = await ask('facturé.pdf');
  assert.equal(accented.status, 'name');
  assert.ok(accented.status === 'name' && accented.message);
  const taken = await ask(FAC);
  assert.equal(taken.status, 'name');
  assert.deepEqual(readdirSync(pj).sort(), [FAC, FAC2].sort());

  const done = await ask('FACTURES-0101.pdf');
  assert.equal(done.status, 'done', JSON.stringify(done));
  if (done.status !== 'done') return;
  assert.equal(done.pdf, join(pj, 'FACTURES-0101.pdf'));
  const pdf = await PDFDocument.load(readFileSync(done.pdf));
  assert.equal(pdf.getPageCount(), 1 + 3 + 1);
  assert.equal(done.pages, 5);
  const [change] = done.edit.documentChanges as TextDocumentEdit[];
  assert.equal(change.textDocument.uri, doc.uri);
  const edits = change.edits as (TextEdit & { annotationId?: string })[];
  assert.equal(edits.length, 1);
  const id = edits[0].annotationId!;
  assert.equal(done.edit.changeAnnotations![id].needsConfirmation, true);
  assert.equal(TextDocument.applyEdits(doc, edits), ORIGINAL.replace(`"${FAC}"`, '"FACTURES-0101.pdf"'));
  // The JSON on disk is the editor's to change (the edit), never written by the server.
  assert.equal(readFileSync(file, 'utf8'), TWO);
  // Asked again with the same name: the file exists now, never replaced.
  const again = await ask('FACTURES-0101.pdf');
  assert.equal(again.status, 'name');
  assert.ok(existsSync(done.pdf));
});
