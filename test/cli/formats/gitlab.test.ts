/**
 * `--format gitlab` (server/src/cli/formats/gitlab.ts) against GitLab's code quality report format ("Code Quality" →
 * "Code Quality report format"): a JSON array of issues with `description`, `check_name`, `fingerprint`, `severity`
 * (info, minor, major, critical, blocker) and `location.path` + `location.lines.begin`; the path relative to the
 * repository; a fingerprint unique in the report and stable from one run to the next, which never depends on a value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatGitlab } from '../../../server/src/cli/formats/gitlab.ts';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (args: string[], cwd = root) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

/** The documented shape, field by field. */
function assertCodeQuality(report: unknown): asserts report is Issue[] {
  assert.ok(Array.isArray(report), 'an array of issues');
  for (const issue of report as Record<string, unknown>[]) {
    assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
    assert.equal(typeof issue.description, 'string');
    assert.ok((issue.description as string).length > 0);
    assert.equal(typeof issue.check_name, 'string');
    assert.match(issue.fingerprint as string, /^[0-9a-f]{64}$/);
    assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity as string), String(issue.severity));
    const location = issue.location as { path: unknown; lines: { begin: unknown } };
    assert.deepEqual(Object.keys(location).sort(), ['lines', 'path']);
    assert.equal(typeof location.path, 'string');
    assert.doesNotMatch(location.path as string, /^(\.\/|\/)|\\/, 'relative, forward slashes');
    assert.ok(Number.isInteger(location.lines.begin) && (location.lines.begin as number) >= 1);
  }
  const prints = (report as Issue[]).map((i) => i.fingerprint);
  assert.equal(new Set(prints).size, prints.length, 'fingerprints are unique');
}

const FILES = ['test/fixtures/IMG-RIS-Va2/S5-plural.json', 'test/fixtures/IMG-RIS-Va2/S1-unknown-key.json', 'test/fixtures/IMG-RIS-Va2/S13-portal-answer.json'];

test('--format gitlab: the documented shape, severities mapped, one issue per finding (hints left out)', () => {
  const r = run(['check', '--format', 'gitlab', ...FILES]);
  assert.equal(r.status, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assertCodeQuality(report);
  const json = JSON.parse(run(['check', '--format', 'json', ...FILES]).stdout) as {
    file: string;
    diagnostics: { code: string; severity: string; message: string; range: { start: { line: number } } }[];
  }[];
  const expected = json.flatMap((f) =>
    f.diagnostics
      .filter((d) => d.severity !== 'hint')
      .map((d) => ({
        description: d.message,
        check_name: d.code,
        severity: ({ error: 'major', warning: 'minor', information: 'info' } as Record<string, string>)[d.severity],
        location: { path: f.file, lines: { begin: d.range.start.line + 1 } },
      })),
  );
  assert.deepEqual(
    report.map(({ fingerprint: _, ...rest }) => rest),
    expected,
  );
  assert.deepEqual([...new Set(report.map((i) => i.severity))].sort(), ['info', 'major', 'minor']);
  assert.deepEqual(
    JSON.parse(run(['check', '--format', 'gitlab', 'examples/IMG-RIS-Va2/avance.json']).stdout).filter((i: Issue) => !i.check_name.startsWith('D1/')),
    [],
    'a clean file: an empty array',
  );
});

test('--format gitlab: fingerprints stable across runs and folders, blind to values, told apart by position', () => {
  const first = JSON.parse(run(['check', '--format', 'gitlab', ...FILES]).stdout) as Issue[];
  const again = JSON.parse(run(['check', '--format', 'gitlab', ...FILES]).stdout) as Issue[];
  assert.deepEqual(
    again.map((i) => i.fingerprint),
    first.map((i) => i.fingerprint),
  );
  // The same file with another value of the same length (positions unchanged): the same fingerprints.
  const dir = mkdtempSync(join(tmpdir(), 'segur-gl-'));
  mkdirSync(join(dir, 'test/fixtures/IMG-RIS-Va2'), { recursive: true });
  const original = readFileSync(join(root, FILES[0]), 'utf8');
  const changed = original.replace('"Centre hospitalier de Fleyriat"', '"Centre hospitalier de Bourgxxx"');
  assert.notEqual(changed, original);
  assert.equal(changed.length, original.length);
  writeFileSync(join(dir, FILES[0]), changed);
  const other = JSON.parse(run(['check', '--format', 'gitlab', FILES[0]], dir).stdout) as Issue[];
  assertCodeQuality(other);
  assert.deepEqual(
    other.map((i) => i.fingerprint),
    first.filter((i) => i.location.path === FILES[0]).map((i) => i.fingerprint),
  );
  // Two findings with the same code in one file differ by position.
  const s5 = first.filter((i) => i.check_name === 'S5');
  assert.equal(s5.length, 2);
  assert.notEqual(s5[0].fingerprint, s5[1].fingerprint);
});

test('--format gitlab: a file that could not be read is one critical issue, with no position', () => {
  const report = JSON.parse(
    formatGitlab(
      [
        {
          file: 'a\\b.json',
          detection: { isSegur: false, reason: { fr: '', en: '' } },
          findings: [],
          problem: { kind: 'unreadable', message: { fr: 'illisible : permission refusée (EACCES)', en: 'unreadable: permission denied (EACCES)' } },
        },
      ],
      'en',
    ),
  );
  assertCodeQuality(report);
  assert.deepEqual(
    report.map(({ fingerprint: _, ...rest }) => rest),
    [
      {
        description: 'unreadable: permission denied (EACCES)',
        check_name: 'S12/unreadable',
        severity: 'critical',
        location: { path: 'a/b.json', lines: { begin: 1 } },
      },
    ],
  );
});
