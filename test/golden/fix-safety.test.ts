/**
 * Fix safety: for every fixture and every fix the engine offers, one at a time: the text stays strict JSON
 * (or has strictly fewer syntax errors for a syntax fix), every value outside the fixed span is unchanged, the fixed
 * finding is gone, and no new error appears. "Fix all" never applies overlapping edits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check, applyEdits, selectFixes } from '../../server/src/segur.ts';
import { parseDocument } from '../../server/src/engine/syntax/parse.ts';
import type { JsonNode } from '../../server/src/engine/syntax/tree.ts';
import type { Finding, TextEdit } from '../../server/src/engine/shared/types.ts';

const root = join(__dirname, '..', '..');
const TODAY = new Date(Date.UTC(2026, 10, 23));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') && !e.name.endsWith('expected.json') ? [join(dir, e.name)] : [],
  );

const strict = (t: string) => {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
};
const syntaxErrors = (fs: Finding[]) => fs.filter((f) => f.code.startsWith('S12/') || /literal-case|null-case/.test(f.code)).length;

/** Scalar values outside the edited spans, as a multiset. */
function valuesOutside(text: string, edits: TextEdit[]): Map<string, number> {
  const out = new Map<string, number>();
  const visit = (n: JsonNode | undefined) => {
    if (!n) return;
    if (n.children) {
      n.children.forEach((c, i) => (n.type === 'property' && i === 0 ? undefined : visit(c)));
      return;
    }
    if (edits.some((e) => n.offset < e.offset + Math.max(e.length, 1) && e.offset < n.offset + n.length)) return;
    const k = JSON.stringify(n.value);
    out.set(k, (out.get(k) ?? 0) + 1);
  };
  visit(parseDocument(text).root);
  return out;
}

for (const file of files(join(root, 'test', 'fixtures')).filter((f) => !f.includes('S9-201'))) {
  test(`every fix is safe: ${relative(root, file)}`, () => {
    const text = readFileSync(file, 'utf8');
    const options = { fileName: file, today: TODAY };
    const before = check(text, options).findings;
    const wasStrict = strict(text);
    const errorsBefore = new Set(before.filter((f) => f.severity === 'error').map((f) => f.code));
    for (const f of before.filter((x) => x.fix)) {
      const fixed = applyEdits(text, f.fix!.edits);
      const after = check(fixed, options).findings;
      const what = `${f.code} at ${f.offset}`;
      if (wasStrict) assert.ok(strict(fixed), `${what}: still strict JSON`);
      else if (syntaxErrors([f]) === 1) assert.ok(strict(fixed) || syntaxErrors(after) < syntaxErrors(before), `${what}: fewer syntax errors`);
      else assert.ok(syntaxErrors(after) <= syntaxErrors(before), `${what}: no more syntax errors`);
      assert.ok(after.filter((x) => x.code === f.code).length < before.filter((x) => x.code === f.code).length, `${what}: the finding is gone`);
      if (wasStrict) for (const a of after) assert.ok(a.severity !== 'error' || errorsBefore.has(a.code), `${what}: new error ${a.code}`);
      const was = valuesOutside(text, f.fix!.edits);
      const now = valuesOutside(fixed, []);
      for (const [v, n] of was) assert.ok((now.get(v) ?? 0) >= n, `${what}: value ${v} kept`);
    }
    // Fix all: the chosen edits never overlap (applyEdits throws on overlap).
    const { edits } = selectFixes(before);
    assert.doesNotThrow(() => applyEdits(text, edits));
  });
}
