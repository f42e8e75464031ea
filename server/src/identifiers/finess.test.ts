/**
 * FINESS juridique, géographique, PMSI (rule I1; ids §3): one file per family, its test beside it. Vectors: those of
 * docs/identifiers.md (cited "ids §n") and more edge cases; rules: docs/rules.md. Kept inline (the purity test scans
 * this folder: no fs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luhnIsValid } from './luhn';
import { checkFiness } from './finess';
import { assertValid, assertInvalid, assertFailure } from '../../../test/helpers/identifier-asserts.ts';

test('FINESS: valid vectors (mainland, overseas, Corsica)', () => {
  assertValid(checkFiness, [
    '750712184',
    '670780055',
    '330781196',
    '630780989',
    '210780581',
    '560023210',
    '350005179',
    '290000546',
    '510000029',
    '250000015',
    '940110018',
    '780110078',
    '920000650',
    '340780477',
    '870000015',
    '540002078',
    '310781406',
    '590780193',
    '590781415',
    '140000100',
    '760780239',
    '440000289',
    '490000031',
    '800000044',
    '130786049',
    '060785011',
    '690781810',
    '380780080',
    '970408589',
    '2B0000020',
    '2B0005342',
    '2B0004246',
    '2B0000442',
    '2B0003107',
    '2B0003057',
    '2B0004238',
    '2B0000939',
    '2B0003628',
    '2B0003073',
    '2B0000459',
    '2B0001341',
    '2A0000170',
    '2A0000386',
    '2A0002606',
    '2A0000261',
    '2A0002051',
    '010000024',
    '010780054',
    '970100400',
    '970100186',
    '970302022',
    '970300026',
    '970400024',
    '970210126',
    '970210118',
    '970102018',
    '970113015',
    '970102059',
    '970112611',
    '970405767',
    '970400149',
    '970409645',
    '970463600',
    '980501506',
    '980501498',
    '980502199',
    '980502181',
    '980600027',
    '980600019',
    '970302287',
    '970216057',
    '590799730',
    '010000032',
    '010780062',
    '010002301',
    '010002293',
    '010002335',
    '010002327',
    '010002350',
    '010002343',
    '750100125',
    '250000700',
    '250000452',
    '970100012',
    '970100103',
    '010780195',
  ]);
});

test('FINESS: invalid vectors', () => {
  assertInvalid(checkFiness, [
    ['970700186', 'key'],
    ['458174839', 'key'],
    ['754567860', 'key'],
    ['510032549', 'key'],
    ['150028085', 'key'],
    ['010780055', 'key'],
    ['2A0000171', 'key'],
    ['2B0000021', 'key'],
    ['100123456', 'key'], // rule I1: the IMG example of seed 000 is illustrative, its key is wrong
    ['70000481', 'length'],
    ['20000020', 'length'],
    ['0107800540', 'length'],
    ['2C0000020', 'format'],
    ['2a0000170', 'case'],
    ['000000000', 'sentinel'],
    ['', 'format'],
  ]);
});

test('FINESS: Corsica maps 2A → 21 and 2B → 22, not other conventions', () => {
  assert.equal(luhnIsValid('210000170'), true); // 2A0000170
  assert.equal(luhnIsValid('220000020'), true); // 2B0000020
  assert.equal(luhnIsValid('200000170'), false); // Omnistate's "2A counts as 0" would reject it
});

test('FINESS: lower-case Corsican letter → case, suggestion upper case when valid', () => {
  assertFailure(checkFiness('2a0000170'), 'case', '2A0000170');
  assertFailure(checkFiness('2b0000020'), 'case', '2B0000020');
  assertFailure(checkFiness('2a0000171'), 'case'); // upper case would still have a bad key: no suggestion
});

test('FINESS: 8 digits → length with a lost-leading-zero hint', () => {
  assert.match(assertFailure(checkFiness('10780054'), 'length'), /zéro initial/);
});

test('FINESS: blanks', () => {
  assertFailure(checkFiness('750 712 184'), 'format', '750712184');
});
