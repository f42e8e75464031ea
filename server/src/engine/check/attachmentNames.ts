/**
 * The pièces justificatives a document names, and what a file's first bytes are: pure, no file system. The disk is
 * read by server/src/io/attachmentFacts.ts, which asks this module which names to look at (`attachmentNames`) and gives
 * back plain facts (`AttachmentFact`) that the rules P1–P4 read from CheckOptions.attachments.
 *
 * A name is found by meaning, as rule V8 finds it: a string value whose schema has `x-check: fileName` (the bundled
 * models and a learned template alike), never by key path. The limits and formats are data (schemas/attachments.json).
 */
import type { ParsedDoc } from './document';
import type { JsonNode } from '../syntax/tree';
import { propKey, propValue } from '../syntax/tree';
import { LINES_KEY, type SchemaNode } from '../schema/schemaData';
import { keyWithRole } from '../schema/vocabulary';
import limits from '../../../../schemas/attachments.json';

/** The formats an attachment may have (schemas/attachments.json `formats`: « Formats acceptés : pdf, jpeg, png », 001). */
export type AttachmentFormat = 'PDF' | 'JPEG' | 'PNG';

export interface AttachmentLimits {
  maxBytes: number;
  doubtfulFromBytes: number;
  readBytes: number;
  formats: Record<AttachmentFormat, { extensions: string[]; magic: string[] }>;
  zip: { name: string; provenance: string; modifiedAt: string };
}

export const ATTACHMENT_LIMITS = limits as AttachmentLimits;

/** One `nomFichier` of a document: its value, where it is written, and the request line it belongs to. */
export interface AttachmentName {
  name: string;
  offset: number;
  length: number;
  /** Index of the request line (item of lignesImport) holding it; absent outside the lines. */
  lineIndex?: number;
  /** The sibling value of role `fileFormat` (`formatFichier`), when it is a string. */
  format?: string;
  /** The line's values of role `editeur` and `numLigne`, when they are strings or numbers (`segur-json package`). */
  editeur?: string;
  numLigne?: string;
}

/** What the disk says about one name (engine/shared/types.ts, beside CheckOptions.attachments). */
export type { AttachmentFact } from '../shared/types';

const EXTENSION_RE = /\.([A-Za-z0-9]+)$/;

/** The format a name's extension claims (`.pdf` → PDF, `.jpg`/`.jpeg` → JPEG, `.png` → PNG), by the data. */
export function formatOfName(name: string): AttachmentFormat | undefined {
  const ext = EXTENSION_RE.exec(name)?.[1].toLowerCase();
  if (!ext) return undefined;
  for (const [format, f] of Object.entries(ATTACHMENT_LIMITS.formats)) if (f.extensions.includes(ext)) return format as AttachmentFormat;
  return undefined;
}

const MAGIC: { format: AttachmentFormat; bytes: number[] }[] = Object.entries(ATTACHMENT_LIMITS.formats).flatMap(([format, f]) =>
  f.magic.map((hex) => ({ format: format as AttachmentFormat, bytes: hex.match(/../g)!.map((b) => parseInt(b, 16)) })),
);

/** The most first bytes `kindOfBytes` looks at. */
export const MAGIC_LENGTH = Math.max(...MAGIC.map((m) => m.bytes.length));

/** What a file's first bytes are: an accepted format by its signature, `empty`, or `other`. */
export function kindOfBytes(head: Uint8Array): AttachmentFormat | 'other' | 'empty' {
  if (head.length === 0) return 'empty';
  for (const m of MAGIC) if (m.bytes.length <= head.length && m.bytes.every((b, i) => head[i] === b)) return m.format;
  return 'other';
}

/**
 * Whether a name is a plain file name of the attachments folder: no folder part (`/`, `\`), no drive (`C:`), not
 * `.` or `..`, no NUL. Anything else is never joined to the folder nor opened (it could leave the folder).
 */
export function isPlainFileName(name: string): boolean {
  return name.length > 0 && name !== '.' && name !== '..' && !/[/\\:\u0000]/.test(name);
}

/**
 * The attachment names of a parsed document, in document order, with their ranges: every string value whose schema
 * has `x-check: fileName` (the document's own schema: the bundled model or a learned template). Nothing when the
 * document is not a Ségur file, too large, or its syntax gives no tree.
 */
export function attachmentNames(doc: ParsedDoc): AttachmentName[] {
  const root = doc.parsed?.root;
  if (!doc.detection.isSegur || !root || !doc.schema) return [];
  const out: AttachmentName[] = [];
  const visit = (
    node: JsonNode,
    schema: SchemaNode | undefined,
    depth: number,
    lineIndex: number | undefined,
    line: { node: JsonNode; schema: SchemaNode | undefined } | undefined,
    owner: { node: JsonNode; schema: SchemaNode | undefined } | undefined,
    isLines = false,
  ): void => {
    if (!schema || depth > 64) return;
    if (node.type === 'object') {
      for (const p of node.children ?? []) {
        const key = propKey(p);
        const v = propValue(p);
        const s = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
        if (v) visit(v, s, depth + 1, lineIndex, line, { node, schema }, depth === 0 && key === LINES_KEY);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((item, i) =>
        visit(item, schema.items, depth + 1, isLines ? i : lineIndex, isLines ? { node: item, schema: schema.items } : line, owner),
      );
    } else if (node.type === 'string' && schema['x-check'] === 'fileName') {
      const entry: AttachmentName = { name: node.value as string, offset: node.offset, length: node.length };
      if (lineIndex !== undefined) entry.lineIndex = lineIndex;
      const format = owner ? valueWithRole(owner.node, owner.schema, 'fileFormat') : undefined;
      if (typeof format === 'string') entry.format = format;
      const editeur = line ? valueWithRole(line.node, line.schema, 'editeur') : undefined;
      if (editeur !== undefined) entry.editeur = String(editeur);
      const numLigne = line ? valueWithRole(line.node, line.schema, 'numLigne') : undefined;
      if (numLigne !== undefined) entry.numLigne = String(numLigne);
      out.push(entry);
    }
  };
  visit(root, doc.schema, 0, undefined, undefined, undefined);
  return out;
}

/** The string or number value of an object's key of the given `x-role` (by meaning, from the schema). */
function valueWithRole(obj: JsonNode, schema: SchemaNode | undefined, role: string): string | number | undefined {
  const key = keyWithRole(schema, role);
  if (key === undefined || obj.type !== 'object') return undefined;
  for (const p of obj.children ?? []) {
    if (propKey(p) !== key) continue;
    const v = propValue(p);
    return v && (v.type === 'string' || v.type === 'number') ? (v.value as string | number) : undefined;
  }
  return undefined;
}
