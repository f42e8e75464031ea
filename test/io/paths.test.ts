/**
 * io/paths.ts: « inside this folder » through node:path. A folder named `..x` is inside; the parent, a `../` step and
 * (on Windows) another drive are outside; the folder itself is within but not strictly inside.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posix, win32 } from 'node:path';
import { isStrictlyInside, isWithin, relativeInside } from '../../server/src/io/paths';

test('posix: a folder named ..x or ..foo is inside; the parent and siblings are not', () => {
  assert.equal(relativeInside('/w', '/w/..x/a.json', posix), '..x/a.json');
  assert.equal(relativeInside('/w', '/w/..foo', posix), '..foo');
  assert.ok(isStrictlyInside('/w', '/w/..x/a.json', posix));
  assert.equal(relativeInside('/w', '/w', posix), '');
  assert.ok(isWithin('/w', '/w', posix));
  assert.ok(!isStrictlyInside('/w', '/w', posix));
  assert.equal(relativeInside('/w/sub', '/w', posix), undefined);
  assert.equal(relativeInside('/w/sub', '/w/other/a.json', posix), undefined);
  assert.equal(relativeInside('/w', '/wx/a.json', posix), undefined);
});

test('Windows: backslashes, ..x inside, another drive outside, case of the drive ignored', () => {
  assert.equal(relativeInside('C:\\w', 'C:\\w\\..x\\a.json', win32), '..x\\a.json');
  assert.ok(isStrictlyInside('C:\\w', 'c:\\w\\dossiers\\a.json', win32));
  assert.equal(relativeInside('C:\\w\\sub', 'C:\\w\\a.json', win32), undefined);
  assert.equal(relativeInside('C:\\w', 'D:\\w\\a.json', win32), undefined);
  assert.ok(!isWithin('C:\\w', 'D:\\w', win32));
});
