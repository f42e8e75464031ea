/**
 * The engine's applyEdits (server/src/engine/check/fixes.ts) is jsonc-parser's `applyEdits` in one linear pass (text edits use jsonc-parser where it fits). Same order (by offset, an insertion before a replacement at the
 * same offset, insertions at one offset in their order), same refusal of overlapping edits, same text: checked here on
 * the edits of every fixture's fixes and on random edit lists. It is kept because jsonc-parser copies the whole text
 * once per edit (quadratic on a fix-all of a large file).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits as jsoncApplyEdits, type Edit } from 'jsonc-parser';
import { applyEdits, check, selectFixes } from '../../../server/src/segur.ts';
import type { TextEdit } from '../../../server/src/engine/shared/types.ts';

const root = join(__dirname, '..', '..', '..');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') && !e.name.endsWith('.expected.json') ? [join(dir, e.name)] : [],
  );
const toJsonc = (edits: TextEdit[]): Edit[] => edits.map((e) => ({ offset: e.offset, length: e.length, content: e.newText }));
/** Both results, or `throws` for a refusal. */
const both = (text: string, edits: TextEdit[]) => {
  const run = (f: () => string) => {
    try {
      return f();
    } catch {
      return 'throws';
    }
  };
  return { ours: run(() => applyEdits(text, edits)), jsonc: run(() => jsoncApplyEdits(text, toJsonc(edits))) };
};

test('on the fixes of every fixture (one pass of fix-all, and each fix alone) applyEdits = jsonc-parser applyEdits', () => {
  let compared = 0;
  let changed = 0;
  for (const f of files(join(root, 'test', 'fixtures'))) {
    const text = readFileSync(f, 'utf8');
    const { findings } = check(text, { fileName: f });
    const lists = [selectFixes(findings).edits, ...findings.flatMap((x) => (x.fix ? [x.fix.edits] : []))];
    for (const edits of lists) {
      if (edits.length === 0) continue;
      const r = both(text, edits);
      assert.equal(r.ours, r.jsonc, f);
      compared++;
      if (r.ours !== text) changed++;
    }
  }
  assert.ok(compared >= 50 && changed >= 50, `${compared} edit lists compared, ${changed} changing the text`);
});

test('on random edit lists (insertions and replacements, overlapping or not, at the same offsets) both agree, refusals included', () => {
  // A fixed pseudo-random sequence (xorshift): the same cases at every run.
  let seed = 0x2f6b1d;
  const rnd = (n: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const text = '{"a": [1, 2, 3], "b": {"c": null}}';
  let refused = 0;
  let applied = 0;
  for (let i = 0; i < 3000; i++) {
    const edits: TextEdit[] = Array.from({ length: 1 + rnd(4) }, () => {
      const offset = rnd(text.length + 1);
      return { offset, length: rnd(3) === 0 ? 0 : rnd(Math.min(4, text.length - offset) + 1), newText: ['', 'X', 'YY', '"z"'][rnd(4)] };
    });
    const r = both(text, edits);
    assert.equal(r.ours, r.jsonc, JSON.stringify(edits));
    if (r.ours === 'throws') refused++;
    else applied++;
  }
  assert.ok(refused > 100 && applied > 100, `${refused} refused, ${applied} applied`);
});

test('the order at one offset: insertions in their order, then the replacement starting there', () => {
  const edits: TextEdit[] = [
    { offset: 1, length: 3, newText: 'R' },
    { offset: 1, length: 0, newText: 'a' },
    { offset: 1, length: 0, newText: 'b' },
    { offset: 4, length: 0, newText: 'c' },
  ];
  assert.equal(applyEdits('0123456', edits), '0abRc456');
  assert.equal(jsoncApplyEdits('0123456', toJsonc(edits)), '0abRc456');
  // An insertion inside a replaced span overlaps it.
  assert.throws(() =>
    applyEdits('0123456', [
      { offset: 1, length: 3, newText: 'R' },
      { offset: 2, length: 0, newText: 'x' },
    ]),
  );
});
