/**
 * Editor assistance computed from the same schemas as validation (pure, no LSP): completion of keys in template
 * order (only the missing ones), of enumerated values and of whole blocks, and hover text for a key.
 */
import { getLocation, createScanner } from 'jsonc-parser';
import { parseDoc, type ParsedDoc } from '../check/document';
import { isBlock, isType, schemaAt, type SchemaNode } from '../schema/schemaData';
import type { CheckOptions, Locale, TextEdit } from '../shared/types';
import { listValues } from '../schema/limits';
import { templateValue, textStyle } from '../check/textStyle';
import { provenanceLabel, provenanceText } from '../schema/sources';

export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value' | 'snippet';
  /** Snippet syntax (`${1:…}` tab stops): the text that replaces `range`. */
  insertSnippet: string;
  /**
   * What the snippet replaces: the key or value being typed (a whole string, number or literal token), else an
   * empty span at the cursor. Always on the cursor's line and containing it (what LSP asks of a completion edit).
   */
  range: { offset: number; length: number };
  /** Plain edits elsewhere: the comma after the previous member when the completed one needs it. */
  additionalEdits?: TextEdit[];
  /** Text the editor matches what was typed against (the quoted key when the range starts at a quote). */
  filterText?: string;
  detail?: string;
  documentation?: string;
  sortText: string;
}

export interface HoverInfo {
  markdown: string;
  offset: number;
  length: number;
}

/** Turns a template value (`null`, `[]`, skeleton) into a snippet with numbered tab stops on the leaves. */
function toSnippet(json: string): string {
  let n = 0;
  return (': ' + json)
    .replace(/[\\$]/g, '\\$&')
    .replace(/: (null|\[\])/g, (_m, v: string) => `: \${${++n}:${v}}`)
    .slice(2);
}

// jsonc-parser SyntaxKind values (a const enum in its typings).
const K = {
  OpenBrace: 1,
  CloseBrace: 2,
  OpenBracket: 3,
  CloseBracket: 4,
  Comma: 5,
  Colon: 6,
  Null: 7,
  True: 8,
  False: 9,
  String: 10,
  Number: 11,
  LineComment: 12,
  BlockComment: 13,
  LineBreak: 14,
  Trivia: 15,
  Unknown: 16,
  EOF: 17,
} as const;

interface Token {
  kind: number;
  offset: number;
  length: number;
  /** The string's value for a string token, else its text. */
  value: string;
}

/** Tokens a key or value being typed can be: a string, a number, a literal, or a bare word. */
const isWord = (k: number) => k === K.String || k === K.Number || k === K.Null || k === K.True || k === K.False || k === K.Unknown;
/** Tokens that end a value: after one, another member needs a comma first. */
const endsValue = (k: number) => isWord(k) || k === K.CloseBrace || k === K.CloseBracket;
/** Tokens after which nothing is needed to separate what is inserted before them. */
const closesMember = (t: Token | undefined) => !t || t.kind === K.Comma || t.kind === K.CloseBrace || t.kind === K.CloseBracket || t.kind === K.EOF;

interface Frame {
  kind: 'object' | 'array';
  path: (string | number)[];
  /** Object: the key of the member being read (set at its colon); array: the index of the item being read. */
  key?: string;
  index: number;
  /** Object: its keys, with the offset of their string token (the whole object, also after the cursor). */
  keys: { key: string; offset: number }[];
}

/** Where the cursor stands, from the tokens around it (works on the broken text of a member being typed). */
interface CursorContext {
  container: Frame;
  /** The container's key (value position in an object) or item index at the cursor. */
  key?: string;
  index: number;
  position: 'key' | 'value';
  /** The string, number, literal or word containing the cursor (what is being typed). */
  current?: Token;
  /** Significant tokens before `current` (or the cursor) and after it. */
  prev?: Token;
  next?: Token;
  next2?: Token;
}

