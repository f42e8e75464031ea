#!/usr/bin/env node
/**
 * A vendor checks a folder: the CLI (`segur-json check <folder>`, as installed: bin/segur-json.js on
 * dist/) on N generated files of 200 requests (three SONS round-robin: IMG-RIS-Va2 solde, HOP-DPI-Va2 avance,
 * MDV-LGC-Va2 solde; distinct identifiers across files, bench/generate.mjs `offset`), against the floor: a process
 * of the same node that reads every file and JSON.parses it, keeping nothing. Whole processes: wall time (spawn to
 * exit, node's start included) and peak RSS (getrusage maxRSS written at exit by the preload bench/peak-rss.cjs; with
 * worker threads the process's peak covers them). CLI and floor runs alternate (`rounds` each); medians. Figures are printed, never asserted.
 *
 *   node bench/cli-folder.mjs            # 60 and 600 files, 3 rounds
 *   SEGUR_JSON_THREADS=1 node bench/cli-folder.mjs   # the CLI forced to one thread (server/src/cli/main.ts)
 *   CLI_FOLDER_COUNTS=600 CLI_FOLDER_ROUNDS=5 CLI_FOLDER_BIN=/other/bin/segur-json.js node bench/cli-folder.mjs
 *   CLI_FOLDER_BEFORE=/copy/of/previous/bin/segur-json.js node bench/cli-folder.mjs   # before/after, alternating
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// CLI_FOLDER_BIN: another build's bin/segur-json.js (e.g. a copy of the previous one, for before/after runs).
const bin = process.env.CLI_FOLDER_BIN ?? join(root, 'bin', 'segur-json.js');
const PEAK = join(root, 'bench', 'peak-rss.cjs');
const SONS = [
  ['IMG-RIS-Va2', 'solde'],
  ['HOP-DPI-Va2', 'avance'],
  ['MDV-LGC-Va2', 'solde'],
];
const REQUESTS = 200;

/** The floor: reads every .json file of the folder and JSON.parses it, keeping nothing. */
const FLOOR = `const fs = require('node:fs'), path = require('node:path');
const dir = process.argv[1];
let n = 0;
for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.json')) { JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')); n++; }
process.stdout.write(n + ' files\\n');`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Writes `count` generated files into a new folder; returns the folder and its size in bytes. */
export function makeFolder(count, parent = tmpdir()) {
  const dir = mkdtempSync(join(parent, 'segur-cli-folder-'));
  // The three texts of a round differ only by their offset: generating each file is the bench's own cost, not measured.
  let bytes = 0;
  for (let k = 0; k < count; k++) {
    const [sons, kind] = SONS[k % SONS.length];
    const text = generate(sons, kind, REQUESTS, { offset: k * REQUESTS });
    bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, `f${String(k).padStart(5, '0')}-${sons}-${kind}.json`), text);
  }
  return { dir, bytes };
}

