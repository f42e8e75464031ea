/**
 * Completion edits, on the engine: what each edit replaces and the separators it carries, at
 * the places a user types (a key with or without quotes, a key that already has its value, a value being typed, an
 * array item), and no edit where it could not be valid JSON (in a comment, before an object value).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { complete } from '../../../server/src/engine/assist/assist.ts';
import { applyEdits } from '../../../server/src/engine/check/fixes.ts';
import { resolveSnippet } from '../../helpers/snippet.ts';

const file = join(__dirname, '..', '..', '..', 'examples', 'IMG-RIS-Va2', 'solde.json');
const example = readFileSync(file, 'utf8');
const opts = { fileName: file };

/** Text with `|` at the cursor → the text after accepting the item labelled `label`. */
function accept(withCursor: string, label: string): string {
  const offset = withCursor.indexOf('|');
  const text = withCursor.slice(0, offset) + withCursor.slice(offset + 1);
  const items = complete(text, offset, opts);
  const item = items.find((i) => i.label === label);
  assert.ok(item, `${label} offered (got ${items.map((i) => i.label).join(', ')})`);
  assert.ok(item.range.offset <= offset && offset <= item.range.offset + item.range.length, 'the edit contains the cursor');
  return applyEdits(text, [{ ...item.range, newText: resolveSnippet(item.insertSnippet) }, ...(item.additionalEdits ?? [])]);
}
const labels = (withCursor: string) => {
  const offset = withCursor.indexOf('|');
  return complete(withCursor.slice(0, offset) + withCursor.slice(offset + 1), offset, opts).map((i) => i.label);
};

test('a key typed in quotes, without quotes, or over a key that has its value', () => {
  const member = '"numeroASP": "FINIMG013760M0",\n';
  assert.ok(example.includes(member));
  const at = (typed: string) => example.replace(member, typed);
  assert.equal(accept(at('"numer|"\n'), 'numeroASP'), example.replace('"FINIMG013760M0"', 'null'));
  assert.equal(accept(at('numer|\n'), 'numeroASP'), example.replace('"FINIMG013760M0"', 'null'));
  // The member keeps its value: only the key is replaced.
  assert.equal(accept(example.replace('"numeroASP": "FIN', '"numeroAS|": "FIN'), 'numeroASP'), example);
});

test('a key after the last member adds the comma after it; before a member, the comma after itself', () => {
  const t = example.replace('"typeActivite": "Mixte"\n', '"typeActivite": "Mixte"\n            |\n');
  assert.equal(
    accept(t.replace('"sirenClient": "260100045",\n            ', ''), 'sirenClient'),
    example
      .replace('"typeActivite": "Mixte"\n', '"typeActivite": "Mixte",\n            "sirenClient": null\n')
      .replace('"sirenClient": "260100045",\n            ', ''),
  );
  assert.equal(accept(example.replace('"sirenClient": "260100045",', '|'), 'sirenClient'), example.replace('"260100045"', 'null'));
});

test('a value being typed is replaced, with a comma when a member follows', () => {
  assert.equal(accept(example.replace('"typeActivite": "Mixte"', '"typeActivite": "Mi|"'), '"Mixte"'), example);
  assert.equal(accept(example.replace('"typeActivite": "Mixte"', '"typeActivite": Mi|'), '"Mixte"'), example);
  assert.equal(accept(example.replace('"typeAction": "C",', '"typeAction": |'), '"C"'), example);
  // The cursor before the value on its line: the value is replaced.
  assert.equal(accept(example.replace('"typeActivite": "Mixte"', '"typeActivite": | "Radiologie"'), '"Mixte"'), example);
});

test('an array item: a block of the array, with the comma between items', () => {
  const pj = example.indexOf('"piecesJustificatives": [') + '"piecesJustificatives": ['.length;
  const t = example.slice(0, pj) + '|' + example.slice(pj);
  const out = accept(t, 'bloc piecesJustificatives');
  const v = JSON.parse(out);
  assert.equal(v.lignesImport[0].piecesJustificatives.length, 3);
  assert.deepEqual(v.lignesImport[0].piecesJustificatives[0], { nomFichier: null, formatFichier: null, typeFichier: null });
});

test('no completion in a comment, before an object or array value, or a value on the next line', () => {
  assert.deepEqual(labels(example.replace('"typeAction": "C",', '// typ| \n"typeAction": "C",')), []);
  assert.deepEqual(labels(example.replace('"medecinsLiberaux": []', '"medecinsLiberaux": | []')), []);
  assert.deepEqual(labels(example.replace('"typeActivite": "Mixte"', '"typeActivite": |\n "Mixte"')), []);
  // Keys already present are not offered again.
  assert.ok(!labels(example.replace('"typeAction": "C",', '"|": "C",')).includes('numeroASP'));
  assert.ok(labels(example.replace('"typeAction": "C",', '"|": "C",')).includes('typeAction'));
});
