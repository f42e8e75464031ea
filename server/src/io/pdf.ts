/**
 * One PDF per kind of document (source 004: « on n'attend qu'un seul document informatique Facture. Il faut donc
 * concaténer toutes les factures en un seul PDF … Vous ajoutez également en 1ere page du PDF un récapitulatif
 * permettant une lecture aisée du document total », the same for the VA). The parts — PDFs, JPEG or PNG images —
 * follow a generated summary page that names each part (its file name) and its page range in the output, French
 * first, English too. Built with pdf-lib; the layout of the summary is ours (no source gives one: modelled).
 */
import { readFileSync, statSync } from 'node:fs';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Localized } from '../segur';
import { errnoReason } from './atomicWrite';
import { kindOf, notRegular } from './files';
import { checkFileName, FILE_NAME_MAX_LENGTH } from '../identifiers/fileName';

// The merged PDF's name (the CLI's -o, the editor's input box) is a pièce justificative's name (V8).
/** Why `name` cannot be the output's name (V8's rule, then the `.pdf` extension), if it cannot. */
export function outputNameProblem(name: string): Localized | undefined {
  const c = checkFileName(name);
  if (!c.ok) {
    const suggestion = c.suggestion ? ` (ex. ${c.suggestion})` : '';
    if (c.reason === 'length')
      return {
        fr: `${name} : ${FILE_NAME_MAX_LENGTH} caractères au plus dans le nom d'une pièce justificative (${name.length} ici)`,
        en: `${name}: at most ${FILE_NAME_MAX_LENGTH} characters in an attachment's name (${name.length} here)`,
      };
    if (!/\.pdf$/i.test(name))
      return { fr: `${name} : le fichier produit est un PDF, son nom finit par .pdf`, en: `${name}: the output is a PDF, its name ends in .pdf` };
    return {
      fr: `${name} : ${c.hint ?? 'nom refusé'}${suggestion}`,
      en: `${name}: unaccented letters, digits, dot, dash and underscore only in an attachment's name${suggestion}`,
    };
  }
  if (!/\.pdf$/i.test(name))
    return { fr: `${name} : le fichier produit est un PDF, son nom finit par .pdf`, en: `${name}: the output is a PDF, its name ends in .pdf` };
  return undefined;
}

export type PartFormat = 'pdf' | 'jpeg' | 'png';

/** A part that cannot be joined (not a PDF/JPEG/PNG, encrypted, broken, unreadable), named as the user gave it. */
export class PdfPartError extends Error {
  constructor(
    readonly part: string,
    readonly reason: Localized,
  ) {
    super(reason.en);
  }
}

export interface PdfPart {
  /** The name the summary shows (the part's file name). */
  name: string;
  bytes: Uint8Array;
}

export interface MergedPdf {
  bytes: Uint8Array;
  /** Pages of the output: 1 (the summary) + the parts' pages. */
  pages: number;
  /** Each part's pages in the output, 1-based and inclusive. */
  ranges: { name: string; first: number; last: number; format: PartFormat }[];
}

/** What the bytes are, by their signature (never by the name): `%PDF-` near the start, JPEG SOI, PNG's 8 bytes. */
export function formatOf(bytes: Uint8Array): PartFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  // PDF readers accept the header within the first kilobyte (some generators put bytes before it).
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  return undefined;
}

/** The bytes of a part: a regular file only (a FIFO or a device is never opened), with the reason when it is not. */
export function readPart(path: string): Uint8Array {
  let kind;
  try {
    kind = kindOf(statSync(path));
  } catch (e) {
    throw new PdfPartError(path, errnoReason(e));
  }
  if (kind !== 'file') throw new PdfPartError(path, notRegular(kind));
  try {
    // A copy with a buffer of its own: pdf-lib reads a JPEG through a DataView over `bytes.buffer`, ignoring the
    // offset of a Buffer taken from node's shared pool (a small file).
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new PdfPartError(path, errnoReason(e));
  }
}

