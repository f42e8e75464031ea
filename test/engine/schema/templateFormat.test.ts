/**
 * The learned-template format, the template limits (schemas/templates.json) and the folder loader shared by the CLI
 * and the server (server/src/io/templates.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { learnTemplate } from '../../../server/src/segur.ts';
import { checkTemplate, TEMPLATE_LIMITS } from '../../../server/src/engine/schema/templateFormat.ts';
import { loadTemplateFolder } from '../../../server/src/io/templates.ts';
import { loadTemplates } from '../../../server/src/cli/commandLine.ts';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60000 });
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const blank = read('test/templates/official-like/IMG-RIS-Va2.solde.blank.json');
const example = read('examples/IMG-RIS-Va2/solde.json');
const KEY = 'IMG-RIS-Va2.solde';
const tmp = () => mkdtempSync(join(tmpdir(), 'segur-tpl-'));

test('blanks that are not Ségur objects, in a templates folder: each left out and named; the bundled model still checks', () => {
  const folder = tmp();
  copyFileSync(join(root, 'test/templates/hostile/blank-array.json'), join(folder, 'IMG-RIS-Va2.solde.blank.json'));
  copyFileSync(join(root, 'test/templates/hostile/blank-null.json'), join(folder, 'IMG-RIS-Va2.avance.blank.json'));
  const loaded = loadTemplateFolder(folder);
  assert.deepEqual(Object.keys(loaded.templates), []);
  assert.deepEqual(
    loaded.problems.map((p) => p.file),
    [join(folder, 'IMG-RIS-Va2.avance.blank.json'), join(folder, 'IMG-RIS-Va2.solde.blank.json')],
  );
  assert.match(
    loaded.problems[1].message.fr,
    /^le modèle vierge doit être un objet JSON avec l'en-tête Ségur .* ; c'est un tableau ; modèle ignoré, le modèle fourni s'applique$/,
  );
  const c = run('check', '--templates', folder, 'test/fixtures/IMG-RIS-Va2/S2-null-block.json');
  assert.equal(c.status, 1);
  assert.match(c.stdout, /S2\/null-block/);
  assert.equal(c.stderr.split('\n').filter((l) => l.includes('avertissement')).length, 2);
});

test('the learned-template format: every break refused with the place in the template; what learn-template writes loads again', () => {
  const good = learnTemplate(blank, example, 'IMG-RIS-Va2', 'solde', 'blank.json');
  assert.ok(checkTemplate(JSON.parse(JSON.stringify(good)), true).template);
  for (const dirName of ['HOP-DPI-Va2', 'HOP-PFI-Va2', 'IMG-DB-Va2', 'IMG-RIS-Va2', 'MDV-LGC-Va1', 'MDV-LGC-Va2']) {
    for (const kind of ['avance', 'solde'] as const) {
      const file = join(root, 'examples', dirName, `${kind}.json`);
      if (!existsSync(file)) continue;
      const text = readFileSync(file, 'utf8');
      const learned = learnTemplate(text, text, dirName, kind);
      assert.ok(checkTemplate(JSON.parse(JSON.stringify(learned)), true).template, `${dirName} ${kind}`);
    }
  }
  const mutate = (fn: (t: any) => void) => {
    const t = JSON.parse(JSON.stringify(good));
    fn(t);
    return t;
  };
  const cases: [unknown, RegExp][] = [
    ['x', /à \/ : un schéma doit être un objet, pas une chaîne/],
    [mutate((t) => (t.properties = null)), /à \/properties : un objet \(balise → schéma\) est attendu \(c'est null\)/],
    [mutate((t) => (t.properties.impId.type = 5)), /à \/properties\/impId\/type : un type JSON/],
    [mutate((t) => (t.properties.impId.type = ['string', 'string'])), /à \/properties\/impId\/type : un type JSON/],
    [mutate((t) => (t.properties.impId.type = 'function')), /à \/properties\/impId\/type : un type JSON/],
    [mutate((t) => (t.properties.lignesImport.items = [])), /à \/properties\/lignesImport\/items : un schéma doit être un objet, pas un tableau/],
    [mutate((t) => (t.properties.lignesImport.items.required = 'numLigne')), /items\/required : une liste de chaînes est attendue/],
    [mutate((t) => (t.properties.lignesImport.items['x-optional'] = 3)), /items\/x-optional : une liste de chaînes est attendue/],
    [mutate((t) => (t.properties.lignesImport.items.properties.typeAction = { enum: 'C' })), /typeAction\/enum : une liste de valeurs/],
    [mutate((t) => (t.properties.impId.propertie = {})), /à \/properties\/impId\/propertie : « propertie » n'est pas un mot-clé du format des modèles appris/],
    [mutate((t) => (t.properties.impId.maxLength = '3')), /impId\/maxLength : un nombre est attendu/],
    [mutate((t) => delete t['x-sons']), /« x-sons » \(le SONS du modèle\) manque/],
    [mutate((t) => (t['x-kind'] = 'output')), /« x-kind » doit valoir « avance » ou « solde »/],
    [mutate((t) => delete t.properties.lignesImport), /il manque l'en-tête Ségur « lignesImport »/],
    [mutate((t) => (t.properties.lignesImport = { type: 'string' })), /« lignesImport » doit être un tableau de lignes de demande/],
    [mutate((t) => (t.type = 'string')), /la racine doit être un objet/],
  ];
  for (const [t, message] of cases) {
    const c = checkTemplate(t, true);
    assert.ok(c.problem && message.test(c.problem.fr) && c.problem.en.length > 0, `${message}: ${c.problem?.fr}`);
  }
});

test('limits (schemas/templates.json): size, depth and keys, each with a clear message', () => {
  const v = JSON.parse(blank);
  let deep: unknown = null;
  for (let i = 0; i < TEMPLATE_LIMITS.maxDepth; i++) deep = { x: deep };
  v.lignesImport[0].codeTraitement = deep;
  assert.throws(
    () => learnTemplate(JSON.stringify(v), undefined, 'IMG-RIS-Va2', 'solde'),
    /the blank template nests more than 16 levels \(the template limit\)/,
  );
  const wide = JSON.parse(blank);
  for (let i = 0; i <= TEMPLATE_LIMITS.maxKeys; i++) wide.lignesImport[0][`k${i}`] = null;
  assert.throws(
    () => learnTemplate(JSON.stringify(wide), undefined, 'IMG-RIS-Va2', 'solde'),
    new RegExp(`the blank template has more than ${TEMPLATE_LIMITS.maxKeys} keys \\(the template limit\\)`),
  );
  assert.throws(
    () => learnTemplate(' '.repeat(TEMPLATE_LIMITS.maxBytes) + blank, undefined, 'IMG-RIS-Va2', 'solde'),
    /the blank template is 8\.0 MB: a template is limited to 8\.0 MB/,
  );
  // A learned template file over the limit is refused by the loader before it is read.
  const dir = tmp();
  writeFileSync(join(dir, 'big.template.json'), ' '.repeat(TEMPLATE_LIMITS.maxBytes + 1));
  assert.match(loadTemplateFolder(dir).problems[0].message.en, /^the learned template is 8\.0 MB: a template is limited to 8\.0 MB; template ignored/);
  // And one nested too deep.
  let node: Record<string, unknown> = { type: 'null' };
  for (let i = 0; i < TEMPLATE_LIMITS.maxDepth + 2; i++) node = { type: 'array', items: node };
  const learned = learnTemplate(blank, undefined, 'IMG-RIS-Va2', 'solde');
  (learned.properties!.lignesImport.items!.properties! as Record<string, unknown>).codeTraitement = node;
  assert.match(checkTemplate(JSON.parse(JSON.stringify(learned)), true).problem!.en, /the learned template nests more than 16 levels/);
});

test('the loader: learned and blank templates, a blank wins over a learned template of the same SONS × kind, an example without its blank, a FIFO', () => {
  const dir = tmp();
  copyFileSync(join(root, 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json'), join(dir, 'IMG-RIS-Va2.solde.blank.json'));
  copyFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), join(dir, 'IMG-RIS-Va2.solde.example.json'));
  writeFileSync(join(dir, 'old.template.json'), JSON.stringify(learnTemplate(example, example, 'IMG-RIS-Va2', 'solde')));
  writeFileSync(
    join(dir, 'HOP-DPI-Va2.avance.template.json'),
    JSON.stringify(learnTemplate(read('examples/HOP-DPI-Va2/avance.json'), undefined, 'HOP-DPI-Va2', 'avance')),
  );
  copyFileSync(join(root, 'examples/IMG-DB-Va2/solde.json'), join(dir, 'IMG-DB-Va2.solde.example.json'));
  const fifo = spawnSync('mkfifo', [join(dir, 'fifo.template.json')]);
  const { templates, problems } = loadTemplateFolder(dir);
  assert.deepEqual(Object.keys(templates).sort(), ['HOP-DPI-Va2.avance', KEY]);
  assert.equal(templates[KEY]['x-provenance'], 'learned:IMG-RIS-Va2.solde.blank.json');
  const byFile = Object.fromEntries(problems.map((p) => [p.file.slice(dir.length + 1), p.message.en]));
  assert.match(byFile['old.template.json'], /^ignored: .*IMG-RIS-Va2\.solde\.blank\.json already provides the IMG-RIS-Va2\.solde template$/);
  assert.match(byFile['IMG-DB-Va2.solde.example.json'], /^example without a blank template IMG-DB-Va2\.solde\.blank\.json: ignored$/);
  if (fifo.status === 0) assert.match(byFile['fifo.template.json'], /^the learned template is not a regular file; template ignored/);
  // The CLI's loadTemplates: one warning line per problem, in the language asked for.
  const lines: string[] = [];
  loadTemplates(dir, 'en', (l) => lines.push(l));
  assert.equal(lines.length, problems.length);
  assert.ok(lines.every((l) => l.startsWith('segur-json: warning: ')));
  assert.throws(() => loadTemplates(join(dir, 'nope')), /dossier de modèles illisible/);
});
