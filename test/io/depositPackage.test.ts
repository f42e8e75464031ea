/**
 * io/depositPackage.ts on real files (the IMG-RIS-Va2 solde example and real PDFs): the findings of a check with the
 * attachments folder decide; an error (here a missing attachment) refuses the deposit with the attachment named and
 * nothing written; without error, one ZIP per request holding exactly its files, the JSON byte for byte, the manifest;
 * an existing target or one inside the attachments folder is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { check } from '../../server/src/segur.ts';
import { attachmentFactsOf } from '../../server/src/io/attachmentFacts.ts';
import { prepareDeposit, targetRefusal } from '../../server/src/io/depositPackage.ts';
import { PackageError } from '../../server/src/io/zipPackage.ts';
import { goodDeposit, SOLDE_NAMES } from '../helpers/deposit.ts';

async function checked(json: string, folder: string) {
  const bytes = readFileSync(json);
  const text = bytes.toString('utf8');
  const options = { fileName: json };
  const findings = check(text, { ...options, attachments: await attachmentFactsOf(text, options, folder) }).findings;
  return { bytes, findings };
}

test('an error left (a missing attachment) refuses the deposit: the finding with its attachment, nothing written', async () => {
  const d = await goodDeposit('segur-deposit-pkg-missing-');
  rmSync(join(d.folder, SOLDE_NAMES[2].name));
  const { bytes, findings } = await checked(d.json, d.folder);
  const target = join(d.dir, 'depot');
  const r = await prepareDeposit({ jsonPath: d.json, bytes, folder: d.folder, findings, target });
  assert.equal(r.status, 'blocked');
  assert.deepEqual(r.status === 'blocked' && r.blockers.map((b) => [b.finding.code, b.attachment]), [['P1/missing', SOLDE_NAMES[2].name]]);
  assert.ok(!existsSync(target), 'nothing written');
  assert.deepEqual(readdirSync(d.dir).sort(), ['IMG-RIS-Va2-solde.json', 'pj']);
});

test('no error: one ZIP per request holding exactly its files, the JSON byte for byte, the manifest', async () => {
  const d = await goodDeposit('segur-deposit-pkg-good-');
  const { bytes, findings } = await checked(d.json, d.folder);
  assert.deepEqual(
    findings.filter((f) => f.severity === 'error'),
    [],
  );
  const target = join(d.dir, 'out', 'depot');
  const r = await prepareDeposit({ jsonPath: d.json, bytes, folder: d.folder, findings, target });
  assert.equal(r.status, 'written');
  const doc = JSON.parse(bytes.toString('utf8')) as {
    lignesImport: { numLigne: number; numeroEditeur: string; piecesJustificatives: { nomFichier: string }[] }[];
  };
  const zips = doc.lignesImport.map((l) => `${l.numeroEditeur}_${l.numLigne}.zip`);
  assert.deepEqual(r.status === 'written' && [r.zips, r.files], [3, 6]);
  assert.deepEqual(readdirSync(target).sort(), [...zips, 'IMG-RIS-Va2-solde.json', 'manifest.json'].sort());
  assert.ok(readFileSync(join(target, 'IMG-RIS-Va2-solde.json')).equals(bytes));
  for (const [i, line] of doc.lignesImport.entries()) {
    const entries = unzipSync(readFileSync(join(target, zips[i])));
    const names = line.piecesJustificatives.map((p) => p.nomFichier);
    assert.deepEqual(Object.keys(entries), names);
    for (const n of names) assert.ok(Buffer.from(entries[n]).equals(readFileSync(join(d.folder, n))), n);
  }
  const manifest = JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8'));
  assert.deepEqual(
    manifest.requests.map((m: { zip: string }) => m.zip),
    zips,
  );
  // Once there, the same target is refused.
  await assert.rejects(
    prepareDeposit({ jsonPath: d.json, bytes, folder: d.folder, findings, target }),
    (e: unknown) => e instanceof PackageError && /existe déjà/.test(e.reason.fr),
  );
});

test('a target inside the attachments folder is refused, before anything is written', async () => {
  const d = await goodDeposit('segur-deposit-pkg-inside-');
  const { bytes, findings } = await checked(d.json, d.folder);
  const target = join(d.folder, 'depot');
  assert.match(targetRefusal(d.folder, target, 'pj/depot')?.en ?? '', /inside the attachments folder/);
  assert.equal(targetRefusal(d.folder, join(d.dir, 'depot'), 'depot'), undefined);
  await assert.rejects(
    prepareDeposit({ jsonPath: d.json, bytes, folder: d.folder, findings, target }),
    (e: unknown) => e instanceof PackageError && /dossier des pièces/.test(e.reason.fr),
  );
  assert.deepEqual(readdirSync(d.folder).sort(), SOLDE_NAMES.map((n) => n.name).sort());
});
