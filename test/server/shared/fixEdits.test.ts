/**
 * The edits of « fix all » (server/src/server/shared/fixEdits.ts): the engine's own edits when one pass gives the
 * text, a line diff narrowed to the changed characters otherwise (a fix revealing another), and always edits that
 * give the fixed text, CRLF line ends included.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, check, fixAll, minimalEdit, selectFixes } from '../../../server/src/segur.ts';
import { fixAllEdits } from '../../../server/src/server/shared/fixEdits.ts';
import { sixFaultsSolde, EXAMPLE_SOLDE } from '../../helpers/six-faults-solde.ts';

const root = join(__dirname, '..', '..', '..');

function edited(before: string, after: string, firstPass = selectFixes(check(before, { fileName: EXAMPLE_SOLDE }).findings).edits) {
  const edits = fixAllEdits(before, after, firstPass);
  assert.equal(applyEdits(before, edits), after, 'the edits give the fixed text');
  return edits;
}

test('one pass: the engine edits of the first pass, in order, narrowed, without those that change nothing', () => {
  const src = readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'solde.json'), 'utf8');
  const text = src
    .replace('"impId": null', '"impId": Null')
    .replace(/"libelleTraitement": null\n(?![\s\S]*"libelleTraitement")/, '"libelleTraitement": NULL\n');
  const result = fixAll(text, { fileName: EXAMPLE_SOLDE });
  assert.equal(result.text, src);
  const edits = edited(text, result.text);
  assert.deepEqual(
    edits.map((e) => e.newText),
    ['n', 'null'],
  );
  assert.ok(edits[0].offset < edits[1].offset);
  const noop = { offset: 0, length: 1, newText: text[0] };
  assert.deepEqual(fixAllEdits(text, result.text, [noop, ...selectFixes(check(text, { fileName: EXAMPLE_SOLDE }).findings).edits]), edits);
});

test('several passes: a line diff, each change narrowed, no edit as large as the changed region', () => {
  const text = sixFaultsSolde();
  const result = fixAll(text, { fileName: EXAMPLE_SOLDE });
  assert.ok(result.passes > 1, 'the six faults need a second pass');
  const edits = edited(text, result.text);
  assert.ok(edits.length >= 4, `${edits.length} edits`);
  const region = minimalEdit(text, result.text)!;
  for (const e of edits) assert.ok(e.length + e.newText.length < (region.length + region.newText.length) / 4, JSON.stringify(e));
});

test('CRLF line ends: the diff keeps them whole', () => {
  const text = sixFaultsSolde().replace(/\n/g, '\r\n');
  const result = fixAll(text, { fileName: EXAMPLE_SOLDE });
  const edits = edited(text, result.text, []);
  for (const e of edits) {
    assert.ok(!(text[e.offset - 1] === '\r' && text[e.offset] === '\n'), 'an edit never starts inside a CRLF');
    assert.ok(!(text[e.offset + e.length - 1] === '\r' && text[e.offset + e.length] === '\n'), 'nor ends inside one');
  }
});

test('nothing to fix: no edit; first-pass edits that do not give the text are not trusted', () => {
  assert.deepEqual(fixAllEdits('{"a": 1}', '{"a": 1}', []), []);
  assert.deepEqual(edited('{"a": Null,\n"c": 0,\n"b": 2}', '{"a": null,\n"c": 0,\n"b": 3}', [{ offset: 6, length: 4, newText: 'null' }]), [
    { offset: 6, length: 1, newText: 'n' },
    { offset: 25, length: 1, newText: '3' },
  ]);
  // Overlapping edits (never from the engine) fall back on the diff.
  assert.equal(
    edited('abc\nmid\ndef\n', 'abX\nmid\ndeY\n', [
      { offset: 0, length: 3, newText: 'abX' },
      { offset: 1, length: 3, newText: 'zz' },
    ]).length,
    2,
  );
});
