/** Fixed-seed short fuzz runs in CI: 5 000 mutated documents, no exception, none over 1 s of CPU time (a freeze, not a speed target); 200 folders. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

test('fuzz: 5 000 mutated examples and fixtures through the engine and its fixes', async () => {
  const { fuzz } = await import(pathToFileURL(join(__dirname, '..', '..', 'scripts', 'fuzz.mjs')).href);
  const r = fuzz({ count: 5000, seed: 20261123 });
  // A document over the freeze budget (1 s of CPU time, scripts/fuzz.mjs) is one of the failures.
  assert.deepEqual(r.failures, []);
});

/**
 * Folder mode: 200 half-filled folders through crossCheck, an incremental CrossIndex (agreeing with
 * it) and the CLI's runCheck: no exception, no internal finding, no disagreement.
 */
test('fuzz: 200 half-filled folders through crossCheck, CrossIndex and the CLI', async () => {
  const { fuzzFolders } = await import(pathToFileURL(join(__dirname, '..', '..', 'scripts', 'fuzz.mjs')).href);
  const r = fuzzFolders({ count: 200, seed: 20261123 });
  assert.deepEqual(r.failures, []);
  assert.equal(r.internal, 0);
});

// The template mode of scripts/fuzz.mjs (fuzzTemplates), fixed seed.
test('fuzz: 200 mutated templates (blanks, examples, learned templates) through learn-template, the loader and check', async () => {
  const { fuzzTemplates } = await import(pathToFileURL(join(__dirname, '..', '..', 'scripts', 'fuzz.mjs')).href);
  const r = fuzzTemplates({ count: 200, seed: 20261201 });
  assert.deepEqual(r.failures, []);
  // The run exercised both sides: templates refused (by learn-template or the loader) and templates used.
  assert.ok(r.refusedByLearn > 0 && r.leftOutByLoader > 0 && r.loaded > 0, JSON.stringify(r));
});

/**
 * LSP mode: hostile messages to the server over stdio (`$/cancelRequest` with malformed params, `segur/setOverride`
 * with params of any shape, documents under file URIs node:url cannot read, watched-file events on them): the server
 * stays up, and the hostile documents and a witness document keep their own diagnostics.
 */
test('fuzz: 120 hostile LSP messages (cancel params, overrides, URIs) to the server over stdio', async () => {
  const { fuzzLsp } = await import(pathToFileURL(join(__dirname, '..', '..', 'scripts', 'fuzz.mjs')).href);
  const r = await fuzzLsp({ count: 120, seed: 20261207 });
  assert.deepEqual(r.failures, []);
  assert.ok(r.cancels > 0 && r.overrides > 0 && r.overridesRefused > 0 && r.uris > 0 && r.watched > 0, JSON.stringify(r));
});

test('fuzz: --help prints the options and runs nothing; an unknown option is a usage error', () => {
  const script = join(__dirname, '..', '..', 'scripts', 'fuzz.mjs');
  const help = spawnSync(process.execPath, [script, '--help'], { encoding: 'utf8', timeout: 20000, killSignal: 'SIGKILL' });
  assert.equal(help.status, 0, help.stderr);
  for (const o of ['--count', '--folders', '--templates', '--lsp', '--seed', '--help']) assert.match(help.stdout, new RegExp(`${o} `));
  assert.doesNotMatch(help.stdout, /"failures"/, 'no run');
  const bad = spawnSync(process.execPath, [script, '--cuont', '5'], { encoding: 'utf8', timeout: 20000, killSignal: 'SIGKILL' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown option or missing value: --cuont/);
});
