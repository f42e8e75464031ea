/**
 * The formats as data: the SONS table (schemas/sons.json) and the expanded schemas with their precompiled
 * validators (server/generated/, built from schemas/ by scripts/build-schemas.mjs).
 */
import sonsTable from '../../../../schemas/sons.json';
import expandedSchemas from '../../../generated/schemas.json';
import validators from '../../../generated/validators.js';
import type { SchemaNode, SonsInfo } from '../shared/types';

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
const VALIDATORS = validators as unknown as Record<string, Validator | undefined>;

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

/**
 * The precompiled validators of a SONS × kind (scripts/build-schemas.mjs): `head` checks the file without the content
 * of its request lines, `line` one request line (the `lignesImport` item schema).
 */
export interface FileValidators {
  head: Validator;
  line: Validator;
}

export function getValidators(sons: string, kind: string): FileValidators | undefined {
  const key = schemaKey(sons, kind);
  const head = VALIDATORS[`${key}.head`];
  const line = VALIDATORS[`${key}.line`];
  return head && line ? { head, line } : undefined;
}

/**
 * Runs a file's validators and gives every error as one whole-file validator would, in its order: the head's errors up
 * to the request lines, then each line's (its paths re-prefixed with `/lignesImport/<i>`, `line` = i), then the head's
 * errors on root keys that the schema lists after `lignesImport`. ajv checks the root's required keys, its unknown
 * keys, then its properties in schema order, and an array's own keywords before its items: the line errors take the
 * place of the items'. Each line is validated alone, so ajv-errors' rescans of the error list (one per
 * `errorMessage`) stay within one line: the cost is linear in the number of lines and errors.
 * Returns the number of errors.
 */
export function schemaErrors(
  validators: FileValidators,
  schema: SchemaNode | undefined,
  value: unknown,
  each: (e: AjvError, line: number | undefined) => void,
  lineErrors?: LineErrors,
): number {
  const { head, line } = validators;
  const headErrors = head(value) ? [] : (head.errors ?? []);
  const lines = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[LINES_KEY] : undefined;
  let split = headErrors.length;
  const later = laterRootKeys(schema);
  if (later.size > 0) {
    for (let i = 0; i < headErrors.length; i++) {
      const p = headErrors[i].instancePath;
      const slash = p.indexOf('/', 1);
      if (p !== '' && later.has(slash < 0 ? p.slice(1) : p.slice(1, slash))) {
        split = i;
        break;
      }
    }
  }
  for (let i = 0; i < split; i++) each(headErrors[i], undefined);
  let count = headErrors.length;
  if (Array.isArray(lines)) {
    for (let i = 0; i < lines.length; i++) {
      const known = lineErrors?.[i];
      if (known === null) continue;
      let errors: AjvError[] | null | undefined = known;
      if (errors === undefined) {
        if (line(lines[i])) continue;
        errors = line.errors;
      }
      const prefix = `/${LINES_KEY}/${i}`;
      for (const e of errors ?? []) {
        prefixError(e, prefix);
        each(e, i);
        count++;
      }
    }
  }
  for (let i = split; i < headErrors.length; i++) each(headErrors[i], undefined);
  return count;
}

/**
 * The line validator's result for some request lines, computed earlier (runner.ts runs it while the walk is at the
 * line, whose value is then in the processor's cache): `null` for a valid line, its errors otherwise; a line left
 * `undefined` is validated by `schemaErrors`.
 */
export type LineErrors = (AjvError[] | null | undefined)[];

/**
 * Runs the line validator on request line `i` and keeps its result in `out` (see `LineErrors`). A validator that
 * throws leaves the line to `schemaErrors`, where it throws as before.
 */
export function validateLine(validators: FileValidators, lineValue: unknown, i: number, out: LineErrors): void {
  const { line } = validators;
  try {
    out[i] = line(lineValue) ? null : (line.errors ?? []);
  } catch {
    out[i] = undefined;
  }
}

function prefixError(e: AjvError, prefix: string): void {
  e.instancePath = prefix + e.instancePath;
  // The errors an `errorMessage` replaced (params.errors) are the validator's own objects: same paths as a whole-file run.
  if (e.keyword === 'errorMessage' && Array.isArray(e.params.errors))
    for (const inner of e.params.errors as AjvError[]) inner.instancePath = prefix + inner.instancePath;
}

/** Escaped root keys listed after `lignesImport` in a schema (their errors come after the lines'), cached per schema. */
const LATER = new WeakMap<SchemaNode, Set<string>>();
function laterRootKeys(schema: SchemaNode | undefined): Set<string> {
  if (!schema) return new Set();
  let later = LATER.get(schema);
  if (!later) {
    const keys = Object.keys(schema.properties ?? {});
    const at = keys.indexOf(LINES_KEY);
    later = new Set(at < 0 ? [] : keys.slice(at + 1).map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')));
    LATER.set(schema, later);
  }
  return later;
}

/**
 * One validator for the whole file (its errors as `schemaErrors` gives them), for callers that only count errors
 * (detect.ts: the SONS a document breaks the least).
 */
export function getValidator(sons: string, kind: string): Validator | undefined {
  const validators = getValidators(sons, kind);
  if (!validators) return undefined;
  const schema = getSchema(sons, kind);
  const validate: Validator = (data: unknown) => {
    const errors: AjvError[] = [];
    schemaErrors(validators, schema, data, (e) => errors.push(e));
    validate.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  };
  return validate;
}

export function isType(schema: SchemaNode | undefined, t: string): boolean {
  if (!schema || schema.type === undefined) return false;
  return Array.isArray(schema.type) ? schema.type.includes(t) : schema.type === t;
}

/** A block is an array (or an object marked `x-template: block`): written `[]` when it does not apply (S2). */
export function isBlock(schema: SchemaNode | undefined): boolean {
  return isType(schema, 'array') || schema?.['x-template'] === 'block';
}

/**
 * Descends a schema along a JSON path (properties and items only: our schemas use nothing else); `length`: along its
 * first segments only (no slice of the path made).
 */
export function schemaAt(root: SchemaNode | undefined, path: readonly (string | number)[], length = path.length): SchemaNode | undefined {
  let s = root;
  for (let i = 0; i < length; i++) {
    const seg = path[i];
    if (!s) return undefined;
    // Own keys only: a key `constructor` of the document is not Object.prototype.constructor of the schema.
    s = typeof seg === 'number' ? s.items : s.properties && Object.hasOwn(s.properties, seg) ? s.properties[seg] : undefined;
  }
  return s;
}
