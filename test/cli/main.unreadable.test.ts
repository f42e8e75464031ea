/**
 * One unreadable file in a folder never blanks the run (cli/main.ts, cli/checkFile.ts, cli/formats/report.ts): it is told
 * on stderr and in every report format (json: its entry's `problem`; sarif: a tool execution notification), the other
 * files are checked and reported, the exit code is 2, and `--fix` says each file it wrote as it writes it.
 * Tests run as root here, for whom `chmod 000` changes nothing: the CLI is run as the user nobody (setpriv) when the
 * test is root, as is when it is not; the test is skipped, with its reason, when neither can be.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/**
 * The CLI as another user can run it: the checkout may sit in a folder only its owner can enter (a fresh clone in
 * `mktemp -d` is 0700), so its runnable files (bin/ and the bundles of dist/) are copied where every user may read.
 */
function cliForEveryone(): string {
  const base = mkdtempSync(join(tmpdir(), 'segur-cli-'));
  chmodSync(base, 0o755);
  for (const dir of ['bin', 'dist']) {
    mkdirSync(join(base, dir), { mode: 0o755 });
    for (const f of readdirSync(join(root, dir)).filter((x) => x.endsWith('.js'))) {
      copyFileSync(join(root, dir, f), join(base, dir, f));
      chmodSync(join(base, dir, f), 0o644);
    }
  }
  return join(base, 'bin', 'segur-json.js');
}

/** How to run the CLI as a user to whom chmod 000 applies, or why it cannot be done here. */
function asUser(): string[] | string {
  if (process.platform === 'win32') return 'chmod 000 has no effect on Windows';
  if (process.getuid?.() !== 0) return [];
  const probe = spawnSync(
    'setpriv',
    ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', 'process.exit(process.getuid() === 65534 ? 0 : 1)'],
    { timeout: 120_000 },
  );
  if (probe.status !== 0) return 'root, and setpriv cannot run node as the user nobody here';
  return ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
}

const user = asUser();
const cli = Array.isArray(user) && user.length > 0 ? cliForEveryone() : join(root, 'bin', 'segur-json.js');

function run(args: string[], cwd: string, threads?: number) {
  const prefix = user as string[];
  const [cmd, ...rest] = prefix.length > 0 ? [...prefix, process.execPath, cli, ...args] : [process.execPath, cli, ...args];
  const env = threads === undefined ? process.env : { ...process.env, SEGUR_JSON_THREADS: String(threads) };
  return spawnSync(cmd, rest, { cwd, encoding: 'utf8', timeout: 120_000, env });
}

/** A folder every user may write to, with a fixable file (a.json) and an unreadable one (b.json). */
function folder(): string {
  const base = mkdtempSync(join(tmpdir(), 'segur-unreadable-'));
  chmodSync(base, 0o777);
  const s3 = readFileSync(join(root, 'test', 'fixtures', 'IMG-RIS-Va2', 'S3-deleted-tag.json'));
  writeFileSync(join(base, 'a.json'), s3);
  chmodSync(join(base, 'a.json'), 0o666);
  copyFileSync(join(root, 'examples', 'HOP-DPI-Va2', 'avance.json'), join(base, 'b.json'));
  chmodSync(join(base, 'b.json'), 0o000);
  return base;
}

test(
  'a folder with one unreadable file: the other is checked and reported, the unreadable one told in every format, exit 2',
  { skip: typeof user === 'string' && user },
  () => {
    const dir = folder();
    const json = run(['check', '--format', 'json', '.'], dir);
    assert.equal(json.status, 2, json.stderr);
    assert.match(json.stderr, /b\.json : illisible : permission refusée \(EACCES\) \/ unreadable: permission denied \(EACCES\)/);
    const files = JSON.parse(json.stdout) as { file: string; diagnostics: { code: string }[]; problem?: { kind: string; message: string } }[];
    assert.deepEqual(
      files.map((f) => f.file),
      ['a.json', 'b.json'],
    );
    assert.ok(
      files[0].diagnostics.some((d) => d.code === 'S3/missing-tag'),
      'a.json is checked',
    );
    assert.equal(files[0].problem, undefined);
    assert.equal(files[1].problem?.kind, 'unreadable');
    assert.match(files[1].problem!.message, /EACCES/);

    const sarif = JSON.parse(run(['check', '--format', 'sarif', '.'], dir).stdout) as {
      runs: {
        results: { ruleId: string }[];
        invocations?: {
          executionSuccessful: boolean;
          toolExecutionNotifications: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
        }[];
      }[];
    };
    assert.ok(sarif.runs[0].results.some((r) => r.ruleId === 'S3'));
    const inv = sarif.runs[0].invocations![0];
    assert.equal(inv.executionSuccessful, false);
    assert.equal(inv.toolExecutionNotifications.length, 1);
    assert.equal(inv.toolExecutionNotifications[0].level, 'error');
    assert.equal(inv.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, 'b.json');
    assert.match(inv.toolExecutionNotifications[0].message.text, /EACCES/);

    const text = run(['check', '.'], dir);
    assert.equal(text.status, 2);
    assert.match(text.stdout, /^a\.json {2}\[IMG-RIS-Va2 solde/m);
    assert.match(text.stdout, /^b\.json: illisible : permission refusée \(EACCES\)$/m);
    const compact = run(['check', '--format', 'compact', '.'], dir);
    assert.match(compact.stdout, /^a\.json:\d+:\d+: (error|warning) S3\/missing-tag /m);
    assert.match(compact.stdout, /^b\.json:1:1: error S12\/unreadable illisible : permission refusée \(EACCES\)$/m);
    const html = run(['check', '--format', 'html', '--lang', 'en', '.'], dir);
    assert.equal(html.status, 2);
    assert.match(html.stdout, /<h2>b\.json<\/h2><p class="problem">Unreadable: permission denied \(EACCES\)<\/p>/);
  },
);

test(
  '--fix on that folder: the readable file is fixed and said as it is written, the unreadable one told, exit 2',
  { skip: typeof user === 'string' && user },
  () => {
    const dir = folder();
    const r = run(['check', '--fix', '--format', 'json', '.'], dir);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^segur-json: a\.json : corrigé et écrit \(S3\/missing-tag × 1\) \/ fixed and written \(S3\/missing-tag × 1\)$/m);
    assert.match(r.stderr, /b\.json : illisible/);
    const files = JSON.parse(r.stdout) as { file: string; fixed?: { code: string }[]; problem?: { kind: string } }[];
    assert.deepEqual(
      files[0].fixed?.map((f) => f.code),
      ['S3/missing-tag'],
    );
    assert.equal(files[1].problem?.kind, 'unreadable');
    assert.match(readFileSync(join(dir, 'a.json'), 'utf8'), /"codeTraitement": null/);
  },
);

test('the same with worker threads as in one thread: output, stderr, exit code, files written', { skip: typeof user === 'string' && user }, () => {
  for (const args of [
    ['check', '--format', 'sarif', '.'],
    ['check', '--fix', '.'],
  ]) {
    const a = folder();
    const b = folder();
    const one = run(args, a, 1);
    const many = run(args, b, 2);
    assert.equal(one.status, 2, one.stderr);
    assert.equal(many.status, one.status);
    assert.equal(many.stdout, one.stdout);
    assert.equal(many.stderr, one.stderr);
    assert.equal(readFileSync(join(b, 'a.json'), 'utf8'), readFileSync(join(a, 'a.json'), 'utf8'));
  }
});
