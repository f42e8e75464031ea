/**
 * Realistic large files for the benchmark: the lines of an example repeated up to N requests, each with its own
 * éditeur number, dossier number and numLigne (identifiers keep valid keys: they are copied from the example).
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function generate(sons, kind, n) {
  const doc = JSON.parse(readFileSync(join(root, 'examples', sons, `${kind}.json`), 'utf8'));
  const base = doc.lignesImport;
  const corridor = sons.slice(0, 3);
  doc.lignesImport = Array.from({ length: n }, (_, i) => {
    const line = structuredClone(base[i % base.length]);
    const old = line.numeroEditeur;
    line.numLigne = i + 1;
    line.numeroEditeur = `${old}-${i}`;
    if (line.numeroASP !== null) line.numeroASP = `FIN${corridor}${String(100000 + i).padStart(6, '0')}M0`;
    for (const pj of line.piecesJustificatives ?? []) pj.nomFichier = pj.nomFichier.replace(old, line.numeroEditeur).slice(0, 50);
    return line;
  });
  return JSON.stringify(doc, null, 2) + '\n';
}
