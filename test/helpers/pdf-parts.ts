/**
 * Small parts for merge-pdf tests, made here: PDFs of n pages (pdf-lib), a PNG (scripts/png.mjs),
 * a baseline JPEG written byte by byte (one 8×8 grey block: a DC and an AC Huffman table of one code each), a PDF
 * that declares encryption, and the text a page draws (its content stream decoded, the strings read back).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from '../../scripts/png.mjs';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, StandardFonts, type PDFPage } from 'pdf-lib';

export async function pdfOf(pages: number, label = 'part'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([300, 400]).drawText(`${label} ${i + 1}`, { x: 20, y: 360, size: 14, font });
  return doc.save();
}

/** An RGB PNG of `w`×`h` pixels, all of one colour. */
export function pngOf(w: number, h: number): Uint8Array {
  return encodePng(w, h, Buffer.alloc(w * h * 3, 0x66));
}

/** A baseline JPEG of one 8×8 grey block: SOI, DQT, SOF0, DHT (DC, AC), SOS, the block's bits, EOI. */
export function jpegOf(): Uint8Array {
  const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const oneCode = (cls: number) => [cls, 1, ...new Array(15).fill(0), 0];
  return Uint8Array.from([
    0xff,
    0xd8,
    ...seg(0xdb, [0, ...new Array(64).fill(1)]),
    ...seg(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    ...seg(0xc4, oneCode(0x00)),
    ...seg(0xc4, oneCode(0x10)),
    ...seg(0xda, [1, 1, 0x00, 0, 63, 0]),
    // DC category 0 (code 0), then end of block (code 0), padded with ones.
    0x3f,
    0xff,
    0xd9,
  ]);
}

/** A PDF whose trailer declares it encrypted (the standard security handler): what a protected invoice is to a reader. */
export async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([300, 400]);
  const text = Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1');
  // In the trailer, after the cross-reference table: no offset moves.
  return Buffer.from(
    text.replace(/trailer\s*<</, (m) => `${m}\n/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>`),
    'latin1',
  );
}

/** The strings a page draws (`<hex> Tj` as pdf-lib writes them), decoded as WinAnsi, one per drawText. */
export function pageTexts(page: PDFPage): string[] {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => page.doc.context.lookup(r)) : [contents];
  const out: string[] = [];
  // WinAnsi is Latin-1 but for 0x80–0x9F, of which the summary writes the dash and the ellipsis.
  const winAnsi: Record<number, string> = { 0x96: '–', 0x97: '—', 0x85: '…', 0x92: '’', 0x80: '€' };
  const decode = (bytes: Buffer) => Array.from(bytes, (b) => winAnsi[b] ?? String.fromCharCode(b)).join('');
  for (const s of streams) {
    if (!(s instanceof PDFRawStream)) continue;
    const ops = Buffer.from(decodePDFRawStream(s).decode()).toString('latin1');
    for (const m of ops.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) out.push(decode(Buffer.from(m[1], 'hex')));
  }
  return out;
}

const FAC = 'HOP-DPI-Va2-FAC-DPI-2025-0101.pdf';
const FAC2 = 'HOP-DPI-Va2-FAC-DPI-2025-0101-b.png';
const ORIGINAL = readFileSync(join(__dirname, '..', '..', 'examples', 'HOP-DPI-Va2', 'solde.json'), 'utf8');
/**
 * examples/HOP-DPI-Va2/solde.json (ORIGINAL) and the same file whose first request names a second invoice, a PNG
 * (FAC2), right after the first one (FAC): two parts of one type to merge (TWO).
 */
export const TWO_INVOICES = {
  FAC,
  FAC2,
  ORIGINAL,
  TWO: ORIGINAL.replace(
    `"nomFichier": "${FAC}",\n          "formatFichier": "PDF",\n          "typeFichier": "FACTURE"\n        },`,
    `"nomFichier": "${FAC}",\n          "formatFichier": "PDF",\n          "typeFichier": "FACTURE"\n        },\n        {\n          "nomFichier": "${FAC2}",\n          "formatFichier": "PNG",\n          "typeFichier": "FACTURE"\n        },`,
  ),
};
