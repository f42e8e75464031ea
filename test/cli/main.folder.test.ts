/**
 * `segur-json check` on a folder with worker threads (server/src/cli/checkCommand.ts runCheckAsync, worker.ts,
 * checkFile.ts): the same output, byte for byte, and the same exit code as in one thread, for every format; files
 * in input order; findings across files between files checked by different workers; a file whose check throws does
 * not stop the others; --fix writes the same files and says the same. `SEGUR_JSON_THREADS` forces the path: 1 = the
 * main thread only, N = N workers whatever the number of files. Nothing here is timed (bench/cli-folder.mjs is).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packLineStarts, unpackLineStarts } from '../../server/src/cli/checkFile';
import { workerCount, MIN_FILES_FOR_WORKERS } from '../../server/src/cli/checkCommand';
import { LineIndex } from '../../server/src/segur';
import { TextDocument } from 'vscode-languageserver-textdocument';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
// The reports of every format over the examples, pairs and fixtures together pass spawnSync's default 1 MiB buffer
// (SARIF: about 1 MB, the copies of one solde among them each naming the others, C7).
const run = (threads: number, args: string[], cwd = root) =>
  spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SEGUR_JSON_THREADS: String(threads) },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
const FORMATS = ['text', 'json', 'sarif', 'compact', 'html'];

/** 9 generated files of 20 requests, three SONS, distinct identifiers across files (bench/generate.mjs). */
async function generatedFolder(): Promise<string> {
  const url = pathToFileURL(join(root, 'bench', 'generate.mjs')).href;
  const { generate } = (await import(url)) as { generate: (sons: string, kind: string, n: number, o?: { offset: number }) => string };
  const dir = mkdtempSync(join(tmpdir(), 'segur-cli-folder-'));
  const sons = [
    ['IMG-RIS-Va2', 'solde'],
    ['HOP-DPI-Va2', 'avance'],
    ['MDV-LGC-Va2', 'solde'],
  ];
  for (let k = 0; k < 9; k++)
    writeFileSync(join(dir, `g${k}-${sons[k % 3][0]}-${sons[k % 3][1]}.json`), generate(sons[k % 3][0], sons[k % 3][1], 20, { offset: k * 20 }));
  return dir;
}

test('the same output and exit code with workers as in one thread, every format (generated files, examples, pairs, fixtures)', async () => {
  const gen = await generatedFolder();
  const paths = [gen, 'examples', 'test/pairs', 'test/fixtures'];
  for (const format of FORMATS) {
    const one = run(1, ['check', '--format', format, ...paths]);
    const many = run(3, ['check', '--format', format, ...paths]);
    assert.ok(one.status === 0 || one.status === 1, one.stderr);
    assert.equal(many.status, one.status, format);
    assert.equal(many.stderr, one.stderr, format);
    assert.ok(many.stdout === one.stdout, `${format}: the outputs differ`);
  }
  // The folders were checked for real: pairs have findings across files, fixtures their own.
  const json = JSON.parse(run(3, ['check', '--format', 'json', ...paths]).stdout) as { file: string; diagnostics: { code: string }[] }[];
  assert.ok(json.length > 100);
  assert.ok(json.some((f) => f.diagnostics.some((d) => /^C\d/.test(d.code))));
});

test('files in input order with workers: explicit files as given, folders as walked', () => {
  const given = ['examples/MDV-LGC-Va2/solde.json', 'examples/HOP-DPI-Va2/avance.json', 'test/pairs', 'examples/IMG-RIS-Va2/avance.json'];
  const one = JSON.parse(run(1, ['check', '--format', 'json', ...given]).stdout) as { file: string }[];
  const many = JSON.parse(run(2, ['check', '--format', 'json', ...given]).stdout) as { file: string }[];
  assert.deepEqual(
    many.map((f) => f.file),
    one.map((f) => f.file),
  );
  assert.equal(many[0].file, join('examples', 'MDV-LGC-Va2', 'solde.json'));
  assert.equal(many[1].file, join('examples', 'HOP-DPI-Va2', 'avance.json'));
  assert.equal(many.at(-1)!.file, join('examples', 'IMG-RIS-Va2', 'avance.json'));
  assert.ok(many.slice(2, -1).every((f) => f.file.startsWith(join('test', 'pairs'))));
});

test('an avance and its solde checked by different workers: the findings across files are found', () => {
  // Two workers are given two files each first: the avance goes to one, the solde (third file) to the other.
  const dir = mkdtempSync(join(tmpdir(), 'segur-cli-pair-'));
  copyFileSync(join(root, 'test', 'pairs', 'C1-editeur-differs', 'avance.json'), join(dir, 'a.json'));
  copyFileSync(join(root, 'examples', 'HOP-DPI-Va2', 'avance.json'), join(dir, 'b.json'));
  copyFileSync(join(root, 'test', 'pairs', 'C1-editeur-differs', 'solde.json'), join(dir, 'c.json'));
  const one = run(1, ['check', '--format', 'json', dir]);
  const many = run(2, ['check', '--format', 'json', dir]);
  assert.equal(many.stdout, one.stdout);
  const solde = (JSON.parse(many.stdout) as { file: string; diagnostics: { code: string; range: { start: { line: number } } }[] }[]).find((f) =>
    f.file.endsWith('c.json'),
  )!;
  const c1 = solde.diagnostics.filter((d) => d.code.startsWith('C1'));
  assert.ok(c1.length > 0, 'C1 across files');
  assert.ok(
    c1.every((d) => d.range.start.line > 0),
    'ranges in the solde, without its text',
  );
});

