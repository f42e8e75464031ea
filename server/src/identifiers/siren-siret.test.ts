/**
 * SIREN and SIRET (rules I2, I3; ids §1–2): one file per family, its test beside it. Vectors: those of
 * docs/identifiers.md (cited "ids §n") and more edge cases; rules: docs/rules.md. Kept inline (the purity test scans
 * this folder: no fs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luhnIsValid } from './luhn';
import { checkSiren, checkSiret } from './siren-siret';
import { assertValid, assertInvalid, assertFailure } from '../../../test/helpers/identifier-asserts.ts';

test('SIREN: valid vectors', () => {
  assertValid(checkSiren, [
    '404833048',
    '552008443',
    '350792008',
    '480318245',
    '500674056',
    '529290488',
    '738205269',
    '752136200',
    '752490334',
    '775699309',
    '775672272',
    '776944944',
    '820043784',
    '310188420',
    '217601145',
    '432167567',
    '417625639',
    '334932720',
    '440288371',
    '517439543',
    '356000000',
    '260100045',
    '398069963',
  ]);
});

test('SIREN: invalid vectors', () => {
  assertInvalid(checkSiren, [
    ['404833047', 'key'],
    ['440797075', 'key'],
    ['488537813', 'key'],
    ['432167568', 'key'],
    ['417625630', 'key'],
    ['334932721', 'key'],
    ['440288372', 'key'],
    ['517439544', 'key'],
    ['111222333', 'key'],
    ['123456789', 'key'],
    ['111111111', 'key'],
    ['356000001', 'key'],
    ['44079707', 'length'],
    ['4407970745', 'length'],
    ['azertyuio', 'format'],
    ['', 'format'],
    ['000000000', 'sentinel'],
  ]);
});

test('SIRET: valid vectors (including La Poste)', () => {
  assertValid(checkSiret, [
    '73282932000074',
    '35600000009075',
    '35600000000048',
    '35600000049837',
    '44079707400026',
    '48853781200015',
    '43216756700028',
    '41762563900030',
    '33493272000017',
    '44028837100014',
    '51743954300011',
    '35600053914285',
    '26010004500012',
    '26971036400028',
    '50254756500015',
    '26973302800022',
    '20003001300011',
    '31822647900117',
    '37875112700101',
    '82967998400015',
    '13000323900014',
    '77220148900022',
    '39806996300013',
    '39806996300054',
    '39806996300070',
    '39806996300062',
    '26250462400012',
    '38042372300028',
  ]);
});

test('SIRET: invalid vectors', () => {
  assertInvalid(checkSiret, [
    ['73282932000079', 'key'],
    ['73282932000075', 'key'],
    ['35600000049838', 'key'],
    ['44079707400027', 'key'],
    ['48853781200016', 'key'],
    ['43216756700029', 'key'],
    ['41762563900031', 'key'],
    ['33493272000018', 'key'],
    ['44028837100015', 'key'],
    ['51743954300012', 'key'],
    ['11122233344455', 'key'],
    ['35600000000012', 'key'],
    ['440797074000', 'length'],
    ['440797074000278', 'length'],
    ['azertyuiopqsdf', 'format'],
    ['00000000000000', 'sentinel'],
  ]);
});

test('SIRET: La Poste rule is permissive but limited to SIREN 356000000', () => {
  // 35600000009075 fails Luhn-14 and passes only through the digit-sum rule.
  assert.equal(luhnIsValid('35600000009075'), false);
  assert.deepEqual(checkSiret('35600000009075'), { ok: true });
  // Same digit sum trick on another SIREN is not accepted: 3560005391428x with sum % 5 == 0 but bad Luhn.
  assert.equal(luhnIsValid('35600053914280'), false);
  assertFailure(checkSiret('35600053914280'), 'key');
});

test('SIRET: SIREN part checked even when Luhn-14 passes', () => {
  assert.equal(luhnIsValid('11122233344455'), true);
  assert.match(assertFailure(checkSiret('11122233344455'), 'key'), /SIREN/);
});

test('SIRET: a bare SIREN is refused with a "SIREN seul" hint (I3)', () => {
  assert.match(assertFailure(checkSiret('732829320'), 'length'), /SIREN seul/);
});

test('SIRET: spreadsheet scientific notation and blanks', () => {
  assert.match(assertFailure(checkSiret('2,601E+13'), 'format'), /notation scientifique/);
  assertFailure(checkSiret('732 829 320 00074'), 'format', '73282932000074');
  assertFailure(checkSiret(' 73282932000074 '), 'format', '73282932000074');
  assertFailure(checkSiret('732 829 320 00079'), 'format'); // no suggestion: the compact value has a bad key
});
