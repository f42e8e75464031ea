/**
 * Snippets where they belong (pure, no LSP): the complete skeleton of each SONS × kind at the top of an empty JSON
 * document, and a block (a request line, a beneficiary, a pièce justificative…) inside its own array of a Ségur
 * file, for the SONS and kind detected for that file only. The texts come from snippets/segur-json.json
 * (built from the expanded schemas by scripts/build-snippets.mjs). Nothing is offered anywhere else: not in a
 * `package.json`, a `tsconfig.json` or any JSON file that is not a Ségur file.
 * A learned official template (options.templates) gives its own skeleton and blocks, built here the
 * same way from its structure (blocks `[]`, tags `null`; a tag whose template kept an enumeration offers it as a
 * choice after `null`): it replaces the bundled one of its SONS × kind, and a SONS only a learned template knows
 * (`BIO-SGL-Va2`) gets snippets too.
 */
import { getLocation } from 'jsonc-parser';
import snippetData from '../../../../snippets/segur-json.json';
import { parseDocument } from '../syntax/parse';
import { detect } from '../check/detect';
import { schemaKey, sonsById, SONS_TABLE, type SchemaNode } from '../schema/schemaData';
import type { CheckOptions, Locale } from '../shared/types';
import { textStyle } from '../check/textStyle';

interface SnippetData {
  skeletons: { sons: string; kind: string; body: string[] }[];
  /** By schema key (`IMG-RIS-Va2.solde`), then by path of the array (`lignesImport/beneficiaires/Etablissements`). */
  blocks: Record<string, Record<string, { name: string; body: string[] }>>;
}
const DATA = snippetData as SnippetData;

export interface SnippetEntry {
  /** A whole document, or an item inside its array. */
  type: 'skeleton' | 'block';
  label: string;
  detail: string;
  documentation: string;
  /** Text typed by the user that the client filters on (`segur-…` prefixes, the SONS, the kind). */
  filterText: string;
  sortText: string;
  preselect?: boolean;
  /** The replaced span (the word being typed) and its replacement, in snippet syntax (`${1:null}` tab stops). */
  offset: number;
  length: number;
  newSnippet: string;
}

/**
 * Tool configuration files that are JSON but never Ségur files: no skeleton is offered in them even when empty.
 * (Not from the Ségur sources: the usual names of npm, TypeScript, PHP and VS Code files.)
 */
const TOOL_FILES =
  /(^|[\\/])(package(-lock)?\.json|npm-shrinkwrap\.json|[jt]sconfig(\.[^\\/]*)?\.json|composer\.json|bower\.json|lerna\.json|\.vscode[\\/][^\\/]*)$/i;

const WORD = /[\p{L}\p{N}_-]/u;
/** Paths of the arrays that have a block in some SONS and kind. */
const BLOCK_PATHS = new Set(Object.values(DATA.blocks).flatMap((b) => Object.keys(b)));

const has = (s: SchemaNode | undefined, t: string) => (Array.isArray(s?.type) ? s.type.includes(t) : s?.type === t);
/** Text inside a snippet: `$`, `}` and `\` are escaped (a learned template's keys are anybody's). */
const esc = (text: string) => text.replace(/[$}\\]/g, '\\$&');
/** Inside a snippet choice `${1|a,b|}`: `,`, `|` and `\` are escaped too. */
const escChoice = (text: string) => text.replace(/[$}\\,|]/g, '\\$&');

/** A tag's tab stop: `null`, or a choice of `null` and the values the template kept (`enum`). */
function leaf(s: SchemaNode | undefined, n: number): string {
  if (has(s, 'array')) return `\${${n}:[]}`;
  const values = Array.isArray(s?.enum) ? s.enum.filter((v) => v !== null && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) : [];
  if (values.length > 0 && values.length <= 30) return `\${${n}|${['null', ...values.map((v) => escChoice(JSON.stringify(v)))].join(',')}|}`;
  return `\${${n}:null}`;
}

/**
 * Skeleton lines of a learned template (2-space indentation, tab stops on the leaves), as scripts/build-snippets.mjs
 * builds the bundled ones; `expandKey`: the array given one item (`lignesImport`).
 */
function skeletonOf(s: SchemaNode | undefined, indent: string, counter: { n: number }, expandKey?: string): string {
  const inner = indent + '  ';
  if (s && has(s, 'object') && s.properties && !has(s, 'null')) {
    const props = s.properties;
    const parts = Object.keys(props).map((k) => {
      const v = props[k];
      const value = k === expandKey && v.items ? `[\n${inner}  ${skeletonOf(v.items, inner + '  ', counter)}\n${inner}]` : skeletonOf(v, inner, counter);
      return `${inner}${esc(JSON.stringify(k))}: ${value}`;
    });
    return `{\n${parts.join(',\n')}\n${indent}}`;
  }
  return leaf(s, ++counter.n);
}

