/**
 * Snippets where they belong (pure, no LSP): the complete skeleton of each SONS × kind at the top of an empty JSON
 * document, and a block (a request line, a beneficiary, a pièce justificative…) inside its own array of a Ségur
 * file, for the SONS and kind detected for that file only. The texts come from server/generated/snippets.json
 * (built from the expanded schemas by scripts/build-snippets.mjs). Nothing is offered anywhere else: not in a
 * `package.json`, a `tsconfig.json` or any JSON file that is not a Ségur file.
 */
import { getLocation } from 'jsonc-parser';
import snippetData from '../../generated/snippets.json';
import { parseDocument } from './parse';
import { detect } from './detect';
import { schemaKey, sonsById, SONS_TABLE } from './schemaData';
import type { CheckOptions, Locale } from './types';
import { textStyle } from './textStyle';

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
const TOOL_FILES = /(^|[\\/])(package(-lock)?\.json|npm-shrinkwrap\.json|[jt]sconfig(\.[^\\/]*)?\.json|composer\.json|bower\.json|lerna\.json|\.vscode[\\/][^\\/]*)$/i;

const WORD = /[\p{L}\p{N}_-]/u;
/** Paths of the arrays that have a block in some SONS and kind. */
const BLOCK_PATHS = new Set(Object.values(DATA.blocks).flatMap((b) => Object.keys(b)));

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
  return body.map((line, i) => {
    const lead = /^ */.exec(line)![0].length;
    const own = style.unit.repeat(lead / 2) + line.slice(lead);
    return i === 0 ? own : indent + own;
  }).join(style.nl);
}

/** Leading whitespace of the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return /^[ \t]*/.exec(text.slice(i, offset))![0];
}

/** SONS and kind named by the options or the file name (an empty document has no content to detect from). */
function targetOf(options: CheckOptions): { sons?: string; kind?: string } {
  const base = (options.fileName ?? '').split(/[\\/]/).pop()!.toLowerCase().replace(/[_\s.]/g, '-');
  const sons = sonsById(options.sons)?.id ?? [...SONS_TABLE.sons].sort((a, b) => b.id.length - a.id.length).find((s) => base.includes(s.id.toLowerCase()))?.id;
  const kind = options.kind ?? (/solde/.test(base) ? 'solde' : /avance/.test(base) ? 'avance' : undefined);
  return { sons, kind };
}

function skeletons(text: string, word: { start: number; end: number }, options: CheckOptions, lang: Locale): SnippetEntry[] {
  if (options.fileName && TOOL_FILES.test(options.fileName)) return [];
  const target = targetOf(options);
  const style = textStyle(text);
  return DATA.skeletons.map((s, i) => {
    const fits = target.sons === s.sons && (!target.kind || target.kind === s.kind);
    const label = `Ségur ${s.sons} ${s.kind}`;
    const what = s.kind === 'avance' ? { fr: 'Demande d\'avance', en: 'Advance request' } : { fr: 'Demande de solde', en: 'Balance (solde) request' };
    return {
      type: 'skeleton' as const,
      label,
      detail: lang === 'fr' ? `${what.fr} ${s.sons} : squelette complet` : `${what.en} ${s.sons}: complete skeleton`,
      documentation: lang === 'fr'
        ? `Squelette complet du modèle ${s.sons} ${s.kind} : blocs \`[]\`, balises \`null\`, une ligne de demande (règles S2, S3). Complétez les valeurs ; Tab passe à la suivante.`
        : `Complete skeleton of the ${s.sons} ${s.kind} template: blocks \`[]\`, tags \`null\`, one request line (rules S2, S3). Fill in the values; Tab goes to the next one.`,
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
  if (!BLOCK_PATHS.has(key)) return [];
  const parsed = parseDocument(text);
  const detection = detect(parsed.root, parsed.value, options);
  if (!detection.isSegur || !detection.sons || !detection.kind) return [];
  const block = DATA.blocks[schemaKey(detection.sons, detection.kind)]?.[key];
  if (!block) return [];
  const style = textStyle(text);
  const indent = lineIndent(text, word.start);
  const body = render(block.body, indent, style);
  const isLine = key === 'lignesImport';
  const label = isLine ? (lang === 'fr' ? 'ligne de demande' : 'request line') : `${lang === 'fr' ? 'bloc' : 'block'} ${block.name}`;
  return [{
    type: 'block',
    label,
    detail: `Ségur ${detection.sons} ${detection.kind}`,
    documentation: isLine
      ? (lang === 'fr' ? `Une ligne de demande (un bon de commande) du modèle ${detection.sons} ${detection.kind} : blocs \`[]\`, balises \`null\` (règles S2, S3, S10).` : `One request line (one purchase order) of the ${detection.sons} ${detection.kind} template: blocks \`[]\`, tags \`null\` (rules S2, S3, S10).`)
      : (lang === 'fr' ? `Un élément de « ${block.name} » du modèle ${detection.sons} ${detection.kind} : blocs \`[]\`, balises \`null\` (règles S2, S3).` : `One "${block.name}" item of the ${detection.sons} ${detection.kind} template: blocks \`[]\`, tags \`null\` (rules S2, S3).`),
    filterText: `${isLine ? 'segur-ligne' : `segur-${block.name.toLowerCase()}`} ${label}`,
    sortText: '0000',
    offset: word.start,
    length: word.end - word.start,
    newSnippet: `${before === '}' ? ', ' : ''}${body}${after === '{' ? ',' : ''}`,
  }];
}
