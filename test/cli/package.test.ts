/**
 * `segur-json package` (server/src/cli/package.ts, io/zipPackage.ts) on real files: a deposit of 200 requests with
 * 2–3 real attachments each gives 200 ZIPs holding exactly what each request names, the JSON byte for byte and a
 * manifest; a second run gives the same bytes; a missing attachment blocks it (P1/missing named, nothing written); an
 * existing output is refused; a run killed midway leaves no output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { packageCommand } from '../../server/src/cli/package.ts';
import { bigDeposit } from '../helpers/package-deposit';
import { goodDeposit, SOLDE_NAMES } from '../helpers/deposit';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, SEGUR_JSON_THREADS: '1' } });

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** Every file of a folder with its bytes' hash and mtime: what must not change. */
const snapshot = (dir: string) =>
  readdirSync(dir)
    .sort()
    .map((f) => [f, sha(readFileSync(join(dir, f))), statSync(join(dir, f)).mtimeMs]);

test('200 requests: 200 ZIPs holding exactly what each request names, the JSON byte for byte, the manifest; twice the same bytes', async () => {
  const d = await bigDeposit(200);
  const jsonState = () => [sha(readFileSync(d.json)), statSync(d.json).mtimeMs];
  const before = { folder: snapshot(d.folder), json: jsonState() };
  const said: string[] = [];
  const code = await packageCommand(['IMG-RIS-Va2-solde.json', '--attachments', 'pj', '-o', 'depot'], d.dir, (l) => said.push(l));
  assert.equal(code, 0, said.join('\n'));
  const out = join(d.dir, 'depot');
  // Read independently of the package: the JSON's own request lines.
  const zips = d.lines.map((l) => `${l.numeroEditeur}_${l.numLigne}.zip`);
  assert.equal(new Set(zips).size, 200);
  assert.deepEqual(readdirSync(out).sort(), [...zips, 'IMG-RIS-Va2-solde.json', 'manifest.json'].sort());
  assert.ok(readFileSync(join(out, 'IMG-RIS-Va2-solde.json')).equals(readFileSync(d.json)), 'the JSON byte for byte');
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.equal(manifest.requests.length, 200);
  let files = 0;
  for (const [i, line] of d.lines.entries()) {
    const zip = readFileSync(join(out, zips[i]));
    const entries = unzipSync(zip);
    const names = line.piecesJustificatives.map((p) => p.nomFichier);
    assert.ok(names.length === 2 || names.length === 3);
    files += names.length;
    assert.deepEqual(Object.keys(entries), names, `${zips[i]}: exactly the request's files, in the JSON's order`);
    for (const n of names) assert.ok(Buffer.from(entries[n]).equals(readFileSync(join(d.folder, n))), `${zips[i]} ${n}`);
    const m = manifest.requests[i];
    assert.deepEqual([m.numLigne, m.zip, m.sha256], [line.numLigne, zips[i], sha(zip)]);
    assert.deepEqual(
      m.files,
      names.map((n) => ({ name: n, size: statSync(join(d.folder, n)).size, sha256: sha(readFileSync(join(d.folder, n))) })),
    );
  }
  assert.equal(files, 467);
  assert.deepEqual(manifest.json, { name: 'IMG-RIS-Va2-solde.json', size: statSync(d.json).size, sha256: sha(readFileSync(d.json)) });
  assert.match(said.join('\n'), /200 ZIP \(467 pièces\).*modélisé.*schemas\/attachments\.json/);
  // The inputs untouched, nothing written in the attachments folder.
  assert.deepEqual(snapshot(d.folder), before.folder);
  assert.deepEqual(jsonState(), before.json);
  // A second run, through the command line: the same bytes, file for file.
  const r = run(['package', 'IMG-RIS-Va2-solde.json', '--attachments', 'pj', '-o', 'depot2', '--lang', 'en'], d.dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /depot2: IMG-RIS-Va2-solde\.json, 200 ZIP \(467 attachments\) and manifest\.json; ZIP names modelled/);
  assert.deepEqual(
    snapshot(join(d.dir, 'depot2')).map(([f, h]) => [f, h]),
    snapshot(out).map(([f, h]) => [f, h]),
  );
  assert.deepEqual(readdirSync(d.dir).sort(), ['IMG-RIS-Va2-solde.json', 'depot', 'depot2', 'pj']);
});

