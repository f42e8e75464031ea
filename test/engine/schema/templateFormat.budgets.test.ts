/**
 * Hostile templates that passed the loader, kept within budgets (outcomes asserted, never timings: speed is for
 * `npm run bench`). Every limit is tested at the limit and one past it:
 * - a `pattern` is run by re2js (linear time) or refused: `^(a+)+$` against 40 characters gives its finding (with
 *   JavaScript's RegExp, 26 characters took 7 s and 28 froze the server); look-around, back-references and patterns
 *   longer than `maxPatternLength` are refused with the template, naming the place;
 * - an `enum` of 80 000 values is kept, but a message lists MAX_LISTED_VALUES of them and counts the others;
 * - `maxKeys` keys in a template at most (a blank of 49 900 keys ran a check out of memory);
 * - MAX_FINDINGS_PER_FILE findings per file, then one « … et N autres / … and N more » finding;
 * - `learn-template` refuses to write a template its loader would refuse (it wrote an 11.4 MB one the loader ignored).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, learnTemplate, TemplateError } from '../../../server/src/segur.ts';
import { capFindings } from '../../../server/src/engine/check/runner.ts';
import { checkTemplate, TEMPLATE_LIMITS } from '../../../server/src/engine/schema/templateFormat.ts';
import { MAX_FINDINGS_PER_FILE, MAX_LISTED_VALUES } from '../../../server/src/engine/schema/limits.ts';
import { loadTemplateFolder } from '../../../server/src/io/templates.ts';
import type { SchemaNode } from '../../../server/src/engine/schema/schemaData.ts';
import type { Finding } from '../../../server/src/engine/shared/types.ts';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60000, killSignal: 'SIGKILL' });
const blankText = readFileSync(join(root, 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json'), 'utf8');
const exampleText = readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8');
const KEY = 'IMG-RIS-Va2.solde';
const tmp = () => mkdtempSync(join(tmpdir(), 'segur-budget-'));

/** The learned template of the official-like blank, with `edit` applied to the schema of the request line's `numeroEditeur`. */
function templateWith(edit: (s: SchemaNode) => void): SchemaNode {
  const t = learnTemplate(blankText, exampleText, 'IMG-RIS-Va2', 'solde');
  edit(t.properties!.lignesImport.items!.properties!.numeroEditeur);
  return t;
}
/** The example solde with every request's `numeroEditeur` set to `value`. */
function exampleWith(value: string): string {
  const d = JSON.parse(exampleText);
  for (const l of d.lignesImport) l.numeroEditeur = value;
  return JSON.stringify(d, null, 2);
}
/** Keys in all of a learned template's `properties` (what checkTemplate counts). */
function propertyKeys(t: SchemaNode): number {
  let n = 0;
  const walk = (s: SchemaNode) => {
    for (const child of Object.values(s.properties ?? {})) {
      n++;
      walk(child);
    }
    if (s.items) walk(s.items);
  };
  walk(t);
  return n;
}

test('an exponential pattern runs in linear time (re2js): ^(a+)+$ against 40 characters gives its finding', () => {
  const t = templateWith((s) => {
    s.type = 'string';
    s.pattern = '^(a+)+$';
  });
  const c = checkTemplate(t, true);
  assert.ok(c.template, 'the pattern compiles with re2js: the template is kept');
  const r = check(exampleWith(`${'a'.repeat(40)}b`), { templates: { [KEY]: c.template } });
  const hits = r.findings.filter((f) => f.pointer?.endsWith('/numeroEditeur') && f.code.endsWith('/schema'));
  assert.equal(hits.length, 3, 'one pattern finding per request');
  assert.match(hits[0].message.en, /pattern/);
  assert.deepEqual(
    check(exampleWith('a'.repeat(40)), { templates: { [KEY]: c.template } }).findings.filter((f) => f.pointer?.endsWith('/numeroEditeur')),
    [],
    'a matching value: no finding',
  );
});

test('patterns re2js cannot run are refused with the template, naming the place; maxPatternLength at the limit and past it', () => {
  for (const p of ['(?=a)a', '(a)\\1', '(?<!a)b', 'a{5000}']) {
    const c = checkTemplate(
      templateWith((s) => (s.pattern = p)),
      true,
    );
    assert.ok(c.problem, `refused: ${p}`);
    assert.match(c.problem.fr, /\/properties\/lignesImport\/items\/properties\/numeroEditeur\/pattern : motif que le moteur linéaire/);
    assert.match(c.problem.en, /linear-time engine/);
  }
  const max = TEMPLATE_LIMITS.maxPatternLength;
  assert.ok(
    checkTemplate(
      templateWith((s) => (s.pattern = 'a'.repeat(max))),
      true,
    ).template,
    'a pattern of maxPatternLength characters is kept',
  );
  const over = checkTemplate(
    templateWith((s) => (s.pattern = 'a'.repeat(max + 1))),
    true,
  );
  assert.match(over.problem?.en ?? '', new RegExp(`pattern of ${max + 1} characters: a pattern is limited to ${max} characters`));
  // The loader says so for a file, and the bundled model applies.
  const dir = tmp();
  writeFileSync(join(dir, `${KEY}.template.json`), JSON.stringify(templateWith((s) => (s.pattern = '(?=a)a'))));
  const loaded = loadTemplateFolder(dir);
  assert.deepEqual(Object.keys(loaded.templates), []);
  assert.match(loaded.problems[0].message.en, /linear-time engine.*template ignored, the bundled model applies/);
});

