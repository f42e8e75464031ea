/**
 * segur.config.json parsed (server/src/config/segurConfig.ts) and its JSON schema (schemas/segur.config.schema.json,
 * which VS Code completes): valid values kept, each bad one left out and told in French and English, and the
 * schema and the parser agreeing on the keys and the values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { associationOf, excludedBy, parseConfig } from '../../server/src/config/segurConfig.ts';
import { ConfigCache } from '../../server/src/io/config.ts';

const root = join(__dirname, '..', '..');
const file = join(tmpdir(), 'p', 'segur.config.json');

test('a valid configuration: every key kept, paths from its folder', () => {
  const { config, problems } = parseConfig(
    JSON.stringify({
      $schema: './x.json',
      rules: { S7: 'off', 'I1/finess-key': 'warning' },
      modelled: 'information',
      files: { 'lot/*.json': 'img-ris-va2.solde', 'x.json': { sons: 'HOP-DPI-Va2', kind: 'avance' } },
      templates: 'modeles',
      exclude: ['ancien/**'],
      language: 'en',
    }),
    file,
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(config.rules, { S7: 'off', 'I1/finess-key': 'warning' });
  assert.equal(config.modelled, 'information');
  assert.deepEqual(associationOf(config.files, join(tmpdir(), 'p', 'lot', 'a.json')), { sons: 'IMG-RIS-Va2', kind: 'solde' });
  assert.deepEqual(associationOf(config.files, 'C:\\p\\x.json'), { sons: 'HOP-DPI-Va2', kind: 'avance' });
  assert.equal(config.templates, join(tmpdir(), 'p', 'modeles'));
  assert.ok(excludedBy(config, join(tmpdir(), 'p', 'ancien', 'a.json')));
  assert.ok(!excludedBy(config, join(tmpdir(), 'p', 'lot', 'a.json')));
  assert.ok(!excludedBy(config, join(tmpdir(), 'ancien', 'a.json')), 'outside its folder');
  // A folder whose name starts with two dots is inside the configuration's folder, not above it.
  const dots = parseConfig(JSON.stringify({ exclude: ['..x/**'] }), file).config;
  assert.ok(excludedBy(dots, join(tmpdir(), 'p', '..x', 'a.json')));
  assert.ok(!excludedBy(dots, join(tmpdir(), '..x', 'a.json')), 'outside its folder');
  assert.equal(config.language, 'en');
});

test('bad values are left out one by one and told; text that is not JSON is one problem', () => {
  const { config, problems } = parseConfig(
    JSON.stringify({
      rules: { S7: 'loud', Z9: 'off', S1: 'error' },
      modelled: 'hint',
      files: { 'a.json': 'NOPE.avance', 'b.json': 'IMG-RIS-Va2.fin' },
      templates: 3,
      exclude: 'x',
      language: 'de',
      other: 1,
    }),
    file,
  );
  assert.deepEqual(config.rules, { S1: 'error' });
  assert.equal(config.modelled, undefined);
  assert.deepEqual(config.files, []);
  assert.equal(config.templates, undefined);
  assert.equal(config.exclude, undefined);
  assert.equal(config.language, undefined);
  assert.equal(problems.length, 9);
  for (const p of problems) assert.ok(p.fr && p.en && p.fr !== p.en);
  for (const text of ['{', '[]', '"x"', '']) {
    const r = parseConfig(text, file);
    assert.equal(r.problems.length, 1, text);
    assert.deepEqual(r.config.rules, {});
  }
});

test('the JSON schema and the parser agree: keys, severities, kinds', () => {
  const schema = JSON.parse(readFileSync(join(root, 'schemas/segur.config.schema.json'), 'utf8'));
  assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'exclude', 'files', 'language', 'modelled', 'rules', 'templates']);
  for (const severity of schema.properties.rules.additionalProperties.enum)
    assert.deepEqual(parseConfig(JSON.stringify({ rules: { S7: severity } }), file).problems, [], severity);
  for (const severity of schema.properties.modelled.enum) assert.deepEqual(parseConfig(JSON.stringify({ modelled: severity }), file).problems, [], severity);
  for (const target of schema.properties.files.additionalProperties.anyOf[0].enum)
    assert.deepEqual(parseConfig(JSON.stringify({ files: { 'a.json': target } }), file).problems, [], target);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.deepEqual(
    schema.properties.files.additionalProperties.anyOf[0].enum,
    pkg.contributes.configuration.properties['segur.files'].additionalProperties.enum,
    'the setting and the file list the same',
  );
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: 'segur.config.json', url: './schemas/segur.config.schema.json' }]);
});

test('the nearest configuration up from a file wins; none above the filesystem root', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-nearest-'));
  mkdirSync(join(dir, 'a', 'b', 'c'), { recursive: true });
  writeFileSync(join(dir, 'segur.config.json'), '{"language": "en"}');
  writeFileSync(join(dir, 'a', 'b', 'segur.config.json'), '{"language": "fr"}');
  const cache = new ConfigCache();
  assert.equal(cache.forPath(join(dir, 'a', 'b', 'c', 'x.json'))?.config.language, 'fr');
  assert.equal(cache.forPath(join(dir, 'a', 'x.json'))?.config.language, 'en');
  assert.equal(cache.forPath(join(dir, 'a', 'b'), true)?.config.language, 'fr');
  mkdirSync(join(dir, 'a', 'segur.config.json'));
  assert.equal(new ConfigCache().forPath(join(dir, 'a', 'x.json'))?.config.language, 'en', 'a folder of that name is not a configuration');
});
