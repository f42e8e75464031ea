/**
 * The rules across files (C1–C6, uniqueness U1–U3 across files; server/src/engine/project/project.ts)
 * take every half-filled state, and one file's failure never removes another file's findings.
 * Reproduction: a folder with examples/IMG-RIS-Va2/avance.json and `ma-demande-solde.json` holding the bundled
 * `segur-img-ris-va2-solde` snippet (placeholders at their defaults: `"numeroEditeur": null`…) made
 * `segur-json check <folder>` print « erreur interne / internal error: TypeError » and exit 2, naming no file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, crossCheck, type ProjectEntry } from '../../../server/src/segur.ts';
import type { CheckResult } from '../../../server/src/engine/shared/types.ts';
import { skeletonText } from '../../helpers/skeleton.ts';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const TODAY = new Date(Date.UTC(2026, 10, 23));

function folderWithSnippet(header?: { numeroAns: string; siret: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'segur-half-'));
  copyFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'avance.json'), join(dir, 'avance.json'));
  let text = skeletonText('IMG-RIS-Va2', 'solde');
  if (header) text = text.replace('"numeroAns": null', `"numeroAns": "${header.numeroAns}"`).replace('"siret": null', `"siret": "${header.siret}"`);
  writeFileSync(join(dir, 'ma-demande-solde.json'), text);
  return dir;
}

test('the snippet solde beside its avance: the CLI checks both files, no internal error, exit is not 2', () => {
  for (const header of [undefined, { numeroAns: 'CVA2RIS001', siret: '43216756700028' }]) {
    const dir = folderWithSnippet(header);
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', dir], { encoding: 'utf8', timeout: 120_000 });
    assert.notEqual(r.status, 2, r.stderr);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string }[] }[];
    assert.deepEqual(out.map((f) => f.file.split(/[\\/]/).pop()).sort(), ['avance.json', 'ma-demande-solde.json']);
    const codes = out.flatMap((f) => f.diagnostics.map((d) => d.code));
    assert.ok(!codes.some((c) => c.endsWith('/internal')), codes.join(' '));
    // The snippet's own findings are there (tags to fill in), the avance stays clean.
    const solde = out.find((f) => f.file.endsWith('ma-demande-solde.json'))!;
    assert.ok(solde.diagnostics.some((d) => d.code.startsWith('S3')));
    assert.deepEqual(
      out.find((f) => f.file.endsWith('avance.json'))!.diagnostics.filter((d) => (d as unknown as { severity: string }).severity !== 'hint'),
      [],
    );
  }
});

/** Every leaf of a document replaced in turn by null, [], {}, "", a number, a boolean, or deleted. */
function* halfFilled(value: unknown, path: (string | number)[] = []): Generator<{ path: (string | number)[]; replace: unknown | typeof DELETE }> {
  const isObj = value !== null && typeof value === 'object';
  if (isObj) for (const [k, v] of Object.entries(value as object)) yield* halfFilled(v, [...path, Array.isArray(value) ? Number(k) : k]);
  if (path.length === 0) return;
  for (const replace of [null, [], {}, '', 0, true, 'x', DELETE, [null], [1, 'a'], { a: null }]) yield { path, replace };
}
const DELETE = Symbol('delete');

function mutated(doc: unknown, path: (string | number)[], replace: unknown): string {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let at = copy as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) at = at[p] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replace === DELETE) {
    if (Array.isArray(at)) at.splice(last as number, 1);
    else delete at[last];
  } else at[last] = replace;
  return JSON.stringify(copy, null, 2);
}

test('every leaf of the solde or the avance half-filled: crossCheck never throws and gives no internal finding', () => {
  const dir = join(root, 'examples', 'IMG-RIS-Va2');
  const avanceText = readFileSync(join(dir, 'avance.json'), 'utf8');
  const soldeText = readFileSync(join(dir, 'solde.json'), 'utf8');
  const avance = { file: 'avance.json', result: check(avanceText, { fileName: 'avance.json', today: TODAY }) };
  const solde = { file: 'solde.json', result: check(soldeText, { fileName: 'solde.json', today: TODAY }) };
  let n = 0;
  for (const [name, text, other] of [
    ['solde.json', soldeText, avance],
    ['avance.json', avanceText, solde],
  ] as const) {
    const doc = JSON.parse(text);
    for (const m of halfFilled(doc)) {
      const t = mutated(doc, m.path, m.replace);
      const entry: ProjectEntry = { file: name, result: check(t, { fileName: `IMG-RIS-Va2-${name}`, today: TODAY }) };
      const cross = crossCheck([entry, other]);
      const internal = [...cross.values()].flat().filter((f) => f.code.endsWith('/internal'));
      assert.deepEqual(
        internal.map((f) => f.code),
        [],
        `${m.path.join('/')} = ${String(m.replace === DELETE ? 'deleted' : JSON.stringify(m.replace))}`,
      );
      n++;
    }
  }
  assert.ok(n > 1000, `${n} states`);
});

test('lines that are not objects, null values and wrong types in the summaries: no exception', () => {
  const base = check(readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'solde.json'), 'utf8'), { fileName: 'IMG-RIS-Va2/solde.json' });
  const av = check(readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'avance.json'), 'utf8'), { fileName: 'IMG-RIS-Va2/avance.json' });
  const odd = (lines: unknown[]): CheckResult => ({ ...base, summary: { ...base.summary!, lines: lines as never } });
  const weird: unknown[][] = [
    [null, undefined, 1, 'x', [], {}],
    [{ index: 0, offset: 0 }],
    [{ index: 0, offset: 0, beneficiaries: null, editeur: { value: null, offset: 0, length: 1 }, dossier: { value: 12, offset: 0, length: 1 } }],
    [{ index: 0, offset: 0, beneficiaries: [null, { ids: null }, { ids: [null] }], editeur: { value: 'RIS-2025-0412', offset: 0, length: 1 } }],
    [
      {
        index: 0,
        offset: 0,
        beneficiaries: [],
        amount: { value: '12', offset: 0, length: 1 },
        prestation: { value: [], offset: 0, length: 1 },
        editeur: { value: ' RIS-2025-0412 ', offset: 0, length: 1 },
      },
    ],
  ];
  for (const lines of weird) {
    const cross = crossCheck([
      { file: 's', result: odd(lines) },
      { file: 'a', result: av },
    ]);
    // Values are read defensively: no rule fails on them, the avance keeps no finding.
    assert.deepEqual(cross.get('a') ?? [], []);
    assert.deepEqual(
      (cross.get('s') ?? []).map((f) => f.code).filter((c) => c.endsWith('/internal')),
      [],
    );
  }
});