interface Learned {
  sons: string;
  kind: string;
  body: string[];
  blocks: Record<string, { name: string; body: string[] }>;
}
const LEARNED = new WeakMap<SchemaNode, Learned>();

/** The skeleton and blocks of a learned template (computed once per template object). */
function learnedSnippets(t: SchemaNode): Learned | undefined {
  const hit = LEARNED.get(t);
  if (hit) return hit;
  const sons = t['x-sons'];
  const kind = t['x-kind'];
  if (typeof sons !== 'string' || (kind !== 'avance' && kind !== 'solde')) return undefined;
  const blocks: Record<string, { name: string; body: string[] }> = {};
  const collect = (s: SchemaNode | undefined, path: string[], depth: number) => {
    if (!s || typeof s !== 'object' || depth > 64) return;
    if (has(s, 'array') && s.items?.properties && path.length > 0)
      blocks[path.join('/')] = { name: path[path.length - 1], body: skeletonOf(s.items, '', { n: 0 }).split('\n') };
    const props = s.properties;
    if (props) for (const k of Object.keys(props)) collect(props[k], [...path, k], depth + 1);
    if (s.items) collect(s.items, path, depth + 1);
  };
  collect(t, [], 0);
  const out: Learned = { sons: sonsById(sons)?.id ?? sons, kind, body: skeletonOf(t, '', { n: 0 }, 'lignesImport').split('\n'), blocks };
  LEARNED.set(t, out);
  return out;
}

/** The learned templates' snippets by `<SONS>.<kind>`. */
function learnedOf(options: CheckOptions): Map<string, Learned> {
  const out = new Map<string, Learned>();
  const templates = options.templates;
  if (!templates) return out;
  for (const key of Object.keys(templates)) {
    const l = templates[key] && typeof templates[key] === 'object' ? learnedSnippets(templates[key]) : undefined;
    if (l) out.set(schemaKey(l.sons, l.kind), l);
  }
  return out;
}

/** Only whitespace (or a byte order mark) between `from` and `to`. */
function blank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xfeff) return false;
  }
  return true;
}

/** The word around `offset` (what the user is typing, e.g. `segur-etab`). */
function wordAt(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && WORD.test(text[end])) end++;
  return { start, end };
}

const prevChar = (text: string, i: number) => {
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i > 0 ? text[i - 1] : '';
};
const nextChar = (text: string, i: number) => {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i < text.length ? text[i] : '';
};

/** Re-indents generated lines (2 spaces a level) to the document's unit and line ending, under `indent`. */
function render(body: string[], indent: string, style: { nl: string; unit: string }): string {
  return body
    .map((line, i) => {
      const lead = /^ */.exec(line)![0].length;
      const own = style.unit.repeat(lead / 2) + line.slice(lead);
      return i === 0 ? own : indent + own;
    })
    .join(style.nl);
}

/** Leading whitespace of the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return /^[ \t]*/.exec(text.slice(i, offset))![0];
}

/** SONS and kind named by the options or the file name (an empty document has no content to detect from). */
function targetOf(options: CheckOptions, learned: Map<string, Learned>): { sons?: string; kind?: string } {
  const base = (options.fileName ?? '')
    .split(/[\\/]/)
    .pop()!
    .toLowerCase()
    .replace(/[_\s.]/g, '-');
  const ids = [...new Set([...SONS_TABLE.sons.map((s) => s.id), ...[...learned.values()].map((l) => l.sons)])];
  const forced = options.sons ? ids.find((id) => id.toLowerCase() === options.sons!.trim().toLowerCase()) : undefined;
  const sons = forced ?? ids.sort((a, b) => b.length - a.length).find((id) => base.includes(id.toLowerCase()));
  const kind = options.kind ?? (/solde/.test(base) ? 'solde' : /avance/.test(base) ? 'avance' : undefined);
  return { sons, kind };
}

