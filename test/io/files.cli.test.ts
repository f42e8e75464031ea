/**
 * Only regular files are read, through the CLI as a user runs it: a FIFO named
 * `x.json` never hangs `segur-json check` (explicit: a usage error naming it, exit 2; inside a folder: reported and
 * skipped), symlinked files inside a folder are followed once (never silently skipped), folder loops end.
 * Every spawn has a timeout, so that a hang fails the test instead of hanging it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 15000, killSignal: 'SIGKILL' });
const unix = process.platform !== 'win32';
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);
type Out = { file: string; segur: boolean; diagnostics: { code: string }[] };

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'segur-files-'));
  copyFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), join(dir, 'solde.json'));
  return dir;
}

test('Why 4: an explicit FIFO path is a usage error naming it (exit 2), it does not hang', { skip: !unix }, () => {
  const dir = folder();
  mkfifo(join(dir, 'x.json'));
  const r = run(dir, 'check', 'x.json');
  assert.equal(r.signal, null, 'segur-json check hung on a FIFO (killed by the test timeout)');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^segur-json: /);
  assert.match(r.stderr, /x\.json/);
  assert.match(r.stderr, /pas un fichier ordinaire \(FIFO\) \/ not a regular file \(FIFO\)/);
  assert.equal(r.stdout, '');
});

test('Why 4: a FIFO inside a folder is reported by name and skipped; the other files are checked', { skip: !unix }, () => {
  const dir = folder();
  mkfifo(join(dir, 'x.json'));
  mkdirSync(join(dir, 'sub'));
  mkfifo(join(dir, 'sub', 'y.json'));
  mkfifo(join(dir, 'z.txt')); // not a .json name: not looked at
  const r = run(dir, 'check', '--format', 'json', '.');
  assert.equal(r.signal, null, 'segur-json check hung on a FIFO inside a folder');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    (JSON.parse(r.stdout) as Out[]).map((f) => f.file),
    ['solde.json'],
  );
  assert.match(r.stderr, /x\.json : pas un fichier ordinaire \(FIFO\), ignoré \/ not a regular file \(FIFO\), skipped/);
  assert.match(r.stderr, /sub[\\/]y\.json/);
  assert.doesNotMatch(r.stderr, /z\.txt/);
});

test('a device or a folder given as a .json file is refused or walked, never read as a file', { skip: !unix }, () => {
  const r = run(root, 'check', '/dev/zero');
  assert.equal(r.signal, null);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /\/dev\/zero/);
  assert.match(r.stderr, /périphérique|device/);
});

test('symlinked files inside a folder are followed once; a link to a file already checked is reported, not checked twice', { skip: !unix }, () => {
  const dir = folder();
  const elsewhere = mkdtempSync(join(tmpdir(), 'segur-files-other-'));
  copyFileSync(join(root, 'examples/IMG-RIS-Va2/avance.json'), join(elsewhere, 'avance.json'));
  symlinkSync(join(elsewhere, 'avance.json'), join(dir, 'avance.json'));
  symlinkSync('solde.json', join(dir, 'solde-copy.json'));
  symlinkSync('missing.json', join(dir, 'broken.json'));
  const r = run(dir, 'check', '--format', 'json', '.');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const out = JSON.parse(r.stdout) as Out[];
  assert.deepEqual(
    out.map((f) => f.file),
    ['avance.json', 'solde.json'],
  );
  // Checked against each other (C1–C6) with no uniqueness finding from a file counted twice.
  for (const f of out)
    assert.deepEqual(
      f.diagnostics.filter((d) => !d.code.startsWith('V3')),
      [],
      f.file,
    );
  assert.match(r.stderr, /solde-copy\.json : même fichier que solde\.json, ignoré \/ same file as solde\.json, skipped/);
  assert.match(r.stderr, /broken\.json : lien symbolique cassé, ignoré \/ broken symbolic link, skipped/);
});

test('symlinked folders are followed once: a loop ends, a folder reached twice is walked once', { skip: !unix }, () => {
  const dir = folder();
  mkdirSync(join(dir, 'a'));
  copyFileSync(join(root, 'examples/IMG-RIS-Va2/avance.json'), join(dir, 'a', 'avance.json'));
  symlinkSync('..', join(dir, 'a', 'up')); // a loop: a/up -> dir
  symlinkSync('a', join(dir, 'b')); // the same folder again
  const r = run(dir, 'check', '--format', 'json', '.');
  assert.equal(r.signal, null);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.deepEqual(
    (JSON.parse(r.stdout) as Out[]).map((f) => f.file),
    [join('a', 'avance.json'), 'solde.json'],
  );
  assert.match(r.stderr, /déjà parcouru|already walked/);
});

test('an explicit symlink to a file is read (followed once)', { skip: !unix }, () => {
  const dir = folder();
  symlinkSync('solde.json', join(dir, 'link.json'));
  const r = run(dir, 'check', '--format', 'json', 'link.json');
  assert.equal(r.status, 0, r.stderr);
  const [f] = JSON.parse(r.stdout) as Out[];
  assert.equal(f.segur, true);
  assert.equal(readFileSync(join(dir, 'link.json'), 'utf8'), readFileSync(join(dir, 'solde.json'), 'utf8'));
});

test('a FIFO in the --templates folder is left out by name with a warning, it does not hang', { skip: !unix }, () => {
  const dir = folder();
  const templates = join(dir, 'templates');
  mkdirSync(templates);
  mkfifo(join(templates, 'IMG-RIS-Va2.solde.template.json'));
  const r = run(dir, 'check', '--templates', 'templates', 'solde.json');
  assert.equal(r.signal, null, 'segur-json check hung on a FIFO template');
  // A template file that cannot be used is one warning naming it; the bundled model applies (exit of the check).
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /IMG-RIS-Va2\.solde\.template\.json/);
});
