#!/usr/bin/env node
/**
 * Expands schemas/ (see docs/schema-format.md) and compiles them ahead of time:
 * - resolves every $ref (common.defs.json and local definitions) into one self-contained schema per SONS × kind;
 * - adds `required` (every property but `x-optional`) and `additionalProperties: false` to each object schema;
 * - writes server/generated/schemas.json (the expanded schemas: key order, descriptions, provenance, checks)
 *   and server/generated/validators.js (ajv standalone code: nothing is compiled or eval'ed at run time).
 */
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import ajvErrors from 'ajv-errors';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { annotate } from './vocabulary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = join(root, 'schemas');
const outDir = join(root, 'server', 'generated');

const readJson = (f) => JSON.parse(readFileSync(join(schemaDir, f), 'utf8'));
const common = readJson('common.defs.json');

/** Annotation keywords of docs/schema-format.md: ajv must know them (strict mode) but ignores them. */
export const ANNOTATIONS = [
  'x-sons',
  'x-kind',
  'x-provenance',
  'x-provenance-values',
  'x-en',
  'x-check',
  'x-rule',
  'x-optional',
  'x-optional-in',
  'x-list-separator',
  'x-null-for-pilot',
  'x-note',
  'x-template',
  'x-pilot',
  'x-role',
];
const OVERRIDABLE = new Set(['description', 'x-provenance', 'x-provenance-values', 'x-en', 'x-note', 'x-check', 'x-rule', 'x-pilot', 'x-role', 'title']);

/** Kind (`avance`, `solde`) of the schema being expanded: a key marked `x-optional-in: [kind]` is optional there. */
let currentKind;

function resolveRef(ref, local) {
  const [file, frag] = ref.split('#');
  const doc = file ? (file === 'common.defs.json' ? common : readJson(file)) : local;
  let node = doc;
  for (const seg of (frag || '').split('/').filter(Boolean)) {
    node = node?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return { node, doc };
}

function expand(node, local, stack = []) {
  if (Array.isArray(node)) return node.map((n) => expand(n, local, stack));
  if (!node || typeof node !== 'object') return node;
  if (node.$ref) {
    if (stack.includes(node.$ref)) throw new Error(`recursive $ref ${node.$ref}`);
    const { node: target, doc } = resolveRef(node.$ref, local);
    const base = expand(target, doc === common ? common : local, [...stack, node.$ref]);
    for (const k of Object.keys(node)) {
      if (k === '$ref') continue;
      if (!OVERRIDABLE.has(k)) throw new Error(`keyword ${k} beside $ref ${node.$ref}`);
      base[k] = node[k];
    }
    return base;
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'definitions') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, expand(pv, local, stack)])) : expand(v, local, stack);
  }
  // An identifier array's role (`FINESGeos`: id:finessGeo) also marks its items, which are the values checked.
  if (out['x-role'] && out.items && typeof out.items === 'object' && !out.items['x-role']) out.items['x-role'] = out['x-role'];
  if (out.properties) {
    const optional = new Set(out['x-optional'] ?? []);
    for (const [pk, pv] of Object.entries(out.properties))
      if (Array.isArray(pv?.['x-optional-in']) && pv['x-optional-in'].includes(currentKind)) optional.add(pk);
    if (optional.size > 0) out['x-optional'] = [...optional];
    out.required = Object.keys(out.properties).filter((k) => !optional.has(k));
    if (out.additionalProperties === undefined) out.additionalProperties = false;
  }
  return out;
}

// segur.config.schema.json describes the configuration file (for editors), not a SONS × kind format.
const files = readdirSync(schemaDir)
  .filter((f) => f.endsWith('.schema.json') && f !== 'segur.config.schema.json')
  .sort();
const expanded = {};
for (const f of files) {
  const raw = readJson(f);
  const id = f.replace(/\.schema\.json$/, '');
  currentKind = raw['x-kind'];
  const sch = expand(raw, raw);
  if (sch.$id !== `segur:${id}`) throw new Error(`${f}: $id must be segur:${id}`);
  expanded[id] = sch;
}
annotate(expanded, readJson('vocabulary.json')); // x-check / x-role / x-rule from key names (docs/schema-format.md « Vocabulaire »)

