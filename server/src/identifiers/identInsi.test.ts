/**
 * IdentINSi (rule I6; ids §8): one file per family, its test beside it. Vectors: those of docs/identifiers.md (cited
 * "ids §n") and more edge cases; rules: docs/rules.md. Kept inline (the purity test scans this folder: no fs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkIdentInsi } from './identInsi';
import { assertValid, assertFailure } from '../../../test/helpers/identifier-asserts.ts';

test('IdentINSi: exactly one FINESS (I6)', () => {
  assertValid(checkIdentInsi, ['750712184', '2A0000170']);
  for (const several of ['750712184,750100125', '750712184;750100125', '750712184 750100125', '750712184, 750100125']) {
    assert.match(assertFailure(checkIdentInsi(several), 'format'), /un seul FINESS/);
  }
  assertFailure(checkIdentInsi('750712185'), 'key');
  assertFailure(checkIdentInsi(' 750712184 '), 'format', '750712184');
});
