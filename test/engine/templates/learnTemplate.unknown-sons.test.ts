/**
 * Any SONS from a template: `learn-template` accepts a SONS that schemas/sons.json does not
 * know (`BIO-SGL-Va2`), with its corridor (from the id or `--corridor`) and the n° ANS software code of the example
 * (`CVA2SGL001` → `SGL`); `check --templates` then detects files of that SONS (n° ANS, else file name, else `--sons`)
 * and runs the structure rules S2–S8 (docs/rules.md; source: the official template, provenance `template`) against
 * the learned template. Unknown usage says what is wrong, never only the usage line.
 * Fixtures: test/templates/unknown-sons (a blank and an example of our own making, see its README).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../../server/src/segur.ts';
import { loadTemplateFolder } from '../../../server/src/io/templates.ts';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60000 });
const FIX = 'test/templates/unknown-sons';
const BLANK = `${FIX}/BIO-SGL-Va2.avance.blank.json`;
const EXAMPLE = `${FIX}/BIO-SGL-Va2.avance.example.json`;
const example = readFileSync(join(root, EXAMPLE), 'utf8');

type Diag = { code: string; provenance?: { kind: string }; data?: { provenance?: { kind: string } } };

/** Learns the BIO-SGL-Va2 avance template through the CLI into a fresh folder. */
function learned(...extra: string[]): { dir: string; template: Record<string, unknown> } {
  const dir = mkdtempSync(join(tmpdir(), 'segur-bio-'));
  const out = join(dir, 'BIO-SGL-Va2.avance.template.json');
  const r = run('learn-template', BLANK, EXAMPLE, '--sons', 'BIO-SGL-Va2', '--kind', 'avance', '-o', out, ...extra);
  assert.equal(r.status, 0, r.stderr);
  return { dir, template: JSON.parse(readFileSync(out, 'utf8')) };
}

/** Writes `text` as `name` in `dir` and checks it with the folder's templates (JSON report). */
function checkFile(dir: string, name: string, text: string, ...extra: string[]) {
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = run('check', '--format', 'json', '--templates', dir, ...extra, file);
  assert.notEqual(r.status, 2, r.stderr);
  const [report] = JSON.parse(r.stdout) as { sons?: string; kind?: string; reason: string; diagnostics: Diag[] }[];
  return { status: r.status, report };
}

const mutate = (fn: (doc: { numeroAns: string; lignesImport: Record<string, Record<string, unknown>>[] }) => void) => {
  const doc = JSON.parse(example);
  fn(doc);
  return JSON.stringify(doc, null, 2);
};

test('learn-template accepts BIO-SGL-Va2: corridor from the id, vague, n° ANS software code from the example', () => {
  const { template } = learned();
  assert.equal(template['x-sons'], 'BIO-SGL-Va2');
  assert.equal(template['x-kind'], 'avance');
  assert.equal(template['x-corridor'], 'BIO');
  assert.equal(template['x-vague'], 2);
  assert.equal(template['x-ans-code'], 'SGL');
  // --corridor wins over the id.
  assert.equal(learned('--corridor', 'LAB').template['x-corridor'], 'LAB');
});

test('a valid BIO-SGL-Va2 file is detected by its n° ANS and has no structure finding', () => {
  const { dir } = learned();
  const { status, report } = checkFile(dir, 'demande.json', example);
  assert.equal(report.sons, 'BIO-SGL-Va2');
  assert.equal(report.kind, 'avance');
  assert.match(report.reason, /n° ANS \(SGL\)/);
  assert.deepEqual(
    report.diagnostics.filter((d) => /^S[2-8]/.test(d.code)),
    [],
  );
  assert.equal(status, 0, JSON.stringify(report.diagnostics));
});

test('a broken BIO-SGL-Va2 file: deleted tag, key without its plural s, null block → S3 / S5 / S2 from the learned template', () => {
  const { dir } = learned();
  const broken = mutate((d) => {
    const line = d.lignesImport[0];
    delete (line.commande as Record<string, unknown>).nombreAutomates; // a tag only the learned template has (S3)
    const b = line.beneficiaires as Record<string, unknown>;
    b.laboratoire = b.laboratoires; // the plural "s" of a block only the learned template has, dropped (S5)
    delete b.laboratoires;
    (line as Record<string, unknown>).piecesJustificatives = null; // a block given as null (S2)
  });
  const { status, report } = checkFile(dir, 'demande.json', broken);
  assert.equal(report.sons, 'BIO-SGL-Va2');
  assert.equal(status, 1);
  const structure = report.diagnostics.filter((d) => /^S[2-8]/.test(d.code));
  const codes = [...new Set(structure.map((d) => d.code.split('/')[0]))].sort();
  for (const c of ['S2', 'S3', 'S5']) assert.ok(codes.includes(c), `${c} in ${JSON.stringify(structure.map((d) => d.code))}`);
  for (const d of structure) assert.equal((d.provenance ?? d.data?.provenance)?.kind, 'template', JSON.stringify(d));
  // Without the learned template, nothing knows BIO-SGL-Va2: no structure check of it.
  const plain = run('check', '--format', 'json', join(dir, 'demande.json'));
  assert.notEqual(JSON.parse(plain.stdout)[0].sons, 'BIO-SGL-Va2');
});

