/**
 * What findings rest on (engine/schema/sources.ts, schemas/sources.json): every rule cites only documents the table knows,
 * and for each document it cites, the table quotes what that document says (a seed, verbatim; the public generator
 * csv2json, what its code does); every « quote » of a rule's `stated` is one of those quotes. The public generator
 * is named as what it is, with its commit; the check keys rest on public standards (`reference`), never on a seed
 * that does not state them. `node scripts/check-statements.mjs <folder of the seed texts>` checks each quote
 * against the seeds themselves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { check, RULES, PROJECT_RULES } from '../../../server/src/segur.ts';
import { SOURCE_IDS, STATEMENTS, sourceKind, sourceName } from '../../../server/src/engine/schema/sources.ts';

const root = join(__dirname, '..', '..', '..');
const table = JSON.parse(readFileSync(join(root, 'schemas', 'sources.json'), 'utf8'));
const rules = [...RULES, ...PROJECT_RULES];
/** Quotes compared as a reader sees them: no Markdown marks, blanks squashed. */
const plain = (s: string) => s.replace(/[`*]/g, '').replace(/\s+/g, ' ').trim();

test('every source has a kind; the generator names its repository and commit; a reference names its standard', () => {
  for (const id of SOURCE_IDS) {
    const e = table.sources[id];
    assert.ok(['seed', 'public', 'reference'].includes(e.kind), `${id}: kind`);
    assert.ok(e.fr && e.en, `${id}: names`);
    if (e.kind === 'public') {
      assert.match(e.commit ?? '', /^[0-9a-f]{40}$/, `${id}: commit`);
      assert.match(e.repository ?? '', /^https:\/\//, `${id}: repository`);
      assert.match(e.fr, /pas un document de l'ANS ni de l'ASP/, `${id} says it is not an ANS/ASP document`);
    }
    if (e.kind === 'reference') assert.ok(typeof e.standard === 'string' && e.standard.length > 0, `${id}: standard`);
  }
  assert.equal(sourceKind('csv2json'), 'public');
  assert.equal(sourceKind('000'), 'seed');
  assert.equal(sourceKind('finess-key'), 'reference');
  assert.match(sourceName('csv2json', 'fr'), /f3898ab/);
});

test('each rule cites only seeds or the public generator, and the table quotes what each says for that rule', () => {
  for (const r of rules) {
    const { id, sources } = r.meta;
    const quoted = STATEMENTS[id] ?? {};
    for (const s of sources) {
      assert.ok(SOURCE_IDS.includes(s), `${id} cites ${s}, unknown to schemas/sources.json`);
      assert.notEqual(sourceKind(s), 'reference', `${id} cites the standard ${s} as a document: a reference grades a finding, not a rule`);
      assert.ok(
        [quoted[s] ?? []].flat().some((q) => q.trim() !== ''),
        `${id} cites ${s}: schemas/sources.json must quote what ${s} says for ${id}`,
      );
    }
    for (const s of Object.keys(quoted)) assert.ok(sources.includes(s), `${id}: a statement of ${s} that the rule does not cite`);
  }
  for (const id of Object.keys(STATEMENTS))
    assert.ok(
      rules.some((r) => r.meta.id === id),
      `statements of ${id}, which is no rule`,
    );
});

test("every « quote » of a rule's `stated` is a quote of a document the rule cites", () => {
  let quotes = 0;
  for (const r of rules) {
    const stated = r.meta.stated?.fr ?? '';
    const said = Object.values(STATEMENTS[r.meta.id] ?? {})
      .flat()
      .map(plain);
    for (const m of stated.matchAll(/«\s*([^»]+?)\s*»/g)) {
      quotes++;
      // A quote cut short (« … », « […] ») is checked part by part.
      for (const part of plain(m[1])
        .split(/\s*(?:\[…\]|…)\s*/)
        .filter(Boolean)) {
        assert.ok(
          said.some((s) => s.includes(part)),
          `${r.meta.id}: « ${part} » is not quoted from a source it cites`,
        );
      }
    }
  }
  assert.ok(quotes >= 10, `${quotes} quotes checked`);
});

test("a check key rests on its standard: 000's own example FINESS fails as a reference finding, never as [000]", () => {
  const example = JSON.parse(readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'solde.json'), 'utf8'));
  example.lignesImport[0].beneficiaires.Etablissements[0].FINESGeos = ['100123456'];
  example.siret = '43216756700029'; // SIRET key broken too
  const text = JSON.stringify(example, null, 2);
  const byCode = (code: string) => check(text, { sons: 'IMG-RIS-Va2', kind: 'solde' }).findings.filter((f) => f.code === code);
  const [finess] = byCode('I1/finess');
  assert.deepEqual(finess?.provenance, { kind: 'reference', sources: ['finess-key'] });
  assert.equal(finess.severity, 'error', "the severity stays the rule's");
  const [siret] = byCode('I3/siret');
  assert.deepEqual(siret?.provenance, { kind: 'reference', sources: ['sirene-key'] });
});

test('findings: a reference cites only standards, a source only documents; no schema confirms a key by a standard', () => {
  const dirs = ['examples', join('test', 'fixtures')];
  const files = dirs
    .flatMap((d) => readdirSync(join(root, d), { recursive: true, withFileTypes: false }).map((f) => join(root, d, String(f))))
    .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));
  let references = 0;
  for (const file of files) {
    for (const f of check(readFileSync(file, 'utf8'), { fileName: file }).findings) {
      for (const s of f.provenance.sources ?? []) {
        if (f.provenance.kind === 'reference') assert.equal(sourceKind(s), 'reference', `${file}: ${f.code} reference ${s}`);
        if (f.provenance.kind === 'source') assert.notEqual(sourceKind(s), 'reference', `${file}: ${f.code} source ${s}`);
      }
      if (f.provenance.kind === 'reference') references++;
      // « le portail rejette » only where a seed says it: never on a finding resting only on the generator.
      if (f.provenance.kind === 'source' && (f.provenance.sources ?? []).length > 0 && (f.provenance.sources ?? []).every((s) => sourceKind(s) !== 'seed')) {
        assert.doesNotMatch(f.message.fr, /portail rejette/, `${file}: ${f.code} rests on ${f.provenance.sources} only`);
      }
    }
  }
  assert.ok(references > 0, 'some fixture findings rest on a standard');
  for (const f of readdirSync(join(root, 'schemas')).filter((x) => x.endsWith('.schema.json'))) {
    const text = readFileSync(join(root, 'schemas', f), 'utf8');
    for (const m of text.matchAll(/"confirmed:([^"]+)"/g)) {
      for (const id of m[1].split(/[,+]/)) assert.notEqual(sourceKind(id.trim()), 'reference', `${f}: confirmed by ${id}`);
    }
  }
});
