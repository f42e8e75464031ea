/**
 * Golden files: every example validates clean; every broken fixture gives exactly its expected findings
 * (code + range); `--fix` turns it into strict JSON that keeps every untouched value, and the fixed findings are gone.
 * Fixture layout: test/fixtures/<SONS>/<case>.json + <case>.expected.json
 *   { "rule": "S5", "source": "000", "options": {...}?,
 *     "findings": [{ "code": "S5", "range": "l:c-l:c", "severity": "error", "provenance": "source:000" }] }
 * (0-based lines and characters, as in LSP; provenance `source:<ids>` (the documents of schemas/sources.json),
 * `model` or `template`). A fixture
 * with `"clean": true` shows that its rule no longer fires on a file it used to flag (the seeds'
 * contradictions): its findings may be empty. `options.today` (ISO text) pins the check date (rule D1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check, LineIndex, RULES } from '../../server/src/segur.ts';
import { fixText } from '../../server/src/cli/main.ts';
import { parseDocument } from '../../server/src/engine/syntax/parse.ts';
import type { JsonNode } from '../../server/src/engine/syntax/tree.ts';
import { provenanceLabel } from '../helpers/provenance.ts';

const root = join(__dirname, '..', '..');
const TODAY = new Date(Date.UTC(2026, 10, 23));

function files(dir: string, pred: (f: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), pred) : pred(e.name) ? [join(dir, e.name)] : []))
    .sort();
}

function rangeOf(text: string, offset: number, length: number): string {
  const r = new LineIndex(text).range(offset, length);
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Scalar leaves of a document (values only), to prove a fix lost none. */
function leaves(node: JsonNode | undefined, out: Map<string, number>, skip: (n: JsonNode) => boolean): void {
  if (!node) return;
  if (node.children) {
    for (const c of node.children) {
      if (node.type === 'property' && c === node.children[0]) continue; // key
      leaves(c, out, skip);
    }
    return;
  }
  if (skip(node)) return;
  const k = JSON.stringify(node.value);
  out.set(k, (out.get(k) ?? 0) + 1);
}

const examples = files(join(root, 'examples'), (f) => f.endsWith('.json'));

test('there is an example for each SONS × kind of schemas/sons.json', () => {
  const table = JSON.parse(readFileSync(join(root, 'schemas', 'sons.json'), 'utf8')) as { sons: { id: string; kinds: string[] }[] };
  for (const s of table.sons) for (const k of s.kinds) assert.ok(existsSync(join(root, 'examples', s.id, `${k}.json`)), `examples/${s.id}/${k}.json`);
});

for (const file of examples) {
  test(`example validates clean: ${relative(root, file)}`, () => {
    const text = readFileSync(file, 'utf8');
    // D1 (deposit windows) depends on the check date, not on the file: some examples' windows are closed at TODAY
    // (see the D1 test below).
    const { detection, findings } = check(text, { fileName: file, today: TODAY, severities: { D1: 'off' } });
    assert.equal(detection.isSegur, true);
    const parts = file.split(/[\\/]/);
    assert.equal(detection.sons, parts[parts.length - 2], 'SONS detected');
    assert.equal(detection.kind, parts[parts.length - 1].replace('.json', ''), 'kind detected');
    // Hints are not problems (V3/tranches says which ceiling tranches an amount fits).
    assert.deepEqual(
      findings.filter((f) => f.severity !== 'hint').map((f) => `${f.code} ${rangeOf(text, f.offset, f.length)} ${f.message.fr}`),
      [],
    );
    // Detection from content alone, without the file name.
    const blind = check(text, { today: TODAY }).detection;
    assert.equal(blind.sons, detection.sons, 'SONS detected from content');
  });
}

