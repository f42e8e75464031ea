/**
 * « Fusionner des PDF » on the JSON's side (pure: one text in, one edit out). Source 004 expects one document per kind
 * (« on n'attend qu'un seul document informatique Facture. Il faut donc concaténer toutes les factures en un seul
 * PDF »): once the parts of a request are merged (server/src/io/pdf.ts), its `piecesJustificatives` lists the merged
 * PDF once, in place of the parts: the entry of the first part (in the JSON's order) is kept with the merged name and
 * `formatFichier` "PDF", the other parts' entries are removed with their separators. The rest of the text is unchanged
 * byte for byte (indentation, key order, line ends); the edit is the smallest one (check/fixes.ts `minimalEdit`).
 *
 * Keys are found by meaning (schemas/vocabulary.json: `fileName`, `fileFormat`, `fileType`, `numLigne`), as the rules
 * find them, so a learned template's spelling works too. The JSON may have errors elsewhere: only its syntax must give a
 * tree.
 */
import { parseDocument } from '../syntax/parse';
import { getPropertyValue, propKey, propValue, type JsonNode } from '../syntax/tree';
import { LINES_KEY } from '../schema/schemaData';
import { keyMeans } from '../schema/vocabulary';
import { applyEdits, minimalEdit } from '../check/fixes';
import type { Localized, TextEdit } from '../shared/types';

export class MergeEditError extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

/** One entry of a request's attachment list: its object and the nodes of its values, by meaning. */
interface Entry {
  node: JsonNode;
  name?: JsonNode;
  format?: JsonNode;
  type?: JsonNode;
}

/** One request: its index in lignesImport, its numLigne as written, its attachment entries. */
interface Request {
  lineIndex: number;
  numLigne?: string;
  entries: Entry[];
}

/** A request's parts that can be merged into one PDF: two or more entries of the same `typeFichier`. */
export interface MergeGroup {
  lineIndex: number;
  numLigne?: string;
  /** The `typeFichier` the parts share (absent when none of them has one). */
  type?: string;
  /** The parts' names, in the JSON's order. */
  parts: string[];
  /** Where each part's name is written (its string value, quotes included), in the same order. */
  ranges: { offset: number; length: number }[];
}

export interface MergeEditOptions {
  /** The request, by its numLigne as the JSON writes it (`"3"` finds 3 and "3"). */
  numLigne?: string;
  /** The request, by its index in lignesImport (0-based), when numLigne is not given. */
  lineIndex?: number;
  /** The merged parts: each must be named by that request. */
  parts: readonly string[];
  /** The merged PDF's name. */
  merged: string;
}

export interface MergeEdit {
  lineIndex: number;
  numLigne?: string;
  type?: string;
  /** The one edit on the input's text. */
  edit: TextEdit;
  /** The input's text with the edit applied. */
  text: string;
}

const L = (fr: string, en: string): Localized => ({ fr, en });

const str = (n: JsonNode | undefined): string | undefined => (n && n.type === 'string' ? (n.value as string) : undefined);

function entryOf(node: JsonNode): Entry | undefined {
  if (node.type !== 'object') return undefined;
  const e: Entry = { node };
  for (const p of node.children ?? []) {
    const key = propKey(p).trim();
    const v = propValue(p);
    if (keyMeans(key, 'fileName')) e.name ??= v;
    else if (keyMeans(key, 'fileFormat')) e.format ??= v;
    else if (keyMeans(key, 'fileType')) e.type ??= v;
  }
  return e.name ? e : undefined;
}

/** The requests of a parsed text, each with the entries of its attachment list (an array of objects naming files). */
function requestsOf(text: string): Request[] {
  const parsed = parseDocument(text);
  const lines = parsed.root ? getPropertyValue(parsed.root, LINES_KEY) : undefined;
  if (!lines || lines.type !== 'array') return [];
  return (lines.children ?? []).map((line, lineIndex) => {
    const r: Request = { lineIndex, entries: [] };
    if (line.type !== 'object') return r;
    for (const p of line.children ?? []) {
      const key = propKey(p).trim();
      const v = propValue(p);
      if (!v) continue;
      if (keyMeans(key, 'numLigne') && r.numLigne === undefined && (v.type === 'number' || v.type === 'string')) r.numLigne = String(v.value);
      if (v.type === 'array' && r.entries.length === 0) {
        const entries = (v.children ?? []).map(entryOf);
        if (entries.length > 0 && entries.every((e) => e !== undefined)) r.entries = entries as Entry[];
      }
    }
    return r;
  });
}

/**
 * Every group of parts a request could merge: per request, per `typeFichier`, two or more entries naming a file, in
 * the JSON's order. Nothing when the text gives no tree or has no requests.
 */
