/**
 * How `segur-json` writes a user's files (server/src/io/atomicWrite.ts, through cli/main.ts and cli/checkFile.ts):
 * a kill during `--fix` leaves the old file or the new one, never a part; a full disk leaves the original byte for
 * byte and says ENOSPC; a device target (`/dev/full`) gets a message naming it and the reason; `-o` naming an input
 * (directly, through a symbolic link, a hard link, or inside an input folder) is a usage error before anything is
 * read or written, for every command that writes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (args: string[], cwd = root) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });

/**
 * The example IMG-RIS-Va2 solde with `codeTraitement` deleted from every line (--fix puts it back: the fixed file is
 * larger), `lines` lines, each establishment's name padded to `pad` characters to reach the wanted size.
 */
function brokenSolde(lines: number, pad: number): string {
  const v = JSON.parse(readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'solde.json'), 'utf8')) as { lignesImport: Record<string, unknown>[] };
  const line = v.lignesImport[0] as Record<string, unknown> & { beneficiaires: { Etablissements: Record<string, unknown>[] } };
  v.lignesImport = Array.from({ length: lines }, (_, i) => {
    const l: Record<string, unknown> = { ...line, numLigne: i + 1, numeroEditeur: `RIS-2025-${String(i).padStart(5, '0')}` };
    delete l.codeTraitement;
    l.beneficiaires = {
      ...line.beneficiaires,
      Etablissements: line.beneficiaires.Etablissements.map((e) => ({ ...e, nomStructure: 'Imagerie '.repeat(Math.ceil(pad / 9)).slice(0, pad) })),
    };
    return l;
  });
  return JSON.stringify(v, null, 2) + '\n';
}

const tmpFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

test('SIGKILL during --fix of a 9 MB file, 20 times at varied moments of the write: the file is the old one or the fixed one, never a part', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-kill-'));
  const file = join(dir, 'big.json');
  const old = Buffer.from(brokenSolde(200, 44000));
  assert.ok(old.length > 9_000_000 && old.length < 10 * 1024 * 1024, String(old.length));
  // The fixed file, from a run that is not killed.
  writeFileSync(file, old);
  const full = run(['check', '--fix', '--format', 'compact', file]);
  assert.equal(full.status, 1, full.stderr);
  const fixed = readFileSync(file);
  assert.ok(fixed.length > old.length, 'the fix puts the deleted tags back');
  let killedWhileWriting = 0;
  let partial = 0;
  for (let k = 0; k < 20; k++) {
    writeFileSync(file, old);
    const ino = statSync(file).ino;
    for (const f of tmpFiles(dir)) rmSync(join(dir, f));
    const child = spawn(process.execPath, [cli, 'check', '--fix', '--format', 'compact', file], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let done = false;
    void exited.then(() => (done = true));
    // Watch the folder: the write has begun when the file shrinks or grows, is replaced, or a temporary file shows;
    // then let k more looks go by (each a few system calls) before the kill.
    let seen = -1;
    for (let polls = 0; !done; polls++) {
      await new Promise((r) => setImmediate(r));
      let st;
      try {
        st = statSync(file);
      } catch {
        continue;
      }
      if (seen < 0 && (st.size !== old.length || st.ino !== ino || tmpFiles(dir).length > 0)) seen = polls;
      if (seen >= 0 && polls - seen >= k) {
        child.kill('SIGKILL');
        killedWhileWriting++;
        break;
      }
    }
    await exited;
    const now = readFileSync(file);
    const ok = now.equals(old) || now.equals(fixed);
    if (!ok) partial++;
  }
  t.diagnostic(`kills during the write: ${killedWhileWriting}/20; partial files: ${partial}/20`);
  assert.ok(killedWhileWriting >= 10, `the write was seen and killed ${killedWhileWriting} times of 20`);
  assert.equal(partial, 0, `${partial} of 20 kills left a partial file`);
});

/** A 2 MB tmpfs, or the reason it cannot be had here (not root, or mount refused, as in many CI containers). */
function smallDisk(): { dir: string; done: () => void } | string {
  if (process.platform !== 'linux') return 'tmpfs: Linux only';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const dir = mkdtempSync(join(tmpdir(), 'segur-full-'));
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { encoding: 'utf8', timeout: 120_000 });
  if (m.status !== 0) return `mount -t tmpfs refused here: ${(m.stderr || m.error?.message || '').trim()}`;
  return { dir, done: () => void spawnSync('umount', [dir], { timeout: 120_000 }) };
}

