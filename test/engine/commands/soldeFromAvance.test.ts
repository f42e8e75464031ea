/** "Créer le JSON de solde depuis l'avance": carried values, only "to fill in" findings, no C1–C3. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { soldeFromAvance, check, crossCheck, SONS_TABLE } from '../../../server/src/segur.ts';

const root = join(__dirname, '..', '..', '..');
// S3/pilot-va: the VA date left null is admitted for a pilot solde (000), an information that says to fill it otherwise.
// V11/missing-invoice: the generated attachments are empty, the invoice is to be listed there (004).
const TO_FILL = new Set(['S3/to-fill', 'S3/pilot-va', 'S13/solde-without-number', 'V11/missing-invoice']);
const withSolde = SONS_TABLE.sons.filter((s) => s.kinds.includes('solde') && s.kinds.includes('avance'));

for (const s of withSolde) {
  test(`solde from the ${s.id} example avance: only "to fill in" findings, no C1–C3, values carried over`, () => {
    const avanceText = readFileSync(join(root, 'examples', s.id, 'avance.json'), 'utf8');
    const { text, sons } = soldeFromAvance(avanceText);
    assert.equal(sons, s.id);
    const result = check(text);
    assert.equal(result.detection.kind, 'solde');
    assert.equal(result.detection.sons, s.id);
    const codes = [...new Set(result.findings.filter((f) => f.severity !== 'hint').map((f) => f.code))];
    assert.deepEqual(
      codes.filter((c) => !TO_FILL.has(c)),
      [],
      'only to-fill findings',
    );
    assert.ok(codes.includes('S3/to-fill'));
    const cross = crossCheck([
      { file: 'avance', result: check(avanceText) },
      { file: 'solde', result },
    ]);
    assert.deepEqual(
      (cross.get('solde') ?? []).map((f) => f.code).filter((c) => /^C[1-3]/.test(c)),
      [],
    );
    // The example solde of the same avance repeats the same header, éditeur numbers and beneficiaries.
    const generated = JSON.parse(text);
    const example = JSON.parse(readFileSync(join(root, 'examples', s.id, 'solde.json'), 'utf8'));
    assert.equal(generated.numeroAns, example.numeroAns);
    assert.equal(generated.siret, example.siret);
    assert.equal(generated.lignesImport.length, example.lignesImport.length);
    generated.lignesImport.forEach((l: Record<string, unknown>, i: number) => {
      assert.equal(l.numeroEditeur, example.lignesImport[i].numeroEditeur);
      assert.deepEqual(l.beneficiaires, example.lignesImport[i].beneficiaires);
      assert.deepEqual(l.piecesJustificatives, []);
      assert.deepEqual(Object.keys(l), Object.keys(example.lignesImport[i]), 'template key order');
    });
  });
}

test('from the output JSON of an avance, the dossier numbers are carried over (no S13)', () => {
  let n = 0;
  const output = readFileSync(join(root, 'examples/HOP-DPI-Va2/avance.json'), 'utf8').replace(/"numeroASP": null/g, () => `"numeroASP": "FINHOP02100${n++}M0"`);
  const { text } = soldeFromAvance(output);
  assert.deepEqual(
    JSON.parse(text).lignesImport.map((l: { numeroASP: string }) => l.numeroASP),
    ['FINHOP021000M0', 'FINHOP021001M0', 'FINHOP021002M0'],
  );
  assert.deepEqual([...new Set(check(text).findings.map((f) => f.code))], ['S3/to-fill', 'S3/pilot-va', 'V11/missing-invoice']);
});

test('CLI: solde-from-avance to stdout and -o; a SONS without solde template exits 2', () => {
  const cli = join(root, 'bin', 'segur-json.js');
  const r = spawnSync(process.execPath, [cli, 'solde-from-avance', 'examples/IMG-DB-Va2/avance.json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).lignesImport.length, 3);
  const out = join(mkdtempSync(join(tmpdir(), 'segur-sfa-')), 'IMG-DB-Va2-solde.json');
  const w = spawnSync(process.execPath, [cli, 'solde-from-avance', 'examples/IMG-DB-Va2/avance.json', '-o', out], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(w.status, 0);
  assert.ok(existsSync(out));
  assert.equal(readFileSync(out, 'utf8'), r.stdout);
  const bad = spawnSync(process.execPath, [cli, 'solde-from-avance', 'examples/MDV-LGC-Va1/avance.json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /pas de modèle de solde pour MDV-LGC-Va1/);
});