/** Runs `node args…` with the peak-RSS preload: wall ms, peak RSS in MB, exit code, stdout. */
export function measure(args, env = process.env) {
  return new Promise((resolve, reject) => {
    const out = join(tmpdir(), `segur-cli-folder-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const t = performance.now();
    const child = spawn(process.execPath, ['-r', PEAK, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, SEGUR_BENCH_PEAK_FILE: out } });
    const chunks = [];
    const errs = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => errs.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t;
      let kb = NaN;
      try {
        kb = Number(readFileSync(out, 'utf8').trim());
        rmSync(out, { force: true });
      } catch {
        // reported as NaN
      }
      resolve({ ms, peakMb: kb / 1024, code, stdout: Buffer.concat(chunks).toString('utf8'), stderr: Buffer.concat(errs).toString('utf8') });
    });
  });
}

/** The CLI's closing line `N fichier(s), E erreur(s), W avertissement(s)`. */
export function totals(stdout) {
  const m = /(\d+) fichier\(s\), (\d+) erreur\(s\), (\d+) avertissement\(s\)\s*$/.exec(stdout);
  return m ? { files: +m[1], errors: +m[2], warnings: +m[3] } : undefined;
}

/**
 * `before`: another build's bin/segur-json.js, run in the same rounds (before, CLI, floor, alternating on the same
 * files): its figures are given as `before_cli_folder_*`.
 */
export async function cliFolderFigures({ counts = [60, 600], rounds = 3, log = () => {}, before } = {}) {
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js missing: node scripts/build.mjs');
  const figures = {};
  for (const count of counts) {
    const { dir, bytes } = makeFolder(count);
    try {
      // One untimed run of each (the disk cache warms; the CLI's result is checked: a clean folder has no error).
      const first = await measure([bin, 'check', dir]);
      const t = totals(first.stdout);
      if (!t || t.files !== count) throw new Error(`CLI on ${count} files: unexpected output (exit ${first.code}): ${first.stderr.slice(0, 300)}`);
      log(
        `${count} files (${(bytes / 2 ** 20).toFixed(1)} MB, ${count * REQUESTS} requests): CLI exit ${first.code}, ${t.errors} error(s), ${t.warnings} warning(s)`,
      );
      await measure(['-e', FLOOR, dir]);
      const cli = { ms: [], mb: [] };
      const floor = { ms: [], mb: [] };
      const prev = { ms: [], mb: [] };
      for (let r = 0; r < rounds; r++) {
        if (before) {
          const b = await measure([before, 'check', dir]);
          prev.ms.push(b.ms);
          prev.mb.push(b.peakMb);
          log(`  round ${r + 1}: before ${(b.ms / 1000).toFixed(2)} s ${b.peakMb.toFixed(0)} MB`);
        }
        const c = await measure([bin, 'check', dir]);
        cli.ms.push(c.ms);
        cli.mb.push(c.peakMb);
        const f = await measure(['-e', FLOOR, dir]);
        floor.ms.push(f.ms);
        floor.mb.push(f.peakMb);
        log(`  round ${r + 1}: CLI ${(c.ms / 1000).toFixed(2)} s ${c.peakMb.toFixed(0)} MB; floor ${(f.ms / 1000).toFixed(2)} s ${f.peakMb.toFixed(0)} MB`);
      }
      const s = median(cli.ms) / 1000;
      const mb = median(cli.mb);
      const fs = median(floor.ms) / 1000;
      const fmb = median(floor.mb);
      figures[`cli_folder_${count}_s`] = +s.toFixed(2);
      figures[`cli_folder_${count}_peak_mb`] = +mb.toFixed(0);
      figures[`floor_${count}_s`] = +fs.toFixed(2);
      figures[`floor_${count}_peak_mb`] = +fmb.toFixed(0);
      figures[`cli_folder_${count}_vs_floor`] = +(s / fs).toFixed(2);
      figures[`cli_folder_${count}_peak_vs_floor`] = +(mb / fmb).toFixed(2);
      figures[`cli_folder_${count}_errors`] = t.errors;
      if (before) {
        figures[`before_cli_folder_${count}_s`] = +(median(prev.ms) / 1000).toFixed(2);
        figures[`before_cli_folder_${count}_peak_mb`] = +median(prev.mb).toFixed(0);
        figures[`before_cli_folder_${count}_vs_floor`] = +(median(prev.ms) / 1000 / fs).toFixed(2);
        figures[`before_cli_folder_${count}_peak_vs_floor`] = +(median(prev.mb) / fmb).toFixed(2);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const big = Math.max(...counts);
  figures.cli_folder_vs_floor = figures[`cli_folder_${big}_vs_floor`];
  figures.cli_folder_peak_vs_floor = figures[`cli_folder_${big}_peak_vs_floor`];
  if (counts.length > 1) {
    const small = Math.min(...counts);
    // Peak memory per extra file, CLI and floor (the floor keeps nothing: its growth is the allocator's, not files').
    figures.cli_folder_mb_per_file = +((figures[`cli_folder_${big}_peak_mb`] - figures[`cli_folder_${small}_peak_mb`]) / (big - small)).toFixed(3);
    figures.floor_mb_per_file = +((figures[`floor_${big}_peak_mb`] - figures[`floor_${small}_peak_mb`]) / (big - small)).toFixed(3);
  }
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const counts = process.env.CLI_FOLDER_COUNTS ? process.env.CLI_FOLDER_COUNTS.split(',').map(Number) : undefined;
  const rounds = process.env.CLI_FOLDER_ROUNDS ? Number(process.env.CLI_FOLDER_ROUNDS) : undefined;
  const figures = await cliFolderFigures({ counts, rounds, before: process.env.CLI_FOLDER_BEFORE, log: (s) => console.log(s) });
  console.log('\ntargets: cli_folder_vs_floor ≤ 2.5, cli_folder_peak_vs_floor ≤ 3, memory not growing with the number of files beyond the summaries\n');
  for (const [k, v] of Object.entries(figures)) console.log(`${k}=${v}`);
}
