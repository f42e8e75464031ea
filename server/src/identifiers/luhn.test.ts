/**
 * Luhn (mod 10) key (ids §0): one file per family, its test beside it. Vectors: those of docs/identifiers.md (cited
 * "ids §n") and more edge cases; rules: docs/rules.md. Kept inline (the purity test scans this folder: no fs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luhnCheckDigit, luhnIsValid } from './luhn';

test('luhn: valid and invalid digit strings', () => {
  assert.equal(luhnIsValid('404833048'), true);
  assert.equal(luhnIsValid('404833047'), false);
  assert.equal(luhnIsValid('0'), true);
  assert.equal(luhnIsValid(''), false);
  assert.equal(luhnIsValid('4048 33048'), false);
  assert.equal(luhnIsValid('2A0000170'), false);
});

test('luhn: check digit of a body', () => {
  assert.equal(luhnCheckDigit('40483304'), 8);
  assert.equal(luhnCheckDigit('75071218'), 4); // AP-HP FINESS 750712184
  assert.equal(luhnCheckDigit('1000535557'), 2); // RPPS 10005355572
  assert.equal(luhnCheckDigit('3560000000004'), 8); // La Poste head office, Luhn-valid
  for (const body of ['0', '12345', '99999999']) assert.equal(luhnIsValid(body + luhnCheckDigit(body)), true);
  assert.throws(() => luhnCheckDigit('12a'), RangeError);
  assert.throws(() => luhnCheckDigit(''), RangeError);
});
