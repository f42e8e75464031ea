/**
 * Dates JJ/MM/AAAA (rule V1): one file per family, its test beside it.
 * Vectors: the rule's edge cases (docs/rules.md). Kept inline (the purity test scans this folder: no fs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDate } from './date';
import { assertValid, assertInvalid, assertFailure } from '../../../test/helpers/identifier-asserts.ts';

test('date: JJ/MM/AAAA and real calendar dates (V1)', () => {
  assertValid(checkDate, ['01/12/2025', '31/12/2025', '29/02/2024', '29/02/2000', '30/04/2025', '31/01/2026']);
  assertInvalid(checkDate, [
    ['31/02/2025', 'format'],
    ['29/02/2025', 'format'],
    ['29/02/1900', 'format'],
    ['31/04/2025', 'format'],
    ['00/12/2025', 'format'],
    ['01/13/2025', 'format'],
    ['01/00/2025', 'format'],
    ['01/12/25', 'format'],
    ['', 'format'],
  ]);
  assert.match(assertFailure(checkDate('31/02/2025'), 'format'), /inexistante/);
});

test('date: unambiguous other forms get a JJ/MM/AAAA suggestion', () => {
  assertFailure(checkDate('2025-12-01'), 'format', '01/12/2025');
  assertFailure(checkDate('1/12/2025'), 'format', '01/12/2025');
  assertFailure(checkDate('01-12-2025'), 'format', '01/12/2025');
  assertFailure(checkDate('01.12.2025'), 'format', '01/12/2025');
  assertFailure(checkDate(' 01/12/2025'), 'format', '01/12/2025');
  assertFailure(checkDate('2025-02-31'), 'format'); // ISO but not a real date: no suggestion
  assertFailure(checkDate('12/1/25'), 'format');
});
