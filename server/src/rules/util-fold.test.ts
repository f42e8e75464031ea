/** `foldEquals` / `foldIsEmpty` (util.ts) decide exactly as `fold(a) === fold(b)` / `fold(s) === ''`, ASCII or not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold, foldEquals, foldIsEmpty } from './util';

const PARTS = ['a', 'A', 'é', 'É', 'e\u0301', ' ', '\t', '\n', '_', '-', 'Z', 'z', '\u00a0', 'İ', 'ß', 'Σ', 'σ', 'x', '\u2003', 'ﬁ', '1', '.'];

test('foldEquals and foldIsEmpty agree with fold on generated strings', () => {
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const word = () => {
    let s = '';
    for (let i = rnd(7); i > 0; i--) s += PARTS[rnd(PARTS.length)];
    return s;
  };
  for (let t = 0; t < 20000; t++) {
    const a = word();
    const b = rnd(3) === 0 ? a.toUpperCase().replace(/ /g, '_') : word();
    assert.equal(foldEquals(a, b), fold(a) === fold(b), JSON.stringify([a, b]));
    assert.equal(foldIsEmpty(a), fold(a) === '', JSON.stringify(a));
  }
});

test('foldEquals: ASCII names', () => {
  assert.equal(foldEquals('Centre Hospitalier-de_Fleyriat', 'centrehospitalierdefleyriat'), true);
  assert.equal(foldEquals('Sophie Marchand', 'Centre hospitalier de Fleyriat'), false);
  assert.equal(foldEquals('Clinique Saint-Éloi', 'CLINIQUE SAINT ELOI'), true);
  assert.equal(foldIsEmpty(' _-\t'), true);
  assert.equal(foldIsEmpty('\u00a0'), true);
});
