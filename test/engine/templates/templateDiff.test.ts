/**
 * Official templates: `template-diff` tells how an official blank differs from the bundled model —
 * keys added, removed, renamed (S5/S6/S8 variants from the engine's key analysis, or a shared stem), moved (S7),
 * blocks / tags / objects changed (S2/S3) — each with its path; exit 0 when equal, 1 when they differ, 2 for bad usage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { learnTemplate, getSchema } from '../../../server/src/segur.ts';
import { templateDiff, describeDifference, type TemplateDifference } from '../../../server/src/engine/templates/templateDiff.ts';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

/** The blank of a filled file: every leaf null, every array [] but for one item (its first, blanked). */
function blankOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.length && v[0] !== null && typeof v[0] === 'object' ? [blankOf(v[0])] : [];
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, blankOf(x)]));
  return null;
}

const diffOf = (blank: unknown, sons: string, kind: 'avance' | 'solde', example?: string): TemplateDifference[] =>
  templateDiff(learnTemplate(JSON.stringify(blank, null, 2), example, sons, kind), getSchema(sons, kind)!);

const examples = readdirSync(join(root, 'examples')).flatMap((sons) =>
  readdirSync(join(root, 'examples', sons))
    .filter((f) => f === 'avance.json' || f === 'solde.json')
    .map((f) => ({ sons, kind: f.replace('.json', '') as 'avance' | 'solde', file: `examples/${sons}/${f}` })),
);

test('a blank with the structure of the bundled model (built from each example): no difference, with or without the example', () => {
  assert.ok(examples.length >= 10);
  for (const { sons, kind, file } of examples) {
    const text = read(file);
    const blank = blankOf(JSON.parse(text));
    assert.deepEqual(diffOf(blank, sons, kind), [], `${file} (blank only)`);
    assert.deepEqual(diffOf(blank, sons, kind, text), [], `${file} (blank and example)`);
  }
});

test('the official-like blank of test/templates: the added tag and the moved key, with their paths', () => {
  const blank = JSON.parse(read('test/templates/official-like/IMG-RIS-Va2.solde.blank.json'));
  assert.deepEqual(diffOf(blank, 'IMG-RIS-Va2', 'solde'), [
    { change: 'added', path: 'lignesImport[].facture.numeroFacture', key: 'numeroFacture', shape: 'tag' },
    {
      change: 'moved',
      path: 'lignesImport[].VA.dateSignatureVA',
      key: 'dateSignatureVA',
      templateIndex: 0,
      modelIndex: 1,
      templateAfter: null,
      modelAfter: 'typePrestation',
    },
  ]);
});

/** The IMG-RIS-Va2 solde blank changed the way official templates differ from our model. */
function changedBlank() {
  const blank = blankOf(JSON.parse(read('examples/IMG-RIS-Va2/solde.json'))) as any;
  const line = blank.lignesImport[0];
  // Renamed by meaning (shared stem): finessGeographique for FINESGeos, at the same place.
  line.beneficiaires.Etablissements[0] = { nomStructure: null, finessGeographique: [], sirenClient: null, typeActivite: null };
  // Renamed by case (S6) and by plural (S5).
  line.beneficiaires = { etablissements: line.beneficiaires.Etablissements, medecinsLiberal: line.beneficiaires.medecinsLiberaux };
  // An added tag.
  line.facture = { dateEditionFacture: null, referenceFacture: null, montantPrestationPrincipaleSegurHTFacture: null };
  // A moved key: siret before numeroAns.
  const top = { impId: null, siret: null, numeroAns: null, lignesImport: blank.lignesImport };
  // A tag turned into a block, and a removed tag.
  line.codeTraitement = [];
  delete line.libelleTraitement;
  return top;
}

