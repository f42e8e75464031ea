#!/usr/bin/env node
/**
 * Templates of N line keys (a template is a user's file, of any size): how long learning such a template and checking a
 * file with it take. Run by hand after a build (`node scripts/build.mjs && node bench/templates.mjs [N ...]`); prints
 * figures, asserts nothing. Each case runs in its own process with a time budget (default 600 s, `--budget SECONDS`),
 * so a quadratic case is reported as over budget instead of blocking the run.
 *
 * The blank is the official-like IMG-RIS-Va2 solde blank (test/templates/official-like) whose request line gets N extra
 * tags `cle1` … `cleN` (short keys one edit apart: the worst case for the near-miss searches of S1/S5/S6). Documents
 * checked with the learned template, one request line each:
 *   exact     every key, in template order (the walker's fast path);
 *   reversed  the N keys in reverse order (S7, its reordering fix);
 *   half      every other key deleted (S3 missing tags, each with its insertion fix);
 *   typos     one key in ten misspelled (`cle12` → `cle12x`: S1 unknown key with a suggestion, among N absent keys);
 *   unknown   one key in ten renamed to a key absent from the template and from any suggestion (`zz12`).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SONS = 'IMG-RIS-Va2';
const KIND = 'solde';

function blankWith(n) {
  const blank = JSON.parse(readFileSync(join(root, 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json'), 'utf8'));
  const line = blank.lignesImport[0];
  for (let i = 1; i <= n; i++) line[`cle${i}`] = null;
  return JSON.stringify(blank, null, 2);
}

function documentWith(n, shape) {
  const doc = JSON.parse(readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8'));
  const base = doc.lignesImport[0];
  doc.lignesImport = [base];
  const extra = [];
  for (let i = 1; i <= n; i++) {
    if (shape === 'half' && i % 2 === 0) continue;
    let key = `cle${i}`;
    if (shape === 'typos' && i % 10 === 0) key = `cle${i}x`;
    if (shape === 'unknown' && i % 10 === 0) key = `zz${i}`;
    extra.push([key, 'v']);
  }
  if (shape === 'reversed') extra.reverse();
  // The learned line puts the extra tags after the blank's own keys: keep them there.
  const line = {};
  const blankLine = JSON.parse(blankWith(0)).lignesImport[0];
  for (const k of Object.keys(blankLine)) line[k] = base[k] ?? null;
  for (const [k, v] of extra) line[k] = v;
  doc.lignesImport[0] = line;
  return JSON.stringify(doc, null, 2);
}

const SHAPES = ['exact', 'reversed', 'half', 'typos', 'unknown'];

/** One case in this process: prints `{learnMs, checkMs, findings}` as JSON. */
function runCase(n, shape) {
  const require = createRequire(import.meta.url);
  const { check, learnTemplate } = require(join(root, 'dist', 'engine.js'));
  const blank = blankWith(n);
  let t = performance.now();
  const template = learnTemplate(blank, undefined, SONS, KIND, 'bench.blank.json');
  const learnMs = performance.now() - t;
  const text = documentWith(n, shape);
  t = performance.now();
  const r = check(text, { sons: SONS, kind: KIND, templates: { [`${SONS}.${KIND}`]: template } });
  const checkMs = performance.now() - t;
  process.stdout.write(JSON.stringify({ learnMs, checkMs, findings: r.findings.length }) + '\n');
}

const args = process.argv.slice(2);
if (args[0] === '--case') {
  runCase(Number(args[1]), args[2]);
} else {
  let budget = 600;
  const sizes = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--budget') budget = Number(args[++i]);
    else sizes.push(Number(args[i]));
  }
  // Up to the maxKeys limit of schemas/templates.json (1 000 keys in all; the blank has 21 and its learned template 32).
  if (sizes.length === 0) sizes.push(100, 500, 960);
  console.log(`templates of N line keys (${SONS} ${KIND}), one request line; budget ${budget} s per case`);
  console.log('N\tshape\tlearn ms\tcheck ms\tfindings');
  for (const n of sizes) {
    for (const shape of SHAPES) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--case', String(n), shape], { encoding: 'utf8', timeout: budget * 1000 });
      if (r.status !== 0 || !r.stdout.trim()) {
        const over = r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM';
        console.log(`${n}\t${shape}\t${over ? `> ${budget} s (over budget)` : `failed: ${(r.stderr || '').split('\n')[0]}`}`);
        continue;
      }
      const { learnMs, checkMs, findings } = JSON.parse(r.stdout.trim().split('\n').pop());
      console.log(`${n}\t${shape}\t${learnMs.toFixed(0)}\t${checkMs.toFixed(0)}\t${findings}\t(${((performance.now() - t) / 1000).toFixed(1)} s in all)`);
    }
  }
}
