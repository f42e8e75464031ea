/**
 * server/src/io/attachmentFacts.ts: the facts of real files — an encrypted PDF and a PDF without a page (pdf-lib), the
 * kinds by first bytes, an empty file, a name listed twice read once; the names a document lists (by meaning).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { attachmentFactsBeside, attachmentNamesOf, besideListing, openPdf, readAttachmentFacts } from '../../server/src/io/attachmentFacts';
import { jpegBytes, pdfBytes, pngBytes, SOLDE_NAMES, soldeText } from '../helpers/deposit';

test('the names of the solde example, in order, with their ranges, line, format and éditeur number', () => {
  const text = soldeText();
  const names = attachmentNamesOf(text, { sons: 'IMG-RIS-Va2', kind: 'solde' });
  assert.deepEqual(
    names.map((n) => n.name),
    SOLDE_NAMES.map((n) => n.name),
  );
  for (const n of names) assert.equal(text.substr(n.offset, n.length), JSON.stringify(n.name));
  assert.deepEqual(names.map((n) => [n.lineIndex, n.format, n.editeur, n.numLigne]).slice(0, 3), [
    [0, 'PDF', 'RIS-2025-0412', '1'],
    [0, 'PDF', 'RIS-2025-0412', '1'],
    [1, 'PDF', 'RIS-2025-0413', '2'],
  ]);
  assert.deepEqual(attachmentNamesOf('{"name": "x"}'), [], 'not a Ségur file: no names');
  assert.deepEqual(attachmentNamesOf('{"lignesImport": [', { sons: 'IMG-RIS-Va2', kind: 'solde' }), [], 'broken syntax: no crash');
});

test('PDFs: whole and paged, encrypted, without a page, cut, not parseable', async () => {
  assert.deepEqual(await openPdf(await pdfBytes(3)), { state: 'ok', pages: 3 });
  const empty = await (await PDFDocument.create()).save({ addDefaultPage: false });
  assert.deepEqual(await openPdf(empty), { state: 'ok', pages: 0 });
  const one = await PDFDocument.create();
  one.addPage([100, 100]);
  // A classic trailer (no object streams) to add the /Encrypt entry an encrypting writer puts there.
  const plain = Buffer.from(await one.save({ useObjectStreams: false })).toString('latin1');
  assert.match(plain, /trailer\n<<\n/);
  const encrypted = Buffer.from(plain.replace('trailer\n<<\n', 'trailer\n<<\n/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>\n'), 'latin1');
  assert.deepEqual(await openPdf(encrypted), { state: 'encrypted' });
  const whole = await pdfBytes(2);
  assert.deepEqual(await openPdf(whole.subarray(0, whole.length >> 1)), { state: 'truncated' });
  assert.deepEqual(await openPdf(Buffer.from('%PDF-1.7\n1 0 obj <<< garbage\n%%EOF\n', 'latin1')), { state: 'broken' });
});

test('facts: kinds by first bytes, an empty file, a name asked twice read once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-io-attachments-'));
  writeFileSync(join(dir, 'a.png'), pngBytes());
  writeFileSync(join(dir, 'b.jpg'), jpegBytes());
  writeFileSync(join(dir, 'c.pdf'), Buffer.alloc(0));
  writeFileSync(join(dir, 'd.pdf'), 'PK\u0003\u0004 a docx');
  const facts = await readAttachmentFacts(dir, ['a.png', 'b.jpg', 'c.pdf', 'd.pdf', 'a.png', 'A.PNG']);
  assert.deepEqual(
    facts.map((f) => [f.name, f.state, f.kind, f.caseOf]),
    [
      ['a.png', 'found', 'PNG', undefined],
      ['b.jpg', 'found', 'JPEG', undefined],
      ['c.pdf', 'found', 'empty', undefined],
      ['d.pdf', 'found', 'other', undefined],
      ['A.PNG', 'missing', undefined, 'a.png'],
    ],
  );
  await assert.rejects(readAttachmentFacts(join(dir, 'a.png'), ['x.pdf']), /attachments folder unreadable \(ENOTDIR\)/);
});

test("attachmentFactsBeside: the JSON's own folder only when it holds one of the files named", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-beside-'));
  const json = join(dir, 'solde.json');
  writeFileSync(json, soldeText());
  writeFileSync(join(dir, 'other.json'), '{}');
  writeFileSync(join(dir, 'make.mjs'), '');
  // No PDF, JPEG or PNG there: the JSON is not even parsed for names.
  assert.equal(besideListing(json), undefined);
  assert.equal(await attachmentFactsBeside(soldeText(), {}, json), undefined);
  // A PDF that no request names: still nothing says the attachments are here.
  writeFileSync(join(dir, 'notice.pdf'), await pdfBytes(1));
  assert.deepEqual(besideListing(json)?.sort(), ['make.mjs', 'notice.pdf', 'other.json', 'solde.json']);
  assert.equal(await attachmentFactsBeside(soldeText(), {}, json), undefined);
  // One named file: every name is checked there, the absent ones missing.
  writeFileSync(join(dir, SOLDE_NAMES[0].name), await pdfBytes(1));
  const beside = await attachmentFactsBeside(soldeText(), {}, json);
  assert.equal(beside?.folder, dir);
  assert.deepEqual(
    beside?.facts.map((f) => f.state),
    SOLDE_NAMES.map((_, i) => (i === 0 ? 'found' : 'missing')),
  );
});
