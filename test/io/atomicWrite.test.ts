/**
 * server/src/io/atomicWrite.ts: a temporary file beside the target, flushed, given the target's mode, renamed over
 * it; the target left byte for byte (and no temporary file) when any step fails, with the file and the reason named;
 * never over a file that changed since it was read; a device or a FIFO written directly, never replaced.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  appendFileSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, FileWriteError, identityOf, errnoReason, type FileIdentity } from '../../server/src/io/atomicWrite.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'segur-atomic-'));
const unix = process.platform !== 'win32';
const identity = (f: string): FileIdentity => identityOf(statSync(f, { bigint: true }));
const errno = (code: string) => Object.assign(new Error(code), { code });

function failure(f: () => void): FileWriteError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof FileWriteError, String(e));
    return e;
  }
  assert.fail('no error');
}

test('a new file is written; an existing one is replaced and keeps its mode; no temporary file is left', { skip: !unix }, () => {
  const dir = tmp();
  const f = join(dir, 'a.json');
  writeFileAtomic(f, '{"a":1}');
  assert.equal(readFileSync(f, 'utf8'), '{"a":1}');
  chmodSync(f, 0o640);
  const before = statSync(f).ino;
  writeFileAtomic(f, Buffer.from('{"a":2}'), { expected: identity(f) });
  assert.equal(readFileSync(f, 'utf8'), '{"a":2}');
  assert.equal(statSync(f).mode & 0o777, 0o640);
  assert.notEqual(statSync(f).ino, before, 'a new inode: renamed over, not rewritten in place');
  assert.deepEqual(readdirSync(dir), ['a.json']);
});

test('a symbolic link stays a link: the file it names is replaced', { skip: !unix }, () => {
  const dir = tmp();
  mkdirSync(join(dir, 'real'));
  writeFileSync(join(dir, 'real', 'a.json'), 'old');
  symlinkSync(join('real', 'a.json'), join(dir, 'link.json'));
  writeFileAtomic(join(dir, 'link.json'), 'new', { expected: identity(join(dir, 'link.json')) });
  assert.ok(lstatSync(join(dir, 'link.json')).isSymbolicLink());
  assert.equal(readFileSync(join(dir, 'real', 'a.json'), 'utf8'), 'new');
  assert.deepEqual(readdirSync(join(dir, 'real')), ['a.json']);
});

test('a file replaced (mv) between read and write is not overwritten, and said: kind changed, naming the file', { skip: !unix }, () => {
  const dir = tmp();
  const f = join(dir, 'a.json');
  writeFileSync(f, 'read');
  const read = identity(f);
  const e = failure(() =>
    writeFileAtomic(f, 'fixed', {
      expected: read,
      beforeCommit: () => {
        writeFileSync(join(dir, 'other'), 'replaced');
        renameSync(join(dir, 'other'), f);
      },
    }),
  );
  assert.equal(e.kind, 'changed');
  assert.equal(readFileSync(f, 'utf8'), 'replaced', 'the new file is kept');
  assert.match(e.describe('a.json').fr, /^a\.json a changé sur le disque depuis sa lecture : il n'est pas réécrit/);
  assert.match(e.describe('a.json').en, /^a\.json changed on disk since it was read: not overwritten/);
  assert.deepEqual(readdirSync(dir), ['a.json'], 'no temporary file, no copy beside');
});

test('a file edited in place, or deleted, since it was read is not overwritten (nor created again)', { skip: !unix }, () => {
  const dir = tmp();
  const f = join(dir, 'a.json');
  writeFileSync(f, 'read');
  let read = identity(f);
  assert.equal(failure(() => writeFileAtomic(f, 'fixed', { expected: read, beforeCommit: () => appendFileSync(f, ' and more') })).kind, 'changed');
  assert.equal(readFileSync(f, 'utf8'), 'read and more');
  read = identity(f);
  assert.equal(failure(() => writeFileAtomic(f, 'fixed', { expected: read, beforeCommit: () => unlinkSync(f) })).kind, 'changed');
  assert.ok(!existsSync(f));
  // Deleted before the write starts: the same.
  assert.equal(failure(() => writeFileAtomic(f, 'fixed', { expected: read })).kind, 'changed');
  assert.deepEqual(readdirSync(dir), []);
});

test(
  'a step that fails (disk full on write, EIO on fsync, EACCES on rename): the original byte for byte, no temporary file, the file and the reason named',
  { skip: !unix },
  () => {
    const dir = tmp();
    const f = join(dir, 'x.json');
    const old = Buffer.from('{"old": true}\n');
    for (const [step, code, fr, en] of [
      ['write', 'ENOSPC', 'disque plein', 'disk full'],
      ['fsync', 'EIO', "erreur d'entrée-sortie", 'input/output error'],
      ['rename', 'EACCES', 'permission refusée', 'permission denied'],
      ['rename', 'EROFS', 'système de fichiers en lecture seule', 'read-only file system'],
    ] as const) {
      writeFileSync(f, old);
      const e = failure(() =>
        writeFileAtomic(f, 'new text', {
          expected: identity(f),
          steps: {
            [step]: () => {
              throw errno(code);
            },
          },
        }),
      );
      assert.equal(e.kind, 'failed');
      assert.equal(e.code, code);
      assert.deepEqual(e.describe('x.json'), { fr: `impossible d'écrire x.json : ${fr} (${code})`, en: `cannot write x.json: ${en} (${code})` });
      assert.ok(readFileSync(f).equals(old), `${step} ${code}: the original is intact`);
      assert.deepEqual(readdirSync(dir), ['x.json'], `${step} ${code}: no temporary file`);
    }
  },
);

test('a folder as target, a missing folder: named failures, nothing created', { skip: !unix }, () => {
  const dir = tmp();
  assert.equal(failure(() => writeFileAtomic(dir, 'x')).code, 'EISDIR');
  const e = failure(() => writeFileAtomic(join(dir, 'no', 'r.json'), 'x'));
  assert.deepEqual(e.describe().en, `cannot write ${join(dir, 'no', 'r.json')}: folder not found (ENOENT)`);
  assert.deepEqual(readdirSync(dir), []);
});

test(
  'a device is written directly, never replaced: /dev/full says ENOSPC, /dev/null stays a device',
  { skip: (!existsSync('/dev/full') || !existsSync('/dev/null')) && 'no /dev/full' },
  () => {
    const e = failure(() => writeFileAtomic('/dev/full', 'x'.repeat(10000)));
    assert.equal(e.code, 'ENOSPC');
    assert.equal(e.describe().fr, "impossible d'écrire /dev/full : disque plein (ENOSPC)");
    writeFileAtomic('/dev/null', 'x');
    assert.ok(statSync('/dev/null').isCharacterDevice());
  },
);

test('errnoReason: a known code in words, any other named as is', () => {
  assert.deepEqual(errnoReason(errno('EDQUOT')), { fr: 'quota de disque dépassé (EDQUOT)', en: 'disk quota exceeded (EDQUOT)' });
  assert.deepEqual(errnoReason(errno('EWHATEVER')), { fr: 'erreur système (EWHATEVER)', en: 'system error (EWHATEVER)' });
  assert.deepEqual(errnoReason(new Error('x')), { fr: 'erreur inconnue', en: 'unknown error' });
});

test("root rewriting a user's file gives it back to its owner", { skip: process.getuid?.() !== 0 && 'only root can give a file away' }, () => {
  const dir = tmp();
  const f = join(dir, 'a.json');
  writeFileSync(f, 'old');
  chownSync(f, 65534, 65534);
  writeFileAtomic(f, 'new', { expected: identity(f) });
  assert.deepEqual([statSync(f).uid, statSync(f).gid], [65534, 65534]);
  assert.equal(readFileSync(f, 'utf8'), 'new');
});