export function mergeGroups(text: string): MergeGroup[] {
  const out: MergeGroup[] = [];
  for (const r of requestsOf(text)) {
    const byType = new Map<string, Entry[]>();
    for (const e of r.entries) {
      const name = str(e.name);
      if (name === undefined || name === '') continue;
      const k = str(e.type) ?? '';
      byType.set(k, [...(byType.get(k) ?? []), e]);
    }
    for (const [type, entries] of byType) {
      const names = [...new Set(entries.map((e) => str(e.name)!))];
      if (names.length < 2) continue;
      const g: MergeGroup = {
        lineIndex: r.lineIndex,
        parts: names,
        ranges: names.map((n) => {
          const node = entries.find((e) => str(e.name) === n)!.name!;
          return { offset: node.offset, length: node.length };
        }),
      };
      if (r.numLigne !== undefined) g.numLigne = r.numLigne;
      if (type !== '') g.type = type;
      out.push(g);
    }
  }
  return out;
}

/** The group whose part name is written at `offset` (the editor's cursor), if any. */
export function mergeGroupAt(text: string, offset: number): MergeGroup | undefined {
  return mergeGroups(text).find((g) => g.ranges.some((r) => offset >= r.offset && offset <= r.offset + r.length));
}

/**
 * The edit that names the merged PDF in place of its parts in one request (see the module's comment). Throws
 * MergeEditError when the request is not there, a part is not named by it (the parts are named), the parts are not
 * of one `typeFichier`, or the merged name is already another entry of that request.
 */
export function mergeAttachmentsEdit(text: string, options: MergeEditOptions): MergeEdit {
  const requests = requestsOf(text);
  if (requests.length === 0)
    throw new MergeEditError(
      L(
        `pas de liste « ${LINES_KEY} » lisible : ce n'est pas un fichier de demandes Ségur, ou sa syntaxe est cassée`,
        `no readable "${LINES_KEY}" list: not a Ségur request file, or its syntax is broken`,
      ),
    );
  const wanted = options.numLigne !== undefined ? String(options.numLigne).trim() : undefined;
  const matches =
    wanted !== undefined
      ? requests.filter((r) => r.numLigne !== undefined && r.numLigne.trim() === wanted)
      : requests.filter((r) => r.lineIndex === options.lineIndex);
  const which = wanted !== undefined ? `numLigne ${wanted}` : `n° ${(options.lineIndex ?? 0) + 1}`;
  if (matches.length === 0) throw new MergeEditError(L(`aucune demande ${which} dans le fichier`, `no request ${which} in the file`));
  if (matches.length > 1)
    throw new MergeEditError(
      L(`${matches.length} demandes ont le ${which} : corrigez d'abord (S10)`, `${matches.length} requests have ${which}: correct it first (S10)`),
    );
  const r = matches[0];
  const at = L(`demande ${which}`, `request ${which}`);
  if (options.parts.length === 0) throw new MergeEditError(L(`${at.fr} : aucune pièce à fusionner`, `${at.en}: no part to merge`));
  const named = new Set(r.entries.map((e) => str(e.name)));
  const unknown = options.parts.filter((p) => !named.has(p));
  if (unknown.length > 0)
    throw new MergeEditError(
      L(
        `${at.fr} : ${unknown.join(', ')} ${unknown.length > 1 ? 'ne sont pas nommées' : "n'est pas nommée"} dans ses piecesJustificatives`,
        `${at.en}: ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not named in its piecesJustificatives`,
      ),
    );
  const parts = new Set(options.parts);
  const merged = r.entries.filter((e) => parts.has(str(e.name)!));
  const types = [...new Set(merged.map((e) => str(e.type) ?? ''))];
  if (types.length > 1)
    throw new MergeEditError(
      L(
        `${at.fr} : les pièces ne sont pas du même typeFichier (${types.join(', ')}) : un PDF par type de document`,
        `${at.en}: the parts are not of one typeFichier (${types.join(', ')}): one PDF per kind of document`,
      ),
    );
  if (!parts.has(options.merged) && named.has(options.merged))
    throw new MergeEditError(
      L(
        `${at.fr} : ${options.merged} est déjà une autre de ses pièces : choisissez un autre nom`,
        `${at.en}: ${options.merged} is already another of its attachments: choose another name`,
      ),
    );
  // The first part's entry is kept, renamed; the others go with the separator before them (never the first item:
  // the kept entry comes before every removed one).
  const [kept, ...gone] = merged;
  const edits: TextEdit[] = [{ offset: kept.name!.offset, length: kept.name!.length, newText: JSON.stringify(options.merged) }];
  if (kept.format && str(kept.format) !== 'PDF') edits.push({ offset: kept.format.offset, length: kept.format.length, newText: '"PDF"' });
  for (const e of gone) {
    const i = r.entries.indexOf(e);
    const prev = r.entries[i - 1].node;
    edits.push({ offset: prev.offset + prev.length, length: e.node.offset + e.node.length - (prev.offset + prev.length), newText: '' });
  }
  const after = applyEdits(text, edits);
  const edit = minimalEdit(text, after) ?? { offset: 0, length: 0, newText: '' };
  const out: MergeEdit = { lineIndex: r.lineIndex, edit, text: after };
  if (r.numLigne !== undefined) out.numLigne = r.numLigne;
  if (types[0] !== '') out.type = types[0];
  return out;
}
