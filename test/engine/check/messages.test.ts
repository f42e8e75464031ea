/**
 * Messages that say what the user can do where they read them: S1 on an undetected file names
 * the editor's picker in the editor and the options on the command line; S3 on a missing required tag says « à
 * compléter » (null only where the schema allows it); S12 in words, not parser codes; amounts as written (C4, C5,
 * V3, never rounded); hover titles name the item; provenance is the source document's name and date.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printParseErrorCode } from 'jsonc-parser';
import { check, crossCheck, RULES, PROJECT_RULES } from '../../../server/src/segur.ts';
import { hoverTitle, hover } from '../../../server/src/engine/assist/assist.ts';
import { getSchema, SONS_TABLE } from '../../../server/src/engine/schema/schemaData.ts';
import type { SchemaNode } from '../../../server/src/engine/schema/schemaData.ts';
import { SOURCE_IDS, sourceName } from '../../../server/src/engine/schema/sources.ts';
import { PARSE_ERRORS } from '../../../server/src/rules/S12-strict-json.ts';
import { amountText } from '../../../server/src/rules/util.ts';
import { rulesMarkdown } from '../../../server/src/cli/main.ts';

const root = join(__dirname, '..', '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const EXAMPLE = 'examples/IMG-RIS-Va2/solde.json';

test('S1 on an undetected file: the command line names --sons/--kind, the editor its picker (rule S1, sources 000/002/004)', () => {
  const text = read('test/fixtures/undetected/S1-undetected.json');
  const cli = check(text, { fileName: 'S1-undetected.json' }).findings.find((f) => f.code === 'S1')!;
  assert.match(cli.message.fr, /--sons\/--kind/);
  assert.match(cli.message.en, /--sons\/--kind/);
  const editor = check(text, { fileName: 'S1-undetected.json', client: 'editor' }).findings.find((f) => f.code === 'S1')!;
  assert.doesNotMatch(editor.message.fr, /--sons|--kind|option/);
  assert.match(editor.message.fr, /barre d'état/);
  assert.match(editor.message.fr, /« Ségur : Choisir le SONS et le type »/);
  assert.match(editor.message.en, /status bar.*"Ségur: Choose the SONS and kind"/);
  // The reason is in the message's language.
  const { reason } = check(text, { fileName: 'S1-undetected.json' }).detection;
  assert.ok(editor.message.en.includes(reason.en) && editor.message.fr.includes(reason.fr));
});

test('S3 on a missing tag: « à compléter » when the schema requires a value, « null » when it allows null (rule S3, source 000)', () => {
  const schema = getSchema('IMG-RIS-Va2', 'solde')!;
  const line = schema.properties!.lignesImport.items!.properties!;
  assert.equal(line.numeroEditeur.type, 'string', 'numeroEditeur is a required string');
  const src = read(EXAMPLE);
  const required = check(src.replace('"numeroEditeur": "RIS-2025-0412",\n      ', ''), { fileName: EXAMPLE }).findings.filter(
    (f) => f.code === 'S3/missing-tag',
  );
  assert.equal(required.length, 1);
  assert.match(required[0].message.fr, /« numeroEditeur » manquante.*obligatoire, à compléter/);
  assert.doesNotMatch(required[0].message.fr, /null/);
  assert.match(required[0].message.en, /required, to be filled in/);
  assert.match(required[0].fix!.title.fr, /à compléter/);
  assert.ok(Array.isArray(line.codeTraitement.type) && line.codeTraitement.type.includes('null'));
  const nullable = check(src.replace('"codeTraitement": null,\n      ', ''), { fileName: EXAMPLE }).findings.filter((f) => f.code === 'S3/missing-tag');
  assert.equal(nullable.length, 1);
  assert.match(nullable[0].message.fr, /« codeTraitement ».*elle s'écrit null/);
});

test('S12: the parser error in words, for every jsonc-parser ParseErrorCode (rule S12, source 002)', () => {
  for (let code = 1; code <= 16; code++) {
    const name = printParseErrorCode(code);
    assert.ok(PARSE_ERRORS[name], `${code} ${name} has words`);
    assert.doesNotMatch(PARSE_ERRORS[name].fr, /[A-Z][a-z]+[A-Z]/, 'French words, not a code name');
  }
  const broken = read(EXAMPLE).replace('"typeAction": "C",', '"typeAction": "C"');
  const f = check(broken, { fileName: EXAMPLE }).findings.filter((x) => x.code === 'S12/syntax');
  assert.equal(f.length, 1);
  assert.equal(f[0].message.fr, 'JSON invalide : virgule attendue entre deux éléments. Le portail rejette le fichier.');
  assert.equal(f[0].message.en, 'Invalid JSON: comma expected between two items. The portal rejects the file.');
  assert.doesNotMatch(f[0].message.fr + f[0].message.en, /CommaExpected/);
});

test('amounts as written: C4 shows 18733.333 (not 18733.33), two decimals kept (rules C4/C5/V3, sources 002/004)', () => {
  assert.equal(amountText(18733.333), '18733.333');
  assert.equal(amountText(24500), '24500.00');
  assert.equal(amountText(2750.5), '2750.50');
  assert.equal(amountText(24500, '24500'), '24500');
  assert.equal(amountText(24500, ' 24500.000 '), '24500.000');
  assert.equal(amountText(1, 'garbage'), '1.00');
  const dir = 'test/pairs/C4-above-avance';
  const solde = read(`${dir}/solde.json`).replace(
    '"montantPrestationPrincipaleSegurHTFacture": 18733.33',
    '"montantPrestationPrincipaleSegurHTFacture": 18733.333',
  );
  const entries = [
    { file: 'avance.json', result: check(read(`${dir}/avance.json`), { fileName: 'avance.json' }) },
    { file: 'solde.json', result: check(solde, { fileName: 'solde.json' }) },
  ];
  const c4 = (crossCheck(entries).get('solde.json') ?? []).filter((f) => f.code === 'C4/above').map((f) => f.message.fr);
  assert.ok(c4.includes("Montant du solde 18733.333 supérieur au montant de l'avance 18733.33 : le solde doit être inférieur ou égal."), c4.join('\n'));
  assert.ok(
    c4.some((m) => m.includes('31500.00') && m.includes('31250.00')),
    'two decimals as in the files',
  );
});

test('hover titles name the item: the key, or the array with the index', () => {
  assert.equal(hoverTitle(['lignesImport', 0, 'beneficiaires', 'Etablissements', 0]), 'Etablissements[0]');
  assert.equal(hoverTitle(['lignesImport', 0, 'beneficiaires', 'Etablissements', 0, 'FINESGeos', 1]), 'FINESGeos[1]');
  assert.equal(hoverTitle(['lignesImport', 0, 'numeroASP']), 'numeroASP');
  assert.equal(hoverTitle(['a', 1, 2]), 'a[1][2]');
  const text = read(EXAMPLE);
  const h = hover(text, text.indexOf('"010000024"') + 2, { fileName: EXAMPLE })!;
  assert.match(h.markdown, /^\*\*FINESGeos\[0\]\*\*/);
});