test('a learned template with "properties": null (it made check throw): in workers as in one thread, warned once, every file checked', () => {
  const base = mkdtempSync(join(tmpdir(), 'segur-cli-throw-'));
  const dir = join(base, 'd');
  const templates = join(base, 't');
  mkdirSync(dir);
  mkdirSync(templates);
  for (const k of ['avance', 'solde']) copyFileSync(join(root, 'examples', 'IMG-RIS-Va2', `${k}.json`), join(dir, `IMG-${k}.json`));
  copyFileSync(join(root, 'examples', 'HOP-DPI-Va2', 'avance.json'), join(dir, 'HOP-avance.json'));
  const out = join(templates, 'IMG-RIS-Va2.solde.template.json');
  assert.equal(
    run(1, ['learn-template', 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json', '--sons', 'IMG-RIS-Va2', '--kind', 'solde', '-o', out]).status,
    0,
  );
  const t = JSON.parse(readFileSync(out, 'utf8'));
  t.properties = null; // made check throw
  writeFileSync(out, JSON.stringify(t));
  const one = run(1, ['check', '--format', 'json', '--templates', templates, dir]);
  const many = run(2, ['check', '--format', 'json', '--templates', templates, dir]);
  assert.equal(many.status, one.status);
  assert.equal(many.stdout, one.stdout);
  assert.equal(many.stderr, one.stderr);
  const files = JSON.parse(many.stdout) as { file: string; diagnostics: { code: string }[] }[];
  assert.equal(files.length, 3);
  assert.equal(many.stderr.split('\n').filter((l) => l.includes('IMG-RIS-Va2.solde.template.json')).length, 1, many.stderr);
  // The solde: an internal finding if the check throws (checkFile.ts, the same code in a worker), unless the
  // template is refused first (today); the other files are checked either way.
  for (const d of files.find((f) => f.file.endsWith('IMG-solde.json'))!.diagnostics.filter((x) => x.code.endsWith('/internal')))
    assert.equal(d.code, 'S12/internal');
  assert.ok(!files.find((f) => f.file.endsWith('HOP-avance.json'))!.diagnostics.some((d) => d.code.endsWith('/internal')));
});

test('--fix and --fix-encoding with workers write the same files and say the same as in one thread', () => {
  const src = mkdtempSync(join(tmpdir(), 'segur-cli-fix-'));
  for (const f of readdirSync(join(root, 'test', 'fixtures', 'IMG-RIS-Va2')).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')))
    copyFileSync(join(root, 'test', 'fixtures', 'IMG-RIS-Va2', f), join(src, f));
  // A Latin-1 file: --fix leaves it (a note), --fix-encoding converts it (a note).
  writeFileSync(
    join(src, 'latin1.json'),
    Buffer.from(readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'solde.json'), 'utf8').replace('"typeAction"', '"TypeAction"'), 'latin1'),
  );
  for (const extra of [[], ['--fix-encoding']]) {
    const a = mkdtempSync(join(tmpdir(), 'segur-cli-fix-a-'));
    const b = mkdtempSync(join(tmpdir(), 'segur-cli-fix-b-'));
    cpSync(src, join(a, 'd'), { recursive: true });
    cpSync(src, join(b, 'd'), { recursive: true });
    const one = run(1, ['check', '--fix', ...extra, 'd'], a);
    const many = run(2, ['check', '--fix', ...extra, 'd'], b);
    assert.equal(many.status, one.status);
    assert.equal(many.stdout, one.stdout);
    assert.equal(many.stderr, one.stderr);
    assert.match(one.stdout, /corrigé/);
    assert.match(one.stderr, /latin1\.json/);
    for (const f of readdirSync(join(a, 'd'))) assert.ok(readFileSync(join(a, 'd', f)).equals(readFileSync(join(b, 'd', f))), f);
  }
});

test("packed line starts give the ranges LineIndex gives, and its positions are the editor's (\\n, \\r\\n, \\r, long lines)", () => {
  const texts = ['', 'a', '{\n  "a": 1\n}\n', '{\r\n  "a": 1\r\n}', 'a\rb\r\nc\n\rd', 'x'.repeat(70000) + '\n{"a":\n1}', 'a\n\n\r\r\nb'];
  for (const text of texts) {
    const index = new LineIndex(text);
    const packed = unpackLineStarts(packLineStarts(text));
    // The editor's own positions (vscode-languageserver-textdocument), an implementation independent of ours.
    const editor = TextDocument.create('file:///t.json', 'json', 1, text);
    for (let o = 0; o <= text.length + 2; o += o > 100 && o < text.length - 100 ? 997 : 1) {
      const at = `${JSON.stringify(text.slice(0, 20))} @${o}`;
      assert.deepEqual(packed.range(o, 3), index.range(o, 3), at);
      // Inside a \r\n (no token starts or ends there) the editor moves the offset back before the \r.
      const insideCrlf = text[o - 1] === '\r' && text[o] === '\n';
      if (o <= text.length && !insideCrlf) assert.deepEqual(index.position(o), editor.positionAt(o), at);
    }
  }
});

test('workers only for a folder: below the threshold or on one core, one thread; SEGUR_JSON_THREADS forces', () => {
  assert.equal(workerCount(1, {}), 0);
  assert.equal(workerCount(MIN_FILES_FOR_WORKERS - 1, {}), 0);
  assert.equal(workerCount(5, { SEGUR_JSON_THREADS: '1' }), 0);
  assert.equal(workerCount(5, { SEGUR_JSON_THREADS: '3' }), 3);
  assert.equal(workerCount(2, { SEGUR_JSON_THREADS: '3' }), 2);
  assert.equal(workerCount(600, { SEGUR_JSON_THREADS: '1' }), 0);
});
