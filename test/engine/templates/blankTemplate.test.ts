/**
 * isBlankTemplate (server/src/engine/templates/blankTemplate.ts) recognises a blank official
 * template among the user's files: Ségur-shaped (header + `lignesImport`), every leaf `null` or `[]` (rules S2/S3,
 * seed 000: a tag is written null, a block []). Blank files are made from the bundled examples (examples/<SONS>/)
 * by nulling their leaves; a filled file and a half-filled one are not blank.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceIndex } from '../../../server/src/server/shared/workspace.ts';
import { isBlankTemplate, onlyEmptyLeaves, blankFileName, asBlankTemplate } from '../../../server/src/engine/templates/blankTemplate.ts';
import { loadTemplateFolder } from '../../../server/src/io/templates.ts';
import { check } from '../../../server/src/segur.ts';

const root = join(__dirname, '..', '..', '..');
const examples = readdirSync(join(root, 'examples')).flatMap((sons) =>
  readdirSync(join(root, 'examples', sons)).map((f) => ({
    sons,
    kind: f.replace(/\.json$/, '') as 'avance' | 'solde',
    text: readFileSync(join(root, 'examples', sons, f), 'utf8'),
  })),
);

/** The example with every scalar nulled, arrays of scalars emptied, and one nulled item kept in arrays of objects. */
function blankOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.length && v[0] !== null && typeof v[0] === 'object' ? [blankOf(v[0])] : [];
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, blankOf(x)]));
  return null;
}
const blankText = (text: string) => JSON.stringify(blankOf(JSON.parse(text)), null, 2);

test('every bundled example made blank is a blank template; its name gives SONS and kind', () => {
  assert.ok(examples.length >= 11, 'the examples are there');
  for (const e of examples) {
    const blank = blankText(e.text);
    const named = isBlankTemplate(blank, { fileName: `/modeles/${e.sons}.${e.kind}.blank.json` });
    assert.deepEqual(named, { sons: e.sons, kind: e.kind, nameFits: true }, `${e.sons} ${e.kind}`);
    // A name with the SONS and the kind elsewhere in it (as downloaded): known, but not the templates folder's name.
    assert.deepEqual(isBlankTemplate(blank, { fileName: `Modele JSON ${e.sons} ${e.kind} vierge.json` }), { sons: e.sons, kind: e.kind, nameFits: false });
    // A name that says nothing: only a guess from the content (to confirm), with the right kind.
    const anon = isBlankTemplate(blank, { fileName: 'modele.json' });
    assert.ok(anon && anon.sons === undefined && anon.kind === undefined && !anon.nameFits, JSON.stringify(anon));
    assert.equal(anon.guess?.kind, e.kind, `${e.sons} ${e.kind}: kind guessed from content`);
  }
});

test('a filled file is not blank; a half-filled one (one value typed) is not either', () => {
  for (const e of examples) {
    assert.equal(isBlankTemplate(e.text, { fileName: `${e.sons}.${e.kind}.blank.json` }), undefined, `${e.sons} ${e.kind} example`);
    const half = blankOf(JSON.parse(e.text)) as Record<string, unknown>;
    half.numeroAns = 'CVA2RIS001';
    assert.equal(isBlankTemplate(JSON.stringify(half), { fileName: 'modele.json' }), undefined, 'a header value typed');
    const deep = blankOf(JSON.parse(e.text)) as { lignesImport: Record<string, unknown>[] };
    deep.lignesImport[0].numLigne = 1;
    assert.equal(isBlankTemplate(JSON.stringify(deep), { fileName: 'modele.json' }), undefined, 'a number in the line');
  }
  const b = blankText(examples[0].text);
  const m = { fileName: 'modèle vierge.json' };
  assert.ok(isBlankTemplate(b, m));
  assert.equal(isBlankTemplate(b.replace('null', '""'), m), undefined, 'an empty string is a value typed');
  assert.equal(isBlankTemplate(b.replace('null', 'false'), m), undefined, 'a boolean');
  assert.equal(isBlankTemplate(b.replace('{', '{ // modèle\n'), m), undefined, 'a comment: not strict JSON');
  assert.equal(isBlankTemplate(b.replace(/\n\s*\]\s*\}\s*$/, ',]}'), m), undefined, 'a trailing comma');
});

test('a blank-looking file whose name does not say template is a request being written (a skeleton): not a blank template', () => {
  const b = blankText(examples[0].text);
  for (const name of ['ma-demande-solde.json', 'IMG-RIS-Va2-avance.json', 'Untitled-1']) assert.equal(isBlankTemplate(b, { fileName: name }), undefined, name);
  assert.equal(isBlankTemplate(b), undefined, 'no name');
  for (const name of ['modele.json', 'Modèle JSON.json', 'x.blank.json', 'gabarit-solde.json', 'TEMPLATE.json', 'trame.json', 'vierge.json'])
    assert.ok(isBlankTemplate(b, { fileName: name }), name);
});

test('not Ségur-shaped: no header, no request line, not an object', () => {
  const m = { fileName: 'modele.json' };
  assert.equal(isBlankTemplate('{"lignesImport": [{"numLigne": null}]}', m), undefined, 'no header tags');
  assert.equal(isBlankTemplate('{"impId": null, "numeroAns": null, "siret": null, "lignesImport": []}', m), undefined, 'no request line');
  assert.equal(isBlankTemplate('[null, "lignesImport"]', m), undefined);
  assert.equal(isBlankTemplate('{"name": null, "dependencies": []}', m), undefined);
  assert.ok(
    isBlankTemplate('\ufeff{"impId": null, "numeroAns": null, "siret": null, "lignesImport": [{"numLigne": null, "blocs": []}]}', m),
    'a byte order mark is allowed',
  );
});