function skeletons(text: string, word: { start: number; end: number }, options: CheckOptions, lang: Locale): SnippetEntry[] {
  if (options.fileName && TOOL_FILES.test(options.fileName)) return [];
  const learned = learnedOf(options);
  const target = targetOf(options, learned);
  const style = textStyle(text);
  // The bundled skeletons, each replaced by the learned template of its SONS × kind, then the learned-only SONS.
  const all: { sons: string; kind: string; body: string[]; learned?: boolean }[] = DATA.skeletons.map((s) => {
    const l = learned.get(schemaKey(s.sons, s.kind));
    return l ? { ...l, learned: true } : s;
  });
  for (const [key, l] of learned) if (!DATA.skeletons.some((s) => schemaKey(s.sons, s.kind) === key)) all.push({ ...l, learned: true });
  return all.map((s, i) => {
    const fits = target.sons === s.sons && (!target.kind || target.kind === s.kind);
    const label = `Ségur ${s.sons} ${s.kind}`;
    const what = s.kind === 'avance' ? { fr: "Demande d'avance", en: 'Advance request' } : { fr: 'Demande de solde', en: 'Balance (solde) request' };
    const model = s.learned ? { fr: 'modèle officiel appris', en: 'learned official template' } : { fr: 'modèle', en: 'template' };
    return {
      type: 'skeleton' as const,
      label,
      detail:
        lang === 'fr'
          ? `${what.fr} ${s.sons} : squelette complet${s.learned ? ' (modèle officiel)' : ''}`
          : `${what.en} ${s.sons}: complete skeleton${s.learned ? ' (official template)' : ''}`,
      documentation:
        lang === 'fr'
          ? `Squelette complet du ${model.fr} ${s.sons} ${s.kind} : blocs \`[]\`, balises \`null\`, une ligne de demande (règles S2, S3). Complétez les valeurs ; Tab passe à la suivante.`
          : `Complete skeleton of the ${s.sons} ${s.kind} ${model.en}: blocks \`[]\`, tags \`null\`, one request line (rules S2, S3). Fill in the values; Tab goes to the next one.`,
      filterText: `segur-${s.sons.toLowerCase()}-${s.kind} ${label}`,
      sortText: `${fits ? '0' : '1'}${String(i).padStart(3, '0')}`,
      preselect: fits || undefined,
      offset: word.start,
      length: word.end - word.start,
      newSnippet: render(s.body, '', style),
    };
  });
}

/**
 * Completion entries of snippets at `offset`: skeletons when the document holds nothing but the word being typed;
 * in a Ségur file whose SONS and kind are known, the block of the array the cursor is in (between its items).
 */
export function snippetCompletions(text: string, offset: number, options: CheckOptions, lang: Locale = 'fr'): SnippetEntry[] {
  const word = wordAt(text, offset);
  if (blank(text, 0, word.start) && blank(text, word.end, text.length)) return skeletons(text, word, options, lang);

  // Cheap checks first (the document is parsed only at a place where a block can go).
  // Between the array's items only: after `[` or `,` (or right after an item, then a comma is added before).
  const before = prevChar(text, word.start);
  const after = nextChar(text, word.end);
  if (before !== '[' && before !== ',' && before !== '}') return [];
  if (after !== ']' && after !== ',' && after !== '{' && after !== '') return [];
  const loc = getLocation(text, word.start);
  const last = loc.path[loc.path.length - 1];
  if (loc.isAtPropertyKey || typeof last !== 'number') return [];
  const key = loc.path.filter((p): p is string => typeof p === 'string').join('/');
  const learned = learnedOf(options);
  if (!BLOCK_PATHS.has(key) && ![...learned.values()].some((l) => Object.hasOwn(l.blocks, key))) return [];
  const parsed = parseDocument(text);
  const detection = detect(parsed.root, parsed.value, options);
  if (!detection.isSegur || !detection.sons || !detection.kind) return [];
  const schema = schemaKey(detection.sons, detection.kind);
  // The learned template of the detected SONS × kind, when there is one, is the structure the file follows.
  const own = learned.get(schema)?.blocks ?? DATA.blocks[schema];
  const block = own && Object.hasOwn(own, key) ? own[key] : undefined;
  if (!block) return [];
  const style = textStyle(text);
  const indent = lineIndent(text, word.start);
  const body = render(block.body, indent, style);
  const isLine = key === 'lignesImport';
  const label = isLine ? (lang === 'fr' ? 'ligne de demande' : 'request line') : `${lang === 'fr' ? 'bloc' : 'block'} ${block.name}`;
  return [
    {
      type: 'block',
      label,
      detail: `Ségur ${detection.sons} ${detection.kind}`,
      documentation: isLine
        ? lang === 'fr'
          ? `Une ligne de demande (un bon de commande) du modèle ${detection.sons} ${detection.kind} : blocs \`[]\`, balises \`null\` (règles S2, S3, S10).`
          : `One request line (one purchase order) of the ${detection.sons} ${detection.kind} template: blocks \`[]\`, tags \`null\` (rules S2, S3, S10).`
        : lang === 'fr'
          ? `Un élément de « ${block.name} » du modèle ${detection.sons} ${detection.kind} : blocs \`[]\`, balises \`null\` (règles S2, S3).`
          : `One "${block.name}" item of the ${detection.sons} ${detection.kind} template: blocks \`[]\`, tags \`null\` (rules S2, S3).`,
      filterText: `${isLine ? 'segur-ligne' : `segur-${block.name.toLowerCase()}`} ${label}`,
      sortText: '0000',
      offset: word.start,
      length: word.end - word.start,
      newSnippet: `${before === '}' ? ', ' : ''}${body}${after === '{' ? ',' : ''}`,
    },
  ];
}
