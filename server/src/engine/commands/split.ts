/**
 * « Découper » a deposit file (pure: one text in, texts out). Source 004: « Si une ligne de demande est en anomalie,
 * le JSON tout entier est rejeté » — deposit the valid requests in a first JSON, the corrected one in a second; a JSON
 * holds at most `maxRequestsPerFile` requests (rule S9, schemas/sons.json) and one VAT regime (rule S11: « séparer les
 * demandes ayant des taux de TVA différents … dans des fichiers JSON différents »).
 *
 * Each part is the input's text with only some of its `lignesImport` items: the text before the first item and after
 * the last one (header, indentation, line ends, BOM) is kept byte for byte, items are joined by the input's own
 * separator, and each item's text is unchanged but for its `numLigne`, renumbered from 1 in each part (csv2json's
 * practice; that the portal requires it is modelled: README « Préparer le dépôt »).
 */
import { parseDocument } from '../syntax/parse';
import { getPropertyValue, propKey, propValue, type JsonNode } from '../syntax/tree';
import { LINES_KEY, SONS_TABLE } from '../schema/schemaData';
import { keyMeans } from '../schema/vocabulary';
import type { CheckOptions, CheckResult, Localized } from '../shared/types';

export class SplitError extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

export interface SplitOptions {
  /** Most requests per part (default: the S9 limit, `maxRequestsPerFile`). */
  max?: number;
  /** One part per VAT regime and rate (S11), read by meaning from the values of roles `vatRegime` / `vatRate`. */
  byVat?: boolean;
  /** The requests with errors in one part (to correct), the others in another (to deposit): source 004's way back. */
  errors?: boolean;
  /** The options of the check that finds the errors and the VAT regimes (SONS, kind, file name, templates…). */
  check?: CheckOptions;
  /** The result of that check on this very text, when the caller has it (the editor's cached result). */
  result?: CheckResult;
}

/** What the split needs from the composition root: the catalogue's check and the rules' reading of a value. */
export interface SplitDeps {
  check(text: string, options: CheckOptions): CheckResult;
  /** What a value means when compared across lines (rules/util.ts `meaningOf`, the one S11 uses). */
  meaningOf(value: unknown): string | number | undefined;
}

/** Why a part was made, in the order the splits apply: `errors`, then `vat`, then `max`. */
export type SplitTag = { by: 'errors'; withErrors: boolean } | { by: 'vat'; label: string } | { by: 'max'; index: number };

export interface SplitPart {
  tags: SplitTag[];
  /** The input's requests in this part (indices into `lignesImport`), in their order. */
  lines: number[];
  text: string;
}

export interface SplitResult {
  /** Requests in the input. */
  count: number;
  /** The parts, in order; one part means there was nothing to split. */
  parts: SplitPart[];
  /** `errors`: how many requests have an error, and whether some errors are outside every request (the header). */
  withErrors?: number;
  errorsOutside?: boolean;
}

const L = (fr: string, en: string): Localized => ({ fr, en });

interface Item {
  offset: number;
  length: number;
  /** The span of its `numLigne` value (relative to the item) and how to write a new number there. */
  numLigne?: { at: number; length: number; write: (n: number) => string };
}

function itemOf(node: JsonNode): Item {
  const item: Item = { offset: node.offset, length: node.length };
  if (node.type !== 'object') return item;
  for (const prop of node.children ?? []) {
    const key = propKey(prop);
    if (!keyMeans(key.trim(), 'numLigne')) continue;
    const v = propValue(prop);
    // A number stays a number, a number written as text stays text (its type is the schema's finding); anything
    // else (null, an object) is not a line number and is left as written.
    if (v?.type === 'number') item.numLigne = { at: v.offset - node.offset, length: v.length, write: (n) => String(n) };
    else if (v?.type === 'string' && /^\s*\d+\s*$/.test(String(v.value)))
      item.numLigne = { at: v.offset - node.offset, length: v.length, write: (n) => JSON.stringify(String(n)) };
    break;
  }
  return item;
}

/** The check of this text, the caller's when given. */
function resultOf(text: string, options: SplitOptions, deps: SplitDeps): CheckResult {
  return options.result ?? deps.check(text, options.check ?? {});
}

