/** Stage 1 (parse): strict JSON fast path, the problems the portal rejects (S12, S3/S4 literal case), repair. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/engine/syntax/parse.ts';
import { LineIndex } from '../../../server/src/engine/syntax/lineIndex.ts';
import { applyEdits, selectFixes } from '../../../server/src/engine/check/fixes.ts';
import type { Finding } from '../../../server/src/engine/shared/types.ts';

const kinds = (text: string) => parseDocument(text).problems.map((p) => `${p.kind}@${p.offset}+${p.length}`);

test('strict JSON: tree with offsets, no problem', () => {
  const text = '{"a": [1, "x\\"y", true, null], "b": {"c": -1.5e3}}';
  const r = parseDocument(text);
  assert.equal(r.strict, true);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.value, JSON.parse(text));
  const a = r.root!.children![0];
  assert.equal(a.type, 'property');
  assert.equal(text.substr(a.children![0].offset, a.children![0].length), '"a"');
  const arr = a.children![1];
  assert.equal(text.substr(arr.offset, arr.length), '[1, "x\\"y", true, null]');
  assert.equal(arr.children![1].value, 'x"y');
  assert.equal(arr.children![1].length, 6);
  const c = r.root!.children![1].children![1].children![0].children![1];
  assert.equal(c.value, -1500);
  assert.equal(text.substr(c.offset, c.length), '-1.5e3');
});

test('duplicate keys are found on the fast path (JSON.parse keeps the last one silently)', () => {
  assert.deepEqual(kinds('{"a": 1, "b": 2, "a": 3}'), ['duplicate-key@17+3']);
  assert.equal(parseDocument('{"a": 1, "a": 3}').strict, false);
});

test('comments, trailing commas, Null, single quotes, NaN: exact spans, repaired tree keeps offsets', () => {
  const text = '{\n  // note\n  "a": Null, \'b\': \'x y\', "c": [1, 2,],\n  "d": NaN\n}';
  const r = parseDocument(text);
  assert.deepEqual(
    r.problems.map((p) => [p.kind, text.substr(p.offset, p.length)]),
    [
      ['comment', '// note'],
      ['literal-case', 'Null'],
      ['single-quote', "'b'"],
      ['single-quote', "'x y'"],
      ['trailing-comma', ','],
      ['nan-infinity', 'NaN'],
    ],
  );
  assert.equal(r.strict, true, 'every problem has a certain reading: the tree is complete');
  assert.deepEqual(r.value, { a: null, b: 'x y', c: [1, 2], d: 0 });
  const b = r.root!.children![1].children![0];
  assert.equal(text.substr(b.offset, b.length), "'b'");
});

test('broken syntax: jsonc-parser recovery, no strict tree', () => {
  const r = parseDocument('{"a": 1, "b": }');
  assert.equal(r.strict, false);
  assert.deepEqual(
    r.problems.map((p) => [p.kind, p.detail]),
    [['syntax', 'ValueExpected']],
  );
  assert.equal(parseDocument('{"a": 1').problems[0].detail, 'CloseBraceExpected');
});

test('BOM and empty documents', () => {
  assert.deepEqual(kinds('\ufeff{"a":1}'), ['bom@0+1']);
  assert.equal(parseDocument('\ufeff{"a":1}').strict, true);
  assert.deepEqual(kinds('  \n'), ['empty@0+3']);
});

test('LineIndex: LF, CRLF and CR line ends', () => {
  const idx = new LineIndex('ab\r\ncd\nef\rgh');
  assert.deepEqual(idx.position(0), { line: 0, character: 0 });
  assert.deepEqual(idx.position(5), { line: 1, character: 1 });
  assert.deepEqual(idx.position(7), { line: 2, character: 0 });
  assert.deepEqual(idx.position(10), { line: 3, character: 0 });
  assert.equal(idx.offset({ line: 2, character: 1 }), 8);
});

test('fix selection never applies overlapping edits; same-point insertions keep their order', () => {
  const f = (offset: number, length: number, newText: string): Finding => ({
    code: 'X',
    severity: 'error',
    message: { fr: '', en: '' },
    offset,
    length,
    fix: { title: { fr: '', en: '' }, edits: [{ offset, length, newText }], safe: true },
    provenance: { kind: 'source', sources: [] },
  });
  const { chosen, edits } = selectFixes([f(0, 3, 'A'), f(2, 2, 'B'), f(5, 0, 'C'), f(5, 0, 'D'), f(4, 3, 'E')]);
  assert.equal(chosen.length, 3);
  assert.equal(applyEdits('0123456789', edits), 'A34CD56789');
  assert.throws(() =>
    applyEdits('0123', [
      { offset: 0, length: 2, newText: '' },
      { offset: 1, length: 1, newText: '' },
    ]),
  );
});