test('provenance: the source document by name and date, from the sources table (schemas/sources.json)', () => {
  // Every source a rule or a schema cites is in the table.
  const cited = new Set<string>([...RULES, ...PROJECT_RULES].flatMap((r) => r.meta.sources));
  const visit = (s: SchemaNode | undefined) => {
    if (!s) return;
    for (const p of [s['x-provenance'], s['x-provenance-values']])
      if (typeof p === 'string' && p.startsWith('confirmed:')) for (const id of p.slice('confirmed:'.length).split(/[,+]/)) cited.add(id.trim());
    Object.values(s.properties ?? {}).forEach(visit);
    visit(s.items);
  };
  for (const sons of SONS_TABLE.sons) for (const kind of sons.kinds) visit(getSchema(sons.id, kind));
  for (const id of cited) assert.ok(SOURCE_IDS.includes(id), `source ${id} is in schemas/sources.json`);
  assert.equal(sourceName('000', 'fr'), 'webinaire ANS/ASP du 28/04/2026, PV pilotes et demande de solde');
  const text = read(EXAMPLE);
  const h = hover(text, text.indexOf('"FINESGeos"') + 3, { fileName: EXAMPLE })!;
  assert.match(h.markdown, /Provenance : confirmée par la source « webinaire ANS\/ASP du 28\/04\/2026/);
  assert.doesNotMatch(h.markdown, /confirmée par 000/);
  // The rule catalogue names them the same way.
  assert.match(rulesMarkdown('fr'), /000 \(webinaire ANS\/ASP du 28\/04\/2026, PV pilotes et demande de solde\)/);
  assert.match(rulesMarkdown('en'), /000 \(ANS\/ASP webinar of 28\/04\/2026/);
});
