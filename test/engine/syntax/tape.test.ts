/**
 * One walker, two inputs: the fast path (tape.ts: the JSON.parse value with a tape of positions)
 * and the jsonc-parser path (`parser: 'tree'`) must give exactly the same findings, ranges and fixes, on every
 * example, fixture and pair and on mutated documents; parse.ts sends a text to the jsonc-parser tree where JS objects
 * lose the text's information (duplicate keys, integer-like keys; see parse.decision.test.ts). This replaces the
 * differential test of the two walkers walk.ts had.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { check } from '../../../server/src/segur.ts';
import { TapeNode } from '../../../server/src/engine/syntax/tape.ts';
import { parseDocument } from '../../../server/src/engine/syntax/parse.ts';
import type { JsonNode } from '../../../server/src/engine/syntax/tree.ts';
import type { CheckOptions, CheckResult } from '../../../server/src/engine/shared/types.ts';
import { settleSummary } from '../../../server/src/engine/check/summary.ts';

const fuzzModule = () => import(pathToFileURL(join(__dirname, '..', '..', '..', 'scripts', 'fuzz.mjs')).href);

/** Everything of a node a rule can read, recursively (children built on demand on the tape). */
function shape(n: JsonNode | undefined): unknown {
  if (!n) return undefined;
  return {
    type: n.type,
    offset: n.offset,
    length: n.length,
    value: n.value,
    colon: n.type === 'property' ? n.colonOffset : undefined,
    children: n.children?.map((c) => {
      assert.equal(c.parent, n, 'parent link');
      return shape(c);
    }),
  };
}

const same = (text: string, options: CheckOptions = {}) => {
  const settled = (r: CheckResult) => ({ ...r, summary: r.summary && settleSummary(r.summary) });
  const tape = settled(check(text, { ...options, parser: 'tape' }));
  const tree = settled(check(text, { ...options, parser: 'tree' }));
  assert.deepEqual(tape, tree);
  return tape;
};

test('tape nodes have the offsets, values, children and parents of the tree', async () => {
  const { corpus } = await fuzzModule();
  const texts: string[] = ['{"a": [1, "x\\"y", "\\\\", true, null, {}], "b": {"c": -1.5e3, "d\\u0041": [[]]}, "e": ""}'];
  for (const f of corpus()) texts.push(f.text);
  let compared = 0;
  for (const text of texts) {
    const tree = parseDocument(text);
    const tape = parseDocument(text, undefined, true);
    if (!tree.strict) continue;
    assert.deepEqual(shape(tape.root), shape(tree.root));
    compared++;
  }
  assert.ok(compared > 30, `${compared} documents compared`);
});

/** Every .json file under a folder (the expected outputs of the golden tests excluded). */
function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsonFiles(p));
    else if (name.endsWith('.json') && !name.endsWith('.expected.json')) out.push(p);
  }
  return out;
}

test('every example, fixture and pair: the fast path and the jsonc-parser path give the same findings', () => {
  const root = join(__dirname, '..', '..', '..');
  const files = ['examples', 'test/fixtures', 'test/pairs'].flatMap((d) => jsonFiles(join(root, d)));
  let fast = 0;
  let findings = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    // The comparison means something only where the fast path is taken: count those.
    if (parseDocument(text, undefined, true).root instanceof TapeNode) fast++;
    findings += same(text, { fileName: file }).findings.length;
  }
  assert.ok(files.length > 100, `${files.length} files`);
  assert.ok(fast > 90, `${fast} of ${files.length} files on the fast path`);
  assert.ok(findings > 50, `${findings} findings compared`);
});

test('the same findings on both paths for 1 500 mutated documents', async () => {
  const { corpus, mutate, rng } = await fuzzModule();
  const docs = corpus().filter((f: { text: string }) => f.text.length < 60_000);
  const r = rng(7);
  for (let n = 0; n < 1500; n++) {
    const base = docs[Math.floor(r() * docs.length)];
    let text = base.text;
    for (let s = 1 + Math.floor(r() * 3); s > 0; s--) text = mutate(text, r);
    if (text.length > 200_000) continue;
    same(text, { fileName: base.name });
  }
});

