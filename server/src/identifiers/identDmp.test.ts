/**
 * IdentDMP by corridor (rule I5; ids §8): one file per family, its test beside it. Vectors: those of
 * docs/identifiers.md (cited "ids §n") and more edge cases; rules: docs/rules.md. Kept inline (the purity test scans
 * this folder: no fs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luhnIsValid } from './luhn';
import { checkIdentDmp } from './identDmp';
import { assertValid, assertInvalid, assertFailure, type Check } from '../../../test/helpers/identifier-asserts.ts';

test('IdentDMP RAD: 4 + RPPS-rang, 5 / 6 + FINESS (Corsica accepted)', () => {
  const rad: Check = (v) => checkIdentDmp(v, 'RAD');
  assertValid(rad, ['410005531586003', '410100375103005', '5750712184', '6750100125', '62A0000170', '52B0000020']);
  assertInvalid(rad, [
    ['410005929293016', 'key'], // ids §8: a RASS fixture whose RPPS-rang fails Luhn-14
    ['5750712185', 'key'],
    ['1750712184', 'prefix'],
    ['339806996300013', 'prefix'], // 3 + SIRET is a CI-SIS structure id, not allowed for RAD
    ['750712184', 'prefix'], // FINESS without prefix: first digit 7
    ['41000553158600', 'length'],
    ['5075071218', 'key'],
    ['575071218', 'length'],
    ['5-750712184', 'format'],
    ['', 'format'],
  ]);
});

test('IdentDMP: the composite does not pass Luhn as a whole, only its payload is checked', () => {
  assert.equal(luhnIsValid('1750712184'), false);
  assert.equal(luhnIsValid('410005531586003'), false);
  assert.deepEqual(checkIdentDmp('1750712184', 'HOP-PFI'), { ok: true });
});

test('IdentDMP HOP-PFI, BIO-SGL, BIO-LOINC, MDV', () => {
  assertValid((v) => checkIdentDmp(v, 'HOP-PFI'), ['1750712184', '1250000700', '12A0000170']);
  assertInvalid(
    (v) => checkIdentDmp(v, 'HOP-PFI'),
    [
      ['5750712184', 'prefix'],
      ['1750712185', 'key'],
    ],
  );
  assertValid((v) => checkIdentDmp(v, 'BIO-SGL'), ['6750100125', '62B0000020']);
  assertInvalid(
    (v) => checkIdentDmp(v, 'BIO-SGL'),
    [
      ['5750712184', 'prefix'],
      ['410005531586003', 'prefix'],
    ],
  );
  assert.match(assertFailure(checkIdentDmp('6750100125', 'BIO-LOINC'), 'format'), /null/);
  assertValid((v) => checkIdentDmp(v, 'MDV'), ['10005355572']);
  assertInvalid(
    (v) => checkIdentDmp(v, 'MDV'),
    [
      ['10005355573', 'key'],
      ['6750100125', 'length'],
    ],
  );
  assertFailure(checkIdentDmp('810005355572', 'MDV'), 'format', '10005355572');
});

test('IdentDMP: payload suggestions keep the prefix', () => {
  assertFailure(checkIdentDmp('62a0000170', 'RAD'), 'case', '62A0000170');
  assertFailure(checkIdentDmp('5 750712184', 'RAD'), 'format', '5750712184');
  assert.match(assertFailure(checkIdentDmp('610780054', 'RAD'), 'length'), /zéro initial/);
});
