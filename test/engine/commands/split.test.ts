/**
 * split (engine/commands/split.ts): over every example and generated files, the parts hold every request of the
 * input once, each request's text byte for byte but its numLigne (renumbered from 1), the text around the requests
 * byte for byte, and no part has an error the input has not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseTree, findNodeAtLocation, type Node } from 'jsonc-parser';
import { splitRequests, splitFileName, check, SplitError, SONS_TABLE, type SplitResult } from '../../../server/src/segur.ts';

const root = join(__dirname, '..', '..', '..');
const MAX = SONS_TABLE.maxRequestsPerFile;

type Generate = (sons: string, kind: string, n: number) => string;
const bench = import(pathToFileURL(join(root, 'bench', 'generate.mjs')).href) as Promise<{ generate: Generate }>;

/** Each request's text and the text before the first and after the last, read by jsonc-parser (not by split.ts). */
function pieces(text: string): { items: string[]; before: string; after: string } {
  const tree = parseTree(text.replace(/^\ufeff/, ' '))!;
  const arr = findNodeAtLocation(tree, ['lignesImport']) as Node;
  const kids = arr.children!;
  const items = kids.map((k) => text.slice(k.offset, k.offset + k.length));
  const last = kids[kids.length - 1];
  return { items, before: text.slice(0, kids[0].offset), after: text.slice(last.offset + last.length) };
}

/** A request's text with its numLigne written `n` (the first `"numLigne": …` in it: the line's own key). */
const renumbered = (item: string, n: number) => item.replace(/("numLigne"\s*:\s*)\d+/, `$1${n}`);

const errorCodes = (text: string, options = {}) =>
  new Set(
    check(text, options)
      .findings.filter((f) => f.severity === 'error')
      .map((f) => f.code),
  );

/** Every property split must keep (see the module's comment). */
function assertSplit(name: string, input: string, r: SplitResult): void {
  const { items, before, after } = pieces(input);
  assert.equal(r.count, items.length, name);
  const seen = r.parts.flatMap((p) => p.lines).sort((a, b) => a - b);
  assert.deepEqual(
    seen,
    items.map((_, i) => i),
    `${name}: every request once`,
  );
  const inputErrors = errorCodes(input);
  for (const p of r.parts) {
    const got = pieces(p.text);
    assert.equal(got.before, before, `${name}: the text before the requests byte for byte`);
    assert.equal(got.after, after, `${name}: the text after the requests byte for byte`);
    assert.deepEqual(
      got.items,
      p.lines.map((i, k) => renumbered(items[i], k + 1)),
      `${name}: each request's text but numLigne`,
    );
    assert.deepEqual(
      JSON.parse(p.text.replace(/^\ufeff/, '')).lignesImport.map((l: { numLigne: number }) => l.numLigne),
      p.lines.map((_, k) => k + 1),
    );
    const added = [...errorCodes(p.text)].filter((c) => !inputErrors.has(c));
    assert.deepEqual(added, [], `${name}: no new error in a part`);
  }
}

const examples = readdirSync(join(root, 'examples')).flatMap((sons) =>
  readdirSync(join(root, 'examples', sons)).map((f) => ({ sons, kind: f.replace(/\.json$/, ''), file: join(root, 'examples', sons, f) })),
);

for (const e of examples) {
  test(`split the ${e.sons} ${e.kind} example: one request per part, by VAT, by errors`, () => {
    const text = readFileSync(e.file, 'utf8');
    const one = splitRequests(text, { max: 1 });
    assert.equal(one.parts.length, one.count);
    assertSplit(`${e.sons} ${e.kind} --max 1`, text, one);
    assertSplit(`${e.sons} ${e.kind} --by-vat --errors`, text, splitRequests(text, { byVat: true, errors: true }));
    // Within the limit and one regime: nothing to split, the one part is the input itself.
    const whole = splitRequests(text, {});
    assert.equal(whole.parts.length, 1);
    assert.equal(whole.parts[0].text, text);
  });
}

test('a generated file of 450 requests: parts of at most the S9 limit, S9 gone, nothing else new', async () => {
  const { generate } = await bench;
  const text = generate('IMG-RIS-Va2', 'avance', 450);
  assert.ok(errorCodes(text).has('S9'));
  const r = splitRequests(text);
  assert.deepEqual(
    r.parts.map((p) => p.lines.length),
    [MAX, MAX, 450 - 2 * MAX].filter((n) => n > 0),
  );
  assertSplit('450 requests', text, r);
  for (const p of r.parts) assert.ok(!errorCodes(p.text).has('S9'));
  assert.deepEqual(
    r.parts.map((p) => splitFileName('lot/avance.json', p.tags)),
    ['avance-1.json', 'avance-2.json', 'avance-3.json'],
  );
});

