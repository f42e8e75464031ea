/**
 * Amounts (rule V2): one file per family, its test beside it.
 * Vectors: the rule's edge cases (docs/rules.md). Kept inline (the purity test scans this folder: no fs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAmount } from './amount';
import { assertFailure } from '../../../test/helpers/identifier-asserts.ts';

test('amount: finite, ≥ 0, at most 2 decimals (V2)', () => {
  for (const v of [0, 1250, 1250.1, 1250.0, 14100.83, 6666.67, 0.01, 123456789.12, 1e21]) {
    assert.deepEqual(checkAmount(v), { ok: true }, String(v));
  }
  for (const v of [1250.123, 0.001, 1e-7, 1.5e-7, 0.1 + 0.2, 16921 / 1.2, -1, -0.01, NaN, Infinity, -Infinity]) {
    assert.equal(checkAmount(v).ok, false, String(v));
  }
  assert.match(assertFailure(checkAmount(-5), 'format'), /négatif/);
  assert.match(assertFailure(checkAmount(1.005), 'format'), /2 décimales/);
});
