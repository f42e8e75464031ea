/**
 * The schema stage validates the file's head and then each request
 * line alone (linear cost; ajv-errors is quadratic in the length of one error list), and must give what one
 * whole-file validator gives: the same ajv errors in the same order, and the same findings (codes, ranges, messages,
 * provenance, order; rule S1 and the `x-rule` of each key, docs/rules.md#s1).
 * The whole-file validators are compiled here, at test time, with the build's ajv options (scripts/build-schemas.mjs);
 * the engine only runs the precompiled per-line ones. Documents: each SONS × kind example, its lines repeated, with
 * several mistakes on several lines (deleted keys, wrong types, ISO dates, unknown keys, values outside a list,
 * null, empty strings) and on the root.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree } from 'jsonc-parser';
import AjvModule from 'ajv';
import ajvErrorsModule from 'ajv-errors';
import expanded from '../../../server/generated/schemas.json';
import {
  getValidator,
  getValidators,
  schemaErrors,
  LINES_KEY,
  type AjvError,
  type SchemaNode,
  type Validator,
} from '../../../server/src/engine/schema/schemaData.ts';
import { schemaStage, schemaFindings, type SchemaStageOptions } from '../../../server/src/engine/check/schemaStage.ts';
import { RULES } from '../../../server/src/rules/catalogue.ts';
import type { JsonNode } from '../../../server/src/engine/syntax/tree.ts';
import type { Finding } from '../../../server/src/engine/shared/types.ts';

const root = join(__dirname, '..', '..', '..');
const SCHEMAS = expanded as unknown as Record<string, SchemaNode>;
const Ajv = ((AjvModule as any).default ?? AjvModule) as any;
const ajvErrors = ((ajvErrorsModule as any).default ?? ajvErrorsModule) as any;

/** The validation keywords only (as the build's `forValidation`: annotations are not validation). */
function forValidation(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forValidation);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-') || k === 'description' || k === 'title' || k === '$comment' || k === '$schema') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, forValidation(pv)])) : forValidation(v);
  }
  return out;
}

function newAjv(): any {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  ajvErrors(ajv);
  return ajv;
}

const wholeAjv = newAjv();
const whole = (key: string): Validator => wholeAjv.getSchema(SCHEMAS[key].$id) ?? wholeAjv.compile(forValidation(SCHEMAS[key]));

/** An error without its schemaPath (a per-line validator's schema paths start at the line's schema). */
function shape(e: AjvError): unknown {
  const params = e.keyword === 'errorMessage' ? { ...e.params, errors: (e.params.errors as AjvError[]).map(shape) } : e.params;
  return { instancePath: e.instancePath, keyword: e.keyword, params, message: e.message, emUsed: (e as { emUsed?: boolean }).emUsed };
}

type Obj = Record<string, unknown>;

/** The scalar leaves of a line, in document order, as [holder, key] pairs; and its objects. */
function leavesOf(node: unknown, out: [Obj | unknown[], string | number][] = [], objects: Obj[] = []): { leaves: typeof out; objects: Obj[] } {
  if (Array.isArray(node)) node.forEach((v, i) => (v !== null && typeof v === 'object' ? leavesOf(v, out, objects) : out.push([node, i])));
  else if (node && typeof node === 'object') {
    objects.push(node as Obj);
    for (const [k, v] of Object.entries(node)) v !== null && typeof v === 'object' ? leavesOf(v, out, objects) : out.push([node as Obj, k]);
  }
  return { leaves: out, objects };
}

const MISTAKES = ['delete', 'type', 'iso-date', 'unknown-key', 'enum', 'null', 'empty', 'number-as-string'] as const;

