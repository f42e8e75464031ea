/**
 * `--format github` (server/src/cli/formats/github.ts) against the workflow command syntax GitHub documents
 * ("Workflow commands for GitHub Actions": `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`) and
 * the runner's escaping (`%` → %25, CR → %0D, LF → %0A in the message; those and `:` → %3A, `,` → %2C in properties).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeData, escapeProperty, formatGithub } from '../../../server/src/cli/formats/github.ts';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (args: string[], cwd = root) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });

const PROPERTIES = new Set(['file', 'line', 'col', 'endLine', 'endColumn', 'title']);
const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

/** One workflow command line, checked against the documented grammar; its properties and message unescaped. */
function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
  assert.ok(m, `not a workflow command: ${line}`);
  assert.doesNotMatch(m[3], /[\r\n]/);
  const properties: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    assert.ok(eq > 0, pair);
    const key = pair.slice(0, eq);
    assert.ok(PROPERTIES.has(key), `unknown property ${key}`);
    assert.doesNotMatch(pair.slice(eq + 1), /[:,\r\n]/, 'a property value is escaped');
    properties[key] = unescape(pair.slice(eq + 1));
  }
  return { command: m[1], properties, message: unescape(m[3]) };
}

test("escaping is the runner's: data (%, CR, LF) and properties (also : and ,)", () => {
  assert.equal(escapeData('100% : a\r\nb, c'), '100%25 : a%0D%0Ab, c');
  assert.equal(escapeProperty('C:\\x,y%\n'), 'C%3A\\x%2Cy%25%0A');
  assert.equal(unescape(escapeProperty('a%3A:,%')), 'a%3A:,%');
});

test('--format github: one command per finding, with file, positions (1-based), severity and the message', () => {
  const files = [
    'test/fixtures/IMG-RIS-Va2/S5-plural.json',
    'test/fixtures/IMG-RIS-Va2/S1-unknown-key.json',
    'test/fixtures/IMG-RIS-Va2/S13-portal-answer.json',
  ];
  const r = run(['check', '--format', 'github', ...files]);
  assert.equal(r.status, 1, r.stderr);
  const commands = r.stdout.trimEnd().split('\n').map(parseCommand);
  const json = JSON.parse(run(['check', '--format', 'json', ...files]).stdout) as {
    file: string;
    diagnostics: {
      code: string;
      severity: string;
      message: string;
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
    }[];
  }[];
  const expected = json.flatMap((f) =>
    f.diagnostics
      .filter((d) => d.severity !== 'hint')
      .map((d) => ({
        command: ({ error: 'error', warning: 'warning', information: 'notice' } as Record<string, string>)[d.severity],
        properties: {
          file: f.file,
          line: String(d.range.start.line + 1),
          col: String(d.range.start.character + 1),
          endLine: String(d.range.end.line + 1),
          endColumn: String(d.range.end.character + 1),
          title: `segur-json ${d.code}`,
        },
        message: d.message,
      })),
  );
  assert.deepEqual(commands, expected);
  assert.deepEqual([...new Set(commands.map((c) => c.command))].sort(), ['error', 'notice', 'warning']);
  assert.ok(
    commands.some((c) => c.message.includes(' : ')),
    'a message with a colon is kept whole',
  );
});

test('--format github: a file name with , : and % is escaped in the file property', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-gh-'));
  writeFileSync(join(dir, 'solde,1%:a.json'), readFileSync(join(root, 'test/fixtures/IMG-RIS-Va2/S5-plural.json')));
  const r = run(['check', '--format', 'github', 'solde,1%:a.json'], dir);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^::error file=solde%2C1%25%3Aa\.json,line=23,col=13,/);
  assert.equal(parseCommand(lines[0]).properties.file, 'solde,1%:a.json');
});

test('--format github: a file that could not be read is one error command on the file', () => {
  const out = formatGithub(
    [
      {
        file: 'a\\b,c.json',
        detection: { isSegur: false, reason: { fr: '', en: '' } },
        findings: [],
        problem: { kind: 'unreadable', message: { fr: 'illisible : permission refusée (EACCES)', en: 'unreadable: permission denied (EACCES)' } },
      },
    ],
    'fr',
  );
  assert.deepEqual(out.trimEnd().split('\n').map(parseCommand), [
    { command: 'error', properties: { file: 'a/b,c.json', title: 'segur-json S12/unreadable' }, message: 'illisible : permission refusée (EACCES)' },
  ]);
});
