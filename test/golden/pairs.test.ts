/**
 * Avance ↔ solde pairs: test/pairs/<case>/{avance,solde}.json and expected.json
 *   { "rule": "C3" | null, "source": "002", "outcome": "portal's outcome",
 *     "findings": { "<file>": [{ code, range, severity, provenance }] } }
 * (provenance `source:<ids>`, `model` or `template`, as in test/golden/fixtures.test.ts)
 * The five perimeter cases of seed 002 (P1–P5) and one pair per rule across files (C1–C8). The files are checked
 * together, as the CLI does for a folder: each file's own findings plus the findings across files.
 * No two findings of the rules across files on one request line disagree, one accepting what another rejects or
 * demands (C6 accepts a v1v2 order become v2 with its amount recomputed: C4 must not ask for an equal amount there).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { check, crossCheck, LineIndex, PROJECT_RULES } from '../../server/src/segur.ts';
import { provenanceLabel } from '../helpers/provenance.ts';
import type { Finding } from '../../server/src/engine/shared/types.ts';

const base = join(__dirname, '..', 'pairs');
const TODAY = new Date(Date.UTC(2026, 10, 23));
const cases = readdirSync(base).sort();

function checked(dir: string) {
  const files = ['avance.json', 'solde.json'].map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
  const results = files.map((x) => ({ ...x, result: check(x.text, { fileName: x.file, today: TODAY }) }));
  const cross = crossCheck(results.map((r) => ({ file: r.file, result: r.result })));
  return { results, cross };
}

function run(dir: string) {
  const { results, cross } = checked(dir);
  const out: Record<string, { code: string; range: string; severity: string; provenance: string }[]> = {};
  for (const r of results) {
    const idx = new LineIndex(r.text);
    out[r.file] = [...r.result.findings, ...(cross.get(r.file) ?? [])]
      .filter((f) => f.severity !== 'hint')
      .sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code))
      .map((f) => {
        const g = idx.range(f.offset, f.length);
        return {
          code: f.code,
          range: `${g.start.line}:${g.start.character}-${g.end.line}:${g.end.character}`,
          severity: f.severity,
          provenance: provenanceLabel(f.provenance),
        };
      });
  }
  return out;
}

for (const name of cases) {
  test(`pair: ${name}`, () => {
    const dir = join(base, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    assert.deepEqual(run(dir), expected.findings);
    if (expected.rule)
      assert.ok(
        Object.values(expected.findings as Record<string, { code: string }[]>)
          .flat()
          .some((f) => f.code.split('/')[0] === expected.rule),
        `exercises ${expected.rule}`,
      );
    const rejected = /rejet/.test(expected.outcome);
    const errors = Object.values(expected.findings as Record<string, { code: string }[]>).flat().length;
    if (rejected) assert.ok(errors > 0, 'a rejected case has findings');
  });
}

/** What a finding says of its request: accepted (« accepté »), or rejected / to be changed (« rejet », « doit »). */
function verdict(f: Finding): 'accept' | 'reject' | undefined {
  const m = f.message.fr;
  if (/\baccepté/.test(m) && !/n'est pas accepté/.test(m)) return 'accept';
  if (f.severity !== 'information' && /rejet|\bdoit\b|ne peut pas/.test(m)) return 'reject';
  return undefined;
}

for (const name of cases) {
  test(`pair ${name}: no request line gets findings across files that disagree on accept / reject`, () => {
    const { results, cross } = checked(join(base, name));
    for (const r of results) {
      const lines = (r.result.summary?.lines ?? []).map((l) => l.offset).sort((a, b) => a - b);
      const lineOf = (offset: number) => lines.filter((o) => o <= offset).length;
      const byLine = new Map<number, Finding[]>();
      for (const f of cross.get(r.file) ?? []) {
        if (!/^C\d/.test(f.code)) continue;
        const n = lineOf(f.offset);
        byLine.set(n, [...(byLine.get(n) ?? []), f]);
      }
      for (const [n, fs] of byLine) {
        const accept = fs.filter((f) => verdict(f) === 'accept');
        const reject = fs.filter((f) => verdict(f) === 'reject');
        assert.ok(
          accept.length === 0 || reject.length === 0,
          `${r.file} request ${n}: ${accept.map((f) => f.code).join(', ')} accept(s) what ${reject.map((f) => f.code).join(', ')} reject(s)`,
        );
      }
    }
  });
}

test('the five perimeter cases of seed 002 and every rule across files have a pair', () => {
  const rules = new Set(cases.map((c) => JSON.parse(readFileSync(join(base, c, 'expected.json'), 'utf8')).rule));
  for (const r of PROJECT_RULES) assert.ok(rules.has(r.meta.id), r.meta.id);
  assert.equal(cases.filter((c) => c.startsWith('P')).length, 5);
});
