/**
 * io/pdf.ts: the merged PDF opens again with pdf-lib, has 1 + the parts' pages, its first page is the summary that
 * names each part and its pages (French, then English), then the parts in order; a part that is not PDF/JPEG/PNG,
 * encrypted or broken is refused by name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import { formatOf, mergePdf, PdfPartError, MAX_PARTS } from '../../server/src/io/pdf.ts';
import { encryptedPdf, jpegOf, pageTexts, pdfOf, pngOf } from '../helpers/pdf-parts.ts';

test('formats by signature: PDF, JPEG, PNG; anything else none', async () => {
  assert.equal(formatOf(await pdfOf(1)), 'pdf');
  assert.equal(formatOf(jpegOf()), 'jpeg');
  assert.equal(formatOf(pngOf(2, 2)), 'png');
  assert.equal(formatOf(Buffer.from('GIF89a')), undefined);
  assert.equal(formatOf(new Uint8Array(0)), undefined);
});

test('two PDFs, a PNG and a JPEG: 1 + 3 + 2 + 1 + 1 pages, the summary first, each part at its range', async () => {
  const parts = [
    { name: 'facture-1.pdf', bytes: await pdfOf(3, 'facture-1') },
    { name: 'facture-2.pdf', bytes: await pdfOf(2, 'facture-2') },
    { name: 'scan.png', bytes: pngOf(1200, 800) },
    // A view into a larger buffer (as node's Buffer pool gives for a small file): read at its own offset.
    { name: 'photo.jpg', bytes: Buffer.concat([Buffer.alloc(13), jpegOf()]).subarray(13) },
  ];
  const merged = await mergePdf(parts, 'FACTURES_RIS-2025-0412.pdf');
  assert.equal(merged.pages, 8);
  assert.deepEqual(
    merged.ranges.map((r) => [r.name, r.first, r.last, r.format]),
    [
      ['facture-1.pdf', 2, 4, 'pdf'],
      ['facture-2.pdf', 5, 6, 'pdf'],
      ['scan.png', 7, 7, 'png'],
      ['photo.jpg', 8, 8, 'jpeg'],
    ],
  );
  const doc = await PDFDocument.load(merged.bytes);
  assert.equal(doc.getPageCount(), 8);
  const summary = pageTexts(doc.getPage(0));
  assert.equal(summary[0], 'Récapitulatif du document');
  assert.equal(summary[1], 'Summary of the document');
  assert.ok(summary.includes('FACTURES_RIS-2025-0412.pdf'));
  assert.ok(summary.includes("Ce PDF réunit 4 pièces (8 pages avec ce récapitulatif), dans l'ordre ci-dessous."), summary.join('\n'));
  assert.ok(summary.includes('This PDF joins 4 parts (8 pages with this summary), in the order below.'));
  // Each row: its number, its file name, its pages.
  const rows = summary.slice(summary.indexOf('Pages') + 1, summary.length - 1);
  assert.deepEqual(rows, ['1', 'facture-1.pdf', '2–4', '2', 'facture-2.pdf', '5–6', '3', 'scan.png', '7', '4', 'photo.jpg', '8']);
  // The parts follow in order, their own text unchanged.
  assert.deepEqual(pageTexts(doc.getPage(1)), ['facture-1 1']);
  assert.deepEqual(pageTexts(doc.getPage(3)), ['facture-1 3']);
  assert.deepEqual(pageTexts(doc.getPage(4)), ['facture-2 1']);
  // A landscape image gets a landscape A4 page, scaled to fit within the margins.
  const { width, height } = doc.getPage(6).getSize();
  assert.ok(width > height);
  assert.equal(Math.round(width), 842);
});

test('names the summary cannot write (outside WinAnsi) and long names: still written, shortened and marked', async () => {
  const long = 'x'.repeat(300) + '.pdf';
  const merged = await mergePdf([
    { name: 'facture 東京.pdf', bytes: await pdfOf(1) },
    { name: long, bytes: await pdfOf(1) },
  ]);
  const summary = pageTexts((await PDFDocument.load(merged.bytes)).getPage(0));
  assert.ok(summary.includes('facture ??.pdf'), summary.join('|'));
  const cut = summary.find((s) => s.startsWith('xxx') && s.includes('…'));
  assert.ok(cut && cut.endsWith('.pdf') && cut.length < long.length);
});

test('refused by name: not PDF/JPEG/PNG, encrypted, broken, without pages, too many parts', async () => {
  const refusal = async (parts: { name: string; bytes: Uint8Array }[]) => {
    try {
      await mergePdf(parts);
    } catch (e) {
      assert.ok(e instanceof PdfPartError, String(e));
      return `${e.part}: ${e.reason.fr} / ${e.reason.en}`;
    }
    assert.fail('not refused');
  };
  const ok = { name: 'ok.pdf', bytes: await pdfOf(1) };
  assert.match(await refusal([ok, { name: 'a.gif', bytes: Buffer.from('GIF89a\x01\x00\x01\x00') }]), /^a\.gif: ni PDF, ni JPEG, ni PNG/);
  assert.match(await refusal([ok, { name: 'lock.pdf', bytes: await encryptedPdf() }]), /^lock\.pdf: PDF chiffré ou protégé par un mot de passe/);
  assert.match(await refusal([{ name: 'bad.pdf', bytes: Buffer.from('%PDF-1.7\nnot a pdf at all\n%%EOF') }]), /^bad\.pdf: fichier PDF endommagé ou illisible/);
  assert.match(await refusal([{ name: 'bad.png', bytes: pngOf(2, 2).slice(0, 40) }]), /^bad\.png: fichier PNG endommagé/);
  assert.match(await refusal([{ name: 'bad.jpg', bytes: Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]) }]), /^bad\.jpg: fichier JPEG endommagé/);
  const tooMany = Array.from({ length: MAX_PARTS + 1 }, (_, i) => ({ name: `p${i}.png`, bytes: pngOf(1, 1) }));
  assert.match(await refusal(tooMany), new RegExp(`plus de ${MAX_PARTS} pièces`));
  // The most parts: one summary page still.
  const most = await mergePdf(tooMany.slice(0, MAX_PARTS));
  assert.equal(most.pages, 1 + MAX_PARTS);
  const rows = pageTexts((await PDFDocument.load(most.bytes)).getPage(0));
  assert.ok(rows.includes(`p${MAX_PARTS - 1}.png`) && rows.includes(String(1 + MAX_PARTS)));
});
