/**
 * The single traversal (server/src/engine/check/walk.ts) on the bundled examples: the tree and the schema walked together
 * once, each visitor offered the values it asked for (objects with their key analysis, request lines, arrays,
 * scalars, `x-check` functions), the same visits on the fast path (tape) and on the jsonc-parser tree, object and line
 * visitors only on a complete tree (`structure`), a visitor that throws isolated from the others, and the near-miss
 * search of the key analysis (S8 blanks, S6 case, S5 plural, a close spelling).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../../server/src/engine/syntax/parse.ts';
import { getSchema } from '../../../server/src/engine/schema/schemaData.ts';
import { analyseKeys, buildDispatch, guessKey, walk, type Owner } from '../../../server/src/engine/check/walk.ts';
import type { ObjectVisit, RuleVisitors, Visit } from '../../../server/src/engine/shared/types.ts';

const root = join(__dirname, '..', '..', '..');
const example = (sons: string, kind: string) => readFileSync(join(root, 'examples', sons, `${kind}.json`), 'utf8');

interface Seen {
  kind: string;
  path: string;
  lineIndex: number | undefined;
  type: string;
  value?: unknown;
  unknown?: { key: string; target?: string; reason?: string }[];
  missing?: string[];
}

/** A visitor set that records a copy of every visit (the visit object is reused by the traversal). */
function recorder(extra: Partial<RuleVisitors> = {}): { owner: Owner; seen: Seen[] } {
  const seen: Seen[] = [];
  const at = (kind: string, v: Visit): Seen => ({ kind, path: JSON.stringify(v.path), lineIndex: v.lineIndex, type: v.type });
  const obj = (kind: string) => (v: ObjectVisit) =>
    seen.push({ ...at(kind, v), unknown: v.keys.unknown.map((u) => ({ key: u.key, target: u.target, reason: u.reason })), missing: [...v.keys.missing] });
  const visitors: RuleVisitors = {
    object: obj('object'),
    line: obj('line'),
    array: (v) => seen.push(at('array', v)),
    scalar: (v) => seen.push({ ...at('scalar', v), value: v.value }),
    checks: { date: (v) => seen.push({ ...at('check:date', v), value: v.value }) },
    ...extra,
  };
  return { owner: { rule: { meta: { id: 'T1' } }, visitors, dead: false }, seen };
}

function run(
  text: string,
  sons: string,
  kind: string,
  opts: { tape?: boolean; structure?: boolean; owners?: Owner[] } = {},
): { failures: { id: string; error: unknown }[] } {
  const parsed = parseDocument(text, undefined, opts.tape ?? true);
  assert.ok(parsed.root, 'the example parses');
  const failures: { id: string; error: unknown }[] = [];
  const owners = opts.owners ?? [];
  walk(parsed.root, getSchema(sons, kind), buildDispatch(owners, opts.structure ?? true), opts.structure ?? true, (o, error) => {
    o.dead = true;
    failures.push({ id: o.rule.meta.id, error });
  });
  return { failures };
}

/** Every scalar of a JSON value, depth first in key order (what the traversal must offer, once each). */
function scalars(v: unknown, out: unknown[] = []): unknown[] {
  if (v !== null && typeof v === 'object') for (const c of Object.values(v as object)) scalars(c, out);
  else out.push(v);
  return out;
}

