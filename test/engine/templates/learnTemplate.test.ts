/** Official templates: learn-template derives the structure; a learned template changes what S2–S8 report. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { learnTemplate, check, applyEdits, selectFixes } from '../../../server/src/segur.ts';

const root = join(__dirname, '..', '..', '..');
const blank = readFileSync(join(root, 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json'), 'utf8');
const example = readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8');

test('learned structure: keys, order, blocks vs tags, types from the example, model annotations kept', () => {
  const t = learnTemplate(blank, example, 'IMG-RIS-Va2', 'solde', 'blank.json');
  const line = t.properties!.lignesImport.items!;
  assert.deepEqual(Object.keys(line.properties!.facture.properties!), ['dateEditionFacture', 'numeroFacture', 'montantPrestationPrincipaleSegurHTFacture']);
  assert.deepEqual(Object.keys(line.properties!.VA.properties!), ['dateSignatureVA', 'typePrestation']);
  assert.equal(line.properties!.piecesJustificatives.type, 'array');
  assert.deepEqual(line.properties!.facture.properties!.montantPrestationPrincipaleSegurHTFacture.type, ['number', 'null']);
  assert.deepEqual(line.properties!.numeroEditeur.type, ['string', 'null']);
  // The item shape of an empty block comes from the example; the model's checks are kept (FINESS key check).
  const etab = line.properties!.beneficiaires.properties!.Etablissements.items!;
  assert.equal(etab.properties!.FINESGeos.items!['x-check'], 'finess');
  assert.equal(line.properties!.facture.properties!.numeroFacture['x-provenance'], 'learned:blank.json');
});

test('a learned template changes what S2–S8 report, and --fix makes the file follow it', () => {
  const t = learnTemplate(blank, example, 'IMG-RIS-Va2', 'solde');
  const templates = { 'IMG-RIS-Va2.solde': t };
  assert.deepEqual(
    check(example)
      .findings.filter((f) => f.severity !== 'hint')
      .map((f) => f.code),
    [],
    'clean against the bundled model',
  );
  const learned = check(example, { templates });
  assert.deepEqual(
    learned.findings.map((f) => f.code),
    ['S3/missing-tag', 'S7', 'S3/missing-tag', 'S7', 'S3/missing-tag', 'S7'],
  );
  let text = example;
  for (let pass = 0; pass < 5; pass++) {
    const { edits } = selectFixes(check(text, { templates }).findings);
    if (!edits.length) break;
    text = applyEdits(text, edits);
  }
  assert.deepEqual(
    check(text, { templates }).findings.map((f) => f.code),
    [],
  );
  // Values are kept: only the new tag is added.
  const before = JSON.parse(example);
  const after = JSON.parse(text);
  assert.equal(after.lignesImport[0].facture.numeroFacture, null);
  after.lignesImport.forEach((l: { facture: Record<string, unknown> }) => delete l.facture.numeroFacture);
  assert.deepEqual(after, before);
});

test('CLI: learn-template writes the template, check --templates uses it', () => {
  const cli = join(root, 'bin', 'segur-json.js');
  const dir = mkdtempSync(join(tmpdir(), 'segur-tpl-'));
  const out = join(dir, 'IMG-RIS-Va2.solde.template.json');
  const l = spawnSync(
    process.execPath,
    [
      cli,
      'learn-template',
      'test/templates/official-like/IMG-RIS-Va2.solde.blank.json',
      'examples/IMG-RIS-Va2/solde.json',
      '--sons',
      'IMG-RIS-Va2',
      '--kind',
      'solde',
      '-o',
      out,
    ],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(l.status, 0, l.stderr);
  assert.ok(existsSync(out));
  const c = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--templates', dir, 'examples/IMG-RIS-Va2/solde.json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(c.status, 1);
  assert.deepEqual([...new Set(JSON.parse(c.stdout)[0].diagnostics.map((d: { code: string }) => d.code))], ['S3/missing-tag', 'S7']);
  const bad = spawnSync(process.execPath, [cli, 'learn-template', 'package.json', '--sons', 'NOPE', '--kind', 'solde'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(bad.status, 2);
});
