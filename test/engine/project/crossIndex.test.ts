/**
 * The incremental index of the rules across files (server/src/engine/project/crossIndex.ts):
 * - differential: a CrossIndex fed file by file, in any order, with files replaced, deleted and added again, gives
 *   for every file the findings of `crossCheck` over the final set (every pair folder of test/pairs together, and
 *   fuzzed folders of scripts/fuzz.mjs);
 * - `set`/`delete` return every other file whose findings changed (the server re-publishes only those), including the
 *   soldes holding a dossier number another solde holds (C7) and the soldes compared with no avance (C8);
 * - isolation: a rule that throws on one pair yields one internal finding on that file, naming the
 *   rule, and every other finding stays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, crossCheck, CrossIndex, PROJECT_RULES, type ProjectEntry } from '../../../server/src/segur.ts';
import { applyPatches, exampleText, type Patch } from '../../helpers/rule-tester.ts';

/** A seeded generator, the same as `rng` of scripts/fuzz.mjs (an ES module, imported here only asynchronously), so that each run shuffles alike. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const root = join(__dirname, '..', '..', '..');
const TODAY = new Date(Date.UTC(2026, 10, 23));
const pairs = join(root, 'test', 'pairs');

function pairEntries(): ProjectEntry[] {
  return readdirSync(pairs)
    .sort()
    .flatMap((c) =>
      ['avance.json', 'solde.json'].map((f) => {
        const file = `${c}/${f}`;
        return { file, result: check(readFileSync(join(pairs, c, f), 'utf8'), { fileName: f, today: TODAY }) };
      }),
    );
}

const snapshot = (index: CrossIndex, files: string[]) => new Map(files.map((f) => [f, JSON.stringify(index.findings(f))]));

/**
 * Feeds `entries` to a CrossIndex in a shuffled order with churn (a file replaced by another's result, deleted, put
 * back); after every step, each file whose findings changed must be in the returned set. Returns the final index.
 */
function churn(entries: ProjectEntry[], seed: number): CrossIndex {
  const r = rng(seed);
  const index = new CrossIndex();
  const files = entries.map((e) => e.file);
  const ops: { file: string; run: () => Set<string> }[] = [];
  for (const e of [...entries].sort(() => r() - 0.5)) ops.push({ file: e.file, run: () => index.set(e.file, e.result) });
  for (let i = 0; i < Math.min(12, entries.length); i++) {
    const a = entries[Math.floor(r() * entries.length)];
    const b = entries[Math.floor(r() * entries.length)];
    ops.push(
      { file: a.file, run: () => index.set(a.file, b.result) },
      { file: b.file, run: () => index.delete(b.file) },
      { file: b.file, run: () => index.set(b.file, b.result) },
      { file: a.file, run: () => index.set(a.file, a.result) },
    );
  }
  let before = snapshot(index, files);
  for (const [i, op] of ops.entries()) {
    const affected = op.run();
    const after = snapshot(index, files);
    for (const f of files)
      if (f !== op.file && before.get(f) !== after.get(f)) assert.ok(affected.has(f), `step ${i}: ${f} changed when ${op.file} was set, not announced`);
    before = after;
  }
  return index;
}

test('CrossIndex agrees with crossCheck on every pair folder checked together, in any order and with churn', () => {
  const entries = pairEntries();
  const expected = crossCheck(entries);
  // All pair folders share SONS, n° ANS and SIRET: their dossier and éditeur numbers overlap, which tests the choice
  // of the match among several avance lines.
  assert.ok([...expected.values()].flat().length > 0);
  for (const seed of [1, 2, 3]) {
    const index = churn(entries, seed);
    for (const e of entries) assert.deepEqual(index.findings(e.file), expected.get(e.file) ?? [], `${e.file} (seed ${seed})`);
  }
});

test('each pair folder alone: CrossIndex = crossCheck, and set() announces the files whose findings changed', () => {
  for (const c of readdirSync(pairs).sort()) {
    const entries = pairEntries().filter((e) => e.file.startsWith(`${c}/`));
    const expected = crossCheck(entries);
    const index = new CrossIndex();
    const [a, s] = entries;
    index.set(s.file, s.result);
    const before = JSON.stringify(index.findings(s.file));
    const affected = index.set(a.file, a.result);
    const after = JSON.stringify(index.findings(s.file));
    if (before !== after) assert.ok(affected.has(s.file), `${c}: the solde's findings changed with its avance`);
    assert.deepEqual(index.findings(s.file), expected.get(s.file) ?? [], c);
    assert.deepEqual(index.findings(a.file), expected.get(a.file) ?? [], c);
    // Deleting the avance gives the solde its findings without an avance (none), and announces it.
    const gone = index.delete(a.file);
    if (after !== JSON.stringify(index.findings(s.file))) assert.ok(gone.has(s.file), `${c}: deleting the avance announces the solde`);
  }
});