/** Fills what is left of the disk of `dir` with a file, until the system says ENOSPC. */
function fill(dir: string): void {
  const fd = openSync(join(dir, 'filler.bin'), 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
  } finally {
    closeSync(fd);
  }
}

test('a full disk (2 MB tmpfs): --fix leaves the original byte for byte, no temporary file, and names the file and ENOSPC (exit 2)', (t) => {
  const disk = smallDisk();
  if (typeof disk === 'string') {
    t.skip(disk);
    return;
  }
  try {
    const file = join(disk.dir, 'full.json');
    const old = Buffer.from(brokenSolde(200, 1));
    writeFileSync(file, old);
    fill(disk.dir);
    const r = run(['check', '--fix', '--format', 'json', file]);
    assert.equal(r.status, 2, r.stderr);
    assert.ok(readFileSync(file).equals(old), 'the original is intact');
    assert.match(r.stderr, /impossible d'écrire .*full\.json : disque plein \(ENOSPC\) \/ cannot write .*full\.json: disk full \(ENOSPC\)/);
    assert.deepEqual(tmpFiles(disk.dir), []);
    // The file was checked as it is on disk: its findings are reported, with the write failure.
    const report = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string }[]; problem?: { kind: string; message: string } }[];
    assert.equal(report.length, 1);
    assert.ok(report[0].diagnostics.some((d) => d.code === 'S3/missing-tag'));
    assert.equal(report[0].problem?.kind, 'unwritten');
    // A report to a full disk: named, ENOSPC, exit 2, nothing left behind.
    const o = run(['check', '-o', join(disk.dir, 'report.html'), '--format', 'html', 'examples/IMG-RIS-Va2/solde.json']);
    assert.equal(o.status, 2);
    assert.match(o.stderr, /report\.html : disque plein \(ENOSPC\)/);
    assert.deepEqual(tmpFiles(disk.dir), []);
  } finally {
    disk.done();
  }
});

test(
  '-o /dev/full: the message names the file and ENOSPC, for check and solde-from-avance (not « internal error »), exit 2',
  { skip: !existsSync('/dev/full') && 'no /dev/full here' },
  () => {
    for (const args of [
      ['solde-from-avance', 'examples/IMG-RIS-Va2/avance.json', '-o', '/dev/full'],
      ['check', '-o', '/dev/full', 'examples/IMG-RIS-Va2/avance.json'],
      ['learn-template', 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json', '--sons', 'IMG-RIS-Va2', '--kind', 'solde', '-o', '/dev/full'],
    ]) {
      const r = run(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.doesNotMatch(r.stderr, /erreur interne|internal error/);
      assert.match(r.stderr, /impossible d'écrire \/dev\/full : disque plein \(ENOSPC\) \/ cannot write \/dev\/full: disk full \(ENOSPC\)/, args[0]);
    }
    // A device is written to, never replaced: /dev/null stays a device.
    assert.equal(run(['solde-from-avance', 'examples/IMG-RIS-Va2/avance.json', '-o', '/dev/null']).status, 0);
    assert.ok(statSync('/dev/null').isCharacterDevice());
  },
);

test('-o to a FIFO: the report goes to its reader (not renamed over it)', { skip: process.platform === 'win32' && 'no mkfifo' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-fifo-'));
  const fifo = join(dir, 'report.fifo');
  if (spawnSync('mkfifo', [fifo], { timeout: 120_000 }).status !== 0) return;
  const reader = spawn('cat', [fifo]);
  let got = '';
  reader.stdout.on('data', (d) => (got += d));
  const closed = new Promise((r) => reader.on('close', r));
  const child = spawn(process.execPath, [cli, 'check', '--format', 'json', '-o', fifo, 'examples/IMG-RIS-Va2/solde.json'], { cwd: root, stdio: 'ignore' });
  const code = await new Promise((r) => child.on('exit', r));
  await closed;
  assert.equal(code, 0);
  assert.equal((JSON.parse(got) as unknown[]).length, 1);
  assert.ok(statSync(fifo).isFIFO(), 'still a FIFO');
});

test(
  '-o /dev/stdout redirected by the shell to a file: the report is appended after what the shell wrote, the file not replaced',
  { skip: !existsSync('/dev/stdout') && 'no /dev/stdout' },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'segur-stdout-'));
    const out = join(dir, 'out.txt');
    const r = spawnSync(
      'bash',
      ['-c', `{ echo header; "$0" "$1" check --format json -o /dev/stdout examples/IMG-RIS-Va2/solde.json; } > "$2"`, process.execPath, cli, out],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(out, 'utf8');
    assert.ok(text.startsWith('header\n'), text.slice(0, 40));
    assert.equal((JSON.parse(text.slice('header\n'.length)) as unknown[]).length, 1);
    assert.deepEqual(readdirSync(dir), ['out.txt']);
  },
);

test('--fix keeps the mode of the file it rewrites, and a symbolic link stays a link to the fixed file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-mode-'));
  const file = join(dir, 'real.json');
  writeFileSync(file, brokenSolde(2, 1));
  chmodSync(file, 0o640);
  symlinkSync('real.json', join(dir, 'link.json'));
  const r = run(['check', '--fix', join(dir, 'link.json')]);
  assert.ok(r.status === 0 || r.status === 1, r.stdout + r.stderr);
  assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.match(readFileSync(file, 'utf8'), /codeTraitement/);
  assert.ok(readdirSync(dir).includes('link.json'));
  assert.equal(readFileSync(join(dir, 'link.json'), 'utf8'), readFileSync(file, 'utf8'));
  assert.deepEqual(tmpFiles(dir), []);
});