function cursorContext(text: string, offset: number): CursorContext | undefined {
  const scanner = createScanner(text, false);
  const frames: Frame[] = [];
  let prev: Token | undefined;
  let at: { depth: number; frame: Frame; key?: string; index: number; prev?: Token; current?: Token } | undefined;
  let next: Token | undefined;
  let next2: Token | undefined;
  const childPath = (): (string | number)[] => {
    const p = frames[frames.length - 1];
    if (!p) return [];
    return [...p.path, p.kind === 'object' ? (p.key ?? '\u0000') : p.index];
  };
  for (;;) {
    const kind = scanner.scan();
    const tokOffset = scanner.getTokenOffset();
    const tok: Token = {
      kind,
      offset: tokOffset,
      length: scanner.getTokenLength(),
      value: kind === K.String ? scanner.getTokenValue() : text.substr(tokOffset, scanner.getTokenLength()),
    };
    if (!at) {
      const end = tok.offset + tok.length;
      // No completion inside a comment.
      if ((kind === K.LineComment && tok.offset < offset && offset <= end) || (kind === K.BlockComment && tok.offset < offset && offset < end))
        return undefined;
      const inside = isWord(kind) && tok.offset < offset && offset <= end;
      if (inside || tok.offset >= offset || kind === K.EOF) {
        const frame = frames[frames.length - 1];
        if (!frame) return undefined;
        at = { depth: frames.length, frame, key: frame.key, index: frame.index, prev, current: inside ? tok : undefined };
        // The token being typed is not `next`; it stays `prev`, so that a colon after it records it as a key (which
        // the key completion then does not count as present: it is the one being replaced).
        if (inside) {
          prev = tok;
          continue;
        }
      }
    }
    if (kind === K.EOF) break;
    if (kind === K.Trivia || kind === K.LineBreak || kind === K.LineComment || kind === K.BlockComment) continue;
    if (at) {
      if (!next) next = tok;
      else if (!next2) next2 = tok;
    }
    const top = frames[frames.length - 1];
    if (kind === K.OpenBrace) frames.push({ kind: 'object', path: childPath(), index: 0, keys: [] });
    else if (kind === K.OpenBracket) frames.push({ kind: 'array', path: childPath(), index: 0, keys: [] });
    else if (kind === K.CloseBrace || kind === K.CloseBracket) {
      frames.pop();
      if (at && frames.length < at.depth && next2) break; // the container is read, and what follows the cursor
    } else if (kind === K.Comma && top) {
      if (top.kind === 'array') top.index++;
      else top.key = undefined;
    } else if (kind === K.Colon && top?.kind === 'object' && prev?.kind === K.String) {
      top.key = prev.value;
      top.keys.push({ key: prev.value, offset: prev.offset });
    }
    prev = tok;
  }
  if (!at) return undefined;
  const { frame } = at;
  const position = frame.kind === 'object' && at.prev?.kind !== K.Colon ? 'key' : 'value';
  return { container: frame, key: at.key, index: at.index, position, current: at.current, prev: at.prev, next, next2 };
}

/** The comma to insert after the previous member when it ends a value with no comma after it. */
function commaBefore(c: CursorContext): TextEdit[] | undefined {
  return c.prev && endsValue(c.prev.kind) ? [{ offset: c.prev.offset + c.prev.length, length: 0, newText: ',' }] : undefined;
}

