/**
 * The server with a broken template in `segur.templates.folder`: the document still gets the
 * diagnostics of the bundled model (it was left without any), and the file left out is reported once, by one
 * window/showMessage warning naming it, not again on each edit. Real LSP client over stdio.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, startClient } from '../helpers/lsp-client.ts';

test('a learned template with "properties": null: the bundled model applies, one warning names the file', async () => {
  const folder = join(root, 'test', 'templates', 'hostile', 'properties-null');
  const c = await startClient({ settings: { segur: { validate: { debounceMs: 10 }, templates: { folder } } } });
  try {
    const file = join(root, 'test', 'fixtures', 'IMG-RIS-Va2', 'S2-null-block.json');
    let text = readFileSync(file, 'utf8');
    const { uri } = c.open(file, text);
    // The fixture is a solde opened alone: C8's information follows its own finding.
    assert.deepEqual(
      (await c.waitPush(uri, (p) => p.version === 1)).diagnostics.map((d) => d.code),
      ['S2/null-block', 'C8/no-avance'],
    );
    for (let v = 2; v <= 4; v++) {
      text += ' ';
      c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
      await new Promise((r) => setTimeout(r, 30));
    }
    assert.deepEqual(
      (await c.waitPush(uri, (p) => p.version === 4)).diagnostics.map((d) => d.code),
      ['S2/null-block', 'C8/no-avance'],
    );
    const { messages, logs } = c;
    assert.equal(messages.length, 1, JSON.stringify(messages));
    assert.equal(messages[0].type, 2, 'a warning');
    assert.equal(logs.filter((l) => l.includes('IMG-RIS-Va2.solde.template.json')).length, 1, 'one log line');
    assert.match(
      messages[0].message,
      /^Modèles officiels \(segur\.templates\.folder\) ignorés : .*properties-null\/IMG-RIS-Va2\.solde\.template\.json : le modèle appris, à \/properties\/lignesImport\/items\/properties : /,
    );
  } finally {
    await c.stop();
  }
});

test('a SONS outside the bundle (BIO-SGL-Va2) from the blank in segur.templates.folder: detected, S2/S3/S5 from the template', async () => {
  const folder = join(root, 'test', 'templates', 'unknown-sons');
  const c = await startClient({ settings: { segur: { validate: { debounceMs: 10 }, templates: { folder } } } });
  try {
    const doc = JSON.parse(readFileSync(join(folder, 'BIO-SGL-Va2.avance.example.json'), 'utf8'));
    const { uri } = c.open('untitled:demande-bio', JSON.stringify(doc, null, 2));
    assert.deepEqual(
      (await c.waitPush(uri, (p) => p.version === 1)).diagnostics.filter((d) => /^S[2-8]/.test(String(d.code))),
      [],
    );
    const detection = c.detections.get(uri)?.at(-1) as { detection: { sons?: string; kind?: string; corridor?: string } } | undefined;
    assert.equal(detection?.detection.sons, 'BIO-SGL-Va2');
    assert.equal(detection?.detection.corridor, 'BIO');
    const line = doc.lignesImport[0];
    delete line.commande.nombreAutomates;
    line.beneficiaires.laboratoire = line.beneficiaires.laboratoires;
    delete line.beneficiaires.laboratoires;
    line.piecesJustificatives = null;
    c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: JSON.stringify(doc, null, 2) }] });
    const pushed = (await c.waitPush(uri, (p) => p.version === 2)).diagnostics;
    assert.deepEqual(pushed.map((d) => d.code).sort(), ['S2/null-block', 'S3/missing-tag', 'S5']);
    for (const d of pushed) assert.equal((d.data as { provenance?: { kind: string } } | undefined)?.provenance?.kind, 'template', JSON.stringify(d));
    assert.deepEqual(c.messages, [], 'the folder loads without a warning');
  } finally {
    await c.stop();
  }
});
