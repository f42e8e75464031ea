/**
 * The ZIP writer of `package` (io/zipWriter.ts): a stored ZIP that fflate and unzip read back, names in UTF-8, and the
 * read-back check by the central directory's sizes and CRC-32.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { crc32, storedZip, zipMismatch, ZipWriteError } from '../../server/src/io/zipWriter.ts';

test('a ZIP of one entry of each kind of name (ASCII, accented) reads back with fflate and with unzip when installed', async () => {
  const e = [
    { name: 'facture.pdf', bytes: Buffer.from('%PDF-1.4 a') },
    { name: 'reçu-été.pdf', bytes: Buffer.alloc(70_000, 7) },
  ];
  const zip = storedZip(e, new Date(2025, 0, 2, 3, 4, 6));
  const back = unzipSync(zip);
  assert.deepEqual(Object.keys(back), ['facture.pdf', 'reçu-été.pdf']);
  assert.ok(Buffer.from(back['reçu-été.pdf']).equals(e[1].bytes));
  if (spawnSync('which', ['unzip']).status === 0) {
    const dir = mkdtempSync(join(tmpdir(), 'segur-zip-'));
    writeFileSync(join(dir, 'a.zip'), zip);
    const t = spawnSync('unzip', ['-t', join(dir, 'a.zip')], { encoding: 'utf8' });
    assert.equal(t.status, 0, t.stdout + t.stderr);
    assert.match(t.stdout, /No errors detected/);
  }
});

test('crc32 is the ZIP CRC-32; the read-back compares sizes and CRC-32 given without the bytes; one name twice is refused', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  const e = [{ name: 'a.pdf', bytes: Buffer.from('%PDF-1.4 a') }];
  const zip = storedZip(e, new Date(2025, 0, 1));
  assert.equal(zipMismatch(zip, [{ name: 'a.pdf', size: 10, crc: crc32(e[0].bytes) }]), undefined);
  assert.match(zipMismatch(zip, [{ name: 'a.pdf', size: 10, crc: 1 }])!.en, /entry 1: content differs/);
  assert.match(zipMismatch(zip, [{ name: 'a.pdf', size: 11, crc: crc32(e[0].bytes) }])!.en, /entry 1: size differs/);
  assert.throws(() => storedZip([...e, ...e], new Date(2025, 0, 1)), ZipWriteError);
});
