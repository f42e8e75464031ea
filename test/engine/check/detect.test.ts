/**
 * Detection of the kind and the SONS (server/src/engine/check/detect.ts) on the bundled examples and copies of them: the
 * kind from the blocks of the request lines (« facture »/« VA »: solde; « commande »: avance; « commande » with a
 * n° de dossier ASP filled in: the output JSON), the SONS from the n° ANS, else the file name, else the closest
 * model of the kind; options override both; the reason is part of the result (rule S1: docs/rules.md#s1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../../server/src/engine/syntax/parse.ts';
import { corridorOfDossier, detect, detectTooDeep, isSegurDocument, parseAnsNumber } from '../../../server/src/engine/check/detect.ts';
import type { CheckOptions } from '../../../server/src/engine/shared/types.ts';

const root = join(__dirname, '..', '..', '..');
const read = (...p: string[]) => readFileSync(join(root, ...p), 'utf8');

type Doc = { numeroAns?: string; lignesImport: Record<string, unknown>[] } & Record<string, unknown>;
const detectText = (text: string, options: CheckOptions = {}) => {
  const p = parseDocument(text, undefined, true);
  return detect(p.root, p.value, options);
};
const detectValue = (value: unknown, options: CheckOptions = {}) => detectText(JSON.stringify(value, null, 2), options);
const example = (sons: string, kind: string): Doc => JSON.parse(read('examples', sons, `${kind}.json`));

const examples = readdirSync(join(root, 'examples')).flatMap((sons) =>
  readdirSync(join(root, 'examples', sons)).map((f) => [sons, f.replace(/\.json$/, '')] as const),
);

test('the examples folder holds both kinds of several SONS (what the tests below run on)', () => {
  assert.ok(examples.length >= 10, `${examples.length} examples`);
  assert.ok(examples.some(([, k]) => k === 'avance') && examples.some(([, k]) => k === 'solde'));
});

for (const [sons, kind] of examples) {
  test(`examples/${sons}/${kind}.json: ${sons} ${kind} from its content alone (blocks and n° ANS), without a file name`, () => {
    const d = detectText(read('examples', sons, `${kind}.json`));
    const ans = parseAnsNumber(example(sons, kind).numeroAns);
    assert.equal(d.isSegur, true);
    assert.equal(d.kind, kind);
    assert.equal(d.sons, sons);
    assert.equal(d.corridor, sons.split('-')[0]);
    assert.equal(d.vague, ans.vague);
    const blocks = kind === 'solde' ? '"facture"/"VA" blocks present' : '"commande" block present';
    assert.equal(d.reason.en, `${blocks}; ANS number (${ans.software}, wave ${ans.vague})`);
    assert.match(d.reason.fr, kind === 'solde' ? /^blocs « facture »\/« VA » présents ; n° ANS/ : /^bloc « commande » présent ; n° ANS/);
  });
}

test('an avance whose request lines carry a n° de dossier ASP is the output JSON, even when the option says avance', () => {
  const doc = example('IMG-RIS-Va2', 'avance');
  for (const line of doc.lignesImport) line.numeroASP = 'FINIMG013760M0';
  const d = detectValue(doc);
  assert.equal(d.kind, 'output');
  assert.equal(d.sons, 'IMG-RIS-Va2');
  assert.match(d.reason.en, /output JSON/);
  assert.equal(detectValue(doc, { kind: 'avance' }).kind, 'output');
  // A blank n° de dossier is not filled in.
  for (const line of doc.lignesImport) line.numeroASP = '  ';
  assert.equal(detectValue(doc).kind, 'avance');
});

test('without a n° ANS, the SONS comes from the file name (in the name, or a folder as in examples/)', () => {
  const doc = example('IMG-DB-Va2', 'solde');
  delete doc.numeroAns;
  for (const fileName of ['depot/IMG-DB-Va2/solde.json', 'C:\\depot\\img_db_va2 solde.json', 'mon-IMG-DB-Va2-solde.json']) {
    const d = detectValue(doc, { fileName });
    assert.equal(d.sons, 'IMG-DB-Va2', fileName);
    assert.equal(d.kind, 'solde', fileName);
    assert.equal(d.reason.en, '"facture"/"VA" blocks present; file name', fileName);
  }
});

test('without a n° ANS or a file name: the closest model of the kind, within the corridor of the n° de dossier', () => {
  const doc = example('IMG-RIS-Va2', 'solde');
  delete doc.numeroAns;
  const d = detectValue(doc);
  assert.equal(d.kind, 'solde');
  assert.equal(d.sons, 'IMG-RIS-Va2');
  assert.equal(d.corridor, 'IMG');
  assert.equal(d.reason.en, '"facture"/"VA" blocks present; closest structure among the models');
});

test('the kind from the file name when the lines name no block; the only kind of a SONS when nothing else says', () => {
  const doc = example('IMG-RIS-Va2', 'solde');
  for (const line of doc.lignesImport) {
    delete line.facture;
    delete line.VA;
  }
  const byName = detectValue(doc, { fileName: 'ris-solde.json' });
  assert.deepEqual([byName.kind, byName.sons, byName.reason.en], ['solde', 'IMG-RIS-Va2', 'file name; ANS number (RIS, wave 2)']);
  const v1 = example('MDV-LGC-Va1', 'avance');
  for (const line of v1.lignesImport) delete line.commande;
  const only = detectValue(v1);
  assert.deepEqual([only.kind, only.sons], ['avance', 'MDV-LGC-Va1']);
  assert.equal(only.reason.en, 'ANS number (LGC, wave 1); only kind known for MDV-LGC-Va1');
});

test('options override the content: a SONS or a kind given is used and said so', () => {
  const text = read('examples', 'IMG-RIS-Va2', 'solde.json');
  const d = detectText(text, { sons: 'MDV-LGC-Va2' });
  assert.equal(d.sons, 'MDV-LGC-Va2');
  assert.equal(d.corridor, 'MDV');
  assert.equal(d.reason.en, '"facture"/"VA" blocks present; SONS set by option');
  const k = detectText(text, { kind: 'avance' });
  assert.equal(k.kind, 'avance');
  assert.match(k.reason.en, /^kind set by option; /);
});

test("not a Ségur file: another JSON document (this repository's package.json, a bare array), unless an option says it is", () => {
  for (const text of [read('package.json'), '[1, 2]', '{"impId": 1}']) {
    const d = detectText(text);
    assert.equal(d.isSegur, false, text.slice(0, 40));
    assert.equal(d.reason.en, 'not a Ségur file (no impId/numeroAns/siret/lignesImport)');
  }
  assert.equal(detectText('{"impId": 1}', { sons: 'IMG-RIS-Va2' }).isSegur, true);
  assert.equal(detectText('{"impId": 1}', { kind: 'solde' }).isSegur, true);
});

test('isSegurDocument: three header keys, or the request lines with one more (keys compared trimmed, in any case)', () => {
  assert.equal(isSegurDocument(example('HOP-DPI-Va2', 'avance')), true);
  assert.equal(isSegurDocument({ impId: 1, numeroAns: 'x', siret: 'y' }), true);
  assert.equal(isSegurDocument({ ' IMPID': 1, lignesimport: [] }), true);
  assert.equal(isSegurDocument({ lignesImport: [] }), true);
  assert.equal(isSegurDocument({ impId: 1, siret: 'y' }), false);
  assert.equal(isSegurDocument({ lignesImport: [], a: 1, b: 2 }), false);
  assert.equal(isSegurDocument([example('HOP-DPI-Va2', 'avance')]), false);
  assert.equal(isSegurDocument(null), false);
});

test("parseAnsNumber and corridorOfDossier read the examples' numbers", () => {
  assert.deepEqual(parseAnsNumber('CVA2RIS001'), { vague: 2, software: 'RIS' });
  assert.deepEqual(parseAnsNumber('cva1lgc001'), { vague: 1, software: 'LGC' });
  assert.deepEqual(parseAnsNumber('CVA2DB0001'), { vague: 2, software: 'DB' });
  assert.deepEqual(parseAnsNumber('RIS001'), {});
  assert.deepEqual(parseAnsNumber(undefined), {});
  assert.equal(corridorOfDossier('FINIMG013656M0'), 'IMG');
  assert.equal(corridorOfDossier('finhop004215M0'), 'HOP');
  assert.equal(corridorOfDossier('FIN'), undefined);
  assert.equal(corridorOfDossier(undefined), undefined);
});

test('a text nested too deep for a tree: detected from its first level, else its file name, else a request list near the start', () => {
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const head = (extra: string) => `{"impId": "1", "numeroAns": "CVA2RIS001", "siret": "12345678901234", "lignesImport": [{"facture": ${extra}}]}`;
  const fromHead = detectTooDeep(head(deep), {});
  assert.deepEqual([fromHead.isSegur, fromHead.sons], [true, 'IMG-RIS-Va2']);
  const byName = detectTooDeep(deep, { fileName: 'IMG-DB-Va2-solde.json' });
  assert.deepEqual([byName.isSegur, byName.kind, byName.sons, byName.corridor], [true, 'solde', 'IMG-DB-Va2', 'IMG']);
  assert.equal(byName.reason.en, 'nested too deep to be read whole (file name or start of the text)');
  const byLines = detectTooDeep(`{"x": 1, "lignesImport": ${deep}}`, {});
  assert.equal(byLines.isSegur, true);
  assert.equal(detectTooDeep(deep, {}).isSegur, false);
});
