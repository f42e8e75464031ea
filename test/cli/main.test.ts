/** The CLI as a user runs it (bin/segur-json.js on the built bundle): formats, exit codes, --fix, bad usage. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

test('check on the examples folder: exit 0, every file detected', () => {
  const r = run('check', '--format', 'json', 'examples');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { file: string; kind: string; sons: string; diagnostics: unknown[] }[];
  assert.equal(out.length, 11);
  for (const f of out) {
    // Hints are not problems (V3/tranches: which ceiling tranches an amount fits). D1 (deposit window closed) depends
    // on the day the test runs, not on the example (pinned dates: test/golden/fixtures.test.ts).
    assert.deepEqual(
      f.diagnostics.filter((d) => (d as { severity: string }).severity !== 'hint' && !(d as { code: string }).code.startsWith('D1/')),
      [],
      f.file,
    );
    assert.ok(f.file.includes(f.sons) && f.file.endsWith(`${f.kind}.json`), f.file);
  }
});

test('--format json on a broken file: exit 1, LSP-like 0-based ranges', () => {
  const r = run('check', '--format', 'json', 'test/fixtures/IMG-RIS-Va2/S5-plural.json');
  assert.equal(r.status, 1);
  const [f] = JSON.parse(r.stdout);
  assert.equal(f.kind, 'solde');
  assert.equal(f.sons, 'IMG-RIS-Va2');
  assert.deepEqual(f.diagnostics[0].range, { start: { line: 22, character: 12 }, end: { line: 22, character: 22 } });
  assert.equal(f.diagnostics[0].code, 'S5');
  assert.equal(f.diagnostics[0].severity, 'error');
  assert.match(f.diagnostics[0].message, /FINESGeos/);
});

test('--lang en and --format sarif', () => {
  const en = run('check', '--lang', 'en', 'test/fixtures/IMG-RIS-Va2/S5-plural.json');
  assert.match(en.stdout, /the template spells it "FINESGeos"/);
  const s = JSON.parse(run('check', '--format', 'sarif', 'test/fixtures/IMG-RIS-Va2/S5-plural.json').stdout);
  assert.equal(s.version, '2.1.0');
  assert.equal(s.runs[0].results[0].ruleId, 'S5');
  assert.equal(s.runs[0].results[0].locations[0].physicalLocation.region.startLine, 23);
});

test('--fix writes the corrected file and reports what it changed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-cli-'));
  const file = join(dir, 'IMG-RIS-Va2-solde.json');
  copyFileSync(join(root, 'test/fixtures/IMG-RIS-Va2/S3-null-case.json'), file);
  const r = run('check', '--fix', '--format', 'json', file);
  assert.equal(r.status, 0, r.stdout);
  const [f] = JSON.parse(r.stdout);
  assert.deepEqual(f.fixed.map((x: { code: string }) => x.code).sort(), ['S3/null-case', 'S3/null-string']);
  assert.equal(readFileSync(file, 'utf8'), readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8'));
});

test('--sons/--kind force the format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-cli-'));
  const file = join(dir, 'demande.json');
  writeFileSync(file, readFileSync(join(root, 'examples/MDV-LGC-Va2/avance.json'), 'utf8'));
  const r = JSON.parse(run('check', '--format', 'json', '--sons', 'IMG-RIS-Va2', '--kind', 'avance', file).stdout);
  assert.equal(r[0].sons, 'IMG-RIS-Va2');
  assert.ok(r[0].diagnostics.length > 0, 'an MDV file checked as IMG has findings');
});

test('a JSON file that is not a Ségur file gets no findings', () => {
  const r = run('check', '--format', 'json', 'package.json', 'tsconfig.json');
  assert.equal(r.status, 0);
  for (const f of JSON.parse(r.stdout)) {
    assert.equal(f.segur, false);
    assert.deepEqual(f.diagnostics, []);
  }
});

test('bad usage and unreadable input: exit 2, clear message, no stack trace', () => {
  for (const args of [
    ['check'],
    ['check', '--format', 'xml', 'examples'],
    ['check', '--sons', 'XYZ', 'examples'],
    ['frobnicate'],
    ['check', 'no/such/file.json'],
  ]) {
    const r = run(...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^segur-json: /);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
  }
});
