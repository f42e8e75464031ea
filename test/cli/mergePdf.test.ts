/**
 * `segur-json merge-pdf` (cli/mergePdf.ts) through the built CLI: the output (1 + the parts' pages, the summary
 * first) opens with pdf-lib, and with `pdfinfo` / `pdftotext` (poppler-utils) when they are installed; its name follows
 * V8's rule (50 characters, no accent or special character) and ends in .pdf; a part that cannot be joined, or an
 * output that is a part, is refused with exit 2 and nothing written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { encryptedPdf, jpegOf, pageTexts, pdfOf, pngOf } from '../helpers/pdf-parts.ts';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (args: string[], cwd = root) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
const has = (tool: string) => spawnSync('which', [tool], { encoding: 'utf8' }).status === 0;

async function parts(dir: string): Promise<string[]> {
  const files: [string, Uint8Array][] = [
    ['facture-janvier.pdf', await pdfOf(2, 'janvier')],
    ['facture-fevrier.pdf', await pdfOf(1, 'fevrier')],
    ['bon.png', pngOf(40, 60)],
    ['va.jpg', jpegOf()],
  ];
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
  return files.map(([name]) => join(dir, name));
}

test('merge-pdf: one PDF of 1 + 5 pages, the summary first naming each part and its pages', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-merge-'));
  const inputs = await parts(dir);
  const out = join(dir, 'FACTURE_RIS-2025-0412.pdf');
  const r = run(['merge-pdf', ...inputs, '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /FACTURE_RIS-2025-0412\.pdf : 6 pages \(récapitulatif, puis 4 pièces\)/);
  const doc = await PDFDocument.load(readFileSync(out));
  assert.equal(doc.getPageCount(), 6);
  const summary = pageTexts(doc.getPage(0));
  assert.equal(summary[0], 'Récapitulatif du document');
  const rows = summary.slice(summary.indexOf('Pages') + 1, summary.length - 1);
  assert.deepEqual(rows, ['1', 'facture-janvier.pdf', '2–3', '2', 'facture-fevrier.pdf', '4', '3', 'bon.png', '5', '4', 'va.jpg', '6']);
  assert.deepEqual(pageTexts(doc.getPage(3)), ['fevrier 1']);
  // No temporary file left beside it.
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.endsWith('.tmp')),
    [],
  );
  if (has('pdfinfo')) {
    const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' });
    assert.equal(info.status, 0, info.stderr);
    assert.match(info.stdout, /^Pages:\s+6$/m);
  }
  if (has('pdftotext')) {
    const text = spawnSync('pdftotext', ['-f', '1', '-l', '1', out, '-'], { encoding: 'utf8' });
    assert.match(text.stdout, /Récapitulatif du document/);
    assert.match(text.stdout, /facture-fevrier\.pdf/);
  }
});

test('merge-pdf: an output name V8 refuses, or not .pdf: exit 2 with the reason, nothing written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-merge-'));
  const inputs = await parts(dir);
  const cases: [string, RegExp][] = [
    ['facture-été.pdf', /lettres sans accent.*\(ex\. facture-ete\.pdf\).*unaccented letters/],
    ['facture janvier.pdf', /lettres sans accent/],
    [`${'f'.repeat(47)}.pdf`, /50 caractères au plus dans le nom d'une pièce justificative \(51 ici\)/],
    ['factures.png', /le fichier produit est un PDF, son nom finit par \.pdf/],
    ['factures', /son nom finit par \.pdf/],
  ];
  for (const [name, reason] of cases) {
    const r = run(['merge-pdf', ...inputs, '-o', join(dir, name)]);
    assert.equal(r.status, 2, name);
    assert.match(r.stderr, reason, name);
    assert.equal(existsSync(join(dir, name)), false, name);
  }
  // 50 characters exactly: allowed.
  assert.equal(run(['merge-pdf', inputs[0], '-o', join(dir, `${'f'.repeat(46)}.pdf`)]).status, 0);
});

test('merge-pdf: a part that cannot be joined, the output as a part, bad usage: exit 2, nothing written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-merge-'));
  const inputs = await parts(dir);
  const out = join(dir, 'VA.pdf');
  const bad: [string, Uint8Array | string, RegExp][] = [
    ['notes.txt', 'bonjour', /notes\.txt : ni PDF, ni JPEG, ni PNG/],
    ['protege.pdf', await encryptedPdf(), /protege\.pdf : PDF chiffré ou protégé par un mot de passe/],
    ['coupe.pdf', Buffer.from(await pdfOf(2)).subarray(0, 200), /coupe\.pdf : fichier PDF endommagé ou illisible/],
    ['vide.pdf', '', /vide\.pdf : ni PDF/],
  ];
  for (const [name, bytes, reason] of bad) {
    writeFileSync(join(dir, name), bytes);
    const r = run(['merge-pdf', inputs[0], join(dir, name), inputs[1], '-o', out]);
    assert.equal(r.status, 2, name);
    assert.match(r.stderr, reason);
    assert.match(r.stderr, /aucun PDF écrit/);
    assert.equal(existsSync(out), false, name);
  }
  let r = run(['merge-pdf', inputs[0], join(dir, 'absent.pdf'), '-o', out]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /absent\.pdf/);
  r = run(['merge-pdf', inputs[0], dir, '-o', out]);
  assert.equal(r.status, 2, 'a folder is no part');
  assert.equal(existsSync(out), false);
  // The output is one of the parts (by a link): refused before reading.
  const part = join(dir, 'PART.pdf');
  writeFileSync(part, await pdfOf(1));
  const link = join(dir, 'LIEN.pdf');
  symlinkSync(part, link);
  const before = readFileSync(part);
  r = run(['merge-pdf', part, inputs[1], '-o', link]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /est aussi une pièce/);
  assert.deepEqual(readFileSync(part), before);
  for (const args of [['-o', out], [inputs[0]], [inputs[0], '-o'], [inputs[0], '-o', out, '--nope']]) {
    assert.equal(run(['merge-pdf', ...args]).status, 2, args.join(' '));
  }
  assert.equal(existsSync(out), false);
});
