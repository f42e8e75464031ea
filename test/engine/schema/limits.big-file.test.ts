/**
 * Above the size limit, more than 200 requests is still an S9 error (S9, source 004:
 * « Un JSON peut regrouper jusqu'à 200 demandes »; docs/rules.md#s9); only the expensive checks are skipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../../server/src/segur.ts';
import { DEFAULT_MAX_BYTES } from '../../../server/src/engine/check/runner.ts';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'segur-json.js');

/** The example avance with its first line repeated `n` times (numbered, distinct éditeur numbers). */
function bigAvance(n: number): string {
  const v = JSON.parse(readFileSync(join(root, 'examples/IMG-RIS-Va2/avance.json'), 'utf8')) as { lignesImport: Record<string, unknown>[] };
  const line = v.lignesImport[0];
  v.lignesImport = Array.from({ length: n }, (_, i) => ({ ...line, numLigne: i + 1, numeroEditeur: `RIS-2025-${String(i).padStart(5, '0')}` }));
  return JSON.stringify(v, null, 4) + '\n';
}

const big = bigAvance(8000);

test('the generated file is above the size limit', () => {
  assert.ok(big.length > DEFAULT_MAX_BYTES, String(big.length));
});

test('Why 3: 8 000 requests above 10 MB is an S9 error (and the file-size warning stays), on the "lignesImport" key', () => {
  const r = check(big);
  assert.equal(r.detection.isSegur, true);
  assert.deepEqual(
    r.findings.map((f) => `${f.code} ${f.severity}`),
    ['S9/file-size warning', 'S9 error'],
  );
  const s9 = r.findings[1];
  assert.match(s9.message.fr, /8 000 demandes dans ce fichier : le portail en accepte 200 au plus/);
  assert.match(s9.message.en, /8,000 requests in this file: the portal accepts at most 200/);
  assert.equal(big.slice(s9.offset, s9.offset + s9.length), '"lignesImport"');
  // Severity overrides apply as on a normal file.
  assert.deepEqual(
    check(big, { severities: { S9: 'off' } }).findings.map((f) => f.code),
    ['S9/file-size'],
  );
});

test('above the limit with at most 200 requests: only the warning; broken syntax is still an error', () => {
  const text = readFileSync(join(root, 'examples/IMG-RIS-Va2/avance.json'), 'utf8');
  assert.deepEqual(
    check(text, { maxBytes: 1000 }).findings.map((f) => f.code),
    ['S9/file-size'],
  );
  const r = check(bigAvance(201), { maxBytes: 1000 });
  assert.deepEqual(
    r.findings.map((f) => f.code),
    ['S9/file-size', 'S9'],
  );
  assert.match(r.findings[1].message.fr, /^201 demandes/);
  assert.deepEqual(
    check(bigAvance(200), { maxBytes: 1000 }).findings.map((f) => f.code),
    ['S9/file-size'],
  );
  // A file too big whose syntax is broken: the count is not known (no line count is guessed), the syntax error is.
  assert.deepEqual(
    check(big.slice(0, -10)).findings.map((f) => f.code),
    ['S9/file-size', 'S12/syntax'],
  );
});

test('Why 3 through the CLI: exit 1', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'segur-big-')), 'IMG-RIS-Va2-avance.json');
  writeFileSync(file, big);
  const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', file], { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 1, r.stderr);
  const [f] = JSON.parse(r.stdout);
  assert.deepEqual(
    f.diagnostics.map((d: { code: string; severity: string }) => `${d.code} ${d.severity}`),
    ['S9/file-size warning', 'S9 error'],
  );
});