// A4, in points: the size of the summary and of a page made for an image.
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;

const NOT_SUPPORTED: Localized = {
  fr: "ni PDF, ni JPEG, ni PNG (les formats acceptés par le portail : 001) : convertissez-le d'abord",
  en: 'neither PDF, JPEG nor PNG (the formats the portal accepts: 001): convert it first',
};
const ENCRYPTED: Localized = {
  fr: 'PDF chiffré ou protégé par un mot de passe : il ne peut pas être joint ; enregistrez-en une copie sans protection',
  en: 'encrypted or password-protected PDF: it cannot be joined; save an unprotected copy',
};
const BROKEN = (format: PartFormat): Localized => ({
  fr: `fichier ${format.toUpperCase()} endommagé ou illisible`,
  en: `damaged or unreadable ${format.toUpperCase()} file`,
});
const NO_PAGE: Localized = { fr: 'PDF sans aucune page', en: 'PDF without any page' };

/** The text with every character the standard font cannot write (outside WinAnsi) replaced by `?`. */
function writable(font: PDFFont, s: string): string {
  let out = '';
  for (const ch of s) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      out += '?';
    }
  }
  return out;
}

/** The text cut in its middle (`début…fin`) to fit `width` at `size`. */
function fit(font: PDFFont, s: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(s, size) <= width) return s;
  let keep = s.length - 1;
  while (keep > 2) {
    const head = Math.ceil(keep / 2);
    const t = s.slice(0, head) + '…' + s.slice(s.length - (keep - head));
    if (font.widthOfTextAtSize(t, size) <= width) return t;
    keep--;
  }
  return '…';
}

const pagesText = (first: number, last: number) => (first === last ? String(first) : `${first}–${last}`);

/** Most parts one summary page lists, at its smallest type. */
export const MAX_PARTS = 60;

function drawSummary(page: PDFPage, regular: PDFFont, bold: PDFFont, title: string | undefined, ranges: MergedPdf['ranges'], total: number): void {
  const [width, height] = A4;
  const grey = rgb(0.35, 0.35, 0.35);
  let y = height - MARGIN;
  const line = (text: string, font: PDFFont, size: number, color = rgb(0, 0, 0), x = MARGIN) => {
    page.drawText(writable(font, text), { x, y, size, font, color });
  };
  y -= 16;
  line('Récapitulatif du document', bold, 18);
  y -= 18;
  line('Summary of the document', regular, 12, grey);
  if (title) {
    y -= 22;
    line(fit(regular, writable(regular, title), 11, width - 2 * MARGIN), regular, 11);
  }
  y -= 26;
  const n = ranges.length;
  line(`Ce PDF réunit ${n} pièce${n > 1 ? 's' : ''} (${total} pages avec ce récapitulatif), dans l'ordre ci-dessous.`, regular, 10.5);
  y -= 14;
  line(`This PDF joins ${n} part${n > 1 ? 's' : ''} (${total} pages with this summary), in the order below.`, regular, 10.5, grey);
  y -= 28;
  // The table: one row per part, its type as large as the page lets it be.
  const bottom = MARGIN + 40;
  const size = Math.max(6, Math.min(10.5, (y - bottom) / (n + 1) / 1.45));
  const rowH = size * 1.45;
  const colNo = MARGIN;
  const colName = MARGIN + 36;
  const colPages = width - MARGIN - 70;
  line('N°', bold, size, rgb(0, 0, 0), colNo);
  line('Pièce / Part', bold, size, rgb(0, 0, 0), colName);
  line('Pages', bold, size, rgb(0, 0, 0), colPages);
  page.drawLine({ start: { x: MARGIN, y: y - 4 }, end: { x: width - MARGIN, y: y - 4 }, thickness: 0.6, color: grey });
  for (let i = 0; i < n; i++) {
    y -= rowH;
    const r = ranges[i];
    line(String(i + 1), regular, size, rgb(0, 0, 0), colNo);
    line(fit(regular, writable(regular, r.name), size, colPages - colName - 12), regular, size, rgb(0, 0, 0), colName);
    line(pagesText(r.first, r.last), regular, size, rgb(0, 0, 0), colPages);
  }
  y = MARGIN;
  line('Page 1 : ce récapitulatif (source 004 : « en 1ere page du PDF un récapitulatif »). / Page 1: this summary.', regular, 8, grey);
}

