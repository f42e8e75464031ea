/**
 * "Fix all" in the engine: fixAll passes until no safe fix is left (what `--fix` and the editor
 * both use); minimalEdit gives the one edit of the changed region; a single S2/S3 insertion is placed in template
 * order relative to a key that S5/S6/S8 will rename, so it creates no S7 (rules S2, S3, S7; sources 000, 004).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { check, applyEdits, fixAll, minimalEdit } from '../../../server/src/segur.ts';
import type { Finding } from '../../../server/src/engine/shared/types.ts';
import { sixFaultsSolde, EXAMPLE_SOLDE } from '../../helpers/six-faults-solde.ts';

const opts = { fileName: 'solde.json', today: new Date(Date.UTC(2026, 10, 23)) };
const shape = (fs: Finding[]) => fs.map((f) => `${f.code} ${f.message.fr}`).sort();

test('fixAll on a solde with six faults: back to the example (the ISO date rewritten), nothing left to fix', () => {
  const r = fixAll(sixFaultsSolde(), opts);
  assert.equal(r.text, readFileSync(EXAMPLE_SOLDE, 'utf8').replace('"12/05/2026"', '"19/05/2026"'));
  assert.deepEqual(
    check(r.text, opts).findings.map((f) => f.code),
    [],
  );
  // FINESGeo is only seen once its block is renamed: a second pass.
  assert.equal(r.passes, 2);
  assert.deepEqual([...r.fixed.keys()].sort(), ['S2/missing-block', 'S3/null-case', 'S5', 'S6/key', 'S8/value', 'V1/date']);
});

test('the single S2 quick fix inserts the block after the misspelled block it follows: no new finding', () => {
  const text = sixFaultsSolde();
  const before = check(text, opts).findings;
  const s2 = before.find((f) => f.code === 'S2/missing-block')!;
  const after = check(applyEdits(text, s2.fix!.edits), opts).findings;
  assert.deepEqual(shape(after), shape(before.filter((f) => f !== s2)));
  // Each other quick fix, alone, creates no new finding either.
  for (const f of before.filter((x) => x.fix?.safe && x !== s2)) {
    const next = check(applyEdits(text, f.fix!.edits), opts).findings;
    const was = new Set(shape(before));
    assert.deepEqual(
      shape(next).filter((m) => !was.has(m) && !m.startsWith('S5 ')),
      [],
      f.code,
    );
  }
});

test('S3: a missing tag is inserted after the key it follows in the template, even when that key is in the wrong case', () => {
  const src = readFileSync(EXAMPLE_SOLDE, 'utf8');
  // facture: dateEditionFacture written in the wrong case, the amount after it deleted.
  const text = src.replace(
    '"dateEditionFacture": "12/05/2026",\n        "montantPrestationPrincipaleSegurHTFacture": 31250.00',
    '"DateEditionFacture": "12/05/2026"',
  );
  const before = check(text, opts).findings;
  assert.deepEqual(
    before.map((f) => f.code),
    ['S3/missing-tag', 'S6/key'],
  );
  const fixed = applyEdits(text, before[0].fix!.edits);
  assert.match(fixed, /"DateEditionFacture": "12\/05\/2026",\n {8}"montantPrestationPrincipaleSegurHTFacture": null\n/);
  assert.deepEqual(
    check(fixed, opts).findings.map((f) => f.code),
    ['S6/key', 'S3/to-fill'],
  );
});

test('minimalEdit: one replacement between the common prefix and suffix, never inside a CRLF or a surrogate pair', () => {
  assert.equal(minimalEdit('abc', 'abc'), undefined);
  assert.deepEqual(minimalEdit('{"a": 1, "b": 2}', '{"a": 1, "b": 3}'), { offset: 14, length: 1, newText: '3' });
  assert.deepEqual(minimalEdit('aaa', 'aaaa'), { offset: 3, length: 0, newText: 'a' });
  for (const [a, b] of [
    ['x\r\ny', 'x\ny'],
    ['x\r\n', 'x\r\r\n'],
    ['a\u{1F600}b', 'a\u{1F601}b'],
    ['{\r\n  "a": 1\r\n}', '{\r\n  "a": 1,\r\n  "b": []\r\n}'],
  ]) {
    const e = minimalEdit(a, b)!;
    assert.equal(applyEdits(a, [e]), b);
    for (const t of [a, b])
      for (const i of [e.offset, e.offset + (t === a ? e.length : e.newText.length)]) {
        assert.ok(!(t[i - 1] === '\r' && t[i] === '\n'), 'no CRLF split');
        assert.ok(!(/[\ud800-\udbff]/.test(t[i - 1] ?? '') && /[\udc00-\udfff]/.test(t[i] ?? '')), 'no surrogate split');
      }
  }
});

test('applyEdits: an insertion where a replacement starts goes before it (selectFixes keeps both)', () => {
  assert.equal(
    applyEdits('0123456789', [
      { offset: 2, length: 3, newText: 'R' },
      { offset: 2, length: 0, newText: 'I' },
    ]),
    '01IR56789',
  );
});