test('a renamed key, an added tag, a moved key, a tag turned into a block, a removed tag: each with its path', () => {
  const d = diffOf(changedBlank(), 'IMG-RIS-Va2', 'solde');
  assert.deepEqual(d, [
    { change: 'moved', path: 'siret', key: 'siret', templateIndex: 1, modelIndex: 2, templateAfter: 'impId', modelAfter: 'numeroAns' },
    { change: 'added', path: 'lignesImport[].facture.referenceFacture', key: 'referenceFacture', shape: 'tag' },
    {
      change: 'renamed',
      path: 'lignesImport[].beneficiaires.etablissements',
      key: 'etablissements',
      modelKey: 'Etablissements',
      modelPath: 'lignesImport[].beneficiaires.Etablissements',
      reason: 'case',
    },
    {
      change: 'renamed',
      path: 'lignesImport[].beneficiaires.etablissements[].finessGeographique',
      key: 'finessGeographique',
      modelKey: 'FINESGeos',
      modelPath: 'lignesImport[].beneficiaires.Etablissements[].FINESGeos',
      reason: 'stem',
    },
    {
      change: 'renamed',
      path: 'lignesImport[].beneficiaires.medecinsLiberal',
      key: 'medecinsLiberal',
      modelKey: 'medecinsLiberaux',
      modelPath: 'lignesImport[].beneficiaires.medecinsLiberaux',
      reason: 'spelling',
    },
    { change: 'type', path: 'lignesImport[].codeTraitement', key: 'codeTraitement', template: 'block', model: 'tag' },
    { change: 'removed', path: 'lignesImport[].libelleTraitement', key: 'libelleTraitement', shape: 'tag', optional: false },
  ]);
  // Each line names its path, in French and in English.
  for (const x of d) {
    const m = describeDifference(x);
    assert.ok(m.fr.includes(x.path) && m.en.includes(x.path), m.fr);
  }
  assert.match(describeDifference(d[3]).fr, /^renommée : lignesImport\[\]\.beneficiaires\.Etablissements\[\]\.FINESGeos → .*finessGeographique \(même radical/);
});

test('a block turned into an object, and a scalar type from the example the model does not allow', () => {
  const exampleText = read('examples/IMG-RIS-Va2/solde.json');
  const blank = blankOf(JSON.parse(exampleText)) as any;
  blank.lignesImport[0].piecesJustificatives = { nomFichier: null };
  const example = JSON.parse(exampleText);
  example.lignesImport[0].numeroASP = 850;
  assert.deepEqual(diffOf(blank, 'IMG-RIS-Va2', 'solde', JSON.stringify(example)), [
    { change: 'type', path: 'lignesImport[].numeroASP', key: 'numeroASP', template: 'integer', model: 'string' },
    { change: 'type', path: 'lignesImport[].piecesJustificatives', key: 'piecesJustificatives', template: 'object', model: 'block' },
  ]);
});

test('CLI template-diff: exit 0 « aucune différence », 1 with the list (text fr then en, json), 2 for bad usage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-tdiff-'));
  const equal = join(dir, 'equal.blank.json');
  writeFileSync(equal, JSON.stringify(blankOf(JSON.parse(read('examples/IMG-RIS-Va2/solde.json'))), null, 2));
  const changed = join(dir, 'changed.blank.json');
  writeFileSync(changed, JSON.stringify(changedBlank(), null, 2));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'template-diff', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

  const eq = run(equal, 'examples/IMG-RIS-Va2/solde.json', '--sons', 'IMG-RIS-Va2', '--kind', 'solde');
  assert.equal(eq.status, 0, eq.stderr);
  assert.match(eq.stdout, /aucune différence/);
  assert.ok(eq.stdout.indexOf('aucune différence') < eq.stdout.indexOf('no difference'), 'French first, then English');

  const off = run('test/templates/official-like/IMG-RIS-Va2.solde.blank.json', '--sons', 'img-ris-va2', '--kind', 'solde', '--lang', 'fr');
  assert.equal(off.status, 1, off.stderr);
  assert.deepEqual(
    off.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.trim().split(' — ')[0]),
    ['ajoutée : lignesImport[].facture.numeroFacture (balise null)', 'déplacée : lignesImport[].VA.dateSignatureVA'],
  );
  assert.doesNotMatch(off.stdout, /added|moved/);

  const js = run(changed, '--sons', 'IMG-RIS-Va2', '--kind', 'solde', '--format', 'json', '--lang', 'en');
  assert.equal(js.status, 1, js.stderr);
  const out = JSON.parse(js.stdout);
  assert.equal(out.equal, false);
  assert.deepEqual(
    out.differences.map((x: { change: string; path: string }) => `${x.change} ${x.path}`),
    [
      'moved siret',
      'added lignesImport[].facture.referenceFacture',
      'renamed lignesImport[].beneficiaires.etablissements',
      'renamed lignesImport[].beneficiaires.etablissements[].finessGeographique',
      'renamed lignesImport[].beneficiaires.medecinsLiberal',
      'type lignesImport[].codeTraitement',
      'removed lignesImport[].libelleTraitement',
    ],
  );
  assert.match(out.differences[0].message, /^moved: siret/);

  for (const bad of [
    [equal, '--sons', 'IMG-RIS-Va2'],
    [equal, '--sons', 'IMG-RIS-Va2', '--kind', 'solde', '--format', 'sarif'],
    [equal, '--sons', 'IMG-RIS-Va2', '--kind', 'facture'],
    [join(dir, 'missing.json'), '--sons', 'IMG-RIS-Va2', '--kind', 'solde'],
    ['package.json', '--sons', 'IMG-RIS-Va2', '--kind', 'solde'],
  ]) {
    const r = run(...bad);
    assert.equal(r.status, 2, bad.join(' '));
    assert.equal(r.stdout, '');
  }
  // A SONS without a bundled model: said so, with the known ones.
  const unknown = run(equal, '--sons', 'BIO-SGL-Va2', '--kind', 'solde');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /BIO-SGL-Va2 : pas de modèle fourni .*IMG-RIS-Va2/);
});

test('a tag the model has as optional (x-optional: tauxTVA, FAQ 004) missing from the blank is told as removed and optional', () => {
  const blank = blankOf(JSON.parse(read('examples/HOP-DPI-Va2/avance.json'))) as any;
  delete blank.lignesImport[0].commande.tauxTVA;
  const d = diffOf(blank, 'HOP-DPI-Va2', 'avance');
  assert.deepEqual(d, [{ change: 'removed', path: 'lignesImport[].commande.tauxTVA', key: 'tauxTVA', shape: 'tag', optional: true }]);
  assert.match(describeDifference(d[0]).fr, /facultative dans le modèle fourni/);
});

test('hostile blank: `__proto__`, `constructor`, `toString` tags are keys like any other, told as added', () => {
  const d = templateDiff(
    learnTemplate(read('test/templates/hostile/blank-proto-keys.json'), undefined, 'IMG-RIS-Va2', 'solde'),
    getSchema('IMG-RIS-Va2', 'solde')!,
  );
  assert.deepEqual(
    d.filter((x) => x.change === 'added').map((x) => x.path),
    ['lignesImport[].__proto__', 'lignesImport[].constructor', 'lignesImport[].toString', 'lignesImport[].facture.numeroFacture'],
  );
});