/** ASCII letters, digits and dashes only: a value as a piece of a file name (« TTC », 8.5 → `ttc-8-5`). */
function slug(value: unknown): string {
  return String(value)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Groups of lines by VAT regime and rate, as S11 compares them: by meaning (case and blanks aside), a line without a
 * rate (optional, entered on the portal: 004) differing only by its regime. A line with neither joins the first
 * group (S11 never reports it); a line with one of them joins the first group it agrees with.
 */
function vatGroups(lines: number[], result: CheckResult, deps: SplitDeps): { label: string; lines: number[] }[] {
  const summary = result.summary;
  if (!summary)
    throw new SplitError(
      L(
        "le régime de TVA des demandes n'a pas pu être lu (fichier Ségur non reconnu ou structure incomplète : précisez le SONS et le type)",
        "the requests' VAT regime could not be read (Ségur file not recognised or structure incomplete: give the SONS and kind)",
      ),
    );
  const byIndex = new Map(summary.lines.filter(Boolean).map((l) => [l.index, l]));
  type Group = { regime?: string | number; rate?: string | number; label: string; lines: number[] };
  const groups: Group[] = [];
  const loose: number[] = [];
  const half: { i: number; regime?: string | number; rate?: string | number; label: string }[] = [];
  for (const i of lines) {
    const l = byIndex.get(i);
    const regime = deps.meaningOf(l?.vatRegime?.value);
    const rate = deps.meaningOf(l?.vatRate?.value);
    const label = [l?.vatRegime?.value, l?.vatRate?.value]
      .filter((x) => deps.meaningOf(x) !== undefined)
      .map(slug)
      .filter(Boolean)
      .join('-');
    if (regime === undefined && rate === undefined) loose.push(i);
    else if (regime === undefined || rate === undefined) half.push({ i, regime, rate, label });
    else {
      let g = groups.find((x) => x.regime === regime && x.rate === rate);
      if (!g) groups.push((g = { regime, rate, label, lines: [] }));
      g.lines.push(i);
    }
  }
  for (const h of half) {
    let g = groups.find((x) => (h.regime === undefined || x.regime === h.regime) && (h.rate === undefined || x.rate === h.rate));
    if (!g) groups.push((g = { regime: h.regime, rate: h.rate, label: h.label, lines: [] }));
    g.lines.push(h.i);
  }
  if (groups.length === 0) return [{ label: '', lines }];
  groups[0].lines.push(...loose);
  // Each group in the input's order.
  for (const g of groups) g.lines.sort((a, b) => a - b);
  // Two groups whose labels read the same (« TTC » and « ttc » are one group already; 8.5 and "8,5" are not) get
  // their rank, so that no two parts share a file name.
  const seen = new Map<string, number>();
  return groups.map((g) => {
    const base = g.label || 'inconnu';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { label: n === 1 ? base : `${base}-${n}`, lines: g.lines };
  });
}

/** The requests of `text` split as `options` say (see the module's comment). Throws SplitError for bad input. */
export function split(text: string, options: SplitOptions, deps: SplitDeps): SplitResult {
  const max = options.max ?? SONS_TABLE.maxRequestsPerFile;
  if (!Number.isInteger(max) || max < 1)
    throw new SplitError(
      L("le nombre de demandes par fichier doit être un entier d'au moins 1", 'the number of requests per file must be an integer of at least 1'),
    );
  const parsed = parseDocument(text);
  // Only a text that is JSON as it stands (a UTF-8 BOM aside, kept as it is): the parts repeat its text.
  if (!parsed.strict || parsed.root === undefined || parsed.problems.some((p) => p.kind !== 'bom')) {
    throw new SplitError(
      L(
        "la syntaxe JSON du fichier est incorrecte : corrigez-la d'abord (segur-json check --fix)",
        "the file's JSON syntax is broken: fix it first (segur-json check --fix)",
      ),
    );
  }
  const array = getPropertyValue(parsed.root, LINES_KEY);
  if (!array || array.type !== 'array')
    throw new SplitError(
      L(
        `pas de liste « ${LINES_KEY} » en tête du fichier : ce n'est pas un fichier de demandes Ségur`,
        `no "${LINES_KEY}" list at the top of the file: not a Ségur request file`,
      ),
    );
  const nodes = array.children ?? [];
  if (nodes.length === 0)
    throw new SplitError(L(`la liste « ${LINES_KEY} » est vide : aucune demande à répartir`, `the "${LINES_KEY}" list is empty: no request to split`));
  const items = nodes.map(itemOf);
  const first = items[0];
  const last = items[items.length - 1];
  const before = text.slice(0, first.offset);
  const after = text.slice(last.offset + last.length);
  // The input's separator between two items (« ,\n    »); one item alone is never joined to another.
  const separator = items.length > 1 ? text.slice(first.offset + first.length, items[1].offset) : ',';
  const itemText = (i: number, n: number) => {
    const it = items[i];
    const own = text.slice(it.offset, it.offset + it.length);
    const nl = it.numLigne;
    return nl ? own.slice(0, nl.at) + nl.write(n) + own.slice(nl.at + nl.length) : own;
  };

  const out: SplitResult = { count: items.length, parts: [] };
  let groups: { tags: SplitTag[]; lines: number[] }[] = [{ tags: [], lines: items.map((_, i) => i) }];
  let result: CheckResult | undefined;
  if (options.errors) {
    result = resultOf(text, options, deps);
    const bad = new Set<number>();
    let outside = false;
    for (const f of result.findings) {
      if (f.severity !== 'error') continue;
      const i = lineAt(items, f.offset);
      if (i === undefined) outside = true;
      else bad.add(i);
    }
    out.withErrors = bad.size;
    out.errorsOutside = outside;
    const all = groups[0].lines;
    groups = [
      { tags: [{ by: 'errors' as const, withErrors: false }], lines: all.filter((i) => !bad.has(i)) },
      { tags: [{ by: 'errors' as const, withErrors: true }], lines: all.filter((i) => bad.has(i)) },
    ].filter((g) => g.lines.length > 0);
    // Every request on one side: nothing was split by errors, and the name says nothing of them.
    if (groups.length === 1) groups[0].tags = [];
  }
  if (options.byVat) {
    result ??= resultOf(text, options, deps);
    const r = result;
    groups = groups.flatMap((g) => {
      const vat = vatGroups(g.lines, r, deps);
      return vat.length === 1 ? [g] : vat.map((v) => ({ tags: [...g.tags, { by: 'vat' as const, label: v.label }], lines: v.lines }));
    });
  }
  groups = groups.flatMap((g) => {
    if (g.lines.length <= max) return [g];
    const chunks: { tags: SplitTag[]; lines: number[] }[] = [];
    for (let k = 0; k * max < g.lines.length; k++)
      chunks.push({ tags: [...g.tags, { by: 'max', index: k + 1 }], lines: g.lines.slice(k * max, (k + 1) * max) });
    return chunks;
  });
  out.parts = groups.map((g) => ({ tags: g.tags, lines: g.lines, text: before + g.lines.map((i, k) => itemText(i, k + 1)).join(separator) + after }));
  return out;
}

/** The index of the item that holds `offset` (items are in order, not overlapping), if any. */
function lineAt(items: Item[], offset: number): number | undefined {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const it = items[mid];
    if (offset < it.offset) hi = mid - 1;
    else if (offset >= it.offset + it.length) lo = mid + 1;
    else return mid;
  }
  return undefined;
}

/**
 * A part's file name, from the input's (`demande.json`): `demande-a-deposer.json` / `demande-a-corriger.json` (the
 * requests without and with errors), `-tva-<regime>-<rate>` (`demande-tva-ttc-20.json`), `-<n>` for the n-th file of
 * at most `max` requests, in that order (`demande-a-deposer-tva-ht-0-2.json`).
 */
export function splitFileName(inputName: string, tags: readonly SplitTag[]): string {
  const base = inputName.replace(/^.*[\\/]/, '');
  const stem = /\.json$/i.test(base) ? base.slice(0, -'.json'.length) : base;
  const pieces = tags.map((t) => (t.by === 'errors' ? (t.withErrors ? 'a-corriger' : 'a-deposer') : t.by === 'vat' ? `tva-${t.label}` : String(t.index)));
  return `${[stem, ...pieces].join('-')}.json`;
}
