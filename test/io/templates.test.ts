/**
 * Hostile or broken official templates: they never crash, never switch checks
 * off silently, and cost linear time. Fixtures: test/templates/hostile (see its README), the official-like blank.
 * Only the engine's and the CLI's public functions are used here, so that these reproductions run on the code before
 * the fix too (the format, the limits and the loader: templateFormat.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { learnTemplate, TemplateError, check, applyEdits, selectFixes } from '../../server/src/segur.ts';
import { fixText } from '../../server/src/cli/main.ts';
import { loadTemplates } from '../../server/src/cli/commandLine.ts';
import type { SchemaNode } from '../../server/src/engine/schema/schemaData.ts';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60000 });
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const blank = read('test/templates/official-like/IMG-RIS-Va2.solde.blank.json');
const example = read('examples/IMG-RIS-Va2/solde.json');
const nullBlock = 'test/fixtures/IMG-RIS-Va2/S2-null-block.json';
const KEY = 'IMG-RIS-Va2.solde';
const codes = (text: string, templates?: Record<string, SchemaNode>) =>
  check(text, { sons: 'IMG-RIS-Va2', kind: 'solde', templates }).findings.map((f) => f.code);
const tmp = () => mkdtempSync(join(tmpdir(), 'segur-tpl-'));

test('Why 8a: a learned template with "properties": null: check --templates warns once naming it, the bundled model applies', () => {
  const dir = 'test/templates/hostile/properties-null';
  const broken = run('check', '--format', 'json', '--templates', dir, nullBlock);
  assert.equal(broken.status, 1, broken.stderr);
  const [s2] = JSON.parse(broken.stdout);
  // The fixture is a solde checked alone: C8 says no avance was compared with it.
  assert.deepEqual(
    s2.diagnostics.map((d: { code: string }) => d.code),
    ['C8/no-avance', 'S2/null-block'],
  );
  const warnings = broken.stderr.split('\n').filter((l) => l.includes('avertissement'));
  assert.equal(warnings.length, 1, broken.stderr);
  assert.match(
    warnings[0],
    /properties-null\/IMG-RIS-Va2\.solde\.template\.json : le modèle appris, à \/properties\/lignesImport\/items\/properties : un objet .* est attendu .*modèle ignoré/,
  );
  // The warning does not change the exit code: a clean file is still exit 0.
  const ok = run('check', '--lang', 'en', '--templates', dir, 'examples/IMG-RIS-Va2/solde.json');
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /warning: .*IMG-RIS-Va2\.solde\.template\.json: the learned template, at \/properties\/lignesImport\/items\/properties/);
});

test('Why 8a: the engine never crashes on a broken template given in its options: one S1/template finding, the bundled model applies', () => {
  const good = learnTemplate(blank, example, 'IMG-RIS-Va2', 'solde');
  const text = read(nullBlock);
  const brokenLines = JSON.parse(JSON.stringify(good));
  brokenLines.properties.lignesImport.items.properties = null;
  const brokenRoot = { ...JSON.parse(JSON.stringify(good)), properties: null };
  for (const t of [
    brokenLines,
    brokenRoot,
    { type: 'object', properties: { lignesImport: 5 } },
    'x' as unknown as SchemaNode,
    5 as unknown as SchemaNode,
    [] as unknown as SchemaNode,
  ]) {
    const c = codes(text, { [KEY]: t });
    assert.deepEqual(c, ['S1/template', 'S2/null-block']);
  }
  const r = check(text, { sons: 'IMG-RIS-Va2', kind: 'solde', template: brokenLines });
  assert.match(
    r.findings[0].message.fr,
    /Modèle officiel inutilisable \(le modèle appris, à \/properties\/lignesImport\/items\/properties : .*\) : le modèle fourni s'applique\./,
  );
});

test('Why 8b: learn-template refuses a blank that is a string, a number, null or an array, naming the file', () => {
  const dir = tmp();
  for (const f of ['blank-string.json', 'blank-number.json', 'blank-null.json', 'blank-array.json']) {
    const out = join(dir, `${f}.template.json`);
    const r = run('learn-template', `test/templates/hostile/${f}`, '--sons', 'IMG-RIS-Va2', '--kind', 'solde', '-o', out);
    assert.equal(r.status, 2, `${f}: ${r.stdout}`);
    assert.match(
      r.stderr,
      new RegExp(
        `test/templates/hostile/${f} : le modèle vierge doit être un objet JSON avec l'en-tête Ségur \\(impId, numeroAns, siret, lignesImport\\) ; c'est (une chaîne|un nombre|null|un tableau) / the blank template must be a JSON object`,
      ),
    );
    assert.ok(!existsSync(out), `${f}: nothing written`);
  }
});

test('Why 8b: the Ségur header shape of a blank (and of its example), each break with its own message', () => {
  const v = JSON.parse(blank);
  const cases: [unknown, RegExp][] = [
    [{ ...v, siret: undefined }, /il manque « siret »/],
    [{ impId: null, lignesImport: [{}] }, /il manque « numeroAns », « siret »/],
    [{ ...v, lignesImport: null }, /« lignesImport » doit être le tableau des lignes de demande, pas null/],
    [{ ...v, lignesImport: {} }, /« lignesImport » doit être le tableau des lignes de demande, pas un objet/],
    [{ ...v, lignesImport: [v.lignesImport[0], 'x'] }, /la ligne de demande n° 2 de « lignesImport » doit être un objet, pas une chaîne/],
    [{ ...v, lignesImport: [] }, /aucune ligne de demande dans « lignesImport » \(ni l'exemple\)/],
    [{ ...v, numeroAns: {} }, /la balise d'en-tête « numeroAns » doit être null ou une valeur, pas un objet/],
  ];
  for (const [b, message] of cases) {
    assert.throws(
      () => learnTemplate(JSON.stringify(b), undefined, 'IMG-RIS-Va2', 'solde'),
      (e: unknown) => e instanceof TemplateError && message.test(e.reason.fr) && e.reason.en.length > 0,
      String(message),
    );
  }
  // An example that is not a Ségur object is refused too; a blank without a line learns it from the example.
  assert.throws(() => learnTemplate(blank, '[]', 'IMG-RIS-Va2', 'solde'), /the example must be a JSON object/);
  const fromExample = learnTemplate(JSON.stringify({ ...v, lignesImport: [] }), example, 'IMG-RIS-Va2', 'solde');
  assert.ok(fromExample.properties!.lignesImport.items!.properties!.facture);
  assert.throws(() => learnTemplate('{"impId": null, "impId": null}', undefined, 'IMG-RIS-Va2', 'solde'), /duplicate key/);
});

test('Why 8c: __proto__, constructor and toString are ordinary keys of a learned template, never prototypes or functions', () => {
  const t = learnTemplate(read('test/templates/hostile/blank-proto-keys.json'), undefined, 'IMG-RIS-Va2', 'solde');
  const props = t.properties!.lignesImport.items!.properties!;
  assert.equal(Object.getPrototypeOf(props), null);
  assert.deepEqual(Object.keys(props).slice(0, 5), ['numLigne', '__proto__', 'constructor', 'toString', 'typeAction']);
  for (const k of ['__proto__', 'constructor', 'toString']) {
    assert.ok(Object.hasOwn(props, k), k);
    assert.deepEqual(props[k].type, ['string', 'number', 'boolean', 'null'], k);
  }
  // Written and loaded again (the loader's copy keeps them as own keys), then used: a line without them misses three
  // tags; a line with them, in template order, is clean of them.
  const dir = tmp();
  writeFileSync(join(dir, 'IMG-RIS-Va2.solde.template.json'), JSON.stringify(t, null, 2));
  const templates = loadTemplates(dir);
  const loaded = templates[KEY].properties!.lignesImport.items!.properties!;
  assert.deepEqual(Object.keys(loaded).slice(1, 4), ['__proto__', 'constructor', 'toString']);
  const missing = check(example, { templates })
    .findings.filter((f) => f.code === 'S3/missing-tag')
    .map((f) => f.pointer);
  assert.deepEqual(
    missing.filter((p) => /__proto__|constructor|toString/.test(p!)),
    [
      '/lignesImport/0/__proto__',
      '/lignesImport/0/constructor',
      '/lignesImport/0/toString',
      '/lignesImport/1/__proto__',
      '/lignesImport/1/constructor',
      '/lignesImport/1/toString',
      '/lignesImport/2/__proto__',
      '/lignesImport/2/constructor',
      '/lignesImport/2/toString',
    ],
  );
  const withKeys = example.replace(/("numLigne": \d+,)/g, '$1 "__proto__": null, "constructor": null, "toString": null,');
  assert.deepEqual(
    check(withKeys, { templates }).findings.filter((f) => /__proto__|constructor|toString/.test(f.pointer ?? '') || f.code.startsWith('S1')),
    [],
  );
  // A document key `constructor` under the bundled model is an unknown key, not Object.prototype.constructor.
  assert.deepEqual(
    codes(example.replace('"numLigne": 1,', '"numLigne": 1, "constructor": null,')).filter((c) => c !== 'V3/tranches'),
    ['S1/unknown-key'],
  );
});

test('an empty object missing template keys: one skeleton edit shared by its findings, applied once (the file stays JSON)', () => {
  const text = example.replace(/"facture": \{[^}]*\}/, '"facture": {}');
  const { findings } = check(text);
  const skeleton = findings.filter((f) => f.pointer?.startsWith('/lignesImport/0/facture/'));
  assert.equal(skeleton.length, 2);
  assert.equal(skeleton[0].fix!.edits[0], skeleton[1].fix!.edits[0], 'one edit object, not one copy per key');
  const fixed = fixText(text, {}).text;
  assert.deepEqual(JSON.parse(fixed).lignesImport[0].facture, { dateEditionFacture: null, montantPrestationPrincipaleSegurHTFacture: null });
  // Past SKELETON_KEYS missing keys each fix inserts its own key; the fixes still converge on the whole skeleton.
  const v = JSON.parse(blank);
  for (let i = 0; i < 300; i++) v.lignesImport[0].facture[`cle${i}`] = null;
  const templates = { [KEY]: learnTemplate(JSON.stringify(v), undefined, 'IMG-RIS-Va2', 'solde') };
  const big = fixText(text, { templates }).text;
  assert.equal(Object.keys(JSON.parse(big).lignesImport[0].facture).length, 303);
});

test('Why 8d: a template of 900 line keys (near the maxKeys limit) learns and checks with the right findings (timings: bench/templates.mjs)', () => {
  const N = 900;
  const v = JSON.parse(blank);
  for (let i = 1; i <= N; i++) v.lignesImport[0][`cle${i}`] = null;
  const templates = { [KEY]: learnTemplate(JSON.stringify(v), undefined, 'IMG-RIS-Va2', 'solde') };
  const doc = (fn: (i: number) => string | undefined) => {
    const d = JSON.parse(example);
    const line = d.lignesImport[0];
    d.lignesImport = [line];
    line.facture.numeroFacture = 'F1';
    const order = [
      'numLigne',
      'typeAction',
      'numeroASP',
      'numeroEditeur',
      'facture',
      'VA',
      'beneficiaires',
      'piecesJustificatives',
      'codeTraitement',
      'libelleTraitement',
    ];
    const out: Record<string, unknown> = {};
    for (const k of order) out[k] = line[k] ?? null;
    out.facture = {
      dateEditionFacture: line.facture.dateEditionFacture,
      numeroFacture: 'F1',
      montantPrestationPrincipaleSegurHTFacture: line.facture.montantPrestationPrincipaleSegurHTFacture,
    };
    out.VA = { dateSignatureVA: line.VA.dateSignatureVA, typePrestation: line.VA.typePrestation };
    for (let i = 1; i <= N; i++) {
      const k = fn(i);
      if (k !== undefined) out[k] = 'v';
    }
    d.lignesImport[0] = out;
    return JSON.stringify(d, null, 2);
  };
  const count = (text: string) => {
    const m = new Map<string, number>();
    for (const f of check(text, { templates }).findings) m.set(f.code, (m.get(f.code) ?? 0) + 1);
    m.delete('V3/tranches');
    return Object.fromEntries(m);
  };
  assert.deepEqual(count(doc((i) => `cle${i}`)), {});
  assert.deepEqual(count(doc((i) => (i % 2 ? `cle${i}` : undefined))), { 'S3/missing-tag': N / 2 });
  // One key in ten misspelt: each is explained by its template key (S1 "did you mean"), which is then not missing.
  assert.deepEqual(count(doc((i) => (i % 10 ? `cle${i}` : `cle${i}x`))), { 'S1/unknown-key': N / 10 });
  assert.deepEqual(count(doc((i) => (i % 10 ? `cle${i}` : `zz${i}`))), { 'S1/unknown-key': N / 10, 'S3/missing-tag': N / 10 });
});

test('learn-template: a blank of a known SONS written in another case learns the table spelling; the help message names the files', () => {
  const dir = tmp();
  mkdirSync(join(dir, 'sub'));
  const out = join(dir, 'sub', 'x.template.json');
  const r = run(
    'learn-template',
    'test/templates/official-like/IMG-RIS-Va2.solde.blank.json',
    'test/templates/hostile/blank-string.json',
    '--sons',
    'img-ris-va2',
    '--kind',
    'solde',
    '-o',
    out,
  );
  assert.equal(r.status, 2);
  assert.match(
    r.stderr,
    /IMG-RIS-Va2\.solde\.blank\.json \(exemple \/ example test\/templates\/hostile\/blank-string\.json\) : l'exemple doit être un objet JSON/,
  );
  const ok = run('learn-template', 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json', '--sons', 'img-ris-va2', '--kind', 'solde', '-o', out);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(readFileSync(out, 'utf8'))['x-sons'], 'IMG-RIS-Va2');
  const useIt = applyEdits(example, selectFixes(check(example, { templates: loadTemplates(join(dir, 'sub')) }).findings).edits);
  assert.match(useIt, /"numeroFacture": null/);
});
