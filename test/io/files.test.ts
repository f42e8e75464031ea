/**
 * server/src/io/files.ts, shared by the CLI and the server: only regular files are read, a FIFO
 * is refused without being opened, symbolic links are followed once, folders walked once; and the server's
 * workspace index built on it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readRegularFile, readRegularFileAsync, listJsonFiles, FileReadError, type Skipped } from '../../server/src/io/files.ts';
import { WorkspaceIndex } from '../../server/src/server/shared/workspace.ts';

const root = join(__dirname, '..', '..');
const unix = process.platform !== 'win32';
const tmp = () => mkdtempSync(join(tmpdir(), 'segur-io-'));
const kindOfError = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof FileReadError, String(e));
    return e.kind;
  }
  assert.fail('no error');
};

test('a regular file is read and decoded; a symbolic link to it is followed', { skip: !unix }, () => {
  const dir = tmp();
  writeFileSync(join(dir, 'a.json'), Buffer.from('{"nom": "Comté"}', 'latin1'));
  symlinkSync('a.json', join(dir, 'link.json'));
  for (const f of ['a.json', 'link.json']) {
    const r = readRegularFile(join(dir, f));
    assert.deepEqual({ text: r.text, encoding: r.encoding, size: r.size }, { text: '{"nom": "Comté"}', encoding: 'iso-8859-1', size: 16 });
  }
});

test('a FIFO, a device, a folder, a missing file, a link loop, a too large file: refused with their reason', { skip: !unix }, () => {
  const dir = tmp();
  execFileSync('mkfifo', [join(dir, 'x.json')]);
  symlinkSync('x.json', join(dir, 'to-fifo.json'));
  symlinkSync('b.json', join(dir, 'a.json'));
  symlinkSync('a.json', join(dir, 'b.json'));
  writeFileSync(join(dir, 'big.json'), 'x'.repeat(100));
  // Were the FIFO opened, this test would block here for ever.
  assert.equal(
    kindOfError(() => readRegularFile(join(dir, 'x.json'))),
    'fifo',
  );
  assert.equal(
    kindOfError(() => readRegularFile(join(dir, 'to-fifo.json'))),
    'fifo',
  );
  assert.equal(
    kindOfError(() => readRegularFile('/dev/null')),
    'device',
  );
  assert.equal(
    kindOfError(() => readRegularFile(dir)),
    'directory',
  );
  assert.equal(
    kindOfError(() => readRegularFile(join(dir, 'none.json'))),
    'missing',
  );
  assert.equal(
    kindOfError(() => readRegularFile(join(dir, 'a.json'))),
    'unreadable',
  );
  assert.equal(
    kindOfError(() => readRegularFile(join(dir, 'big.json'), { maxBytes: 99 })),
    'too-large',
  );
  assert.equal(readRegularFile(join(dir, 'big.json'), { maxBytes: 100 }).size, 100);
  try {
    readRegularFile(join(dir, 'x.json'));
  } catch (e) {
    assert.deepEqual((e as FileReadError).reason, { fr: 'pas un fichier ordinaire (FIFO)', en: 'not a regular file (FIFO)' });
  }
});

test('readRegularFileAsync (the workspace index): the same text and the same refusals as readRegularFile', { skip: !unix }, async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'a.json'), Buffer.from('{"nom": "Comté"}', 'latin1'));
  symlinkSync('a.json', join(dir, 'link.json'));
  execFileSync('mkfifo', [join(dir, 'x.json')]);
  symlinkSync('x.json', join(dir, 'to-fifo.json'));
  symlinkSync('c.json', join(dir, 'b.json'));
  symlinkSync('b.json', join(dir, 'c.json'));
  for (const f of ['a.json', 'link.json']) assert.deepEqual(await readRegularFileAsync(join(dir, f)), readRegularFile(join(dir, f)));
  const kindOfRejection = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof FileReadError, String(e));
      return e.kind;
    }
    assert.fail('no error');
  };
  // Were the FIFO opened, this test would block here for ever.
  for (const [f, kind] of [
    ['x.json', 'fifo'],
    ['to-fifo.json', 'fifo'],
    ['none.json', 'missing'],
    ['b.json', 'unreadable'],
    ['', 'directory'],
  ]) {
    assert.equal(await kindOfRejection(readRegularFileAsync(join(dir, f))), kind, f);
    assert.equal(
      kindOfError(() => readRegularFile(join(dir, f))),
      kind,
      f,
    );
  }
  assert.equal(await kindOfRejection(readRegularFileAsync('/dev/null')), 'device');
  assert.equal(await kindOfRejection(readRegularFileAsync(join(dir, 'a.json'), { maxBytes: 15 })), 'too-large');
});

test('listJsonFiles: regular files and followed links, each file once, the rest told with a reason', { skip: !unix }, () => {
  const dir = tmp();
  writeFileSync(join(dir, 'a.json'), '{}');
  writeFileSync(join(dir, 'notes.txt'), '');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'c.json'), '{}');
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'node_modules', 'x.json'), '{}');
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'x.json'), '{}');
  symlinkSync('a.json', join(dir, '0-link.json')); // sorted before a.json: a.json is still the one listed
  symlinkSync('sub', join(dir, '0-sub')); // sorted before sub: sub is still walked under its own name
  symlinkSync('.', join(dir, 'sub', 'self')); // a loop
  execFileSync('mkfifo', [join(dir, 'fifo.json')]);
  symlinkSync('gone.json', join(dir, 'broken.json'));
  const skipped: Skipped[] = [];
  const files = listJsonFiles(dir, { skipped: (s) => skipped.push(s) });
  assert.deepEqual(files, [join(dir, 'a.json'), join(dir, 'sub', 'c.json')]);
  assert.deepEqual(skipped.map((s) => `${s.path.slice(dir.length + 1)}: ${s.reason.en}`).sort(), [
    '0-link.json: same file as ' + join(dir, 'a.json') + ', skipped',
    '0-sub: link to a folder already walked, skipped',
    'broken.json: broken symbolic link, skipped',
    'fifo.json: not a regular file (FIFO), skipped',
    join('sub', 'self') + ': link to a folder already walked, skipped',
  ]);
  assert.equal(listJsonFiles(dir, { max: 1 }).length, 1);
});

test("the server's workspace index: a FIFO is skipped, a linked avance is indexed once, a Latin-1 file is decoded", { skip: !unix }, async () => {
  const ws = tmp();
  const other = tmp();
  copyFileSync(join(root, 'examples/IMG-RIS-Va2/avance.json'), join(other, 'avance.json'));
  symlinkSync(join(other, 'avance.json'), join(ws, 'avance.json'));
  symlinkSync('avance.json', join(ws, 'avance-again.json'));
  writeFileSync(join(ws, 'solde.json'), Buffer.from(readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8'), 'latin1'));
  execFileSync('mkfifo', [join(ws, 'x.json')]);
  const index = new WorkspaceIndex(async () => ({}));
  assert.equal(await index.scan([ws]), 2);
  // Two links to one avance: indexed once (else its lines would clash with themselves across files).
  assert.deepEqual(index.uris().filter((u) => u.includes('avance')).length, 1);
  assert.ok(index.uris().includes(pathToFileURL(join(ws, 'solde.json')).href));
  const solde = index.sameSons('IMG-RIS-Va2').find((e) => e.file.endsWith('solde.json'))!;
  assert.equal(solde.result.detection.kind, 'solde', 'decoded: the Latin-1 solde is a Ségur file');
  // A watched-file event on the FIFO: refused, and the index has no entry for it.
  await index.refreshFromDisk(pathToFileURL(join(ws, 'x.json')).href, join(ws, 'x.json'));
  assert.equal(index.uris().length, 2);
});
