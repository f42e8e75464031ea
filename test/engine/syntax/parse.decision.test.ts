/**
 * One decision while parsing (parse.ts `decide`). Strict JSON whose JSON.parse value stands
 * for the text → the fast path (a TapeNode root over that value); a merged duplicate key, an integer-like key (JS
 * enumerates it first) or a `\u003a` escape (it defeats the colon count) → the jsonc-parser tree, decided before any
 * walk (no exception, no second check); nesting over the limit → `too-deep` on either path. Before, the parse stage
 * gave the tape for all of them and the walker threw `TapeMismatch` for the engine to check again on a tree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../../server/src/engine/syntax/parse.ts';
import { TapeNode } from '../../../server/src/engine/syntax/tape.ts';
import { check } from '../../../server/src/segur.ts';

const file = join(__dirname, '..', '..', '..', 'examples', 'IMG-RIS-Va2', 'solde.json');
const example = readFileSync(file, 'utf8');

test('a clean example: the fast path', () => {
  const p = parseDocument(example, 64, true);
  assert.ok(p.root instanceof TapeNode);
  assert.equal(p.strict, true);
  assert.deepEqual(p.problems, []);
});

test('a duplicate key: the jsonc-parser tree with the duplicate reported, decided while parsing', () => {
  const text = example.replace('"numLigne":', '"numLigne": "9", "numLigne":');
  const p = parseDocument(text, 64, true);
  assert.ok(p.root && !(p.root instanceof TapeNode), 'not the tape');
  assert.equal(p.strict, false);
  const second = text.indexOf('"numLigne":', text.indexOf('"numLigne": "9"') + 5);
  assert.deepEqual(
    p.problems.map((x) => [x.kind, x.offset, x.related?.offset]),
    [['duplicate-key', second, text.indexOf('"numLigne": "9"')]],
  );
  // The tree keeps both keys (JSON.parse kept one).
  const line = p.root.children!.find((c) => c.children![0].value === 'lignesImport')!.children![1].children![0];
  assert.equal(line.children!.filter((c) => c.children![0].value === 'numLigne').length, 2);
  // A colon in a key or a string is not a key's: still the fast path.
  const colons = example.replace('"numLigne":', '"a:b": "c:d:e", "numLigne":');
  assert.ok(parseDocument(colons, 64, true).root instanceof TapeNode);
});

test('an integer-like key, or a \\u003a escape: the tree, no problem', () => {
  for (const text of [example.replace('"numLigne":', '"1": null, "numLigne":'), example.replace('"numLigne":', '"a\\u003ab": null, "numLigne":')]) {
    assert.notEqual(text, example);
    const p = parseDocument(text, 64, true);
    assert.ok(p.root && !(p.root instanceof TapeNode));
    assert.equal(p.strict, true);
    assert.deepEqual(p.problems, []);
  }
  // Keys that are not array indices keep their text order in JS: the fast path.
  assert.ok(parseDocument(example.replace('"numLigne":', '"01": null, "1a": null, "numLigne":'), 64, true).root instanceof TapeNode);
});

test('nesting over the limit: too-deep on the fast path, and the file still gets its one S12 finding', () => {
  const deep = example.replace('"numLigne": 1,', `"numLigne": 1, "x": ${'['.repeat(70)}${']'.repeat(70)},`);
  assert.notEqual(deep, example);
  for (const tape of [true, false]) {
    const p = parseDocument(deep, 64, tape);
    assert.equal(p.root, undefined);
    assert.deepEqual(
      p.problems.map((x) => x.kind),
      ['too-deep'],
    );
  }
  // Within the limit: the fast path.
  assert.ok(parseDocument(example.replace('"numLigne": 1,', `"numLigne": 1, "x": ${'['.repeat(50)}${']'.repeat(50)},`), 64, true).root instanceof TapeNode);
  const r = check(deep, { fileName: file });
  assert.equal(r.detection.isSegur, true);
  assert.deepEqual(
    r.findings.map((f) => f.code),
    ['S12/too-deep'],
  );
  // A duplicate key can hide a deeper value from JSON.parse: the text's nesting is measured before the tree.
  const hidden = example.replace('"numLigne": 1,', `"numLigne": 1, "x": ${'['.repeat(70)}${']'.repeat(70)}, "x": 1,`);
  assert.deepEqual(
    parseDocument(hidden, 64, true).problems.map((x) => x.kind),
    ['too-deep'],
  );
});
