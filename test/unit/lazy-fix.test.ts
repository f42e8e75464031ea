/**
 * A rule may give its quick fix as a function (ReportInput.fix): the engine makes it when the finding's `fix` is
 * first read (the editor resolves fixes on demand: codeAction/resolve), once; a function that throws gives no fix and
 * never an exception in the reader (rules run isolated). Issue 12 item 3: a file with the same mistake on every line
 * no longer builds 200 insertion edits nobody applies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../../server/src/engine/index.ts';
import type { Rule } from '../../server/src/engine/types.ts';

const text = readFileSync(join(__dirname, '..', '..', 'examples', 'IMG-RIS-Va2', 'avance.json'), 'utf8');

function ruleWith(make: () => { title: { fr: string; en: string }; edits: { offset: number; length: number; newText: string }[]; safe: boolean }): Rule {
  return {
    meta: { id: 'S8', title: { fr: 't', en: 't' }, sources: ['000'], severity: 'error', fixable: true, messages: { m: { fr: 'm', en: 'm' } } },
    stage: 'syntax',
    create: (ctx) => ({ end: () => ctx.report({ messageId: 'm', offset: 0, length: 1, fix: make }) }),
  };
}

test('a fix given as a function is made when first read, once, and kept', () => {
  let calls = 0;
  const rule = ruleWith(() => {
    calls++;
    return { title: { fr: 'x', en: 'x' }, edits: [{ offset: 0, length: 0, newText: ' ' }], safe: true };
  });
  const [f] = check(text, { sons: 'IMG-RIS-Va2', kind: 'avance', rules: [rule] }).findings.filter((x) => x.code === 'S8');
  assert.equal(calls, 0, 'not made by the check');
  assert.deepEqual(f.fix?.edits, [{ offset: 0, length: 0, newText: ' ' }]);
  assert.equal(f.fix?.safe, true);
  assert.equal(calls, 1, 'made once');
  assert.deepEqual(JSON.parse(JSON.stringify(f)).fix.edits, [{ offset: 0, length: 0, newText: ' ' }], 'serialised with the finding');
});

test('a fix function that throws gives no fix, not an exception', () => {
  const rule = ruleWith(() => {
    throw new Error('boom');
  });
  const [f] = check(text, { sons: 'IMG-RIS-Va2', kind: 'avance', rules: [rule] }).findings.filter((x) => x.code === 'S8');
  assert.equal(f.fix, undefined);
});
