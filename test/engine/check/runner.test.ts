/** Engine-level behaviour: detection (kind, SONS, reason), non-Ségur files, staging, severities, rule isolation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, RULES, PROJECT_RULES } from '../../../server/src/segur.ts';

const root = join(__dirname, '..', '..', '..');
const example = (sons: string, kind: string) => readFileSync(join(root, 'examples', sons, `${kind}.json`), 'utf8');

test('detection from content: kind from blocks, SONS from the n° ANS, with the reason', () => {
  const d = check(example('IMG-DB-Va2', 'solde')).detection;
  assert.equal(d.kind, 'solde');
  assert.equal(d.sons, 'IMG-DB-Va2');
  assert.equal(d.corridor, 'IMG');
  assert.match(d.reason.fr, /n° ANS/);
});

test('detection: output JSON of an avance (numeroASP filled in by the portal, S13)', () => {
  const text = example('HOP-DPI-Va2', 'avance').replace(/"numeroASP": null/g, (_m) => `"numeroASP": "FINHOP0${Math.floor(Math.random() * 9000) + 1000}M0"`);
  const r = check(text);
  assert.equal(r.detection.kind, 'output');
  assert.deepEqual(
    r.findings.map((f) => f.code),
    [],
  );
});

test('detection: closest schema when the n° ANS says nothing, file name when the content is silent', () => {
  const text = example('HOP-PFI-Va2', 'solde').replace('"CVA2PFI001"', '"CVA2ZZZ001"');
  const d = check(text).detection;
  assert.equal(d.sons, 'HOP-PFI-Va2');
  assert.match(d.reason.fr, /structure la plus proche/);
  const named = check('{"impId": null, "numeroAns": null, "siret": null, "lignesImport": []}', { fileName: '/x/MDV-LGC-Va2-solde.json' }).detection;
  assert.equal(named.sons, 'MDV-LGC-Va2');
  assert.equal(named.kind, 'solde');
});

test('a JSON that is not a Ségur file gets no findings, even broken', () => {
  for (const text of ['{"name": "x", "version": "1.0.0", "scripts": {}}', '{"compilerOptions": {"strict": true,}}', '[1, 2', '']) {
    const r = check(text, { fileName: 'package.json' });
    assert.equal(r.detection.isSegur, false, text);
    assert.deepEqual(r.findings, []);
  }
});

test('broken syntax: syntax findings plus value checks, no structure cascade', () => {
  const text = example('IMG-RIS-Va2', 'solde')
    .replace('"dateEditionFacture": "12/05/2026",', '"dateEditionFacture": "12/05/2026"')
    .replace('"sirenClient": "260100045"', '"sirenClient": "260100046"');
  const codes = check(text).findings.map((f) => f.code);
  assert.deepEqual(codes, ['S12/syntax', 'I2/siren']);
});

test('severity overrides: off and downgrade, by rule id or full code', () => {
  const text = readFileSync(join(root, 'test/fixtures/IMG-RIS-Va2/S6-case.json'), 'utf8');
  const all = check(text).findings.map((f) => `${f.code}:${f.severity}`);
  assert.deepEqual(all, ['S6/key:error', 'S6/key:error', 'S6/value:error']);
  const tuned = check(text, { severities: { S6: 'warning', 'S6/value': 'off' } }).findings.map((f) => `${f.code}:${f.severity}`);
  // The value is still refused by the template: with S6/value off, the schema stage reports it (V8 enum).
  assert.deepEqual(tuned, ['S6/key:warning', 'S6/key:warning', 'V8/schema:error']);
});

test('a rule that throws is isolated: one internal finding, the other rules still run', () => {
  const rule = RULES.find((r) => r.meta.id === 'I2')!;
  const original = rule.create;
  rule.create = () => ({
    checks: {
      siren: () => {
        throw new Error('boom 260100045');
      },
    },
  });
  try {
    const text = example('IMG-RIS-Va2', 'solde').replace('"FINESGeos": ["010000024"]', '"FINESGeos": ["010000025"]');
    const r = check(text);
    assert.deepEqual(r.findings.map((f) => f.code).sort(), ['I1/finess', 'I2/internal']);
    assert.ok(!JSON.stringify(r.findings).includes('260100045'), 'the exception text (which could hold health data) is not shown');
  } finally {
    rule.create = original;
  }
});

test('every rule has French and English titles and messages, sources and a known id', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const r of [...RULES, ...PROJECT_RULES]) {
    assert.ok(r.meta.title.fr && r.meta.title.en, r.meta.id);
    assert.ok(r.meta.sources.length > 0, r.meta.id);
    for (const [k, m] of Object.entries(r.meta.messages)) assert.ok(m.fr && m.en, `${r.meta.id}.${k}`);
    assert.match(readme, new RegExp(`\\| ${r.meta.id} \\|`), `${r.meta.id} in the README rule table`);
  }
});
