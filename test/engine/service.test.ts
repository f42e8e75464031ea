/**
 * The core's service object (server/src/engine/service.ts): the rules are given, never imported, so one service runs
 * one rule alone and another the whole catalogue; `check` is `validate(parse(…))`; completion, hover, the rules
 * across files and « fix all » all use the rules the service was made with.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createService } from '../../server/src/engine/service.ts';
import { PROJECT_RULES, RULES, check as checkAll, service as bound } from '../../server/src/segur.ts';
import type { Finding } from '../../server/src/engine/shared/types.ts';

const root = join(__dirname, '..', '..');
const read = (...p: string[]) => readFileSync(join(root, ...p), 'utf8');
const rule = (id: string) => RULES.find((r) => r.meta.id === id)!;
const codes = (fs: Finding[]) => fs.map((f) => f.code);
const plural = read('test', 'fixtures', 'IMG-RIS-Va2', 'S5-plural.json');

test('the catalogue is what the service was given; without project rules, none', () => {
  const s = createService({ rules: [rule('S5')] });
  assert.deepEqual(
    s.rules.map((r) => r.meta.id),
    ['S5'],
  );
  assert.deepEqual(s.projectRules, []);
  assert.equal(bound.rules, RULES);
  assert.equal(bound.projectRules, PROJECT_RULES);
});

test('rules are given: S5 alone reports the plural keys as S5; with no rule, the schema stage reports them as S1/schema', () => {
  const s5 = createService({ rules: [rule('S5')] }).check(plural);
  assert.ok(s5.findings.length > 0);
  assert.deepEqual(
    codes(s5.findings),
    codes(s5.findings).map(() => 'S5'),
  );
  assert.deepEqual(codes(s5.findings), codes(checkAll(plural).findings), 'the fixture has no other fault');
  const none = createService({ rules: [] }).check(plural);
  assert.ok(none.findings.length > 0);
  assert.deepEqual(new Set(codes(none.findings)), new Set(['S1/schema']));
});

test('check(text, options) is validate(parse(text, options)); validate uses the options the document was parsed with', () => {
  const s = createService({ rules: RULES, projectRules: PROJECT_RULES });
  const options = { severities: { S5: 'information' as const } };
  const doc = s.parse(plural, options);
  assert.deepEqual(s.validate(doc), s.check(plural, options));
  assert.deepEqual(
    s.validate(doc).findings.map((f) => f.severity),
    s.validate(doc).findings.map(() => 'information'),
  );
  // Given other options, validate uses them (severities may differ from the parse's).
  assert.deepEqual(
    s.validate(doc, {}).findings.map((f) => f.severity),
    s.check(plural).findings.map((f) => f.severity),
  );
  assert.notDeepEqual(
    s.validate(doc, {}).findings.map((f) => f.severity),
    s.validate(doc).findings.map((f) => f.severity),
  );
});

test("hover and completion on a parsed document: the key's documentation, the values the schema allows (French by default)", () => {
  const s = createService({ rules: [] });
  const text = read('examples', 'IMG-RIS-Va2', 'solde.json');
  const doc = s.parse(text);
  const hover = s.hover(doc, text.indexOf('"numeroEditeur"') + 2);
  assert.ok(hover);
  assert.match(hover.markdown, /^\*\*numeroEditeur\*\*/);
  assert.match(hover.markdown, /N° éditeur/);
  assert.notEqual(s.hover(doc, text.indexOf('"numeroEditeur"') + 2, 'en')?.markdown, hover.markdown);
  const at = text.indexOf('"typeAction": ') + '"typeAction": '.length + 1;
  const labels = s.complete(doc, at).map((e) => e.label);
  assert.ok(labels.includes('"C"'), labels.join(' '));
});

test("the rules across files are the service's: C1 on the pair whose n° éditeur differs, nothing without project rules", () => {
  const dir = join(root, 'test', 'pairs', 'C1-editeur-differs');
  const s = createService({ rules: RULES, projectRules: PROJECT_RULES });
  const entries = ['avance.json', 'solde.json'].map((f) => ({ file: join(dir, f), result: s.check(readFileSync(join(dir, f), 'utf8'), { fileName: f }) }));
  const across = s.crossCheck(entries);
  assert.deepEqual(codes(across.get(join(dir, 'solde.json')) ?? []), ['C1']);
  assert.deepEqual(codes(across.get(join(dir, 'avance.json')) ?? []), []);
  const without = createService({ rules: RULES }).crossCheck(entries);
  assert.deepEqual([...without.values()].flat(), []);
  // The incremental index gives the same findings.
  const index = s.crossIndex();
  for (const e of entries) index.set(e.file, e.result);
  assert.deepEqual(codes(index.findings(join(dir, 'solde.json'))), ['C1']);
  assert.equal(index.size, 2);
});

test("fix all uses the service's rules: S5 alone renames the plural keys, and the whole catalogue then finds nothing", () => {
  const s5 = createService({ rules: [rule('S5')] });
  const r = s5.fixAll(plural, {});
  assert.notEqual(r.text, plural);
  assert.deepEqual(codes(checkAll(r.text).findings), []);
  // A service without the rule has no fix for these keys.
  assert.equal(createService({ rules: [] }).fixAll(plural, {}).text, plural);
});