test('a generated avance with two VAT regimes: one part per regime, S11 gone', async () => {
  const { generate } = await bench;
  const doc = JSON.parse(generate('IMG-RIS-Va2', 'avance', 12));
  // The regime and rate of some lines changed to HT 0 (the example writes them in `commande`).
  for (const i of [2, 5, 9]) Object.assign(doc.lignesImport[i].commande, { regimeTVA: 'HT', tauxTVA: 0 });
  const text = JSON.stringify(doc, null, 2) + '\n';
  assert.ok(errorCodes(text).has('S11'), 'the input mixes regimes');
  const r = splitRequests(text, { byVat: true });
  assert.equal(r.parts.length, 2);
  assert.deepEqual(r.parts[1].lines, [2, 5, 9]);
  assertSplit('two regimes', text, r);
  for (const p of r.parts) assert.ok(!errorCodes(p.text).has('S11'));
  assert.deepEqual(
    r.parts.map((p) => splitFileName('avance.json', p.tags)),
    ['avance-tva-ttc-20.json', 'avance-tva-ht-0.json'],
  );
});

test('--errors: the requests with errors apart (004), numbered from 1 in both files; the others check clean', async () => {
  const { generate } = await bench;
  const doc = JSON.parse(generate('IMG-RIS-Va2', 'avance', 30));
  // A FINESS whose check key is wrong (an error resting on the FINESS standard) in two requests.
  for (const i of [3, 17]) {
    const geos: string[] = doc.lignesImport[i].beneficiaires.Etablissements[0].FINESGeos;
    geos[0] = geos[0].slice(0, 8) + ((Number(geos[0][8]) + 1) % 10);
  }
  const text = JSON.stringify(doc, null, 2) + '\n';
  const r = splitRequests(text, { errors: true });
  assert.equal(r.withErrors, 2);
  assert.equal(r.errorsOutside, false);
  assert.deepEqual(
    r.parts.map((p) => p.lines.length),
    [28, 2],
  );
  assert.deepEqual(r.parts[1].lines, [3, 17]);
  assertSplit('errors', text, r);
  assert.deepEqual([...errorCodes(r.parts[0].text)], [], 'the file to deposit has no error');
  assert.deepEqual(
    r.parts.map((p) => splitFileName('DPI_avance.JSON', p.tags)),
    ['DPI_avance-a-deposer.json', 'DPI_avance-a-corriger.json'],
  );
});

test("the file's style is kept: BOM, CRLF, tabs, one-line requests, a numLigne written as text", () => {
  const base = JSON.parse(readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'avance.json'), 'utf8'));
  const tabbed = JSON.stringify(base, null, '\t').replace(/\n/g, '\r\n');
  const text = '\ufeff' + tabbed.replace('"numLigne": 2', '"numLigne": "2"') + '\r\n';
  const r = splitRequests(text, { max: 2 });
  assert.equal(r.parts.length, 2);
  assert.ok(r.parts.every((p) => p.text.startsWith('\ufeff{\r\n\t"impId"') && p.text.endsWith('}\r\n') && !/[^\r]\n/.test(p.text)));
  // The request written "numLigne": "2" is the second of part 1: it stays text.
  assert.match(r.parts[0].text, /"numLigne": "2"/);
  assert.match(r.parts[1].text, /"numLigne": 1,/);
  // A compact file: its separator is a bare comma.
  const compact = JSON.stringify(base);
  const c = splitRequests(compact, { max: 1 });
  assert.equal(c.parts.length, 3);
  assert.equal(
    c.parts[2].text,
    compact.slice(0, compact.indexOf('[{') + 1) + JSON.stringify({ ...base.lignesImport[2], numLigne: 1 }) + compact.slice(compact.lastIndexOf('}]') + 1),
  );
});

test('bad input: a clear SplitError, never a crash', () => {
  const reasons = (text: string, options = {}) => {
    try {
      splitRequests(text, options);
    } catch (e) {
      assert.ok(e instanceof SplitError, String(e));
      return e.reason.fr;
    }
    assert.fail('no error');
  };
  const ex = readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'avance.json'), 'utf8');
  assert.match(reasons(ex.replace('"typeAction": "C",', '"typeAction": "C",,')), /syntaxe JSON/);
  assert.match(reasons(ex.replace('"impId": null,', '// x\n"impId": null,')), /syntaxe JSON/);
  assert.match(reasons(''), /syntaxe JSON/);
  assert.match(reasons('{"impId": null}'), /pas de liste « lignesImport »/);
  assert.match(reasons('{"lignesImport": []}'), /vide/);
  assert.match(reasons('[1, 2]'), /pas de liste/);
  assert.match(reasons(ex, { max: 0 }), /au moins 1/);
  assert.match(reasons(ex, { max: 1.5 }), /au moins 1/);
});
