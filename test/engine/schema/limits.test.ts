/** Limits: a file over the size limit or too deep gets one clear finding; restricted mode ignores file settings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../../../server/src/segur.ts';
import { resolveSettings } from '../../../server/src/server/shared/settings.ts';

const root = join(__dirname, '..', '..', '..');

test('over the size limit: one clear finding, only the fast checks (syntax, number of requests)', () => {
  const text = readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8');
  const r = check(text, { maxBytes: 1000 });
  assert.deepEqual(
    r.findings.map((f) => f.code),
    ['S9/file-size'],
  );
  assert.match(r.findings[0].message.fr, /au-delà de 0 Mo|seuls la syntaxe et le nombre de demandes/);
  const broken = check(text.slice(0, -3), { maxBytes: 1000 });
  assert.deepEqual(
    broken.findings.map((f) => f.code),
    ['S9/file-size', 'S12/syntax'],
  );
  assert.deepEqual(
    check(text).findings.filter((f) => f.severity !== 'hint'),
    [],
    'under the limit: the full check',
  );
});

test('nesting deeper than the limit: one finding, no tree, fast', () => {
  for (const text of ['{"lignesImport": ' + '['.repeat(50000) + ']'.repeat(50000) + '}', '{"lignesImport": ' + '[{"a":'.repeat(20000)]) {
    const t = performance.now();
    const r = check(text);
    assert.deepEqual(
      r.findings.map((f) => f.code),
      ['S12/too-deep'],
    );
    assert.ok(performance.now() - t < 1000);
  }
  assert.deepEqual(check('['.repeat(100000)).findings, [], 'not a Ségur file: nothing');
});

test('restricted mode: settings that point at files are ignored', () => {
  const raw = { templates: { folder: 'templates' }, rules: { S7: 'warning' } };
  assert.equal(resolveSettings(raw, true).templatesFolder, 'templates');
  assert.equal(resolveSettings(raw, false).templatesFolder, undefined);
  assert.equal(resolveSettings(raw, false).rules.S7, 'warning', 'other settings still apply');
});