/**
 * One PDF: the summary page, then each part in order (a PDF's pages as they are, an image as one A4 page, scaled
 * down to fit when it is larger). Throws PdfPartError naming the first part that cannot be joined; nothing is
 * returned then.
 * @param title a line the summary shows under its heading (the output's file name).
 */
export async function mergePdf(parts: readonly PdfPart[], title?: string): Promise<MergedPdf> {
  if (parts.length > MAX_PARTS)
    throw new PdfPartError(parts[MAX_PARTS].name, {
      fr: `plus de ${MAX_PARTS} pièces : le récapitulatif tient sur une page ; faites plusieurs PDF`,
      en: `more than ${MAX_PARTS} parts: the summary fits on one page; make several PDFs`,
    });
  const out = await PDFDocument.create();
  const summary = out.addPage(A4);
  const ranges: MergedPdf['ranges'] = [];
  let next = 2;
  for (const given of parts) {
    // The same for bytes given by a caller (a Buffer of the pool): a view that starts at its buffer's start.
    const part =
      given.bytes.byteOffset === 0 && given.bytes.byteLength === given.bytes.buffer.byteLength
        ? given
        : { name: given.name, bytes: new Uint8Array(given.bytes) };
    const format = formatOf(part.bytes);
    if (!format) throw new PdfPartError(part.name, NOT_SUPPORTED);
    let count: number;
    if (format === 'pdf') {
      // pdf-lib reads what it can of a broken file and fails later (no catalog, a page tree that is not one):
      // every step until the pages are copied counts as reading the part.
      let pages: PDFPage[];
      try {
        const src = await PDFDocument.load(part.bytes, { updateMetadata: false, throwOnInvalidObject: true });
        if (src.isEncrypted) throw new PdfPartError(part.name, ENCRYPTED);
        if (src.getPageCount() === 0) throw new PdfPartError(part.name, NO_PAGE);
        pages = await out.copyPages(src, src.getPageIndices());
      } catch (e) {
        if (e instanceof PdfPartError) throw e;
        throw new PdfPartError(
          part.name,
          (e as Error)?.name === 'EncryptedPDFError' || /encrypt/i.test((e as Error)?.message ?? '') ? ENCRYPTED : BROKEN(format),
        );
      }
      for (const p of pages) out.addPage(p);
      count = pages.length;
    } else {
      let image;
      try {
        image = format === 'jpeg' ? await out.embedJpg(part.bytes) : await out.embedPng(part.bytes);
      } catch {
        throw new PdfPartError(part.name, BROKEN(format));
      }
      const size: [number, number] = image.width > image.height ? [A4[1], A4[0]] : A4;
      const scale = Math.min(1, (size[0] - 2 * MARGIN) / image.width, (size[1] - 2 * MARGIN) / image.height);
      const w = image.width * scale;
      const h = image.height * scale;
      const page = out.addPage(size);
      page.drawImage(image, { x: (size[0] - w) / 2, y: (size[1] - h) / 2, width: w, height: h });
      count = 1;
    }
    ranges.push({ name: part.name, first: next, last: next + count - 1, format });
    next += count;
  }
  const [regular, bold] = await Promise.all([out.embedFont(StandardFonts.Helvetica), out.embedFont(StandardFonts.HelveticaBold)]);
  drawSummary(summary, regular, bold, title, ranges, next - 1);
  out.setProducer('segur-json');
  out.setCreator('segur-json merge-pdf');
  const bytes = await out.save();
  return { bytes, pages: out.getPageCount(), ranges };
}
