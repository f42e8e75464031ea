/**
 * « Préparer le dépôt » in the editor (`segur/prepareDeposit`, server/handlers/depositCommand.ts) over a real LSP client
 * on stdio, on the IMG-RIS-Va2 solde example with real PDFs: a folder is proposed beside the JSON's folder, then the
 * package is written where the user chose (one ZIP per request, the JSON, the manifest); a missing attachment blocks
 * it (the finding on its line, with its name) and nothing is written; without the setting, the attachments are looked
 * for beside the JSON, as on the command line; a target inside the attachments folder is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PrepareDepositRequest, type ResultOf } from '../../server/src/protocol/protocol.ts';
import { startClient } from '../helpers/lsp-client.ts';
import { goodDeposit, pdfBytes, SOLDE_NAMES, soldeText } from '../helpers/deposit.ts';

type Answer = ResultOf<typeof PrepareDepositRequest>;

test('a deposit without error: a folder proposed beside the JSON, then the package written there', async () => {
  const d = await goodDeposit('segur-deposit-editor-');
  const c = await startClient({ workspace: d.dir, settings: { segur: { validate: { debounceMs: 10 }, attachments: { folder: 'pj' } } } });
  try {
    const { uri } = c.open(d.json, soldeText());
    const ask = (await c.conn.sendRequest(PrepareDepositRequest.method, { uri })) as Answer;
    assert.deepEqual(ask, { status: 'choose', proposed: join(dirname(d.dir), 'depot-IMG-RIS-Va2-solde') });
    const target = join(d.dir, 'depot');
    const done = (await c.conn.sendRequest(PrepareDepositRequest.method, { uri, target })) as Answer;
    assert.equal(done.status, 'written', JSON.stringify(done));
    assert.deepEqual(done.status === 'written' && [done.zips, done.files, done.message], [
      3,
      6,
      '3 ZIP (6 pièces), IMG-RIS-Va2-solde.json et manifest.json écrits',
    ]);
    const doc = JSON.parse(soldeText()) as { lignesImport: { numeroEditeur: string; numLigne: number }[] };
    const zips = doc.lignesImport.map((l) => `${l.numeroEditeur}_${l.numLigne}.zip`);
    assert.deepEqual(readdirSync(target).sort(), [...zips, 'IMG-RIS-Va2-solde.json', 'manifest.json'].sort());
    // Once written, the same folder is refused.
    const again = (await c.conn.sendRequest(PrepareDepositRequest.method, { uri, target })) as Answer;
    assert.equal(again.status, 'error');
    assert.match(again.message ?? '', /existe déjà/);
  } finally {
    await c.stop();
  }
});

test('a missing attachment blocks the deposit: its finding on its line with its name, nothing written; a target in the attachments folder is refused', async () => {
  const d = await goodDeposit('segur-deposit-editor-missing-');
  rmSync(join(d.folder, SOLDE_NAMES[0].name));
  const c = await startClient({ workspace: d.dir, settings: { segur: { validate: { debounceMs: 10 }, attachments: { folder: 'pj' } } } });
  try {
    const { uri } = c.open(d.json, soldeText());
    const target = join(d.dir, 'depot');
    for (const params of [{ uri }, { uri, target }]) {
      const r = (await c.conn.sendRequest(PrepareDepositRequest.method, params)) as Answer;
      assert.equal(r.status, 'blocked', JSON.stringify(r));
      assert.deepEqual(r.status === 'blocked' && r.blockers.map((b) => [b.code, b.line + 1, b.attachment]), [
        ['P1/missing', SOLDE_NAMES[0].line, SOLDE_NAMES[0].name],
      ]);
      assert.match(r.message ?? '', /^1 erreur\(s\) bloquent le dépôt/);
    }
    assert.ok(!existsSync(target), 'nothing written');
    // Made good again, a target inside pj/ is still refused.
    writeFileSync(join(d.folder, SOLDE_NAMES[0].name), await pdfBytes(1));
    const inside = (await c.conn.sendRequest(PrepareDepositRequest.method, { uri, target: join(d.folder, 'depot') })) as Answer;
    assert.equal(inside.status, 'error');
    assert.match(inside.message ?? '', /dans le dossier des pièces justificatives/);
    assert.deepEqual(readdirSync(d.folder).sort(), SOLDE_NAMES.map((n) => n.name).sort());
  } finally {
    await c.stop();
  }
});

test('without segur.attachments.folder, the attachments are looked for beside the JSON (as `segur-json package`)', async () => {
  const d = await goodDeposit('segur-deposit-editor-nosetting-');
  const c = await startClient({ workspace: d.dir, locale: 'en' });
  try {
    const { uri } = c.open(d.json, soldeText());
    const r = (await c.conn.sendRequest(PrepareDepositRequest.method, { uri })) as Answer;
    assert.equal(r.status, 'blocked');
    assert.deepEqual(
      r.status === 'blocked' && r.blockers.map((b) => [b.code, b.attachment]),
      SOLDE_NAMES.map((n) => ['P1/missing', n.name]),
    );
    assert.match(r.message ?? '', /^6 error\(s\) block the deposit/);
  } finally {
    await c.stop();
  }
});