test('D1: at TODAY the examples whose deposit window is closed get one warning at their top, and only those', () => {
  const closed = examples.filter((file) => check(readFileSync(file, 'utf8'), { fileName: file, today: TODAY }).findings.some((f) => f.code.startsWith('D1')));
  assert.deepEqual(
    closed.map((f) => relative(root, f).replace(/\\/g, '/')),
    ['examples/HOP-DPI-Va2/avance.json', 'examples/HOP-PFI-Va2/avance.json', 'examples/MDV-LGC-Va1/avance.json'],
  );
  for (const file of closed) {
    const d1 = check(readFileSync(file, 'utf8'), { fileName: file, today: TODAY }).findings.filter((f) => f.code.startsWith('D1'));
    assert.deepEqual(
      d1.map((f) => [f.code, f.severity, f.offset, f.length]),
      [['D1/closed', 'warning', 0, 1]],
    );
  }
});

const fixtures = files(join(root, 'test', 'fixtures'), (f) => f.endsWith('.json') && !f.endsWith('.expected.json'));

for (const file of fixtures) {
  const name = relative(root, file);
  const expectedFile = file.replace(/\.json$/, '.expected.json');
  test(`fixture: ${name}`, () => {
    assert.ok(existsSync(expectedFile), `${expectedFile} missing`);
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as {
      rule: string;
      clean?: boolean;
      options?: Record<string, string>;
      findings: { code: string; range: string; severity: string; provenance: string }[];
    };
    const text = readFileSync(file, 'utf8');
    const { templateFile, today, ...rest } = expected.options ?? {};
    const template = templateFile ? JSON.parse(readFileSync(join(root, templateFile), 'utf8')) : undefined;
    const options = { fileName: file, today: today ? new Date(today) : TODAY, ...rest, template };
    const { findings } = check(text, options);
    const got = findings.map((f) => ({
      code: f.code,
      range: rangeOf(text, f.offset, f.length),
      severity: f.severity,
      provenance: provenanceLabel(f.provenance),
    }));
    assert.deepEqual(got, expected.findings);
    if (!expected.clean)
      assert.ok(
        expected.findings.some((f) => f.code.split('/')[0] === expected.rule),
        `the fixture exercises ${expected.rule}`,
      );

    // Fix safety: strict JSON after --fix, no value lost, the fixed findings gone, no new error.
    if (!findings.some((f) => f.fix?.safe)) return;
    const fixed = fixText(text, options).text;
    assert.doesNotThrow(() => JSON.parse(fixed), 'fixed text is strict JSON');
    const after = check(fixed, options).findings;
    assert.deepEqual(
      after.filter((f) => f.fix?.safe).map((f) => f.code),
      [],
      'no safe fix left',
    );
    const before = new Set(findings.map((f) => f.code));
    assert.deepEqual(
      after.filter((f) => f.severity === 'error' && !before.has(f.code)).map((f) => f.code),
      [],
      'no new error',
    );
    const touched = findings.filter((f) => f.fix?.safe).flatMap((f) => f.fix!.edits);
    const inEdit = (n: JsonNode) => touched.some((e) => n.offset < e.offset + e.length && e.offset < n.offset + n.length);
    const was = new Map<string, number>();
    leaves(parseDocument(text).root, was, inEdit);
    const now = new Map<string, number>();
    leaves(parseDocument(fixed).root, now, () => false);
    for (const [v, n] of was) assert.ok((now.get(v) ?? 0) >= n, `value ${v} kept after fix`);
  });
}

test('every rule of the engine has at least one fixture that fails without it', () => {
  const covered = new Set<string>();
  for (const file of fixtures) {
    const exp = JSON.parse(readFileSync(file.replace(/\.json$/, '.expected.json'), 'utf8')) as { findings: { code: string }[] };
    for (const f of exp.findings) covered.add(f.code.split('/')[0]);
  }
  // The rules on the attachment files (P1–P4) judge what a folder holds, not the JSON text: a fixture alone cannot
  // make them fail; their real files are in test/cli/checkAttachments.test.ts and test/lsp/attachments-in-editor.test.ts.
  const onDisk = (r: (typeof RULES)[number]) => /^P\d+$/.test(r.meta.id);
  const missing = RULES.filter((r) => !onDisk(r))
    .map((r) => r.meta.id)
    .filter((id) => !covered.has(id));
  assert.deepEqual(missing, []);
});
