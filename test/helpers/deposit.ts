/**
 * Real attachment files for the tests of the deposit (rules P1–P4 on disk, `check --attachments`, the editor's
 * setting): PDFs made by pdf-lib, a PNG whose chunks carry their CRC and a deflated pixel, a JPEG with its SOI,
 * JFIF header and EOI markers; and the IMG-RIS-Va2 solde example (three requests, six attachment names) beside a
 * folder of its files, everything right or with one defect per name.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePng } from '../../scripts/png.mjs';
import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';

const root = join(__dirname, '..', '..');

/** The solde example's attachment names, by request line, and where each `nomFichier` value is (1-based line). */
export const SOLDE_NAMES = [
  { name: 'IMG-RIS-Va2-FAC-RIS-2025-0412.pdf', line: 32 },
  { name: 'IMG-RIS-Va2-VA-RIS-2025-0412.pdf', line: 37 },
  { name: 'IMG-RIS-Va2-FAC-RIS-2025-0413.pdf', line: 84 },
  { name: 'IMG-RIS-Va2-VA-RIS-2025-0413.pdf', line: 89 },
  { name: 'IMG-RIS-Va2-FAC-RIS-2025-0420.pdf', line: 130 },
  { name: 'IMG-RIS-Va2-VA-RIS-2025-0420.pdf', line: 135 },
] as const;

export function soldeText(): string {
  return readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'solde.json'), 'utf8');
}

/** A PDF of `pages` pages (pdf-lib), optionally carrying `padding` incompressible bytes (a heavy scan). */
export async function pdfBytes(pages = 1, padding = 0, text = 'Facture'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([300, 300]).drawText(`${text} ${i + 1}`, { x: 20, y: 150 });
  if (padding > 0) await doc.attach(randomBytes(padding), 'scan.bin', { mimeType: 'application/octet-stream' });
  return doc.save({ addDefaultPage: false });
}

/** A 1×1 white PNG (signature, IHDR, IDAT, IEND). */
export function pngBytes(): Uint8Array {
  return encodePng(1, 1, Buffer.from([255, 255, 255]));
}

/** A JPEG's frame: SOI, the JFIF APP0 segment, EOI. */
export function jpegBytes(): Uint8Array {
  return Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
}

export interface Deposit {
  /** The temp folder holding the JSON. */
  dir: string;
  json: string;
  /** The attachments folder (`pj/` beside the JSON). */
  folder: string;
}

/** The solde example in a temp folder, and `pj/` with a right file for each of its names (PDFs of 1–2 pages). */
export async function goodDeposit(prefix = 'segur-deposit-'): Promise<Deposit> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const json = join(dir, 'IMG-RIS-Va2-solde.json');
  writeFileSync(json, soldeText());
  const folder = join(dir, 'pj');
  mkdirSync(folder);
  for (const [i, { name }] of SOLDE_NAMES.entries()) writeFileSync(join(folder, name), await pdfBytes(1 + (i % 2)));
  return { dir, json, folder };
}

/**
 * The four defects of the brief, one per name of the first two requests: the invoice of line 1 has no file, its VA
 * is a 5 MB scan, the invoice of line 2 is a PNG saved under a `.pdf` name, its VA a PDF cut in half. The third
 * request's files are right.
 */
export async function brokenDeposit(): Promise<Deposit & { expected: { code: string; line: number; name: string }[] }> {
  const d = await goodDeposit('segur-deposit-broken-');
  const [fac1, va1, fac2, va2] = SOLDE_NAMES;
  const { rmSync } = await import('node:fs');
  rmSync(join(d.folder, fac1.name));
  writeFileSync(join(d.folder, va1.name), await pdfBytes(1, 5_000_000));
  writeFileSync(join(d.folder, fac2.name), pngBytes());
  const whole = await pdfBytes(2);
  writeFileSync(join(d.folder, va2.name), whole.subarray(0, Math.floor(whole.length / 2)));
  return {
    ...d,
    expected: [
      { code: 'P1/missing', line: fac1.line, name: fac1.name },
      { code: 'P2/too-big', line: va1.line, name: va1.name },
      { code: 'P3/mismatch', line: fac2.line, name: fac2.name },
      { code: 'P4/truncated', line: va2.line, name: va2.name },
    ],
  };
}
