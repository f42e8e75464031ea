/**
 * How CI and Windows shells hand files to `segur-json check` (server/src/cli/inputs.ts, main.ts): `-` reads stdin
 * (`--stdin-filename` names it), globs are expanded by the command itself (cmd and PowerShell do not), `--quiet`
 * keeps errors only and `--max-warnings N` fails a run with more than N warnings. Each was an exit 2 before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (args: string[], input?: string | Buffer, cwd = root) =>
  spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000, input });
const fixture = (name: string) => join(root, 'test/fixtures/IMG-RIS-Va2', name);
/** One warning (S1/unknown-key), no error. */
const WARNING_ONLY = fixture('S1-unknown-key.json');
/** Two errors (S5). */
const ERRORS = fixture('S5-plural.json');

test('`-` reads the file from stdin: `cat f.json | segur-json check -`', () => {
  const r = run(['check', '--format', 'json', '-'], readFileSync(ERRORS));
  assert.equal(r.status, 1, r.stderr);
  const [f] = JSON.parse(r.stdout);
  assert.equal(f.file, '<stdin>');
  assert.equal(f.sons, 'IMG-RIS-Va2');
  assert.deepEqual(
    f.diagnostics.map((d: { code: string }) => d.code),
    ['S5', 'S5'],
  );
  // The same findings as the file on disk.
  const disk = JSON.parse(run(['check', '--format', 'json', ERRORS]).stdout)[0];
  assert.deepEqual(f.diagnostics, disk.diagnostics);
});

test('--stdin-filename names stdin in the report and for detection (SONS and kind from the name)', () => {
  // A document whose values say neither kind nor SONS: only the name tells them.
  const text = '{"lignesImport": []}\n';
  const anonymous = JSON.parse(run(['check', '--format', 'json', '-'], text).stdout)[0];
  assert.equal(anonymous.sons, null);
  const r = run(['check', '--format', 'json', '--stdin-filename', 'depot/IMG-RIS-Va2-solde.json', '-'], text);
  assert.equal(r.status, 0, r.stderr);
  const [f] = JSON.parse(r.stdout);
  assert.equal(f.file, join('depot', 'IMG-RIS-Va2-solde.json'));
  assert.equal(f.kind, 'solde');
  assert.equal(f.sons, 'IMG-RIS-Va2');
  assert.match(f.reason, /nom du fichier/);
  const compact = run(['check', '--format', 'compact', '--stdin-filename', 'a/S5.json', '-'], readFileSync(ERRORS));
  assert.match(compact.stdout, /^a[\\/]S5\.json:23:13: error S5 /m);
});

test('--fix with stdin writes the fixed text to stdout and the report to stderr', () => {
  const broken = readFileSync(fixture('S3-null-case.json'));
  const r = run(['check', '--fix', '-'], broken);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8'));
  assert.match(r.stderr, /S3\/null-case/);
  // With -o, the report goes to the file; stdout still holds only the fixed text.
  const dir = mkdtempSync(join(tmpdir(), 'segur-stdin-'));
  const report = join(dir, 'r.json');
  const o = run(['check', '--fix', '--format', 'json', '-o', report, '-'], broken);
  assert.equal(o.status, 0, o.stderr);
  assert.equal(o.stdout, readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8'));
  assert.deepEqual(
    JSON.parse(readFileSync(report, 'utf8'))[0]
      .fixed.map((x: { code: string }) => x.code)
      .sort(),
    ['S3/null-case', 'S3/null-string'],
  );
});

test('stdin: empty input and `-` given twice are clear, not a crash', () => {
  const empty = run(['check', '-'], '');
  assert.equal(empty.status, 0, empty.stderr);
  assert.match(empty.stdout, /<stdin>/);
  const twice = run(['check', '-', '-'], '{}');
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /^segur-json: .*stdin/);
  const nameWithout = run(['check', '--stdin-filename', 'x.json', ERRORS]);
  assert.equal(nameWithout.status, 2);
  assert.match(nameWithout.stderr, /--stdin-filename/);
});

test('a quoted glob is expanded by the command (cmd, PowerShell): examples/**/avance.json', () => {
  const r = run(['check', '--format', 'json', 'examples/**/avance.json']);
  assert.equal(r.status, 0, r.stderr);
  const files = JSON.parse(r.stdout).map((f: { file: string }) => f.file.split('\\').join('/'));
  assert.equal(files.length, 6);
  assert.ok(
    files.every((f: string) => /^examples\/[^/]+\/avance\.json$/.test(f)),
    files.join(),
  );
  assert.deepEqual(files, [...files].sort(), 'in a stable order');
  // Braces and several globs, deduplicated.
  const two = run(['check', '--format', 'json', 'examples/IMG-*/{avance,solde}.json', 'examples/IMG-RIS-Va2/*.json']);
  assert.equal(JSON.parse(two.stdout).length, 4);
});

test('a glob matching nothing is a usage error naming it (exit 2); a file whose name has glob characters is read as is', () => {
  const r = run(['check', 'examples/**/nothing-*.json']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /examples\/\*\*\/nothing-\*\.json/);
  assert.match(r.stderr, /aucun fichier.*no file/);
  const dir = mkdtempSync(join(tmpdir(), 'segur-glob-'));
  mkdirSync(join(dir, 'd'));
  writeFileSync(join(dir, 'd', 'solde [1].json'), readFileSync(ERRORS));
  const literal = run(['check', '--format', 'compact', 'd/solde [1].json'], undefined, dir);
  assert.equal(literal.status, 1, literal.stderr);
  assert.match(literal.stdout, /solde \[1\]\.json:23:13: error S5/);
});

test('--quiet: errors only, in every format', () => {
  for (const format of ['text', 'compact', 'json', 'sarif', 'github', 'junit', 'gitlab']) {
    const r = run(['check', '--quiet', '--format', format, WARNING_ONLY, ERRORS]);
    assert.equal(r.status, 1, `${format}: ${r.stderr}`);
    assert.doesNotMatch(r.stdout, /S1\/unknown-key/, format);
    assert.match(r.stdout, /S5/, format);
  }
  const clean = run(['check', '--quiet', WARNING_ONLY]);
  assert.equal(clean.status, 0);
  assert.doesNotMatch(clean.stdout, /avertissement  S1/);
});

test('--max-warnings N: exit 1 when warnings exceed N, even without errors', () => {
  assert.equal(run(['check', WARNING_ONLY]).status, 0);
  const zero = run(['check', '--max-warnings', '0', WARNING_ONLY]);
  assert.equal(zero.status, 1);
  assert.match(zero.stderr, /--max-warnings 0/);
  assert.equal(run(['check', '--max-warnings', '1', WARNING_ONLY]).status, 0);
  // Warnings are counted with --quiet too: the gate does not depend on what is shown.
  assert.equal(run(['check', '--quiet', '--max-warnings', '0', WARNING_ONLY]).status, 1);
  for (const bad of ['-1', 'x', '1.5']) {
    const r = run(['check', `--max-warnings=${bad}`, WARNING_ONLY]);
    assert.equal(r.status, 2, bad);
    assert.match(r.stderr, /--max-warnings/);
  }
});

test('--help gives the exit codes as one table', () => {
  const r = run(['--help']);
  assert.match(r.stdout, /^ {2}0 [\s\S]*?^ {2}1 [^\n]*--max-warnings/m);
  assert.match(r.stdout, /^ {2}2 /m);
  for (const option of ['--quiet', '--max-warnings', '--stdin-filename', 'github', 'junit', 'gitlab']) assert.match(r.stdout, new RegExp(option));
});
