/**
 * `segur-json split` (cli/splitFiles.ts) through the built CLI: the files written to -o, their names, their content
 * checked again by `segur-json check`, and every refusal (broken syntax, the input as a target, bad options) with
 * exit 2 and nothing written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SONS_TABLE } from '../../server/src/segur.ts';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (args: string[], cwd = root) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
const MAX = SONS_TABLE.maxRequestsPerFile;
const bench = import(pathToFileURL(join(root, 'bench', 'generate.mjs')).href) as Promise<{ generate: (sons: string, kind: string, n: number) => string }>;

test('split a file over the S9 limit: files of at most the limit, named from the input, each checks clean', async () => {
  const { generate } = await bench;
  const dir = mkdtempSync(join(tmpdir(), 'segur-split-'));
  const input = join(dir, 'lot.json');
  const n = MAX + 30;
  const text = generate('IMG-RIS-Va2', 'avance', n);
  writeFileSync(input, text);
  const r = run(['split', input, '-o', join(dir, 'out')]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['lot-1.json', 'lot-2.json']);
  assert.match(r.stderr, new RegExp(`lot-1\\.json : ${MAX} demandes écrites`));
  assert.match(r.stderr, /lot-2\.json : 30 demandes écrites/);
  assert.equal(readFileSync(input, 'utf8'), text, 'the input is untouched');
  const c = run(['check', '--format', 'json', join(dir, 'out')]);
  assert.equal(c.status, 0, c.stdout);
  const counts = ['lot-1.json', 'lot-2.json'].map((f) => JSON.parse(readFileSync(join(dir, 'out', f), 'utf8')).lignesImport.length);
  assert.deepEqual(counts, [MAX, 30]);
});

test('split --errors: the request with an error in lot-a-corriger.json, the others in lot-a-deposer.json', async () => {
  const { generate } = await bench;
  const dir = mkdtempSync(join(tmpdir(), 'segur-split-'));
  const doc = JSON.parse(generate('IMG-RIS-Va2', 'avance', 8));
  const geos: string[] = doc.lignesImport[4].beneficiaires.Etablissements[0].FINESGeos;
  geos[0] = geos[0].slice(0, 8) + ((Number(geos[0][8]) + 1) % 10);
  const input = join(dir, 'lot.json');
  writeFileSync(input, JSON.stringify(doc, null, 2) + '\n');
  const r = run(['split', input, '-o', dir, '--errors', '--lang', 'en']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /lot-a-deposer\.json: 7 requests written/);
  assert.match(r.stderr, /lot-a-corriger\.json: 1 request written/);
  const fixme = JSON.parse(readFileSync(join(dir, 'lot-a-corriger.json'), 'utf8'));
  assert.equal(fixme.lignesImport[0].numeroEditeur, doc.lignesImport[4].numeroEditeur);
  assert.equal(fixme.lignesImport[0].numLigne, 1);
  assert.equal(run(['check', join(dir, 'lot-a-deposer.json')]).status, 0);
  assert.equal(run(['check', join(dir, 'lot-a-corriger.json')]).status, 1);
});

test('split: nothing to split writes nothing and says so (exit 0)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-split-'));
  const r = run(['split', join(root, 'examples', 'IMG-RIS-Va2', 'avance.json'), '-o', join(dir, 'out'), '--errors', '--by-vat']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /aucune demande en erreur/);
  assert.match(r.stderr, /3 demande\(s\), rien à découper ; aucun fichier écrit/);
  assert.equal(existsSync(join(dir, 'out')), false);
});

test('split refuses, exit 2 and nothing written: broken syntax, the input as a target, bad options, not UTF-8', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-split-'));
  const ex = readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'avance.json'), 'utf8');
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, ex.replace('"typeAction": "C",', '"typeAction": "C",,'));
  let r = run(['split', broken, '-o', join(dir, 'out'), '--max', '1']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /la syntaxe JSON du fichier est incorrecte : corrigez-la d'abord/);
  assert.equal(existsSync(join(dir, 'out')), false);
  const x = join(dir, 'x.json');
  writeFileSync(x, ex);
  r = run(['split', x, '-o', dir, '--max', '1']);
  assert.equal(r.status, 0, r.stderr);
  writeFileSync(join(dir, 'x-2.json'), 'keep');
  r = run(['split', x, '-o', dir, '--max', '1']);
  assert.equal(r.status, 0);
  assert.equal(JSON.parse(readFileSync(join(dir, 'x-2.json'), 'utf8')).lignesImport.length, 1, 'an earlier part is replaced (atomically)');
  // A part's name that is the input itself (here a hard link of it): refused before anything is written.
  const linked = join(dir, 'l.json');
  writeFileSync(linked, ex);
  linkSync(linked, join(dir, 'l-2.json'));
  r = run(['split', linked, '-o', dir, '--max', '1']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /l-2\.json est le fichier d'entrée/);
  assert.equal(existsSync(join(dir, 'l-1.json')), false, 'nothing written');
  for (const args of [['--max', '0'], ['--max', 'abc'], ['--max', '2.5'], ['--kind', 'autre'], ['--nope']]) {
    r = run(['split', x, '-o', join(dir, 'o2'), ...args]);
    assert.equal(r.status, 2, args.join(' '));
  }
  r = run(['split', x]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /-o DOSSIER manquant/);
  r = run(['split', '-o', dir]);
  assert.equal(r.status, 2);
  const latin = join(dir, 'latin.json');
  writeFileSync(latin, Buffer.from(ex, 'latin1'));
  r = run(['split', latin, '-o', join(dir, 'o3'), '--max', '1']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /pas en UTF-8/);
  assert.equal(existsSync(join(dir, 'o3')), false);
});
