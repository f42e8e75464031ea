/**
 * Contact values: e-mail, MSS address, phone (rules V6, V7): one file per family, its test beside it.
 * Vectors: the rule's edge cases (docs/rules.md). Kept inline (the purity test scans this folder: no fs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEmail, checkMssAddress, checkPhone } from './contact';
import { assertValid, assertInvalid, assertFailure } from '../../../test/helpers/identifier-asserts.ts';

test('e-mail', () => {
  assertValid(checkEmail, ['jean.dupont@ch-bastia.fr', 'a+b@example.com', "o'neil@x.org"]);
  assertInvalid(checkEmail, [
    ['jean.dupont', 'format'],
    ['jean@', 'format'],
    ['@ch.fr', 'format'],
    ['a..b@x.fr', 'format'],
    ['a@b', 'format'],
    ['a@-b.fr', 'format'],
    ['', 'format'],
  ]);
  assertFailure(checkEmail(' jean@ch.fr '), 'format', 'jean@ch.fr');
});

test('MSS address: complete address, bare domain refused (V7)', () => {
  assertValid(checkMssAddress, ['secretariat.radio@ch-bastia.mssante.fr', 'dr.martin@medecin.mssante.fr']);
  for (const bare of ['mssante.fr', 'ch-bastia.mssante.fr', '@ch-bastia.mssante.fr']) {
    assert.match(assertFailure(checkMssAddress(bare), 'format'), /adresse complète/);
  }
  assertInvalid(checkMssAddress, [
    ['dr.martin@', 'format'],
    ['', 'format'],
  ]);
});

test('phone: French numbers, separators refused with suggestion', () => {
  assertValid(checkPhone, ['0612345678', '0495123456', '+33612345678']);
  assertFailure(checkPhone('06 12 34 56 78'), 'format', '0612345678');
  assertFailure(checkPhone('+33 6 12 34 56 78'), 'format', '+33612345678');
  assertFailure(checkPhone('06.12.34.56.78'), 'format', '0612345678');
  assert.match(assertFailure(checkPhone('06 12 34 56'), 'format'), /espaces/);
  assertFailure(checkPhone('0033612345678'), 'format', '+33612345678');
  assertInvalid(checkPhone, [
    ['061234567', 'length'],
    ['06123456789', 'length'],
    ['+3361234567', 'length'],
    ['+330612345678', 'length'],
    ['612345678', 'format'],
    ['0033612345678', 'format'],
    ['06-12-AB-56-78', 'format'],
    ['', 'format'],
  ]);
});
