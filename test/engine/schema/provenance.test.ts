/**
 * Every finding carries its provenance, and severity follows it:
 * - `source` (a seed or public document, named by its id of schemas/sources.json), `model` (only the bundled model: a
 *   modelled key, order, enumeration, pattern or requiredness) or `template` (an official template the user loaded),
 *   decided by the engine from the schema annotations the finding rests on (`x-provenance`, `x-provenance-values`);
 * - a `model` finding is a warning by default, its message says it is modelled and how to load the official template,
 *   and never « le portail rejette »; `modelledSeverity` (`--modelled`, `segur.modelled.severity`) changes that, and a
 *   per-rule severity still wins;
 * - outputs: `--format json` (`provenance`), SARIF (`properties.provenance`), exit code.
 * Checked over every example (and every key of it deleted, and an unknown key added to every object), every fixture
 * and every avance/solde pair.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check, crossCheck, learnTemplate, RULES, PROJECT_RULES } from '../../../server/src/segur.ts';
import type { CheckOptions, Finding } from '../../../server/src/engine/shared/types.ts';
import { SOURCE_IDS } from '../../../server/src/engine/schema/sources.ts';
import { parseProvenance, modelledLevel } from '../../../server/src/engine/schema/provenance.ts';
import { parseDocument } from '../../../server/src/engine/syntax/parse.ts';
import type { JsonNode } from '../../../server/src/engine/syntax/tree.ts';
import { parseCheckArgs } from '../../../server/src/cli/checkCommand.ts';
import { resolveSettings } from '../../../server/src/server/shared/settings.ts';
import { valueRule } from '../../../server/src/rules/identifierRule.ts';
import type { ReportInput, RuleContext, Visit } from '../../../server/src/engine/rule-api.ts';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const TODAY = new Date(Date.UTC(2026, 10, 23));
const MODELLED_FR = "(structure modélisée : à vérifier sur le modèle officiel de l'ASP — `segur-json learn-template`, réglage `segur.templates.folder`)";
const MODELLED_EN = '(modelled structure: check against the official ASP template — `segur-json learn-template`, setting `segur.templates.folder`)';

function files(dir: string, pred: (f: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), pred) : pred(e.name) ? [join(dir, e.name)] : []))
    .sort();
}

/** What every finding must satisfy, by default (no modelledSeverity, no per-rule severity). */
function assertProvenance(f: Finding, where: string): void {
  const p = f.provenance;
  assert.ok(p && ['source', 'reference', 'model', 'template'].includes(p.kind), `${where}: ${f.code} has a provenance`);
  for (const id of p.sources ?? []) assert.ok(SOURCE_IDS.includes(id), `${where}: ${f.code} cites ${id}, a source of schemas/sources.json`);
  if (p.kind === 'model') {
    assert.equal(f.severity, 'warning', `${where}: ${f.code} is model, hence a warning by default`);
    assert.doesNotMatch(f.message.fr, /rejet/i, `${where}: ${f.code} is model and says « rejette »: ${f.message.fr}`);
    assert.doesNotMatch(f.message.en, /reject/i, `${where}: ${f.code} is model and says "rejects": ${f.message.en}`);
    assert.ok(f.message.fr.includes(MODELLED_FR), `${where}: ${f.code} says it is modelled: ${f.message.fr}`);
    assert.ok(f.message.en.includes(MODELLED_EN), `${where}: ${f.code} says it is modelled (en): ${f.message.en}`);
  } else {
    assert.ok(!f.message.fr.includes('structure modélisée'), `${where}: ${f.code} is ${p.kind}, not modelled: ${f.message.fr}`);
    // The tool's own statements name no source: an internal error, and C8's information on what was compared.
    const tool = f.code.endsWith('/internal') || (f.code === 'C8/no-avance' && f.severity === 'information');
    if (p.kind === 'source' && !tool) assert.ok((p.sources ?? []).length > 0, `${where}: ${f.code} names its source`);
  }
}