export function describe(schema: SchemaNode, lang: Locale): string {
  const parts: string[] = [];
  const desc = lang === 'en' ? (schema['x-en'] ?? schema.description) : schema.description;
  if (desc) parts.push(desc);
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type;
  const rows: string[] = [];
  if (type)
    rows.push(
      `${lang === 'fr' ? 'Type' : 'Type'} : \`${type}\`${isBlock(schema) ? (lang === 'fr' ? " — bloc : `[]` s'il ne s'applique pas" : ' — block: `[]` when it does not apply') : isType(schema, 'null') ? (lang === 'fr' ? ' — `null` si non concernée' : ' — `null` when it does not apply') : ''}`,
    );
  if (schema.enum) rows.push(`${lang === 'fr' ? 'Valeurs' : 'Values'} : ${listValues(schema.enum, lang, (v) => `\`${v}\``)}`);
  if (schema['x-check']) rows.push(`${lang === 'fr' ? 'Contrôle' : 'Check'} : \`${schema['x-check']}\``);
  const prov = schema['x-provenance'];
  if (typeof prov === 'string') rows.push(`${lang === 'fr' ? 'Provenance : ' : 'Provenance: '}${provenanceText(prov, lang)}`);
  // Values whose provenance differs from the key's (a key seen in a seed, its list of values modelled).
  const values = schema['x-provenance-values'];
  if (typeof values === 'string' && values !== prov)
    rows.push(`${lang === 'fr' ? 'Provenance des valeurs : ' : 'Provenance of the values: '}${provenanceText(values, lang)}`);
  if (schema['x-note']) rows.push(`_${schema['x-note']}_`);
  return [...parts, rows.map((r) => `- ${r}`).join('\n')].filter(Boolean).join('\n\n');
}

/** Completion on a text (parses it; the server and the service give their parsed document to `completeDoc`). */
export function complete(text: string, offset: number, options: CheckOptions, lang: Locale = 'fr'): CompletionEntry[] {
  return completeDoc(parseDoc(text, options), offset, lang);
}

/**
 * Completion at `offset` from the schema the document is validated against (document.ts: a learned template of
 * CheckOptions.template / templates when one applies, a SONS outside the bundle included), no parse again.
 */