test('an enum of 80 000 values is kept, but a message lists MAX_LISTED_VALUES of them and counts the others', () => {
  const values = Array.from({ length: 80000 }, (_, i) => `V${i}`);
  const t = templateWith((s) => {
    s.type = 'string';
    s.enum = values;
  });
  const r = check(exampleWith('autre'), { templates: { [KEY]: checkTemplate(t, true).template! } });
  const hits = r.findings.filter((f) => f.pointer?.endsWith('/numeroEditeur'));
  assert.equal(hits.length, 3);
  for (const f of hits) {
    assert.equal((f.message.fr.match(/"V\d+"/g) ?? []).length, MAX_LISTED_VALUES, f.message.fr);
    assert.match(f.message.fr, /… et 79\s990 autres\.$/);
    assert.match(f.message.en, /… and 79,990 more\.$/);
  }
  assert.deepEqual(
    check(exampleWith('V79999'), { templates: { [KEY]: checkTemplate(t, true).template! } }).findings.filter((f) => f.pointer?.endsWith('/numeroEditeur')),
    [],
    'a value of the enum (the last one)',
  );
  // At the limit every value is listed; one more is counted.
  const message = (n: number) => {
    const tt = templateWith((s) => {
      s.type = 'string';
      s.enum = values.slice(0, n);
    });
    return check(exampleWith('autre'), { templates: { [KEY]: tt } }).findings.find((f) => f.pointer?.endsWith('/numeroEditeur'))!.message;
  };
  const at = message(MAX_LISTED_VALUES);
  assert.equal((at.fr.match(/"V\d+"/g) ?? []).length, MAX_LISTED_VALUES);
  assert.doesNotMatch(at.fr, /autre/);
  const past = message(MAX_LISTED_VALUES + 1);
  assert.equal((past.fr.match(/"V\d+"/g) ?? []).length, MAX_LISTED_VALUES);
  assert.match(past.fr, /… et 1 autre\.$/);
  assert.match(past.en, /… and 1 more\.$/);
});