const examples = files(join(root, 'examples'), (f) => f.endsWith('.json'));
const fixtures = files(join(root, 'test', 'fixtures'), (f) => f.endsWith('.json') && !f.endsWith('.expected.json'));

function fixtureOptions(file: string): CheckOptions {
  const expected = JSON.parse(readFileSync(file.replace(/\.json$/, '.expected.json'), 'utf8'));
  const { templateFile, ...rest } = expected.options ?? {};
  const template = templateFile ? JSON.parse(readFileSync(join(root, templateFile), 'utf8')) : undefined;
  return { fileName: file, today: TODAY, ...rest, template };
}

test('every finding of every fixture carries its provenance; model findings are warnings that say so, never « rejette »', () => {
  let model = 0;
  for (const file of fixtures) {
    for (const f of check(readFileSync(file, 'utf8'), fixtureOptions(file)).findings) {
      assertProvenance(f, relative(root, file));
      if (f.provenance.kind === 'model') model++;
    }
  }
  assert.ok(model > 0, 'some fixture findings are model');
});

/** Every property of a document, as [object node, property node]. */
function properties(node: JsonNode | undefined, out: JsonNode[] = []): JsonNode[] {
  if (!node) return out;
  for (const c of node.children ?? []) {
    if (c.type === 'property') out.push(c);
    properties(c.type === 'property' ? c.children![1] : c, out);
  }
  return out;
}
function objects(node: JsonNode | undefined, out: JsonNode[] = []): JsonNode[] {
  if (!node) return out;
  if (node.type === 'object') out.push(node);
  for (const c of node.children ?? []) objects(c.type === 'property' ? c.children![1] : c, out);
  return out;
}

test('every example, with each key deleted in turn and an unknown key added to each object: provenance on every finding, model ones warnings without « rejette »', () => {
  const kinds = new Map<string, Set<string>>();
  let checked = 0;
  for (const file of examples) {
    const text = readFileSync(file, 'utf8');
    const options = { fileName: file, today: TODAY };
    for (const f of check(text, options).findings) assertProvenance(f, relative(root, file));
    const tree = parseDocument(text, undefined, false).root;
    const variants: string[] = [];
    for (const p of properties(tree)) {
      // Delete the property with the comma that joins it to the next (or previous) one.
      const after = text.slice(p.offset + p.length);
      const m = /^\s*,/.exec(after);
      if (m) variants.push(text.slice(0, p.offset) + after.slice(m[0].length).replace(/^\s*/, ''));
      else {
        const before = text.slice(0, p.offset);
        const c = before.search(/,\s*$/);
        if (c >= 0) variants.push(before.slice(0, c) + after);
      }
    }
    for (const o of objects(tree))
      variants.push(`${text.slice(0, o.offset + 1)}"cleInconnue": null${(o.children?.length ?? 0) > 0 ? ',' : ''}${text.slice(o.offset + 1)}`);
    for (const v of variants) {
      for (const f of check(v, options).findings) {
        assertProvenance(f, `${relative(root, file)} (variant)`);
        const k = kinds.get(f.code) ?? new Set<string>();
        k.add(f.provenance.kind);
        kinds.set(f.code, k);
      }
      checked++;
    }
  }
  assert.ok(checked > 500, `${checked} variants checked`);
  // An unknown key rests on the model everywhere, even in a block a seed shows: the seeds show excerpts, none says
  // that a block has no other keys (S1/unknown-key never says « le portail rejette » without the official template).
  assert.deepEqual([...(kinds.get('S1/unknown-key') ?? [])].sort(), ['model']);
  assert.deepEqual([...(kinds.get('S3/missing-tag') ?? [])].sort(), ['model', 'source']);
});