test('onlyEmptyLeaves: null and [] only, keys with escapes and colons inside', () => {
  assert.equal(onlyEmptyLeaves('{"a\\"b:": null, "c": [], "d": {"e": [null]}}'), true);
  assert.equal(onlyEmptyLeaves('{"a": nul}'), false);
  assert.equal(onlyEmptyLeaves('{"a": -1}'), false);
  assert.equal(onlyEmptyLeaves('{"a": "x"}'), false);
  assert.equal(onlyEmptyLeaves('{}'), false, 'no leaf at all');
});

test('the test fixtures of the templates folder: BIO-SGL-Va2 (outside the bundle) and official-like IMG-RIS-Va2 solde', () => {
  const bio = readFileSync(join(root, 'test/templates/unknown-sons/BIO-SGL-Va2.avance.blank.json'), 'utf8');
  assert.deepEqual(isBlankTemplate(bio, { fileName: 'BIO-SGL-Va2.avance.blank.json' }), { sons: 'BIO-SGL-Va2', kind: 'avance', nameFits: true });
  assert.deepEqual(isBlankTemplate(bio, { fileName: 'modele bio-sgl-va2 avance.json' }), { sons: 'BIO-SGL-Va2', kind: 'avance', nameFits: false });
  assert.equal(isBlankTemplate(readFileSync(join(root, 'test/templates/unknown-sons/BIO-SGL-Va2.avance.example.json'), 'utf8')), undefined);
  const img = readFileSync(join(root, 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json'), 'utf8');
  assert.deepEqual(isBlankTemplate(img, { fileName: 'img-ris-va2.solde.blank.json' }), { sons: 'IMG-RIS-Va2', kind: 'solde', nameFits: false });
  assert.equal(blankFileName('img-ris-va2', 'solde'), 'IMG-RIS-Va2.solde.blank.json');
  // What blankFileName names is what the templates folder loads.
  const folder = loadTemplateFolder(join(root, 'test/templates/official-like'));
  assert.deepEqual(Object.keys(folder.templates), [blankFileName('IMG-RIS-Va2', 'solde').replace(/\.blank\.json$/, '')]);
});

test('the workspace index: a blank template on disk is listed as such, never an entry the rules across files compare', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'segur-blank-index-'));
  const img = readFileSync(join(root, 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json'), 'utf8');
  writeFileSync(join(ws, 'modele-solde.json'), img);
  writeFileSync(join(ws, 'avance.json'), readFileSync(join(root, 'examples/IMG-RIS-Va2/avance.json'), 'utf8'));
  const index = new WorkspaceIndex(async () => ({}));
  await index.scan([ws]);
  const blankUri = pathToFileURL(join(ws, 'modele-solde.json')).href;
  assert.deepEqual(index.uris(), [pathToFileURL(join(ws, 'avance.json')).href]);
  assert.deepEqual(
    index.blankTemplates(),
    [{ uri: blankUri, blank: { guess: { sons: 'IMG-RIS-Va2', kind: 'solde' }, nameFits: false } }],
    'the name gives the kind only: SONS and kind are a guess',
  );
  assert.deepEqual(
    index.sameSons('IMG-RIS-Va2').map((e) => e.file),
    [pathToFileURL(join(ws, 'avance.json')).href],
  );
  // Filled in: now a request file, no longer a blank.
  writeFileSync(join(ws, 'modele-solde.json'), readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8'));
  await index.refreshFromDisk(blankUri, join(ws, 'modele-solde.json'));
  assert.deepEqual(index.blankTemplates(), []);
  assert.ok(index.uris().includes(blankUri));
  // Blank again, then deleted.
  writeFileSync(join(ws, 'modele-solde.json'), img);
  await index.refreshFromDisk(blankUri, join(ws, 'modele-solde.json'));
  assert.equal(index.blankTemplates().length, 1);
  assert.ok(!index.uris().includes(blankUri));
  index.delete(blankUri);
  assert.deepEqual(index.blankTemplates(), []);
});

test('asBlankTemplate: a request file keeps its result as it is; a blank gets one finding and no summary', () => {
  const text = readFileSync(join(root, 'test', 'fixtures', 'IMG-RIS-Va2', 'S5-plural.json'), 'utf8');
  const options = { fileName: '/x/modele-S5.json' };
  const result = check(text, options);
  assert.equal(asBlankTemplate(text, options, result, undefined).result, result);
  const blank = readFileSync(join(root, 'test', 'templates', 'official-like', 'IMG-RIS-Va2.solde.blank.json'), 'utf8');
  const flood = check(blank, { fileName: '/x/modele.json' });
  assert.ok(flood.findings.filter((f) => f.code.startsWith('S3')).length > 5, 'the engine alone: an S3 per null tag');
  const r = asBlankTemplate(blank, { fileName: '/x/modele.json' }, flood, undefined);
  assert.deepEqual(
    r.result.findings.map((f) => [f.code, f.severity, f.offset, f.length]),
    [['S1/blank-template', 'information', 0, 1]],
  );
  assert.equal(r.result.summary, undefined);
  assert.match(r.result.findings[0].message.en, /^Blank official template \(SONS and kind to choose\): every tag is null/);
});