test('maxKeys: a blank of maxKeys keys learns, one more key is refused (learn, loader, learned template)', () => {
  const base = JSON.parse(blankText);
  const keysOf = (v: unknown): number =>
    Array.isArray(v)
      ? v.reduce((n: number, x) => n + keysOf(x), 0)
      : v && typeof v === 'object'
        ? Object.values(v).reduce((n: number, x) => n + 1 + keysOf(x), 0)
        : 0;
  const withKeys = (total: number) => {
    const b = JSON.parse(blankText);
    for (let i = keysOf(base); i < total; i++) b.lignesImport[0][`cle${i}`] = null;
    assert.equal(keysOf(b), total);
    return JSON.stringify(b);
  };
  const max = TEMPLATE_LIMITS.maxKeys;
  // The blank itself: maxKeys + 1 keys refused as it is read.
  assert.throws(
    () => learnTemplate(withKeys(max + 1), undefined, 'IMG-RIS-Va2', 'solde'),
    (e: unknown) => e instanceof TemplateError && new RegExp(`le modèle vierge a plus de ${max} balises`).test(e.reason.fr),
  );
  // The learned template has the model's keys of the blocks the blank leaves empty: a blank whose learned template
  // has exactly maxKeys keys learns; one key more is refused.
  const extra = propertyKeys(learnTemplate(blankText, undefined, 'IMG-RIS-Va2', 'solde')) - keysOf(base);
  const learned = learnTemplate(withKeys(max - extra), undefined, 'IMG-RIS-Va2', 'solde');
  assert.equal(propertyKeys(learned), max);
  assert.throws(
    () => learnTemplate(withKeys(max - extra + 1), undefined, 'IMG-RIS-Va2', 'solde'),
    (e: unknown) => e instanceof TemplateError && new RegExp(`le modèle appris a plus de ${max} balises`).test(e.reason.fr),
  );
  const dir = tmp();
  writeFileSync(join(dir, `${KEY}.blank.json`), withKeys(max + 1));
  const loaded = loadTemplateFolder(dir);
  assert.deepEqual(Object.keys(loaded.templates), []);
  assert.match(loaded.problems[0].message.en, new RegExp(`more than ${max} keys`));
  // A learned template file: maxKeys property keys kept, one more refused.
  const grow = (n: number) => {
    const t = learnTemplate(blankText, undefined, 'IMG-RIS-Va2', 'solde');
    const line = t.properties!.lignesImport.items!.properties!;
    for (let i = propertyKeys(t); i < n; i++) line[`cle${i}`] = { type: ['string', 'null'] };
    assert.equal(propertyKeys(t), n);
    return t;
  };
  assert.ok(checkTemplate(grow(max), true).template);
  assert.match(checkTemplate(grow(max + 1), true).problem?.en ?? '', new RegExp(`more than ${max} keys`));
  // 200 requests against the largest template: the check completes, its findings capped.
  const doc = JSON.parse(exampleText);
  doc.lignesImport = Array.from({ length: 200 }, (_, i) => ({ ...doc.lignesImport[0], numLigne: i + 1 }));
  const r = check(JSON.stringify(doc, null, 2), { templates: { [KEY]: learned } });
  assert.equal(r.findings.length, MAX_FINDINGS_PER_FILE + 1);
  const last = r.findings.at(-1)!;
  assert.equal(last.code, 'S9/more-findings');
  assert.equal(last.severity, 'error', 'errors among those left out: the last finding is an error');
  assert.match(last.message.fr, /^… et [\d\s]+ autres constats \(dont [\d\s]+ erreurs\) non affichés : l'outil en montre 10\s000 par fichier/);
  assert.match(last.message.en, /^… and [\d,]+ more findings \([\d,]+ errors\) not shown: the tool shows 10,000 per file/);
});

test('findings per file: MAX_FINDINGS_PER_FILE kept as they are, one more gives the « and 1 more » finding', () => {
  const finding = (i: number, severity: Finding['severity'] = 'warning'): Finding => ({
    code: 'S8/value',
    severity,
    message: { fr: 'x', en: 'x' },
    offset: i,
    length: 1,
    provenance: { kind: 'source', sources: [] },
  });
  const at = Array.from({ length: MAX_FINDINGS_PER_FILE }, (_, i) => finding(i));
  capFindings(at, undefined);
  assert.equal(at.length, MAX_FINDINGS_PER_FILE);
  assert.ok(at.every((f) => f.code === 'S8/value'));
  const past = Array.from({ length: MAX_FINDINGS_PER_FILE + 1 }, (_, i) => finding(i, i === MAX_FINDINGS_PER_FILE ? 'information' : 'warning'));
  capFindings(past, undefined);
  assert.equal(past.length, MAX_FINDINGS_PER_FILE + 1);
  const last = past.at(-1)!;
  assert.equal(last.code, 'S9/more-findings');
  assert.equal(last.severity, 'information', 'the severity of the worst one left out');
  assert.equal(last.offset, MAX_FINDINGS_PER_FILE - 1, 'placed at the last finding shown: the list stays in order');
  assert.match(last.message.fr, /^… et 1 autre constat non affiché/);
  assert.match(last.message.en, /^… and 1 more finding not shown/);
});

test('learn-template refuses to write a template its loader would refuse (over maxBytes once learned)', () => {
  // Within the limits as a blank (keys, bytes), over maxBytes once learned: each key is written twice.
  const b = JSON.parse(blankText);
  const width = Math.ceil(TEMPLATE_LIMITS.maxBytes / 700);
  for (let i = 0; i < 600; i++) b.lignesImport[0][`${String(i).padStart(4, '0')}${'k'.repeat(width)}`] = null;
  const dir = tmp();
  const blank = join(dir, 'IMG-RIS-Va2.solde.blank.json');
  writeFileSync(blank, JSON.stringify(b));
  assert.ok(readFileSync(blank).length < TEMPLATE_LIMITS.maxBytes);
  mkdirSync(join(dir, 'out'));
  const target = join(dir, 'out', `${KEY}.template.json`);
  const r = run('learn-template', blank, '--sons', 'IMG-RIS-Va2', '--kind', 'solde', '-o', target);
  assert.equal(r.status, 2, r.stderr);
  assert.match(
    r.stderr,
    /le modèle appris fait [\d.]+ Mo : un modèle est limité à 8\.0 Mo \/ the learned template is [\d.]+ MB: a template is limited to 8\.0 MB/,
  );
  assert.equal(existsSync(target), false, 'nothing written');
  // The same blank in a templates folder: refused by the loader in the same words (learned on load).
  const ok = run('learn-template', 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json', '--sons', 'IMG-RIS-Va2', '--kind', 'solde', '-o', target);
  assert.equal(ok.status, 0, ok.stderr);
  assert.ok(loadTemplateFolder(join(dir, 'out')).templates[KEY], 'what learn-template writes loads');
});