test('every avance/solde pair, with the findings across files: provenance on every finding', () => {
  for (const dir of readdirSync(join(root, 'test', 'pairs')).sort()) {
    const entries = ['avance.json', 'solde.json'].map((f) => ({
      file: f,
      result: check(readFileSync(join(root, 'test', 'pairs', dir, f), 'utf8'), { fileName: f, today: TODAY }),
    }));
    const cross = crossCheck(entries);
    for (const e of entries) for (const f of [...e.result.findings, ...(cross.get(e.file) ?? [])]) assertProvenance(f, `pair ${dir}/${e.file}`);
  }
});

test('the rules across files name their sources (a uniqueness entry its own source of schemas/sons.json)', () => {
  const dir = join(root, 'test', 'pairs', 'C1-editeur-differs');
  const entries = ['avance.json', 'solde.json'].map((f) => ({ file: f, result: check(readFileSync(join(dir, f), 'utf8'), { fileName: f, today: TODAY }) }));
  const c1 = crossCheck(entries)
    .get('solde.json')!
    .find((f) => f.code === 'C1')!;
  assert.deepEqual(c1.provenance, { kind: 'source', sources: ['002', '004'] });
  assert.equal(c1.severity, 'error');
  // U1 across files: the entry of schemas/sons.json (HOP-DPI-Va2, FINESS PMSI) cites 001.
  const text = readFileSync(join(root, 'examples', 'HOP-DPI-Va2', 'avance.json'), 'utf8');
  const a = check(text, { fileName: 'a.json', today: TODAY });
  const b = check(text, { fileName: 'b.json', today: TODAY });
  const u1 = crossCheck([
    { file: 'a.json', result: a },
    { file: 'b.json', result: b },
  ])
    .get('b.json')!
    .find((f) => f.code.startsWith('U1'))!;
  assert.deepEqual(u1.provenance, { kind: 'source', sources: ['001'] });
});

const RIS_SOLDE = join(root, 'examples', 'IMG-RIS-Va2', 'solde.json');
const risSolde = readFileSync(RIS_SOLDE, 'utf8');
/** Two line keys swapped (the line's keys are modelled) and two keys of the facture block swapped (seed 000 shows it). */
const misordered = risSolde
  .replace(/("numLigne": 1,\s*)("typeAction": "C",)/, '"typeAction": "C",\n      "numLigne": 1,')
  .replace(
    /"dateEditionFacture": "12\/05\/2026",(\s*)"montantPrestationPrincipaleSegurHTFacture": 31250.00/,
    '"montantPrestationPrincipaleSegurHTFacture": 31250.00,$1"dateEditionFacture": "12/05/2026"',
  );