function mistake(kind: (typeof MISTAKES)[number], holder: Obj | unknown[], key: string | number, objects: Obj[], j: number): void {
  const h = holder as Record<string | number, unknown>;
  const v = h[key];
  if (kind === 'delete' && !Array.isArray(holder)) delete h[key];
  else if (kind === 'type') h[key] = typeof v === 'string' ? 1234 : 'texte';
  else if (kind === 'iso-date')
    h[key] = typeof v === 'string' && /^\d{2}\/\d{2}\/\d{4}$/.test(v) ? `${v.slice(6)}-${v.slice(3, 5)}-${v.slice(0, 2)}` : '2025-07-22';
  else if (kind === 'unknown-key') objects[j % objects.length][`baliseInconnue${j}`] = 'x';
  else if (kind === 'enum') h[key] = 'ZZZ';
  else if (kind === 'null') h[key] = null;
  else if (kind === 'empty') h[key] = '';
  else h[key] = typeof v === 'number' ? String(v) : v === null ? true : false;
}

/** The example of `sons` × `kind` with its lines repeated to `n` and mistakes on most lines (deterministic). */
function brokenDoc(sons: string, kind: string, n: number, seed: number): Obj {
  const doc = JSON.parse(readFileSync(join(root, 'examples', sons, `${kind}.json`), 'utf8')) as Obj;
  const base = doc[LINES_KEY] as unknown[];
  const lines = Array.from({ length: n }, (_, i) => structuredClone(base[i % base.length]));
  lines.forEach((line, i) => {
    if ((i + seed) % 4 === 3) return; // some lines stay clean
    const { leaves, objects } = leavesOf(line);
    for (let j = 0; j < 1 + ((i + seed) % 3); j++) {
      const [holder, key] = leaves[(i * 7 + j * 5 + seed) % leaves.length];
      mistake(MISTAKES[(i + j + seed) % MISTAKES.length], holder, key, objects, i + j);
    }
  });
  doc[LINES_KEY] = lines;
  if (seed % 2 === 1) {
    doc.siret = 12345678900012;
    doc.cleRacine = 'x';
  }
  if (seed % 3 === 2) delete doc.numeroAns;
  return doc;
}

const opts = (): SchemaStageOptions => ({
  covered: new Set(),
  overrides: {},
  modelled: undefined,
  sourcesOf: (id) => RULES.find((r) => r.meta.id === id)?.meta.sources ?? [],
});

/** Findings of the whole-file validator's errors, each placed from the root (as the engine did before validating request by request). */
function wholeFileFindings(key: string, sons: string, kind: string, doc: unknown, tree: JsonNode): Finding[] {
  const findings: Finding[] = [];
  const validate = whole(key);
  if (validate(doc)) return findings;
  const map = schemaFindings(tree, sons, kind, findings, opts());
  for (const e of validate.errors ?? []) map(e);
  return findings;
}

const KEYS = Object.keys(SCHEMAS).filter((k) => existsSync(join(root, 'examples', k.split('.')[0], `${k.split('.')[1]}.json`)));

test('every bundled schema has per-line validators, and an example for this test', () => {
  assert.equal(KEYS.length, Object.keys(SCHEMAS).length);
  for (const key of KEYS) assert.ok(getValidators(...(key.split('.') as [string, string])), key);
});

for (const key of KEYS) {
  const [sons, kind] = key.split('.');
  test(`${key}: per-line validation gives the whole-file validator's errors and findings, in order`, () => {
    const keywords = new Set<string>();
    for (let seed = 0; seed < 6; seed++) {
      const doc = brokenDoc(sons, kind, 9 + seed, seed);
      const text = JSON.stringify(doc, null, 2);
      const value = JSON.parse(text);
      const validate = whole(key);
      assert.equal(validate(structuredClone(value)), false);
      const expected = (validate.errors ?? []).map(shape);
      const composite = getValidator(sons, kind)!;
      assert.equal(composite(structuredClone(value)), false);
      const actual = (composite.errors ?? []).map(shape);
      assert.deepEqual(actual, expected, `${key} seed ${seed}: ajv errors`);
      for (const e of composite.errors ?? []) keywords.add(e.keyword);
      // Errors on several lines, not only on the root.
      assert.ok(
        new Set((composite.errors ?? []).map((e) => e.instancePath.split('/')[2]).filter(Boolean)).size >= 3,
        `${key} seed ${seed}: errors on several lines`,
      );

      const tree = parseTree(text) as unknown as JsonNode;
      const before = wholeFileFindings(key, sons, kind, structuredClone(value), tree);
      const after: Finding[] = [];
      schemaStage(structuredClone(value), tree, sons, kind, after, opts());
      assert.ok(after.length >= 5, `${key} seed ${seed}: ${after.length} findings`);
      assert.deepEqual(after, before, `${key} seed ${seed}: findings`);
    }
    // The mistakes reach the keywords that matter: missing and unknown keys, types, and ajv-errors' messages.
    for (const k of ['required', 'additionalProperties', 'errorMessage']) assert.ok(keywords.has(k), `${key}: no ${k} error`);
  });
}