for (const [sons, kind] of [
  ['IMG-RIS-Va2', 'solde'],
  ['IMG-RIS-Va2', 'avance'],
  ['HOP-DPI-Va2', 'avance'],
  ['MDV-LGC-Va2', 'solde'],
] as const) {
  test(`${sons} ${kind}: every scalar once, in document order, each request line once with its index, nothing unknown or missing`, () => {
    const text = example(sons, kind);
    const value = JSON.parse(text) as { lignesImport: unknown[] };
    const r = recorder();
    run(text, sons, kind, { owners: [r.owner] });
    assert.deepEqual(
      r.seen.filter((s) => s.kind === 'scalar').map((s) => s.value),
      scalars(value),
    );
    const lines = r.seen.filter((s) => s.kind === 'line');
    assert.deepEqual(
      lines.map((s) => s.lineIndex),
      value.lignesImport.map((_, i) => i),
    );
    assert.deepEqual(
      lines.map((s) => s.path),
      value.lignesImport.map((_, i) => JSON.stringify(['lignesImport', i])),
    );
    // A value outside the request lines has no line; a value inside one has that line's index.
    for (const s of r.seen) {
      const p = JSON.parse(s.path) as (string | number)[];
      assert.equal(s.lineIndex, p[0] === 'lignesImport' && p.length > 1 ? p[1] : undefined, `${s.kind} at ${s.path}`);
    }
    const objects = r.seen.filter((s) => s.kind === 'object');
    assert.ok(objects.length > value.lignesImport.length, 'the root, each line and the blocks inside');
    for (const o of objects) assert.deepEqual([o.unknown, o.missing], [[], []], `the example's object at ${o.path}`);
  });

  test(`${sons} ${kind}: the fast path (tape) and the jsonc-parser tree give the same visits`, () => {
    const text = example(sons, kind);
    const a = recorder();
    const b = recorder();
    run(text, sons, kind, { tape: true, owners: [a.owner] });
    run(text, sons, kind, { tape: false, owners: [b.owner] });
    assert.ok(a.seen.length > 50);
    assert.deepEqual(a.seen, b.seen);
  });
}

test('x-check functions get exactly the values whose schema names them: the dates of the IMG-RIS-Va2 solde', () => {
  const text = example('IMG-RIS-Va2', 'solde');
  const r = recorder();
  run(text, 'IMG-RIS-Va2', 'solde', { owners: [r.owner] });
  const dates = r.seen.filter((s) => s.kind === 'check:date');
  assert.ok(dates.length >= 3, `${dates.length} dates`);
  for (const d of dates) assert.match(String(d.value), /^\d{2}\/\d{2}\/\d{4}$/, d.path);
  // Every JJ/MM/AAAA string of the file is offered to the date check (the example writes dates nowhere else).
  const all = scalars(JSON.parse(text)).filter((v) => typeof v === 'string' && /^\d{2}\/\d{2}\/\d{4}$/.test(v));
  assert.deepEqual(
    dates.map((d) => d.value),
    all,
  );
});

test('without structure (a tree recovered from broken syntax): no object, line or array visit; the same scalars', () => {
  const text = example('IMG-RIS-Va2', 'solde');
  const full = recorder();
  const values = recorder();
  run(text, 'IMG-RIS-Va2', 'solde', { owners: [full.owner] });
  run(text, 'IMG-RIS-Va2', 'solde', { owners: [values.owner], structure: false });
  assert.deepEqual(
    values.seen.filter((s) => ['object', 'line', 'array'].includes(s.kind)),
    [],
  );
  assert.deepEqual(
    values.seen,
    full.seen.filter((s) => s.kind === 'scalar' || s.kind.startsWith('check:')),
  );
});

test('key analysis: a case change, a plural, a blank and a misspelling in line 2 each name the template key they mean', () => {
  const text = example('IMG-RIS-Va2', 'solde');
  const lines = text.split('\n');
  // The second request line's keys (each key written once per line; the file's second occurrence is line 2's).
  const second = (key: string) => {
    const idx = lines.map((l, i) => (l.includes(`"${key}":`) ? i : -1)).filter((i) => i >= 0)[1];
    assert.ok(idx !== undefined, key);
    return idx;
  };
  const edits: [string, string][] = [
    ['numeroEditeur', 'NumeroEditeur'],
    ['piecesJustificatives', 'pieceJustificative'],
    ['codeTraitement', 'codeTraitement '],
    ['libelleTraitement', 'libeleTraitement'],
  ];
  for (const [from, to] of edits) {
    const i = second(from);
    lines[i] = lines[i].replace(`"${from}":`, `"${to}":`);
  }
  const r = recorder();
  run(lines.join('\n'), 'IMG-RIS-Va2', 'solde', { owners: [r.owner] });
  const changed = r.seen.filter((s) => s.kind === 'object' && s.unknown!.length > 0);
  assert.deepEqual(
    changed.map((s) => s.path),
    [JSON.stringify(['lignesImport', 1])],
  );
  assert.deepEqual(changed[0].unknown, [
    { key: 'NumeroEditeur', target: 'numeroEditeur', reason: 'case' },
    { key: 'pieceJustificative', target: 'piecesJustificatives', reason: 'plural' },
    { key: 'codeTraitement ', target: 'codeTraitement', reason: 'space' },
    { key: 'libeleTraitement', target: 'libelleTraitement', reason: 'spelling' },
  ]);
  assert.deepEqual(changed[0].missing, [], 'each absent key is explained by the unknown key that means it');
  // The line visitor gets the same analysis as the object visitor.
  assert.deepEqual(r.seen.find((s) => s.kind === 'line' && s.lineIndex === 1)!.unknown, changed[0].unknown);
});