test('detection of a learned SONS: else the file name, else --sons', () => {
  const { dir } = learned();
  const noAns = mutate((d) => {
    d.numeroAns = 'CVA2XYZ001';
  });
  assert.equal(checkFile(dir, 'BIO-SGL-Va2-avance.json', noAns).report.sons, 'BIO-SGL-Va2');
  const forced = checkFile(dir, 'demande.json', noAns, '--sons', 'BIO-SGL-Va2');
  assert.equal(forced.report.sons, 'BIO-SGL-Va2');
  assert.match(forced.report.reason, /SONS imposé par option/);
  assert.equal(forced.status, 0, JSON.stringify(forced.report.diagnostics));
  // --sons of a SONS no template provides: a clear usage error.
  const none = run('check', '--sons', 'BIO-XYZ-Va2', '--templates', dir, EXAMPLE);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /SONS inconnu, et aucun modèle appris pour lui/);
});

test('server path: a folder with the blank and its example (segur.templates.folder) gives the same checks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-bio-'));
  copyFileSync(join(root, BLANK), join(dir, 'BIO-SGL-Va2.avance.blank.json'));
  copyFileSync(join(root, EXAMPLE), join(dir, 'BIO-SGL-Va2.avance.example.json'));
  const folder = loadTemplateFolder(dir);
  assert.deepEqual(folder.problems, []);
  assert.deepEqual(Object.keys(folder.templates), ['BIO-SGL-Va2.avance']);
  const ok = check(example, { fileName: 'demande.json', templates: folder.templates, client: 'editor' });
  assert.equal(ok.detection.sons, 'BIO-SGL-Va2');
  assert.equal(ok.detection.corridor, 'BIO');
  assert.equal(ok.detection.vague, 2);
  assert.deepEqual(
    ok.findings.filter((f) => /^S[2-8]/.test(f.code)),
    [],
  );
  const bad = check(
    mutate((d) => {
      delete (d.lignesImport[0].commande as Record<string, unknown>).nombreAutomates;
    }),
    { fileName: 'demande.json', templates: folder.templates },
  );
  const s3 = bad.findings.filter((f) => f.code.startsWith('S3'));
  assert.equal(s3.length, 1);
  assert.equal(s3[0].provenance.kind, 'template');
});

test('usage errors say what is wrong, not only the usage line', () => {
  const bad = run('learn-template', BLANK, '--sons', 'BIO-X', '--kind', 'avance');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /SONS inconnu : BIO-X ; attendu <COULOIR>-<LOGICIEL>-Va<N>.*ou donnez --corridor/);
  assert.match(bad.stderr, /unknown SONS: BIO-X; expected <CORRIDOR>-<SOFTWARE>-Va<N>/);
  // With --corridor, an id of letters, digits and dashes is accepted.
  const dir = mkdtempSync(join(tmpdir(), 'segur-bio-'));
  const ok = run('learn-template', BLANK, EXAMPLE, '--sons', 'BIO-X', '--corridor', 'BIO', '--kind', 'avance', '-o', join(dir, 'x.template.json'));
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(readFileSync(join(dir, 'x.template.json'), 'utf8'))['x-corridor'], 'BIO');
  const slash = run('learn-template', BLANK, '--sons', '../evil', '--corridor', 'BIO', '--kind', 'avance');
  assert.equal(slash.status, 2);
  assert.match(slash.stderr, /SONS inconnu : \.\.\/evil/);
  const badCorridor = run('learn-template', BLANK, '--sons', 'BIO-SGL-Va2', '--corridor', 'B/1', '--kind', 'avance');
  assert.equal(badCorridor.status, 2);
  assert.match(badCorridor.stderr, /--corridor B\/1 : un couloir est un code/);
  const noKind = run('learn-template', BLANK, '--sons', 'BIO-SGL-Va2');
  assert.equal(noKind.status, 2);
  assert.match(noKind.stderr, /--kind  : avance ou solde/);
  const noSons = run('learn-template', BLANK, '--kind', 'avance');
  assert.match(noSons.stderr, /--sons manquant/);
  const noFile = run('learn-template', '--sons', 'BIO-SGL-Va2', '--kind', 'avance');
  assert.match(noFile.stderr, /modèle vierge manquant/);
});