test('duplicate and integer-like keys: parse.ts gives the jsonc-parser tree (S12 duplicate key, positions exact)', async () => {
  const { corpus } = await fuzzModule();
  const example = corpus().find((f: { name: string }) => f.name.endsWith('examples/IMG-RIS-Va2/solde.json'))!;
  // A duplicate key inside a request line, and an integer-like key (JS objects put those first).
  const dup = example.text.replace('"numLigne":', '"numLigne": "9", "numLigne":');
  assert.notEqual(dup, example.text);
  const r = same(dup, { fileName: example.name });
  const at = dup.indexOf('"numLigne":', dup.indexOf('"numLigne": "9"') + 5);
  assert.ok(
    r.findings.some((f) => f.code.startsWith('S12') && f.offset === at),
    'duplicate key reported at the second occurrence',
  );
  const int = example.text.replace('"numLigne":', '"1": null, "numLigne":');
  const r2 = same(int, { fileName: example.name });
  assert.ok(
    r2.findings.some((f) => f.offset === int.indexOf('"1"')),
    'the integer-like key is reported where it is',
  );
});

test('the tape is scanned on demand, in any order of access, and only as far as needed', async () => {
  const { corpus } = await fuzzModule();
  const example = corpus().find((f: { name: string }) => f.name.endsWith('examples/HOP-DPI-Va2/avance.json'))!;
  const tree = parseDocument(example.text);
  const tape = parseDocument(example.text, undefined, true);
  const flat = (n: JsonNode | undefined, out: JsonNode[] = []): JsonNode[] => {
    if (!n) return out;
    out.push(n);
    for (const c of n.children ?? []) flat(c, out);
    return out;
  };
  const a = flat(tree.root);
  const b = flat(tape.root);
  assert.equal(a.length, b.length);
  // Last node first (the scan runs to the end), then the others backwards: every span is the tree's.
  for (let i = b.length - 1; i >= 0; i--) assert.deepEqual([b[i].type, b[i].offset, b[i].length], [a[i].type, a[i].offset, a[i].length]);
  // A fresh document: the first line's first value needs only the beginning of the text.
  const fresh = parseDocument(example.text, undefined, true);
  const lines = fresh.root!.children!.find((p) => p.children![0].value === 'lignesImport')!.children![1];
  const first = lines.children![0].children![0];
  const treeLines = tree.root!.children!.find((p) => p.children![0].value === 'lignesImport')!.children![1];
  const treeFirst = treeLines.children![0].children![0];
  assert.deepEqual([first.offset, first.length], [treeFirst.offset, treeFirst.length]);
  const doc = (fresh.root as unknown as { doc: { p: number; text: string } }).doc;
  assert.ok(doc.p < doc.text.length / 2, `scanned ${doc.p} of ${doc.text.length} characters`);
});

test('odd shapes give the same findings on both paths (scalar lines, nested arrays, empty containers, escapes)', async () => {
  const { corpus } = await fuzzModule();
  const example = corpus().find((f: { name: string }) => f.name.endsWith('examples/IMG-RIS-Va2/solde.json'))!;
  const variants = [
    example.text.replace('"lignesImport": [', '"lignesImport": [1, "x", null, [], {}, [[{}]], '),
    example.text.replace('"lignesImport": [', '"lignesImport": [{"a:b": "c:d", "e": "\\\\\\"q\\\\\\"", "f": [1e400, -0, 0.5]}, '),
    example.text.replace(/"numLigne": 1,/, '"numLigne": 1, "x": {"y": {"z": [[], {}, ""]}},'),
    example.text.replace(/\n/g, '\r\n'),
    example.text.replace(/ {2}/g, '\t'),
  ];
  for (const text of variants) {
    assert.notEqual(text, example.text);
    JSON.parse(text);
    same(text, { fileName: example.name });
  }
});