test('a missing attachment blocks the package: P1/missing with its line and name on stderr, exit 1, no output', async () => {
  const d = await goodDeposit('segur-package-missing-');
  rmSync(join(d.folder, SOLDE_NAMES[3].name));
  const r = run(['package', 'IMG-RIS-Va2-solde.json', '--attachments', 'pj', '-o', 'depot'], d.dir);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /1 erreur\(s\) bloquent le dépôt/);
  assert.match(r.stderr, new RegExp(`IMG-RIS-Va2-solde\\.json:${SOLDE_NAMES[3].line}:\\d+: P1/missing .*\\(pièce : ${SOLDE_NAMES[3].name}\\)`));
  assert.equal(r.stdout, '');
  assert.equal(existsSync(join(d.dir, 'depot')), false);
  assert.deepEqual(readdirSync(d.dir).sort(), ['IMG-RIS-Va2-solde.json', 'pj']);
  // Any error of the JSON blocks too (here: the SIRET's check key).
  writeFileSync(d.json, readFileSync(d.json, 'utf8').replace('"siret": "43216756700028"', '"siret": "43216756700029"'));
  writeFileSync(join(d.folder, SOLDE_NAMES[3].name), readFileSync(join(d.folder, SOLDE_NAMES[1].name)));
  const j = run(['package', 'IMG-RIS-Va2-solde.json', '--attachments', 'pj', '-o', 'depot', '--lang', 'en'], d.dir);
  assert.equal(j.status, 1, j.stderr);
  assert.match(j.stderr, /1 error\(s\) block the deposit; depot is not written/);
  assert.match(j.stderr, /IMG-RIS-Va2-solde\.json:4:\d+: \S+ /);
  assert.equal(existsSync(join(d.dir, 'depot')), false);
});

test('an existing output is refused and left as it was; an output inside the attachments folder is refused', async () => {
  const d = await goodDeposit('segur-package-exists-');
  mkdirSync(join(d.dir, 'depot'));
  writeFileSync(join(d.dir, 'depot', 'notes.txt'), 'mine');
  const r = run(['package', 'IMG-RIS-Va2-solde.json', '--attachments', 'pj', '-o', 'depot'], d.dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /depot existe déjà .* \/ depot already exists/);
  assert.deepEqual(readdirSync(join(d.dir, 'depot')), ['notes.txt']);
  // Without --attachments the JSON's folder holds the attachments: an output in it is refused.
  const inside = run(['package', 'pj/../IMG-RIS-Va2-solde.json', '-o', 'out'], d.dir);
  assert.equal(inside.status, 2);
  assert.match(inside.stderr, /dans le dossier des pièces justificatives/);
  assert.equal(existsSync(join(d.dir, 'out')), false);
  // Without --attachments, the JSON's own folder: its files beside it.
  for (const { name } of SOLDE_NAMES) writeFileSync(join(d.dir, name), readFileSync(join(d.folder, name)));
  const sibling = `../${basename(d.dir)}-depot`;
  const beside = run(['package', 'IMG-RIS-Va2-solde.json', '-o', sibling], d.dir);
  assert.equal(beside.status, 0, beside.stderr);
  assert.equal(readdirSync(join(d.dir, sibling)).length, 5);
  rmSync(join(d.dir, sibling), { recursive: true });
});

test('a run killed midway leaves no output (its hidden temporary folder only); the next run writes it whole', async () => {
  const d = await bigDeposit(30);
  // The package paused after its first ZIP (tests' hook), then killed.
  const script = `
    const { packageCommand } = require(${JSON.stringify(join(root, 'server/src/cli/package.ts'))});
    packageCommand(['IMG-RIS-Va2-solde.json', '--attachments', 'pj', '-o', 'depot'], process.argv[1], () => {}, {
      afterZip: (i) => { if (i === 0) { process.stdout.write('paused\\n'); return new Promise(() => {}); } },
    });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, d.dir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      if (b.toString().includes('paused')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before pausing`)));
  });
  const temp = readdirSync(d.dir).filter((f) => f.startsWith('.depot.'));
  assert.equal(temp.length, 1, 'the temporary folder, beside');
  assert.ok(readdirSync(join(d.dir, temp[0])).some((f) => f.endsWith('.zip')));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  assert.equal(existsSync(join(d.dir, 'depot')), false, 'no output');
  const said: string[] = [];
  assert.equal(await packageCommand(['IMG-RIS-Va2-solde.json', '--attachments', 'pj', '-o', 'depot'], d.dir, (l) => said.push(l)), 0, said.join('\n'));
  assert.equal(readdirSync(join(d.dir, 'depot')).length, 32);
  // A failure inside the run (a hook that throws): the error goes up, nothing is left.
  await assert.rejects(
    packageCommand(['IMG-RIS-Va2-solde.json', '--attachments', 'pj', '-o', 'depot3'], d.dir, () => undefined, {
      afterZip: (i) => {
        if (i === 10) throw new Error('injected');
      },
    }),
    /injected/,
  );
  assert.equal(existsSync(join(d.dir, 'depot3')), false);
  assert.deepEqual(
    readdirSync(d.dir).filter((f) => f.startsWith('.depot3.')),
    [],
  );
});

test('usage: no -o, two files, a bad --lang: exit 2 with the usage line', async () => {
  const d = await goodDeposit('segur-package-usage-');
  for (const args of [
    ['package', 'IMG-RIS-Va2-solde.json'],
    ['package', 'a.json', 'b.json', '-o', 'x'],
    ['package', 'IMG-RIS-Va2-solde.json', '-o', '../x', '--lang', 'de'],
  ]) {
    const r = run(args, d.dir);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /package|--lang/);
  }
  const r = run(['package', 'absent.json', '-o', '../y'], d.dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /illisible \/ unreadable: absent\.json/);
});
