/**
 * Realistic large files for the benchmark: the lines of an example repeated up to N requests, each with its own
 * éditeur number, dossier number and numLigne, and its own beneficiaries (every FINESS, SIREN, RPPS and AM number
 * replaced by a distinct one with a valid check key), so that a generated file is as valid as its example.
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `body` followed by the digit that makes its Luhn key valid (FINESS, SIREN, RPPS bodies). */
export function luhnKey(body) {
  for (let k = 0; k < 10; k++) {
    const d = body + k;
    let s = 0;
    for (let i = 0; i < d.length; i++) {
      let x = d.charCodeAt(d.length - 1 - i) - 48;
      if (i % 2 === 1) {
        x *= 2;
        if (x > 9) x -= 9;
      }
      s += x;
    }
    if (s % 10 === 0) return body + k;
  }
}

/** A distinct valid identifier of the same shape for request `i` (9 digits: FINESS/SIREN/AM; 11: RPPS). */
function variant(value, i, salt) {
  if (/^\d{9}$/.test(value)) return luhnKey(value.slice(0, 2) + String((i * 7 + salt) % 1000000).padStart(6, '0'));
  if (/^\d{11}$/.test(value)) return luhnKey('1' + String((i * 7 + salt) % 1000000000).padStart(9, '0'));
  return value;
}

function remap(node, i, map) {
  if (Array.isArray(node)) return node.map((x) => remap(x, i, map));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, remap(v, i, map)]));
  if (typeof node !== 'string') return node;
  const get = (v) => {
    if (!map.has(v)) map.set(v, variant(v, i, map.size + 1));
    return map.get(v);
  };
  if (/^\d{9}$|^\d{11}$/.test(node)) return get(node);
  // IdentDMP: a prefix digit and a FINESS (10 characters), or an RPPS.
  if (/^[156]\d{9}$/.test(node)) return node[0] + get(node.slice(1));
  return node;
}

/**
 * `offset` (default 0: the output is unchanged): request `i` is numbered `offset + i` for its identifiers, éditeur and
 * dossier numbers (its numLigne stays `i + 1`), so that files generated with offsets 0, n, 2n… have distinct
 * identifiers across files, as a real folder has (the rules across files would otherwise fire on every line).
 */
export function generate(sons, kind, n, { offset = 0 } = {}) {
  const doc = JSON.parse(readFileSync(join(root, 'examples', sons, `${kind}.json`), 'utf8'));
  const base = doc.lignesImport;
  const corridor = sons.slice(0, 3);
  doc.lignesImport = Array.from({ length: n }, (_, i) => {
    const j = offset + i;
    const line = remap(structuredClone(base[i % base.length]), j, new Map());
    const old = line.numeroEditeur;
    line.numLigne = i + 1;
    line.numeroEditeur = `${old}-${j}`;
    if (line.numeroASP !== null) line.numeroASP = `FIN${corridor}${String(100000 + j).padStart(6, '0')}M0`;
    for (const pj of line.piecesJustificatives ?? []) pj.nomFichier = pj.nomFichier.replace(old, line.numeroEditeur).slice(0, 50);
    return line;
  });
  return JSON.stringify(doc, null, 2) + '\n';
}

/**
 * The same mistake on every request line of a generated file (a generator bug, the most common real failure),
 * by deterministic JSON edits of `generate`'s output:
 * - `deleted-tag`: the line's `typeAction` key removed;
 * - `iso-date`: the line's first date (`JJ/MM/AAAA`, in document order) written ISO, `AAAA-MM-JJ`;
 * - `finess-key`: the line's first FINESS (a 9-digit string under a key naming FINESS) with its check digit
 *   changed, so that its Luhn key is wrong (`FINESGeos` items too).
 */
export const MISTAKES = ['deleted-tag', 'iso-date', 'finess-key'];

export function breakEveryLine(text, mistake) {
  const doc = JSON.parse(text);
  for (const line of doc.lignesImport) {
    if (mistake === 'deleted-tag') delete line.typeAction;
    else if (mistake === 'iso-date')
      firstLeaf(
        line,
        (k, v) => typeof v === 'string' && /^\d{2}\/\d{2}\/\d{4}$/.test(v),
        (v) => `${v.slice(6)}-${v.slice(3, 5)}-${v.slice(0, 2)}`,
      );
    else if (mistake === 'finess-key')
      firstLeaf(
        line,
        (k, v) => /finess?/i.test(k) && typeof v === 'string' && /^\d{9}$/.test(v),
        (v) => v.slice(0, 8) + ((Number(v[8]) + 1) % 10),
      );
    else throw new Error(`unknown mistake ${mistake}`);
  }
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Replaces the first leaf (document order) for which `test(key, value)` holds; array items take their array's key. */
function firstLeaf(node, test, edit, key = '') {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      if (node[i] !== null && typeof node[i] === 'object') {
        if (firstLeaf(node[i], test, edit, key)) return true;
      } else if (test(key, node[i])) {
        node[i] = edit(node[i]);
        return true;
      }
    }
    return false;
  }
  for (const [k, v] of Object.entries(node)) {
    if (v !== null && typeof v === 'object') {
      if (firstLeaf(v, test, edit, k)) return true;
    } else if (test(k, v)) {
      node[k] = edit(v);
      return true;
    }
  }
  return false;
}

/**
 * Keystrokes in the middle of a generated file, inside a string value (the closing quote of a `nomStructure` past
 * the middle): `edit(n)` types an `x` there for an even n and deletes it for an odd one (an LSP content change).
 */
export function typingEdits(text) {
  const lines = text.split('\n');
  const line = lines.findIndex((l, i) => i > lines.length / 2 && l.includes('"nomStructure"'));
  const character = lines[line].lastIndexOf('"');
  return (n) => {
    const insert = n % 2 === 0;
    return { range: { start: { line, character }, end: { line, character: insert ? character : character + 1 } }, text: insert ? 'x' : '' };
  };
}
