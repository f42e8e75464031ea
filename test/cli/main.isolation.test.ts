/**
 * The CLI never exits 2 because of a file's content. A file whose check throws gets one
 * internal finding (`S12/internal`, the file named by its report) and the other files run; `--fix` never writes a
 * file whose fixing failed. Reproduction: a learned template with `"properties": null` made
 * `segur-json check --templates` exit 2 with « erreur interne / internal error: TypeError », naming no file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

/** A folder with the IMG-RIS-Va2 avance and solde examples, and a learned solde template whose properties are null. */
function setup(): { dir: string; templates: string } {
  const base = mkdtempSync(join(tmpdir(), 'segur-iso-'));
  const dir = join(base, 'd');
  const templates = join(base, 't');
  mkdirSync(dir);
  mkdirSync(templates);
  for (const k of ['avance', 'solde']) copyFileSync(join(root, 'examples', 'IMG-RIS-Va2', `${k}.json`), join(dir, `${k}.json`));
  const out = join(templates, 'IMG-RIS-Va2.solde.template.json');
  const learned = run('learn-template', 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json', '--sons', 'IMG-RIS-Va2', '--kind', 'solde', '-o', out);
  assert.equal(learned.status, 0, learned.stderr);
  const t = JSON.parse(readFileSync(out, 'utf8'));
  t.properties = null;
  writeFileSync(out, JSON.stringify(t));
  return { dir, templates };
}

type Report = { file: string; diagnostics: { code: string; severity: string; message: string }[] };

test('a learned template with "properties": null (it made check throw): one warning naming it, every file checked, exit is not 2', () => {
  const { dir, templates } = setup();
  const r = run('check', '--format', 'json', '--templates', templates, dir);
  assert.notEqual(r.status, 2, r.stderr);
  // The broken learned template is left out with one warning naming it; the bundled model applies.
  assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
  assert.match(r.stderr, /IMG-RIS-Va2\.solde\.template\.json/);
  const out = JSON.parse(r.stdout) as Report[];
  assert.deepEqual(out.map((f) => f.file.split(/[\\/]/).pop()).sort(), ['avance.json', 'solde.json']);
  // The avance (no learned template for it) is checked as usual: clean.
  assert.deepEqual(
    out.find((f) => f.file.endsWith('avance.json'))!.diagnostics.filter((d) => d.severity !== 'hint'),
    [],
  );
  // The solde: an internal finding naming no identifier, unless the engine learnt to refuse such a template.
  for (const d of out.find((f) => f.file.endsWith('solde.json'))!.diagnostics.filter((x) => x.code.endsWith('/internal'))) {
    assert.equal(d.code, 'S12/internal');
    assert.equal(d.severity, 'error');
    assert.doesNotMatch(d.message, /RIS-2025|FINIMG|\d{9}/);
  }
  // Text output names the file with its finding.
  const text = run('check', '--templates', templates, dir);
  assert.notEqual(text.status, 2, text.stderr);
  assert.match(text.stdout, /solde\.json/);
});

test('--fix on a file whose fixing throws: the file keeps its bytes, exit is not 2', () => {
  const { dir, templates } = setup();
  const file = join(dir, 'solde.json');
  // Something to fix (a trailing space: S8), so that --fix would write the file.
  const before = readFileSync(file, 'utf8').replace('"numeroEditeur": "', '"numeroEditeur" : "');
  writeFileSync(file, before);
  const r = run('check', '--fix', '--format', 'json', '--templates', templates, dir);
  assert.notEqual(r.status, 2, r.stderr);
  const out = JSON.parse(r.stdout) as Report[];
  assert.ok(out.some((f) => f.file.endsWith('solde.json')));
  const after = readFileSync(file, 'utf8');
  // Either the fix ran and wrote a fixed file (template refused upstream), or it failed and nothing was written.
  if (out.find((f) => f.file.endsWith('solde.json'))!.diagnostics.some((d) => d.code === 'S12/internal')) assert.equal(after, before);
});
