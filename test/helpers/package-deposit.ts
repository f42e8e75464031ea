/**
 * A deposit of 200 requests for `segur-json package`: bench/generate.mjs repeats the IMG-RIS-Va2 solde example's
 * request lines with distinct numLigne, éditeur and dossier numbers (and attachment names); every third request names
 * a third file, a PNG VAT certificate; each name gets a real file of its own (a pdf-lib PDF whose text names it).
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pdfBytes, pngBytes, type Deposit } from './deposit';

const root = join(__dirname, '..', '..');
type Generate = (sons: string, kind: string, n: number) => string;

interface Line {
  numLigne: number;
  numeroEditeur: string;
  piecesJustificatives: { nomFichier: string; formatFichier: string; typeFichier: string }[];
}

export async function bigDeposit(n = 200): Promise<Deposit & { lines: Line[] }> {
  const { generate } = (await import(pathToFileURL(join(root, 'bench', 'generate.mjs')).href)) as { generate: Generate };
  const doc = JSON.parse(generate('IMG-RIS-Va2', 'solde', n)) as { lignesImport: Line[] };
  doc.lignesImport.forEach((line, i) => {
    if (i % 3 === 0)
      line.piecesJustificatives.push({ nomFichier: `IMG-RIS-Va2-ATT-${line.numeroEditeur}.png`, formatFichier: 'PNG', typeFichier: 'ATTESTATION_TVA' });
  });
  const dir = mkdtempSync(join(tmpdir(), 'segur-package-'));
  const json = join(dir, 'IMG-RIS-Va2-solde.json');
  writeFileSync(json, JSON.stringify(doc, null, 2) + '\n');
  const folder = join(dir, 'pj');
  mkdirSync(folder);
  const png = pngBytes();
  for (const line of doc.lignesImport)
    for (const pj of line.piecesJustificatives)
      writeFileSync(join(folder, pj.nomFichier), pj.formatFichier === 'PNG' ? png : await pdfBytes(1, 0, pj.nomFichier.slice(12, 40)));
  return { dir, json, folder, lines: doc.lignesImport };
}
