/**
 * The CLI's options through node:util `parseArgs`, strict: an unknown option, a missing value or a
 * value given to a flag is a usage error (exit 2) whose message, French then English, names the option as written;
 * the forms parseArgs brings (`--format=json`, `-oFILE`, `--` before a path starting with a dash) work; the options
 * and their short forms are those of `segur-json --help`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../server/src/cli/main.ts';
import { parseCheckArgs } from '../../server/src/cli/checkCommand.ts';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
const usage = (args: string[]) => {
  try {
    parseCheckArgs(args);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  return 'accepted';
};

test('check: every option of --help, long and short, with a separate or an inline value', () => {
  assert.deepEqual(
    parseCheckArgs([
      '--format',
      'json',
      '-o',
      'r.json',
      '--fix',
      '--fix-encoding',
      '--sons',
      'img-ris-va2',
      '--kind',
      'solde',
      '--lang',
      'en',
      '--templates',
      'tpl',
      '--modelled',
      'off',
      'a.json',
      'dir',
    ]),
    {
      format: 'json',
      output: 'r.json',
      fix: true,
      fixEncoding: true,
      sons: 'IMG-RIS-Va2',
      kind: 'solde',
      lang: 'en',
      templates: 'tpl',
      modelled: 'off',
      paths: ['a.json', 'dir'],
    },
  );
  assert.deepEqual(parseCheckArgs(['--format=sarif', '-or.sarif', 'x.json']), {
    format: 'sarif',
    output: 'r.sarif',
    fix: false,
    lang: 'fr',
    paths: ['x.json'],
  });
  assert.deepEqual(parseCheckArgs(['--output=-weird.txt', '--', '--file-named-like-an-option.json']).paths, ['--file-named-like-an-option.json']);
  assert.equal(parseCheckArgs(['--output=-weird.txt', 'a.json']).output, '-weird.txt');
  assert.deepEqual(parseCheckArgs(['--quiet', '--max-warnings', '0', '--stdin-filename', 'd/IMG-RIS-Va2-solde.json', '--format=gitlab', '-']), {
    format: 'gitlab',
    fix: false,
    lang: 'fr',
    quiet: true,
    maxWarnings: 0,
    stdinFilename: 'd/IMG-RIS-Va2-solde.json',
    paths: ['-'],
  });
});

test('check: usage errors name the option as written, French then English', () => {
  assert.equal(usage(['--frobnicate', 'a.json']), 'option inconnue / unknown option --frobnicate');
  assert.equal(usage(['-x', 'a.json']), 'option inconnue / unknown option -x');
  assert.equal(usage(['--nope=1', 'a.json']), 'option inconnue / unknown option --nope');
  assert.equal(usage(['a.json', '--format']), 'option --format : valeur manquante / missing value');
  assert.equal(usage(['-o']), 'option -o : valeur manquante / missing value');
  assert.equal(usage(['--sons', '--fix', 'a.json']), 'option --sons : valeur manquante / missing value');
  assert.equal(usage(['--fix=yes', 'a.json']), 'option --fix : sans valeur / takes no value');
  assert.equal(usage(['--format', 'xml', 'a.json']), '--format xml : text, compact, json, sarif, html, github, junit, gitlab');
  assert.equal(usage(['--kind', 'facture', 'a.json']), '--kind facture : avance ou solde');
  assert.equal(usage(['--lang', 'de', 'a.json']), '--lang de : fr ou en');
  assert.equal(usage(['--modelled', 'loud', 'a.json']), '--modelled loud : error, warning, information ou off');
  assert.equal(usage(['--fix']), 'aucun fichier ni dossier / no file or folder given');
});

test('every command: a bad option exits 2 with one message naming it, on stderr, nothing on stdout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-cli-args-'));
  const blank = join(dir, 'blank.json');
  writeFileSync(blank, '{}');
  const cases: [string[], RegExp][] = [
    [['check', '--frobnicate', 'examples'], /^segur-json: option inconnue \/ unknown option --frobnicate\n/],
    [['check', 'examples', '-o'], /^segur-json: option -o : valeur manquante \/ missing value\n/],
    [['rules', '--lang'], /^segur-json: option --lang : valeur manquante \/ missing value \(rules \[--lang fr\|en\]\)\n/],
    [['rules', '--lang', 'de'], /^segur-json: --lang de : fr ou en\n/],
    [['solde-from-avance', 'examples/IMG-RIS-Va2/avance.json', '--out', 'x.json'], /^segur-json: option inconnue \/ unknown option --out \(solde-from-avance /],
    [['learn-template', blank, '--sons', 'IMG-RIS-Va2', '--kind'], /^segur-json: option --kind : valeur manquante \/ missing value \(learn-template /],
    [
      ['learn-template', blank, '--sons', 'IMG-RIS-Va2', '--kind', 'avance', '--corridor=B', '--verbose'],
      /^segur-json: option inconnue \/ unknown option --verbose \(learn-template /,
    ],
    [
      ['template-diff', blank, '--sons', 'IMG-RIS-Va2', '--kind', 'solde', '--format'],
      /^segur-json: option --format : valeur manquante \/ missing value \(template-diff /,
    ],
    [['template-diff', blank, '--sons', 'IMG-RIS-Va2', '--kind', 'solde', '--json'], /^segur-json: option inconnue \/ unknown option --json \(template-diff /],
  ];
  for (const [args, message] of cases) {
    const r = run(...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
});

test('the short and inline forms work end to end: -oFILE, --format=json, --lang=en', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-cli-args-'));
  const file = join(dir, 'solde.json');
  copyFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'solde.json'), file);
  const out = join(dir, 'r.json');
  const r = run('check', '--format=json', `-o${out}`, '--lang=en', file);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(report[0].sons, 'IMG-RIS-Va2');
  // The example solde alone: only C8's information that no avance was compared with it.
  assert.deepEqual(
    report[0].diagnostics.map((d: { code: string }) => d.code),
    ['C8/no-avance'],
  );
  const rules = run('rules', '--lang=en');
  assert.equal(rules.status, 0);
  assert.match(rules.stdout, /^# /);
  assert.equal(rules.stdout, run('rules', '--lang', 'en').stdout);
  assert.notEqual(rules.stdout, run('rules').stdout, 'English, not French');
});
