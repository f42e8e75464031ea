/**
 * `segur-json split --attachments` (cli/splitFiles.ts) through the built CLI, on the IMG-RIS-Va2 solde example (three
 * requests) with its six real PDFs: each part gets its package beside it (OUT/<part>/: the part, one ZIP per request
 * under the renumbered numLigne, manifest.json), each ZIP holding exactly its request's files, and the packages
 * together hold every file of the input; with --errors, a request whose attachment is missing goes to the part to
 * correct, which gets no package (said); an existing -o is refused and nothing is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { goodDeposit, SOLDE_NAMES } from '../helpers/deposit.ts';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });

interface Line {
  numLigne: number;
  numeroEditeur: string;
  piecesJustificatives: { nomFichier: string }[];
}
const linesOf = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { lignesImport: Line[] }).lignesImport;

/** A package folder's ZIPs: name → entry names, each entry's bytes checked against the attachments folder. */
function zipsIn(pkg: string, folder: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of readdirSync(pkg).filter((x) => x.endsWith('.zip'))) {
    const entries = unzipSync(readFileSync(join(pkg, f)));
    for (const [n, b] of Object.entries(entries)) assert.ok(Buffer.from(b).equals(readFileSync(join(folder, n))), `${f} ${n}`);
    out[f] = Object.keys(entries);
  }
  return out;
}

test('split --max 1 --attachments: each part with its package, ZIPs under the renumbered names, the union = the input', async () => {
  const d = await goodDeposit('segur-split-pj-');
  const input = linesOf(d.json);
  const r = run(['split', 'IMG-RIS-Va2-solde.json', '-o', 'out', '--max', '1', '--attachments', 'pj'], d.dir);
  assert.equal(r.status, 0, r.stderr);
  const out = join(d.dir, 'out');
  const parts = ['IMG-RIS-Va2-solde-1', 'IMG-RIS-Va2-solde-2', 'IMG-RIS-Va2-solde-3'];
  assert.deepEqual(readdirSync(out).sort(), parts.flatMap((p) => [p, `${p}.json`]).sort());
  const all: string[] = [];
  for (const [k, p] of parts.entries()) {
    const lines = linesOf(join(out, `${p}.json`));
    assert.deepEqual(
      lines.map((l) => [l.numeroEditeur, l.numLigne]),
      [[input[k].numeroEditeur, 1]],
      'renumbered from 1',
    );
    const pkg = join(out, p);
    const zip = `${input[k].numeroEditeur}_1.zip`;
    assert.deepEqual(readdirSync(pkg).sort(), [zip, `${p}.json`, 'manifest.json'].sort());
    assert.ok(readFileSync(join(pkg, `${p}.json`)).equals(readFileSync(join(out, `${p}.json`))), 'the part byte for byte');
    assert.deepEqual(zipsIn(pkg, d.folder), { [zip]: input[k].piecesJustificatives.map((x) => x.nomFichier) });
    all.push(...zipsIn(pkg, d.folder)[zip]);
    assert.match(r.stderr, new RegExp(`out/${p} : paquet, 1 ZIP \\(2 pièces\\) et manifest\\.json`));
  }
  assert.deepEqual(all.sort(), SOLDE_NAMES.map((n) => n.name).sort(), 'the union of the packages = the input attachments');
  assert.deepEqual(readdirSync(d.dir).sort(), ['IMG-RIS-Va2-solde.json', 'out', 'pj'], 'no temporary folder left');
});

test('split --errors --attachments: a missing attachment puts its request in the part to correct, which gets no package', async () => {
  const d = await goodDeposit('segur-split-pj-errors-');
  const input = linesOf(d.json);
  rmSync(join(d.folder, SOLDE_NAMES[2].name)); // the second request's invoice
  const r = run(['split', 'IMG-RIS-Va2-solde.json', '-o', 'out', '--errors', '--attachments', 'pj', '--lang', 'en'], d.dir);
  assert.equal(r.status, 0, r.stderr);
  const out = join(d.dir, 'out');
  assert.deepEqual(readdirSync(out).sort(), ['IMG-RIS-Va2-solde-a-corriger.json', 'IMG-RIS-Va2-solde-a-deposer', 'IMG-RIS-Va2-solde-a-deposer.json']);
  assert.match(r.stderr, /IMG-RIS-Va2-solde-a-corriger\.json: requests with errors, 1 error\(s\): no package/);
  const pkg = join(out, 'IMG-RIS-Va2-solde-a-deposer');
  // Requests 1 and 3, numbered 1 and 2 in their part: their ZIPs are named so.
  assert.deepEqual(zipsIn(pkg, d.folder), {
    [`${input[0].numeroEditeur}_1.zip`]: input[0].piecesJustificatives.map((x) => x.nomFichier),
    [`${input[2].numeroEditeur}_2.zip`]: input[2].piecesJustificatives.map((x) => x.nomFichier),
  });
  assert.deepEqual(
    linesOf(join(out, 'IMG-RIS-Va2-solde-a-corriger.json')).map((l) => l.numeroEditeur),
    [input[1].numeroEditeur],
  );
});

test('split --attachments refuses an existing -o, or one inside the attachments folder; nothing written', async () => {
  const d = await goodDeposit('segur-split-pj-exists-');
  mkdirSync(join(d.dir, 'out'));
  const r = run(['split', 'IMG-RIS-Va2-solde.json', '-o', 'out', '--max', '1', '--attachments', 'pj'], d.dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /out existe déjà/);
  assert.deepEqual(readdirSync(join(d.dir, 'out')), []);
  const inside = run(['split', 'IMG-RIS-Va2-solde.json', '-o', 'pj/out', '--max', '1', '--attachments', 'pj'], d.dir);
  assert.equal(inside.status, 2);
  assert.match(inside.stderr, /dans le dossier des pièces justificatives/);
  assert.ok(!existsSync(join(d.folder, 'out')));
});