test('key analysis: a deleted key is missing; an optional key is never missing', () => {
  const schema = getSchema('IMG-RIS-Va2', 'solde')!;
  const lineSchema = (schema.properties!.lignesImport as { items: typeof schema }).items;
  const text = example('IMG-RIS-Va2', 'solde');
  const value = JSON.parse(text) as { lignesImport: Record<string, unknown>[] };
  const line = { ...value.lignesImport[0] };
  delete line.numeroEditeur;
  for (const k of lineSchema['x-optional'] ?? []) delete line[k];
  const parsed = parseDocument(JSON.stringify(line, null, 2), undefined, false);
  const keys = analyseKeys(parsed.root!, lineSchema);
  assert.deepEqual(keys.unknown, []);
  assert.deepEqual(keys.missing, ['numeroEditeur']);
});

test('only.object "keys-differ": the visitor sees only the objects whose keys are not the template\'s, in order', () => {
  const text = example('IMG-RIS-Va2', 'avance');
  const calls: string[] = [];
  const owner: Owner = {
    rule: { meta: { id: 'T2' } },
    visitors: { object: (v) => void calls.push(JSON.stringify(v.path)), only: { object: 'keys-differ' } },
    dead: false,
  };
  run(text, 'IMG-RIS-Va2', 'avance', { owners: [owner] });
  assert.deepEqual(calls, [], 'the example has every key in template order');
  // Two keys of the root swapped: the root's keys differ, nothing else.
  const swapped = text.replace(/("numeroAns": [^\n]*\n)(\s*"siret": [^\n]*,\n)/, (_m, a: string, b: string) => b + a);
  assert.notEqual(swapped, text);
  run(swapped, 'IMG-RIS-Va2', 'avance', { owners: [owner] });
  assert.deepEqual(calls, ['[]']);
});

test('a visitor that throws is reported once and switched off; the other rules see every value', () => {
  const text = example('IMG-RIS-Va2', 'solde');
  let thrownAfter = 0;
  const bad: Owner = {
    rule: { meta: { id: 'BAD' } },
    visitors: {
      scalar: () => {
        thrownAfter++;
        throw new Error('boom');
      },
    },
    dead: false,
  };
  const good = recorder();
  const { failures } = run(text, 'IMG-RIS-Va2', 'solde', { owners: [bad, good.owner] });
  assert.equal(thrownAfter, 1);
  assert.deepEqual(
    failures.map((f) => [f.id, (f.error as Error).message]),
    [['BAD', 'boom']],
  );
  assert.equal(bad.dead, true);
  assert.deepEqual(
    good.seen.filter((s) => s.kind === 'scalar').map((s) => s.value),
    scalars(JSON.parse(text)),
  );
});

test('guessKey: blanks, case, plural, a close spelling, and nothing for a key too far from every candidate', () => {
  const candidates = ['numeroEditeur', 'piecesJustificatives', 'FINESSGeo', 'typeAction'];
  assert.deepEqual(guessKey(' typeAction', candidates), { target: 'typeAction', reason: 'space' });
  assert.deepEqual(guessKey('finessgeo', candidates), { target: 'FINESSGeo', reason: 'case' });
  assert.deepEqual(guessKey('pieceJustificative', candidates), { target: 'piecesJustificatives', reason: 'plural' });
  assert.deepEqual(guessKey('numeroEditeru', candidates), { target: 'numeroEditeur', reason: 'spelling' });
  assert.equal(guessKey('montantTTC', candidates), undefined);
  // A key under 12 characters tolerates one edit only.
  assert.deepEqual(guessKey('typeActon', ['typeAction']), { target: 'typeAction', reason: 'spelling' });
  assert.equal(guessKey('typAcion', ['typeAction']), undefined);
});
