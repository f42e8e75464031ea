/**
 * The CLI's reports as a user runs it (bin/segur-json.js on the built bundle): `--format compact`
 * read by the `$segur-json` problem matcher that package.json contributes (its regexp tested against real output),
 * `-o/--output` for every format, the HTML report's escaping and excerpts (the page itself is checked in headless
 * Chromium: test/e2e/ui/report-html.e2e.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { excerptHtml } from '../../../server/src/cli/formats/report.ts';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

interface Pattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  severity: number;
  code: number;
  message: number;
}
const matcher = (pkg.contributes.problemMatchers as { name: string; owner: string; pattern: Pattern; fileLocation: unknown }[]).find(
  (m) => m.name === 'segur-json',
)!;

test('the $segur-json problem matcher reads every line of `check --format compact`: file, line, column, severity, code, message as in --format json', () => {
  assert.ok(matcher, 'package.json contributes a problem matcher named segur-json');
  const re = new RegExp(matcher.pattern.regexp);
  const target = ['test/fixtures/IMG-RIS-Va2', 'test/fixtures/HOP-DPI-Va2', 'test/fixtures/IMG-RIS-Va2/S13-portal-answer.json'];
  const compact = run('check', '--format', 'compact', ...target);
  assert.equal(compact.status, 1, compact.stderr);
  const json = JSON.parse(run('check', '--format', 'json', ...target).stdout) as {
    file: string;
    diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number } } }[];
  }[];
  const expected = json.flatMap((f) =>
    f.diagnostics
      .filter((d) => d.severity !== 'hint')
      .map((d) => ({
        file: f.file,
        line: String(d.range.start.line + 1),
        column: String(d.range.start.character + 1),
        severity: d.severity === 'information' ? 'info' : d.severity,
        code: d.code,
        message: d.message,
      })),
  );
  const lines = compact.stdout.trimEnd().split('\n');
  assert.ok(expected.length > 40, 'many findings of every severity');
  assert.ok(expected.some((e) => e.severity === 'info') && expected.some((e) => e.severity === 'warning'));
  const got = lines.map((l) => {
    const m = re.exec(l);
    assert.ok(m, `the matcher reads: ${l}`);
    const p = matcher.pattern;
    return { file: m[p.file], line: m[p.line], column: m[p.column], severity: m[p.severity], code: m[p.code], message: m[p.message] };
  });
  assert.deepEqual(got, expected);
  for (const g of got) assert.ok(existsSync(join(root, g.file)), `${g.file} is a path relative to the working folder`);
  // VS Code reads `error`, `warning`, `info`; the file location is detected (relative to the workspace folder or absolute).
  assert.deepEqual([...new Set(got.map((g) => g.severity))].sort(), ['error', 'info', 'warning']);
  assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  // A Windows path with its drive letter is still one file.
  const w = re.exec('C:\\lot\\solde.json:23:13: error S5 Balise « FINESGeo »')!;
  assert.equal(w[matcher.pattern.file], 'C:\\lot\\solde.json');
  assert.equal(w[matcher.pattern.line], '23');
});

test('--format compact in English keeps the severity words the matcher reads; a clean file prints nothing', () => {
  const en = run('check', '--format', 'compact', '--lang', 'en', 'test/fixtures/IMG-RIS-Va2/S5-plural.json');
  assert.equal(
    en.stdout,
    [
      'test/fixtures/IMG-RIS-Va2/S5-plural.json:23:13: error S5 Key "FINESGeo": the template spells it "FINESGeos" (the plural "s" matters).',
      'test/fixtures/IMG-RIS-Va2/S5-plural.json:30:7: error S5 Key "pieceJustificative": the template spells it "piecesJustificatives" (the plural "s" matters).',
      '',
    ].join('\n'),
  );
  const clean = run('check', '--format', 'compact', 'examples/IMG-RIS-Va2/avance.json');
  assert.equal(clean.status, 0);
  assert.equal(clean.stdout, '');
});

test('-o/--output writes the report of every format to the file (stdout empty), same exit code; an unwritable path is named with the reason, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-cli-o-'));
  const file = 'test/fixtures/IMG-RIS-Va2/S5-plural.json';
  for (const format of ['text', 'compact', 'json', 'sarif', 'html']) {
    const plainRun = run('check', '--format', format, file);
    for (const flag of ['-o', '--output']) {
      const out = join(dir, `report-${format}${flag}.out`);
      const r = run('check', '--format', format, flag, out, file);
      assert.equal(r.status, plainRun.status, format);
      assert.equal(r.stdout, '', `${format}: nothing on stdout`);
      assert.match(r.stderr, /rapport écrit dans .* \/ report written to/);
      assert.equal(readFileSync(out, 'utf8'), plainRun.stdout, `${format}: the file holds what stdout would`);
    }
  }
  const bad = run('check', '-o', join(dir, 'no', 'such', 'folder', 'r.html'), '--format', 'html', file);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /impossible d'écrire .*r\.html : dossier introuvable \(ENOENT\) \/ cannot write .*r\.html: folder not found \(ENOENT\)/);
  assert.equal(run('check', '-o').status, 2, 'a missing value is a usage error');
  assert.equal(run('check', '--format', 'pdf', file).status, 2);
});

test('HTML report: one page, no script or external resource, the excerpt escaped and marked, findings grouped by rule with their fix', () => {
  const r = run('check', '--format', 'html', 'test/fixtures/IMG-RIS-Va2/S5-plural.json', 'test/fixtures/IMG-RIS-Va2/S8-spaces.json');
  assert.equal(r.status, 1);
  const html = r.stdout;
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'/);
  assert.doesNotMatch(html, /<script|<link|src=|https?:/i);
  assert.match(html, /<h3><code>S5<\/code> — « s » du pluriel des balises <span class="muted">\(2\)<\/span><\/h3>/);
  assert.match(html, /<span class="ln">23<\/span> {12}<mark>&quot;FINESGeo&quot;<\/mark>: \[&quot;010000024&quot;\],/);
  assert.match(html, /Correction \(sûre, appliquée par --fix\) : Renommer en « FINESGeos »/);
  assert.match(html, /<th scope="row">IMG-RIS-Va2 solde<\/th>/);
});

test('HTML excerpt: markup in a value is text; a long (minified) line is shown around the finding', () => {
  const text = '{"a": "<script>alert(1)</script> & \'x\'"}';
  const at = text.indexOf('"<script>');
  const h = excerptHtml(text, { start: { line: 0, character: at }, end: { line: 0, character: text.length - 1 } });
  assert.equal(h, '{&quot;a&quot;: <mark>&quot;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;&quot;</mark>}');
  const long = `{${'"k": 1, '.repeat(200)}"bad": "x"}`;
  const b = long.indexOf('"bad"');
  const e = excerptHtml(long, { start: { line: 0, character: b }, end: { line: 0, character: b + 5 } });
  assert.ok(e.startsWith('…') && e.endsWith('…') === false && e.length < 260, e);
  assert.match(e, /<mark>&quot;bad&quot;<\/mark>/);
});