test('a file whose lines are not an array, or without lines, or with too many: same errors as the whole-file validator', () => {
  const key = 'IMG-RIS-Va2.solde';
  const doc = JSON.parse(readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8')) as Obj;
  const many = brokenDoc('IMG-RIS-Va2', 'solde', 203, 1);
  for (const variant of [{ ...doc, [LINES_KEY]: { a: 1 } }, { ...doc, [LINES_KEY]: undefined }, { ...doc, [LINES_KEY]: [] }, many, [1, 2], 'texte']) {
    const value = JSON.parse(JSON.stringify(variant));
    const validate = whole(key);
    validate(structuredClone(value));
    const composite = getValidator('IMG-RIS-Va2', 'solde')!;
    composite(structuredClone(value));
    assert.deepEqual((composite.errors ?? []).map(shape), (validate.errors ?? []).map(shape));
  }
  const composite = getValidator('IMG-RIS-Va2', 'solde')!;
  composite(many);
  assert.ok(composite.errors!.some((e) => e.keyword === 'maxItems' && e.instancePath === `/${LINES_KEY}`));
});

test("root keys after the lines: their errors come after the lines' errors, as in a whole-file run", () => {
  // A schema of our own (no bundled one has root keys after `lignesImport`): compiled here as whole, head and line.
  const line = {
    type: 'object',
    properties: { a: { type: 'string', errorMessage: { type: 'a: chaîne' } }, b: { type: 'integer' } },
    required: ['a', 'b'],
    additionalProperties: false,
  };
  const full = {
    type: 'object',
    properties: {
      avant: { type: 'string' },
      [LINES_KEY]: { type: 'array', maxItems: 3, items: line },
      apres: { type: 'string', errorMessage: { type: 'apres: chaîne' } },
      fin: { type: 'object', properties: { x: { type: 'string' } }, required: ['x'] },
    },
    required: ['avant', LINES_KEY, 'apres', 'fin'],
    additionalProperties: false,
  };
  const ajv = newAjv();
  const wholeV: Validator = ajv.compile(full);
  const { items: _items, ...linesWithoutItems } = full.properties[LINES_KEY];
  const head: Validator = ajv.compile({ ...full, properties: { ...full.properties, [LINES_KEY]: linesWithoutItems } });
  const lineV: Validator = ajv.compile(line);
  const schema = full as unknown as SchemaNode;
  const doc = { avant: 1, [LINES_KEY]: [{ a: 1, b: 2 }, { a: 'ok', b: 'x', c: 1 }, {}, { a: 2 }], apres: 3, fin: {}, autre: true };
  wholeV(doc);
  const got: AjvError[] = [];
  const lines: (number | undefined)[] = [];
  const count = schemaErrors({ head, line: lineV }, schema, structuredClone(doc), (e, l) => {
    got.push(e);
    lines.push(l);
  });
  assert.deepEqual(got.map(shape), wholeV.errors!.map(shape));
  assert.equal(count, wholeV.errors!.length);
  // The last errors are the later root keys' (`apres`, `fin`), the line index is given for the lines' errors only.
  assert.deepEqual(
    got.slice(-2).map((e) => e.instancePath),
    ['/apres', '/fin'],
  );
  assert.deepEqual(
    lines.map((l, i) => (l === undefined ? undefined : got[i].instancePath.split('/')[2])),
    lines.map((l) => (l === undefined ? undefined : String(l))),
  );
});