test('-o naming an input is a usage error before anything is read or written: every command that writes, every format, --fix, through a link, a hard link, a folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-o-input-'));
  const a = join(dir, 'a.json');
  const av = join(dir, 'av.json');
  const blank = join(dir, 'b.json');
  const example = join(dir, 'e.json');
  const sub = join(dir, 'sub');
  mkdirSync(sub);
  const inner = join(sub, 'inner.json');
  const broken = brokenSolde(2, 1);
  const fill = () => {
    writeFileSync(a, broken);
    writeFileSync(inner, broken);
    copyFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'avance.json'), av);
    copyFileSync(join(root, 'test', 'templates', 'official-like', 'IMG-RIS-Va2.solde.blank.json'), blank);
    copyFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'solde.json'), example);
  };
  fill();
  // A templates folder is an input too.
  const tdir = join(dir, 'templates');
  mkdirSync(tdir);
  copyFileSync(join(root, 'test', 'templates', 'official-like', 'IMG-RIS-Va2.solde.blank.json'), join(tdir, 'IMG-RIS-Va2.solde.blank.json'));
  const template = readFileSync(join(tdir, 'IMG-RIS-Va2.solde.blank.json'));
  symlinkSync(a, join(dir, 'a-link.json'));
  linkSync(a, join(dir, 'a-hard.json'));
  const before = () => [a, av, blank, example, inner].map((f) => readFileSync(f));
  const cases: string[][] = [];
  for (const format of ['text', 'compact', 'json', 'sarif', 'html']) {
    cases.push(['check', '--format', format, '-o', a, a]);
    cases.push(['check', '--format', format, '--fix', '-o', a, a]);
  }
  cases.push(
    ['check', '-o', join(dir, 'a-link.json'), a],
    ['check', '-o', a, join(dir, 'a-link.json')],
    ['check', '--fix', '-o', join(dir, 'a-hard.json'), a],
    ['check', '--fix', '-o', inner, dir],
    ['check', '-o', join(sub, '..', 'a.json'), dir],
    ['check', '-o', av, a, av],
    ['check', '--templates', tdir, '-o', join(tdir, 'IMG-RIS-Va2.solde.blank.json'), a],
    ['solde-from-avance', av, '-o', av],
    ['solde-from-avance', av, '-o', join(dir, '.', 'av.json')],
    ['learn-template', blank, '--sons', 'IMG-RIS-Va2', '--kind', 'solde', '-o', blank],
    ['learn-template', blank, example, '--sons', 'IMG-RIS-Va2', '--kind', 'solde', '-o', example],
  );
  for (const args of cases) {
    const was = before();
    const r = run(args);
    assert.equal(r.status, 2, `${args.join(' ')}\n${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /-o .* est aussi une entrée .* \/ -o .* is also an input/, args.join(' '));
    const now = before();
    for (let i = 0; i < was.length; i++) assert.ok(now[i].equals(was[i]), `${args.join(' ')}: an input changed`);
    fill();
  }
  assert.ok(readFileSync(join(tdir, 'IMG-RIS-Va2.solde.blank.json')).equals(template), 'the template is intact');
  // Not an input: written as before.
  const ok = run(['check', '--fix', '-o', join(dir, 'report.txt'), a]);
  assert.ok(ok.status === 0 || ok.status === 1, ok.stderr);
  assert.match(readFileSync(join(dir, 'report.txt'), 'utf8'), /corrigé/);
});