test('the provenance follows the annotations: S7 on a modelled line is model, on the facture block of seed 000 it is source 004 (the rule) + 000 (the block)', () => {
  const s7 = check(misordered, { fileName: RIS_SOLDE, today: TODAY }).findings.filter((f) => f.code === 'S7');
  assert.deepEqual(
    s7.map((f) => [f.severity, f.provenance]),
    [
      ['warning', { kind: 'model' }],
      ['error', { kind: 'source', sources: ['004', '000'] }],
    ],
  );
  assert.match(
    s7[0].message.fr,
    /Balise « numLigne » mal placée : dans le modèle elle vient avant « typeAction » \(structure modélisée : à vérifier sur le modèle officiel de l'ASP — `segur-json learn-template`, réglage `segur.templates.folder`\)\.$/,
  );
  assert.doesNotMatch(s7[1].message.fr, /modélisée/);
});

test('x-provenance-values: a key seen in seed 000 whose list of values is modelled gives model findings on its values (V10, S6), source ones on the key (S3)', () => {
  const db = join(root, 'examples', 'IMG-DB-Va2', 'solde.json');
  const text = readFileSync(db, 'utf8');
  const wrong = text.replace(/"typePrestation": "(MAJ|ACQ)"/, '"typePrestation": "Mise a jour"');
  const v10 = check(wrong, { fileName: db, today: TODAY }).findings.find((f) => f.code === 'V10')!;
  assert.deepEqual([v10.severity, v10.provenance], ['warning', { kind: 'model' }]);
  const cased = text.replace(/"typePrestation": "(MAJ|ACQ)"/, (_, v: string) => `"typePrestation": "${v.toLowerCase()}"`);
  const s6 = check(cased, { fileName: db, today: TODAY }).findings.find((f) => f.code === 'S6/value')!;
  assert.deepEqual([s6.severity, s6.provenance], ['warning', { kind: 'model' }]);
  // The key itself is confirmed by seed 000: deleting it is a source finding (rule S3, 000; the VA block, 000).
  const deleted = text.replace(/"typePrestation": "(MAJ|ACQ)",\s*/, '');
  const s3 = check(deleted, { fileName: db, today: TODAY }).findings.find((f) => f.code === 'S3/missing-tag')!;
  assert.deepEqual([s3.severity, s3.provenance], ['error', { kind: 'source', sources: ['000'] }]);
});

test("an identifier's check key rests on its public standard (reference), its format on its rule's documents (source), even on a modelled key; the IdentDMP variant of a SONS is model when sons.json says it is", () => {
  const hop = join(root, 'examples', 'HOP-DPI-Va2', 'avance.json');
  const text = readFileSync(hop, 'utf8');
  const m = /"(FINESSPMSI|finessPMSI|FINESSPmsi)": "(\d{9})"/.exec(text) ?? /"(\w*[Ff][Ii][Nn][Ee][Ss][Ss]\w*)": "(\d{9})"/.exec(text)!;
  const bad = text.replace(m[0], `"${m[1]}": "${m[2].slice(0, 8)}${(Number(m[2][8]) + 1) % 10}"`);
  const i1 = check(bad, { fileName: hop, today: TODAY }).findings.find((f) => f.code === 'I1/finess')!;
  assert.deepEqual([i1.severity, i1.provenance], ['error', { kind: 'reference', sources: ['finess-key'] }]);
  const short = text.replace(m[0], `"${m[1]}": "${m[2].slice(1)}"`);
  const format = check(short, { fileName: hop, today: TODAY }).findings.find((f) => f.code === 'I1/finess')!;
  assert.deepEqual([format.severity, format.provenance], ['error', { kind: 'source', sources: ['000', '003', '004'] }]);
  assert.equal(parseProvenance('modelled')?.kind, 'model');
  assert.deepEqual(parseProvenance('confirmed:000+004'), { kind: 'source', sources: ['000', '004'] });
  assert.deepEqual(parseProvenance({ status: 'partial' }), { kind: 'model' });
  assert.deepEqual(parseProvenance('learned:x.blank.json'), { kind: 'template' });
  // The SONS data a check relies on (I5: `provenance.identDmpVariant` of schemas/sons.json): model when modelled.
  const rule = valueRule({ id: 'I5', title: { fr: '', en: '' }, sources: ['004'], severity: 'error', fixable: false }, [
    {
      check: 'identDMP',
      slug: 'ident-dmp',
      label: { fr: 'IdentDMP', en: 'IdentDMP' },
      sonsProvenance: 'identDmpVariant',
      run: () => ({ ok: false, reason: 'format' }),
    },
  ]);
  const reported = (variant: string) => {
    const out: ReportInput[] = [];
    const ctx = { text: '"x"', sons: { provenance: { identDmpVariant: variant } }, report: (r: ReportInput) => out.push(r) } as unknown as RuleContext;
    rule
      .create(ctx)
      .checks!.identDMP({ type: 'string', value: 'x', node: { type: 'string', offset: 0, length: 3, value: 'x' }, path: ['IdentDMP'] } as unknown as Visit);
    return out[0];
  };
  assert.deepEqual(reported('modelled').provenance, { kind: 'model' });
  assert.equal(reported('confirmed:004').provenance, undefined);
  assert.equal(reported('confirmed:004').basis, 'check');
});

test("modelledSeverity: error keeps the rule's severity, information lowers it, off drops model findings; a per-rule severity wins", () => {
  const options = { fileName: RIS_SOLDE, today: TODAY };
  const s7 = (o: CheckOptions) =>
    check(misordered, { ...options, ...o })
      .findings.filter((f) => f.code === 'S7')
      .map((f) => f.severity);
  assert.deepEqual(s7({}), ['warning', 'error']);
  assert.deepEqual(s7({ modelledSeverity: 'error' }), ['error', 'error']);
  assert.deepEqual(s7({ modelledSeverity: 'information' }), ['information', 'error']);
  assert.deepEqual(s7({ modelledSeverity: 'off' }), ['error']);
  assert.deepEqual(s7({ modelledSeverity: 'off', severities: { S7: 'error' } }), ['error', 'error']);
  assert.deepEqual(s7({ severities: { S7: 'hint' } }), ['hint', 'hint']);
  // A lower severity of the rule is never raised (a hint stays a hint).
  assert.equal(modelledLevel('hint', 'warning'), 'hint');
  assert.equal(modelledLevel('error', 'information'), 'information');
});

test("a learned official template: structure findings are template, the values it kept from the model keep the model's provenance", () => {
  const learned = learnTemplate(risSolde.replace(/"typeAction": "C"/g, '"typeAction": null'), risSolde, 'IMG-RIS-Va2', 'solde', 'IMG-RIS-Va2.solde.blank.json');
  const options = { fileName: RIS_SOLDE, today: TODAY, templates: { 'IMG-RIS-Va2.solde': learned } };
  const deleted = risSolde.replace(/"codeTraitement": null,\s*/, '');
  const s3 = check(deleted, options).findings.find((f) => f.code === 'S3/missing-tag')!;
  assert.deepEqual([s3.severity, s3.provenance], ['error', { kind: 'template' }]);
  assert.doesNotMatch(s3.message.fr, /modélisée/);
  const s7 = check(misordered, options).findings.filter((f) => f.code === 'S7');
  assert.deepEqual(
    s7.map((f) => [f.severity, f.provenance.kind]),
    [
      ['error', 'template'],
      ['error', 'template'],
    ],
  );
  // typeActivite: a key of seed 000 whose list of values is modelled; the template kept the model's list.
  const activity = check(risSolde.replace('"typeActivite": "Mixte"', '"typeActivite": "Cardiologie"'), options).findings.find((f) => f.code === 'V9')!;
  assert.deepEqual([activity.severity, activity.provenance], ['warning', { kind: 'model' }]);
});

test('a file built only from what seed 000 shows (its IMG solde example, a valid FINESS, the vague 1 header and line keys) gets no error; without the line keys our model adds, only model warnings that say so', () => {
  const dir = join(root, 'test', 'seed-only');
  const clean = check(readFileSync(join(dir, 'IMG-RIS-Va2-solde-000.json'), 'utf8'), { fileName: 'IMG-RIS-Va2-solde-000.json', today: TODAY });
  assert.equal(clean.detection.sons, 'IMG-RIS-Va2');
  assert.deepEqual(
    clean.findings.filter((f) => f.severity !== 'hint').map((f) => f.code),
    [],
  );
  const partial = check(readFileSync(join(dir, 'IMG-RIS-Va2-solde-000-without-modelled-keys.json'), 'utf8'), {
    fileName: 'IMG-RIS-Va2-solde-000-without-modelled-keys.json',
    today: TODAY,
  });
  assert.deepEqual(
    partial.findings.map((f) => [f.code, f.severity, f.provenance.kind]),
    [
      ['S3/missing-tag', 'warning', 'model'],
      ['S3/missing-tag', 'warning', 'model'],
      ['S3/missing-tag', 'warning', 'model'],
    ],
  );
  for (const f of partial.findings) assertProvenance(f, 'seed-only');
});

test('rule messages: a message saying « rejette » has an @model variant that does not, where the rule can yield model findings (S1)', () => {
  for (const r of [...RULES, ...PROJECT_RULES]) {
    for (const [id, m] of Object.entries(r.meta.messages)) {
      if (!id.endsWith('@model')) continue;
      assert.ok(r.meta.messages[id.slice(0, -'@model'.length)], `${r.meta.id}: ${id} varies an existing message`);
      assert.doesNotMatch(m.fr, /rejet/i);
      assert.doesNotMatch(m.en, /reject/i);
    }
  }
  assert.ok(RULES.find((r) => r.meta.id === 'S1')!.meta.messages['unknownKey@model']);
});

test('CLI: --format json has provenance per finding, SARIF properties.provenance; --modelled changes the severity and the exit code', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const file = 'test/fixtures/IMG-RIS-Va2/S7-order.json';
  const json = JSON.parse(run('check', '--format', 'json', file).stdout)[0];
  // A solde checked alone: C8 says first that no avance was compared (the tool's own statement, no source).
  assert.deepEqual(
    json.diagnostics.map((d: { severity: string; provenance: unknown }) => [d.severity, d.provenance]),
    [
      ['information', { kind: 'source', sources: [] }],
      ['warning', { kind: 'model' }],
      ['error', { kind: 'source', sources: ['004', '000'] }],
    ],
  );
  const sarif = JSON.parse(run('check', '--format', 'sarif', file).stdout);
  assert.deepEqual(
    sarif.runs[0].results.map((r: { level: string; properties: { provenance: unknown } }) => [r.level, r.properties.provenance]),
    [
      ['note', { kind: 'source', sources: [] }],
      ['warning', { kind: 'model' }],
      ['error', { kind: 'source', sources: ['004', '000'] }],
    ],
  );
  // Only model findings: exit 0 by default, 1 with --modelled error; --modelled off hides them.
  const modelOnly = 'test/fixtures/IMG-RIS-Va2/S3-deleted-tag.json';
  const def = run('check', '--format', 'json', modelOnly);
  assert.equal(def.status, 0, def.stderr);
  assert.deepEqual(
    JSON.parse(def.stdout)[0].diagnostics.map((d: { severity: string }) => d.severity),
    ['warning'],
  );
  const strict = run('check', '--modelled', 'error', '--format', 'json', modelOnly);
  assert.equal(strict.status, 1);
  assert.deepEqual(
    JSON.parse(strict.stdout)[0].diagnostics.map((d: { severity: string }) => d.severity),
    ['error'],
  );
  const off = run('check', '--modelled', 'off', '--format', 'json', modelOnly);
  assert.equal(off.status, 0);
  assert.deepEqual(JSON.parse(off.stdout)[0].diagnostics, []);
  const text = run('check', '--lang', 'en', modelOnly);
  assert.match(
    text.stdout,
    /warning {2}S3\/missing-tag .*\(modelled structure: check against the official ASP template — `segur-json learn-template`, setting `segur.templates.folder`\)\./,
  );
  const bad = run('check', '--modelled', 'hint', modelOnly);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--modelled hint/);
  assert.match(run('--help').stdout, /--modelled error\|warning\|information\|off/);
  assert.equal(parseCheckArgs(['--modelled', 'information', 'x.json']).modelled, 'information');
});

test('setting segur.modelled.severity: read from the segur section, warning by default, unknown values ignored', () => {
  assert.equal(resolveSettings({}, true).modelledSeverity, 'warning');
  assert.equal(resolveSettings({ modelled: { severity: 'error' } }, true).modelledSeverity, 'error');
  assert.equal(resolveSettings({ modelled: { severity: 'off' } }, true).modelledSeverity, 'off');
  assert.equal(resolveSettings({ modelled: { severity: 'loud' } }, true).modelledSeverity, 'warning');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const setting = pkg.contributes.configuration.properties['segur.modelled.severity'];
  assert.deepEqual([setting.default, setting.enum], ['warning', ['error', 'warning', 'information', 'off']]);
  for (const nls of ['package.nls.json', 'package.nls.fr.json']) assert.ok(JSON.parse(readFileSync(join(root, nls), 'utf8'))['segur.modelled.severity'], nls);
});
