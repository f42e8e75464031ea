/** Fixed-seed short fuzz runs in CI (issue 5): 5 000 mutated documents, no exception, none over 1 s of CPU time (a freeze, not a speed target); (issue 9) 200 folders. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

test('fuzz: 5 000 mutated examples and fixtures through the engine and its fixes', async () => {
  const { fuzz } = await import(pathToFileURL(join(__dirname, '..', '..', 'scripts', 'fuzz.mjs')).href);
  const r = fuzz({ count: 5000, seed: 20261123 });
  // A document over the freeze budget (1 s of CPU time, scripts/fuzz.mjs) is one of the failures.
  assert.deepEqual(r.failures, []);
});

/**
 * Folder mode (issue 9 item 10): 200 half-filled folders through crossCheck, an incremental CrossIndex (agreeing with
 * it) and the CLI's runCheck: no exception, no internal finding, no disagreement.
 */
test('fuzz: 200 half-filled folders through crossCheck, CrossIndex and the CLI', async () => {
  const { fuzzFolders } = await import(pathToFileURL(join(__dirname, '..', '..', 'scripts', 'fuzz.mjs')).href);
  const r = fuzzFolders({ count: 200, seed: 20261123 });
  assert.deepEqual(r.failures, []);
  assert.equal(r.internal, 0);
});

// Issue 9, item 10: the template mode of scripts/fuzz.mjs (fuzzTemplates), fixed seed.
test('fuzz: 200 mutated templates (blanks, examples, learned templates) through learn-template, the loader and check', async () => {
  const { fuzzTemplates } = await import(pathToFileURL(join(__dirname, '..', '..', 'scripts', 'fuzz.mjs')).href);
  const r = fuzzTemplates({ count: 200, seed: 20261201 });
  assert.deepEqual(r.failures, []);
  // The run exercised both sides: templates refused (by learn-template or the loader) and templates used.
  assert.ok(r.refusedByLearn > 0 && r.leftOutByLoader > 0 && r.loaded > 0, JSON.stringify(r));
});