/** The validator only needs validation keywords: annotations stay in schemas.json (smaller generated code). */
function forValidation(node) {
  if (Array.isArray(node)) return node.map(forValidation);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-') || k === 'description' || k === 'title' || k === '$comment' || k === '$schema') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, forValidation(pv)])) : forValidation(v);
  }
  return out;
}

/**
 * Two validators per SONS × kind, so that a file's schema check costs linear time in its number of errors (the same
 * mistake on every line must not cost quadratic time): ajv-errors rescans and rebuilds the whole error list at every
 * `errorMessage` once one error exists, which is quadratic on a file with the same mistake on every line. `<id>.line`
 * checks one request line (the `lignesImport` item schema; its error list stays short) and `<id>.head` the file without
 * its lines' content (the array's own keywords stay). The engine runs the head, then the line validator on each line,
 * and re-prefixes the line errors' paths with `/lignesImport/<i>`: the same errors, in the same order, as one
 * whole-file validator (server/src/engine/schema/schemaData.ts `schemaErrors`; test/engine/check/schemaStage.test.ts compares
 * them).
 */
const LINES = 'lignesImport';
/**
 * A request line's schema with each leaf that has an `errorMessage` moved to `definitions` and referenced, compiled
 * with `inlineRefs: false`: each such leaf is then validated by its own function, whose ajv-errors pass sees only
 * that leaf's errors. Inlined, every `errorMessage` of a line rescans (and copies) the error list of the whole line
 * as soon as any error precedes it: a line with one missing key paid ~40 such passes (11 KB of garbage per line, the
 * cost that made a file with the same mistake on every line take 3× a clean one).
 * Same errors, same order, same messages; only their `schemaPath` names the definition.
 */
function leavesAsRefs(schema) {
  const definitions = {};
  let n = 0;
  const visit = (node) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
    const out = { ...node };
    if (out.properties) out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, leaf(v)]));
    if (out.items && typeof out.items === 'object' && !Array.isArray(out.items)) out.items = leaf(out.items);
    return out;
  };
  const leaf = (node) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
    if (node.errorMessage === undefined || node.properties || node.items) return visit(node);
    const name = `leaf${n++}`;
    definitions[name] = node;
    return { $ref: `#/definitions/${name}` };
  };
  const out = visit(schema);
  return n === 0 ? out : { ...out, definitions };
}

const ajv = new Ajv({ allErrors: true, strict: true, code: { source: true, esm: false }, allowUnionTypes: true, inlineRefs: false });
ajvErrors(ajv);
ajv.addVocabulary(ANNOTATIONS);
const ids = {};
for (const [id, sch] of Object.entries(expanded)) {
  const head = forValidation(sch);
  const lines = head.properties?.[LINES];
  if (!lines || typeof lines.items !== 'object' || Array.isArray(lines.items)) throw new Error(`${id}: "${LINES}" must be an array with one item schema`);
  // An errorMessage above the lines would replace their errors in a whole-file run (docs/schema-format.md: leaves only).
  if (head.errorMessage !== undefined || lines.errorMessage !== undefined)
    throw new Error(`${id}: errorMessage on the root or on "${LINES}" (leaf schemas only)`);
  const { items, ...withoutItems } = lines;
  head.properties[LINES] = withoutItems;
  ajv.addSchema({ ...head, $id: `${sch.$id}.head` });
  ajv.addSchema({ ...leavesAsRefs(items), $id: `${sch.$id}.line` });
  ids[`${id}.head`] = `${sch.$id}.head`;
  ids[`${id}.line`] = `${sch.$id}.line`;
}
const code = standaloneCode(ajv, ids);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'validators.js'), '// Generated by scripts/build-schemas.mjs from schemas/. Do not edit.\n' + code);
writeFileSync(join(outDir, 'schemas.json'), JSON.stringify(expanded));
writeFileSync(
  join(outDir, 'validators.d.ts'),
  '// Generated by scripts/build-schemas.mjs. Do not edit.\ndeclare const validators: Record<string, unknown>;\nexport default validators;\n',
);
console.log(`build-schemas: ${files.length} schemas → server/generated/`);
