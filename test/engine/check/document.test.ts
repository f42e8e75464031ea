/**
 * One parsed document per version (server/src/engine/check/document.ts): `parseDoc` parses and detects a text once and
 * chooses what it is checked against: a usable learned template (CheckOptions.template, else the one of its SONS ×
 * kind in CheckOptions.templates), else the bundled model. A template that breaks the learned-template format is not
 * used: one `S1/template` warning says so and the bundled model applies. Over the size limit the text is not parsed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDoc, DEFAULT_MAX_BYTES } from '../../../server/src/engine/check/document.ts';
import { getSchema, schemaKey } from '../../../server/src/engine/schema/schemaData.ts';
import { learnTemplate } from '../../../server/src/engine/templates/learnTemplate.ts';
import { TapeNode } from '../../../server/src/engine/syntax/tape.ts';
import type { SchemaNode } from '../../../server/src/engine/shared/types.ts';

const root = join(__dirname, '..', '..', '..');
const read = (...p: string[]) => readFileSync(join(root, ...p), 'utf8');
const solde = read('examples', 'IMG-RIS-Va2', 'solde.json');
const learned = () => learnTemplate(read('test', 'templates', 'official-like', 'IMG-RIS-Va2.solde.blank.json'), solde, 'IMG-RIS-Va2', 'solde');

test('an example: parsed once (strict, no problem), detected, checked against the bundled model of its SONS × kind', () => {
  const options = { fileName: 'solde.json' };
  const doc = parseDoc(solde, options);
  assert.equal(doc.text, solde);
  assert.equal(doc.tooLarge, false);
  assert.equal(doc.parsed?.strict, true);
  assert.deepEqual(doc.parsed?.problems, []);
  assert.deepEqual(doc.parsed?.value, JSON.parse(solde));
  assert.deepEqual([doc.detection.isSegur, doc.detection.sons, doc.detection.kind], [true, 'IMG-RIS-Va2', 'solde']);
  assert.equal(doc.schema, getSchema('IMG-RIS-Va2', 'solde'));
  assert.equal(doc.template, undefined);
  assert.equal(doc.templateProblem, undefined);
  assert.equal(doc.options, options, 'the options it was parsed with, for a cache to compare');
});

test('the fast path by default, the jsonc-parser tree with parser "tree": the same value and detection', () => {
  const fast = parseDoc(solde);
  const tree = parseDoc(solde, { parser: 'tree' });
  assert.ok(fast.parsed?.root instanceof TapeNode);
  assert.ok(!(tree.parsed?.root instanceof TapeNode));
  assert.deepEqual(tree.parsed?.value, fast.parsed?.value);
  assert.deepEqual(tree.detection, fast.detection);
  assert.equal(tree.schema, fast.schema);
});

test('a file that is not Ségur has no schema; broken syntax is still parsed and detected from the recovered tree', () => {
  const other = parseDoc(read('package.json'));
  assert.equal(other.detection.isSegur, false);
  assert.equal(other.schema, undefined);
  const broken = parseDoc(solde.replace('"numeroAns": "CVA2RIS001",', '"numeroAns": "CVA2RIS001"'));
  assert.equal(broken.parsed?.strict, false);
  assert.ok(broken.parsed!.problems.length > 0);
  assert.deepEqual([broken.detection.sons, broken.detection.kind], ['IMG-RIS-Va2', 'solde']);
  assert.equal(broken.schema, getSchema('IMG-RIS-Va2', 'solde'));
});

test('over maxBytes: not parsed, not detected, nothing to check against', () => {
  assert.equal(DEFAULT_MAX_BYTES, 10 * 1024 * 1024);
  const doc = parseDoc(solde, { maxBytes: solde.length - 1 });
  assert.deepEqual([doc.tooLarge, doc.parsed, doc.detection.isSegur, doc.schema], [true, undefined, false, undefined]);
  assert.equal(parseDoc(solde, { maxBytes: solde.length }).tooLarge, false, 'the limit itself is allowed');
});

test('too deep for a tree: a Ségur file all the same, detected from its first level', () => {
  const deep = solde.replace('"facture": {', '"facture": {"x": ' + '['.repeat(3000) + ']'.repeat(3000) + ',');
  const doc = parseDoc(deep);
  assert.ok(doc.parsed!.problems.some((p) => p.kind === 'too-deep'));
  assert.deepEqual([doc.detection.isSegur, doc.detection.sons], [true, 'IMG-RIS-Va2']);
});

test('a usable learned template replaces the bundled model, given directly or by its SONS × kind', () => {
  const template = learned();
  const direct = parseDoc(solde, { template });
  assert.ok(direct.template);
  assert.equal(direct.schema, direct.template);
  assert.notEqual(direct.schema, getSchema('IMG-RIS-Va2', 'solde'));
  assert.deepEqual(Object.keys(direct.template.properties!), Object.keys(template.properties!));
  assert.equal(direct.templateProblem, undefined);
  // Checked once per template object (templateFormat.ts caches it): the same template gives the same schema.
  assert.equal(parseDoc(solde, { template }).schema, direct.schema);
  const byKey = parseDoc(solde, { templates: { [schemaKey('IMG-RIS-Va2', 'solde')]: template } });
  assert.equal(byKey.schema, direct.schema);
  // The template of another SONS × kind does not apply.
  const other = parseDoc(read('examples', 'IMG-RIS-Va2', 'avance.json'), { templates: { [schemaKey('IMG-RIS-Va2', 'solde')]: template } });
  assert.equal(other.template, undefined);
  assert.equal(other.schema, getSchema('IMG-RIS-Va2', 'avance'));
});

test('a template that breaks the learned-template format: not used, one S1/template warning, the bundled model applies', () => {
  const broken = { ...learned(), properties: null } as unknown as SchemaNode;
  for (const options of [{ template: broken }, { templates: { [schemaKey('IMG-RIS-Va2', 'solde')]: broken } }]) {
    const doc = parseDoc(solde, options);
    assert.equal(doc.template, undefined);
    assert.equal(doc.schema, getSchema('IMG-RIS-Va2', 'solde'));
    const p = doc.templateProblem;
    assert.ok(p);
    assert.deepEqual([p.code, p.severity, p.offset, p.length, p.provenance], ['S1/template', 'warning', 0, 1, { kind: 'template' }]);
    assert.match(p.message.en, /^Official template not usable \(.+\): the bundled model applies\.$/);
    assert.match(p.message.fr, /^Modèle officiel inutilisable \(.+\) : le modèle fourni s'applique\.$/);
  }
});