test('fuzzed folders: CrossIndex = crossCheck, and every change of findings is announced', async () => {
  const { makeFolder } = await import(pathToFileURL(join(root, 'scripts', 'fuzz.mjs')).href);
  const r = rng(424242);
  for (let n = 0; n < 150; n++) {
    const folder = makeFolder(r) as { sons: string; files: { name: string; text: string }[] };
    const entries = folder.files.map((f) => ({ file: f.name, result: check(f.text, { fileName: join(folder.sons, f.name), today: TODAY }) }));
    const expected = crossCheck(entries);
    const index = new CrossIndex();
    const files = entries.map((e) => e.file);
    for (const e of [...entries].sort(() => r() - 0.5)) {
      const before = snapshot(index, files);
      const affected = index.set(e.file, e.result);
      const after = snapshot(index, files);
      for (const f of files)
        if (f !== e.file && before.get(f) !== after.get(f)) assert.ok(affected.has(f), `#${n}: ${f} changed when ${e.file} was set, not announced`);
    }
    for (const e of entries) assert.deepEqual(index.findings(e.file), expected.get(e.file) ?? [], `#${n} ${e.file}`);
    // Deleting each file in turn: announced changes only.
    for (const e of entries) {
      const before = snapshot(index, files);
      const affected = index.delete(e.file);
      const after = snapshot(index, files);
      for (const f of files)
        if (f !== e.file && before.get(f) !== after.get(f)) assert.ok(affected.has(f), `#${n}: ${f} changed when ${e.file} was deleted, not announced`);
    }
  }
});

