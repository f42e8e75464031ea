/**
 * Assertions shared by the identifier families' tests (server/src/identifiers/<family>.test.ts).
 * Under test/helpers so the family folder stays free of helpers.
 */
import assert from 'node:assert/strict';
import type { IdCheck, IdFailure } from '../../server/src/identifiers/index.ts';

export type Check = (v: string) => IdCheck;

export function assertValid(check: Check, values: string[]): void {
  for (const v of values) assert.deepEqual(check(v), { ok: true }, `${v} should be valid`);
}

/** Each entry: [value, expected reason]. */
export function assertInvalid(check: Check, cases: Array<[string, IdFailure]>): void {
  for (const [v, reason] of cases) {
    const r = check(v);
    assert.equal(r.ok, false, `${v} should be invalid`);
    if (!r.ok) assert.equal(r.reason, reason, `${v}: reason`);
  }
}

/** Asserts a failure with the given reason and exact suggestion (undefined = no suggestion); returns its hint. */
export function assertFailure(r: IdCheck, reason: IdFailure, suggestion?: string): string {
  assert.equal(r.ok, false);
  if (r.ok) return '';
  assert.equal(r.reason, reason);
  assert.equal(r.suggestion, suggestion);
  return r.hint ?? '';
}
