/**
 * RPPS, RPPS-rang, ADELI, AM (rule I4; ids §4–7): one file per family, its test beside it. Vectors: those of
 * docs/identifiers.md (cited "ids §n") and more edge cases; rules: docs/rules.md. Kept inline (the purity test scans
 * this folder: no fs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAdeli, checkAm, checkRpps, checkRppsRang } from './rpps-am';
import { assertValid, assertInvalid, assertFailure } from '../../../test/helpers/identifier-asserts.ts';

test('RPPS: valid vectors', () => {
  assertValid(checkRpps, [
    '10005355572',
    '10000927870',
    '10003761508',
    '10002485232',
    '10100850832',
    '10104220826',
    '10106282618',
    '10102243788',
    '10003090833',
    '10003802831',
    '10107592585',
    '10107592544',
    '10100375103',
    '10100271385',
    '10005929293',
    '10005888853',
    '10005531586',
    '10001158368',
    '99700245667',
    '99900007776',
  ]);
});

test('RPPS: invalid vectors', () => {
  assertInvalid(checkRpps, [
    ['10107582544', 'key'],
    ['10003461033', 'key'],
    ['10102727017', 'key'],
    ['10005355573', 'key'],
    ['1000535557', 'length'],
    ['100053555720', 'length'],
    ['810005355572', 'format'],
    ['1O005355572', 'format'],
    ['00000000000', 'sentinel'],
  ]);
});

test('RPPS: an IDNPS (8 + RPPS) is refused, never stripped silently', () => {
  assert.match(assertFailure(checkRpps('810005355572'), 'format', '10005355572'), /8 initial/);
  assertFailure(checkRpps('810100271385'), 'format', '10100271385');
  assertFailure(checkRpps('810005355573'), 'format'); // the stripped RPPS has a bad key: no suggestion
  assertFailure(checkRpps('899700245667'), 'format', '99700245667');
});

test('RPPS-rang: vectors', () => {
  assertValid(checkRppsRang, ['10005531586003', '10100375103005', '99700245667008', '99900007776001']);
  assertInvalid(checkRppsRang, [
    ['10005929293016', 'key'],
    ['10005888853066', 'key'],
    ['10005531586004', 'key'],
    ['10100000240453', 'key'],
    ['1000553158600', 'length'],
    ['9990000xyz6001', 'format'],
  ]);
});

test('RPPS-rang: the RPPS part must be valid on its own', () => {
  assert.match(assertFailure(checkRppsRang('10100000240453'), 'key'), /partie RPPS/);
  assert.match(assertFailure(checkRppsRang('10005531586004'), 'key'), /14 chiffres/);
});

test('ADELI: vectors', () => {
  assertValid(checkAdeli, ['012800736', '012800728', '010000206', '533100558', '789310596']);
  assertInvalid(checkAdeli, [
    ['299109803', 'key'],
    ['069111665', 'key'],
    ['919184292', 'key'],
    ['299109804', 'key'],
    ['069111666', 'key'],
    ['123456789', 'key'],
    ['012800737', 'key'],
    ['12800736', 'length'],
  ]);
});

test('AM: vectors', () => {
  assertValid(checkAm, ['001055664', '991029695']);
  assertInvalid(checkAm, [
    ['99102TEST', 'format'],
    ['001055665', 'key'],
    ['991029696', 'key'],
    ['1055664', 'length'],
    ['000000000', 'sentinel'],
  ]);
});