test('isolation: a rule that throws on one pair gives one internal finding on that solde; the rest is untouched', () => {
  const entries = pairEntries().filter((e) => /^(C4-above-avance|P3-beneficiary-added)\//.test(e.file));
  // Two folders of the same header would be compared together: keep each folder to itself by its n° ANS.
  const isolated = entries.map((e) =>
    e.file.startsWith('P3') ? { ...e, result: { ...e.result, summary: { ...e.result.summary!, numeroAns: 'CVA2RIS009' } } } : e,
  );
  const clean = crossCheck(isolated);
  const c3 = PROJECT_RULES.find((r) => r.meta.id === 'C3')!;
  const pair = c3.pair!;
  c3.pair = (ctx) => {
    if (ctx.solde.file.startsWith('P3')) throw new TypeError('boom');
    pair(ctx);
  };
  try {
    const faulty = crossCheck(isolated);
    const index = new CrossIndex();
    for (const e of isolated) index.set(e.file, e.result);
    for (const got of [faulty, new Map(isolated.map((e) => [e.file, index.findings(e.file)]))]) {
      // The other folder keeps all its findings.
      assert.deepEqual(got.get('C4-above-avance/solde.json') ?? [], clean.get('C4-above-avance/solde.json') ?? []);
      // The solde concerned: its other rules' findings, and one internal finding naming C3 (no identifier).
      const p3 = got.get('P3-beneficiary-added/solde.json') ?? [];
      const internal = p3.filter((f) => f.code.endsWith('/internal'));
      assert.deepEqual(
        internal.map((f) => f.code),
        ['C3/internal'],
      );
      assert.match(internal[0].message.fr, /règle C3/);
      assert.doesNotMatch(internal[0].message.fr + internal[0].message.en, /boom|\d{9}|FINIMG|RIS-2025/);
      const others = (clean.get('P3-beneficiary-added/solde.json') ?? []).filter((f) => !f.code.startsWith('C3'));
      assert.deepEqual(
        p3.filter((f) => !f.code.startsWith('C3')),
        others,
      );
    }
  } finally {
    c3.pair = pair;
  }
});

test('isolation: a summary that throws when read fails that file only (one internal finding), others unchanged', () => {
  const entries = pairEntries().filter((e) => e.file.startsWith('C4-above-avance/'));
  const clean = crossCheck(entries);
  const hostile = {
    detection: entries[1].result.detection,
    summary: {
      get lines(): never {
        throw new Error('x');
      },
      numeroAns: 'CVA2RIS001',
      siret: '43216756700028',
    },
  };
  const got = crossCheck([...entries, { file: 'hostile.json', result: hostile as never }]);
  assert.deepEqual(got.get('C4-above-avance/solde.json'), clean.get('C4-above-avance/solde.json'));
  assert.deepEqual(got.get('C4-above-avance/avance.json') ?? [], []);
  const h = got.get('hostile.json') ?? [];
  assert.ok(h.length >= 1 && h.every((f) => f.code.endsWith('/internal')), h.map((f) => f.code).join(' '));
  assert.equal(new Set(h.map((f) => f.code)).size, h.length, 'one internal finding per rule');
});

test("scope: an avance of another n° ANS or SIRET is not the solde's avance", () => {
  const entries = pairEntries().filter((e) => e.file.startsWith('C4-above-avance/'));
  const base = crossCheck(entries).get('C4-above-avance/solde.json') ?? [];
  assert.ok(base.some((f) => f.code === 'C4/above'));
  const s = entries[1];
  // Another n° ANS or SIRET: not compared, and said (C8: the information, and a warning naming the avance that
  // shares the solde's numbers); a header lacking one: compared with nothing, C8 included (S3 says what to fill).
  for (const [header, c8] of [
    [{ numeroAns: 'CVA2RIS002' }, 'C8/ans-changed'],
    [{ siret: '73282932000108' }, 'C8/siret-changed'],
    [{ siret: undefined }],
    [{ numeroAns: undefined }],
  ] as const) {
    const other = { ...s, result: { ...s.result, summary: { ...s.result.summary!, ...header } } };
    assert.deepEqual(
      (crossCheck([entries[0], other]).get(s.file) ?? []).map((f) => f.code),
      c8 ? ['C8/no-avance', c8] : [],
      JSON.stringify(header),
    );
  }
  // Case and spaces of the header are not differences.
  const spaced = { ...s, result: { ...s.result, summary: { ...s.result.summary!, numeroAns: 'cva2ris001', siret: '432 167 567 00028' } } };
  assert.deepEqual(crossCheck([entries[0], spaced]).get(s.file), base);
});

test('C7 and C8 with churn: duplicate dossier numbers across soldes, avances under another SIRET or n° ANS, in any order', () => {
  const ex = (kind: 'avance' | 'solde', patch: Patch[] = []) => applyPatches(exampleText('IMG-RIS-Va2', kind), patch);
  const asp = (i: number) => ['lignesImport', i, 'numeroASP'];
  const output = [0, 1, 2].map((i) => ({ path: asp(i), value: `FINIMG01376${i}M0` }));
  const texts: Record<string, string> = {
    'avance.json': ex('avance'),
    'avance-output.json': ex('avance', output),
    'avance-other-siret.json': ex('avance', [{ path: ['siret'], value: '43216756700036' }]),
    'avance-other-ans.json': ex('avance', [...output, { path: ['numeroAns'], value: 'CVA2RIS002' }]),
    'solde.json': ex('solde'),
    'solde-copy.json': ex('solde'),
    'solde-dup.json': ex('solde', [{ path: asp(1), value: 'FINIMG013760M0' }]),
    'solde-other-siret.json': ex('solde', [
      { path: ['siret'], value: '43216756700036' },
      { path: asp(2), value: 'FINIMG013760M0' },
    ]),
    'solde-third-siret.json': ex('solde', [{ path: ['siret'], value: '73282932000108' }]),
    'solde-other-ans.json': ex('solde', [
      { path: ['numeroAns'], value: 'CVA2RIS002' },
      { path: asp(0), value: 'FINIMG013761M0' },
    ]),
  };
  const entries: ProjectEntry[] = Object.entries(texts).map(([file, text]) => ({ file, result: check(text, { fileName: file, today: TODAY }) }));
  const expected = crossCheck(entries);
  const codes = new Set([...expected.values()].flat().map((f) => f.code));
  for (const c of ['C7', 'C8/no-avance', 'C8/siret-changed']) assert.ok(codes.has(c), `the set exercises ${c}: ${[...codes].join(' ')}`);
  for (const seed of [7, 8, 9, 10, 11]) {
    const index = churn(entries, seed);
    for (const e of entries) assert.deepEqual(index.findings(e.file), expected.get(e.file) ?? [], `${e.file} (seed ${seed})`);
    // Deleting each file in turn: every change announced.
    const files = entries.map((e) => e.file);
    for (const e of entries) {
      const before = snapshot(index, files);
      const affected = index.delete(e.file);
      const after = snapshot(index, files);
      for (const f of files)
        if (f !== e.file && before.get(f) !== after.get(f)) assert.ok(affected.has(f), `seed ${seed}: ${f} changed when ${e.file} was deleted, not announced`);
    }
  }
});
