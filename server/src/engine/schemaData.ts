/**
 * The formats as data: the SONS table (schemas/sons.json) and the expanded schemas with their precompiled
 * validators (server/generated/, built from schemas/ by scripts/build-schemas.mjs).
 */
import sonsTable from '../../../schemas/sons.json';
import expandedSchemas from '../../generated/schemas.json';
import validators from '../../generated/validators.js';
import type { SchemaNode, SonsInfo } from './types';

// The schema and SONS shapes are core vocabulary (types.ts); re-exported for the modules that read them here.
export type { SchemaNode, SonsInfo };

export interface SonsTable {
  sons: SonsInfo[];
  maxRequestsPerFile: number;
  vatRegimes?: unknown[];
  [k: string]: unknown;
}

export interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, any>;
  message?: string;
  schemaPath: string;
}
export type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

export const SONS_TABLE = sonsTable as unknown as SonsTable;
const SCHEMAS = expandedSchemas as unknown as Record<string, SchemaNode>;
const VALIDATORS = validators as unknown as Record<string, Validator>;

/** The key of the request lines in every Ségur file (confirmed: csv2json; assumed for vague 2). */
export const LINES_KEY = 'lignesImport';

export function sonsById(id: string | undefined): SonsInfo | undefined {
  if (!id) return undefined;
  const low = id.toLowerCase();
  return SONS_TABLE.sons.find((s) => s.id.toLowerCase() === low);
}

/** Schema key: `<SONS>.<kind>`; the output JSON of an avance is checked with the avance schema (S13). */
export function schemaKey(sons: string, kind: string): string {
  return `${sons}.${kind === 'output' ? 'avance' : kind}`;
}

export function getSchema(sons: string, kind: string): SchemaNode | undefined {
  return SCHEMAS[schemaKey(sons, kind)];
}

export function getValidator(sons: string, kind: string): Validator | undefined {
  return VALIDATORS[schemaKey(sons, kind)];
}

export function isType(schema: SchemaNode | undefined, t: string): boolean {
  if (!schema || schema.type === undefined) return false;
  return Array.isArray(schema.type) ? schema.type.includes(t) : schema.type === t;
}

/** A block is an array (or an object marked `x-template: block`): written `[]` when it does not apply (S2). */
export function isBlock(schema: SchemaNode | undefined): boolean {
  return isType(schema, 'array') || schema?.['x-template'] === 'block';
}

/** Descends a schema along a JSON path (properties and items only: our schemas use nothing else). */
export function schemaAt(root: SchemaNode | undefined, path: (string | number)[]): SchemaNode | undefined {
  let s = root;
  for (const seg of path) {
    if (!s) return undefined;
    // Own keys only: a key `constructor` of the document is not Object.prototype.constructor of the schema.
    s = typeof seg === 'number' ? s.items : s.properties && Object.hasOwn(s.properties, seg) ? s.properties[seg] : undefined;
  }
  return s;
}