export function completeDoc(doc: ParsedDoc, offset: number, lang: Locale = 'fr'): CompletionEntry[] {
  const { schema, text } = doc;
  if (!schema) return [];
  const c = cursorContext(text, offset);
  if (!c) return [];
  const style = textStyle(text);
  const out: CompletionEntry[] = [];
  if (c.position === 'key') {
    const objSchema = schemaAt(schema, c.container.path);
    if (!objSchema?.properties) return [];
    const current = c.current;
    const present = new Set(c.container.keys.filter((k) => k.offset !== current?.offset).map((k) => k.key));
    // The key of a member that already has its colon (and value): only the key is replaced.
    const after = c.next;
    const hasValue = after?.kind === K.Colon;
    const range = current ? { offset: current.offset, length: current.length } : { offset, length: 0 };
    const separatorAfter = hasValue || closesMember(after) ? '' : ',';
    const additionalEdits = hasValue ? undefined : commaBefore(c);
    Object.entries(objSchema.properties).forEach(([key, s], i) => {
      if (present.has(key)) return;
      out.push({
        label: key,
        kind: 'property',
        insertSnippet: hasValue
          ? JSON.stringify(key).replace(/[\\$}]/g, '\\$&')
          : `${JSON.stringify(key).replace(/[\\$}]/g, '\\$&')}: ${toSnippet(templateValue(s, '', style))}${separatorAfter}`,
        range,
        additionalEdits,
        filterText: current?.kind === K.String ? JSON.stringify(key) : key,
        detail: typeof s['x-provenance'] === 'string' ? provenanceLabel(s['x-provenance'], lang) : undefined,
        documentation: describe(s, lang),
        sortText: String(i).padStart(4, '0'),
      });
    });
    return out;
  }
  // A value: of the member whose colon precedes the cursor, or an item of the array.
  const inArray = c.container.kind === 'array';
  const path = [...c.container.path, inArray ? c.index : (c.key ?? '\u0000')];
  const valueSchema = schemaAt(schema, path);
  if (!valueSchema) return [];
  let range = c.current ? { offset: c.current.offset, length: c.current.length } : { offset, length: 0 };
  let after = c.next;
  if (!c.current && !inArray && c.next) {
    // The member's value after the cursor: a scalar is replaced (on the cursor's line); a block or object is not.
    if (c.next.kind === K.OpenBrace || c.next.kind === K.OpenBracket) return [];
    if (isWord(c.next.kind) && c.next2?.kind !== K.Colon) {
      if (/[\r\n]/.test(text.slice(offset, c.next.offset))) return [];
      range = { offset, length: c.next.offset + c.next.length - offset };
      after = c.next2;
    }
  }
  const separatorAfter = closesMember(after) ? '' : ',';
  const additionalEdits = inArray ? commaBefore(c) : undefined;
  const push = (e: Omit<CompletionEntry, 'range' | 'additionalEdits' | 'insertSnippet'> & { insertSnippet: string }) =>
    out.push({ ...e, insertSnippet: e.insertSnippet + separatorAfter, range, additionalEdits, filterText: e.filterText ?? e.label });
  // Inside an array: offer a whole item (a beneficiary, a pièce justificative, a request line).
  if (inArray && valueSchema.properties) {
    const parent = c.container.path[c.container.path.length - 1];
    push({
      label: `${lang === 'fr' ? 'bloc' : 'block'} ${String(parent)}`,
      kind: 'snippet',
      insertSnippet: toSnippet(templateValue(valueSchema, '', style)),
      documentation: describe(valueSchema, lang),
      sortText: '0000',
    });
    return out;
  }
  (valueSchema.enum ?? []).forEach((e, i) =>
    push({ label: JSON.stringify(e), kind: 'value', insertSnippet: JSON.stringify(e).replace(/[\\$}]/g, '\\$&'), sortText: String(i).padStart(4, '0') }),
  );
  if (isType(valueSchema, 'boolean')) ['true', 'false'].forEach((b, i) => push({ label: b, kind: 'value', insertSnippet: b, sortText: `1${i}` }));
  if (isType(valueSchema, 'null'))
    push({
      label: 'null',
      kind: 'value',
      insertSnippet: 'null',
      documentation: lang === 'fr' ? 'Balise non concernée (règle S3)' : 'Tag that does not apply (rule S3)',
      sortText: '2000',
    });
  if (isBlock(valueSchema))
    push({
      label: '[]',
      kind: 'value',
      insertSnippet: '[]',
      documentation: lang === 'fr' ? 'Bloc non concerné (règle S2)' : 'Block that does not apply (rule S2)',
      sortText: '2001',
    });
  return out;
}

/** What a hover is titled: the key, or the array it is an item of with its index (`Etablissements[0]`, `FINESGeos[1]`). */
export function hoverTitle(path: (string | number)[]): string {
  let i = path.length - 1;
  while (i >= 0 && typeof path[i] === 'number') i--;
  const name = i >= 0 ? String(path[i]) : '';
  return (
    name +
    path
      .slice(i + 1)
      .map((n) => `[${n}]`)
      .join('')
  );
}

/** Hover on a text (parses it; the server and the service give their parsed document to `hoverDoc`). */
export function hover(text: string, offset: number, options: CheckOptions, lang: Locale = 'fr'): HoverInfo | undefined {
  return hoverDoc(parseDoc(text, options), offset, lang);
}

/** Hover at `offset` from the schema the document is validated against (as `completeDoc`). */
export function hoverDoc(doc: ParsedDoc, offset: number, lang: Locale = 'fr'): HoverInfo | undefined {
  const { schema, text } = doc;
  if (!schema) return undefined;
  const loc = getLocation(text, offset);
  const node = loc.previousNode;
  if (!node || (!loc.isAtPropertyKey && node.type !== 'string' && node.type !== 'number' && node.type !== 'boolean' && node.type !== 'null')) return undefined;
  const s = schemaAt(schema, loc.path);
  if (!s) return undefined;
  return { markdown: `**${hoverTitle(loc.path)}**\n\n${describe(s, lang)}`, offset: node.offset, length: node.length };
}
