#!/usr/bin/env node
/**
 * `npm run bench`: prints figures (medians of interleaved repeated runs), never asserts them.
 * JSON.parse vs jsonc-parser parseTree vs the full engine (parse + detection + schema + all rules),
 * on generated 200-request (the portal's maximum) and 10 000-request files of several SONS.
 */
import { parseTree } from 'jsonc-parser';
import { createRequire } from 'node:module';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { generate } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { check } = createRequire(import.meta.url)(join(root, 'dist', 'engine.js'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const cases = [];
for (const [sons, kind] of [['IMG-RIS-Va2', 'solde'], ['HOP-DPI-Va2', 'avance'], ['MDV-LGC-Va2', 'solde']]) {
  for (const n of [200, 10000]) cases.push({ sons, kind, n, text: generate(sons, kind, n) });
}

const results = {};
for (const c of cases) {
  const reps = c.n === 200 ? 41 : 7;
  const t = { parse: [], tree: [], engine: [] };
  const opts = { fileName: `${c.sons}-${c.kind}.json` };
  const findings = check(c.text, opts).findings.length;
  for (let i = 0; i < reps; i++) {
    t.parse.push(time(() => JSON.parse(c.text)));
    t.tree.push(time(() => parseTree(c.text)));
    t.engine.push(time(() => check(c.text, opts)));
  }
  const key = `${c.sons}.${c.kind}.${c.n}`;
  results[key] = { bytes: c.text.length, findings, json_parse_ms: median(t.parse), jsonc_parse_tree_ms: median(t.tree), engine_ms: median(t.engine) };
}

console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, node ${process.version}`);
console.log('file'.padEnd(28), 'size'.padStart(9), 'JSON.parse'.padStart(11), 'parseTree'.padStart(10), 'engine'.padStart(9), 'engine/parse'.padStart(13));
for (const [k, r] of Object.entries(results)) {
  console.log(k.padEnd(28), `${(r.bytes / 1024).toFixed(0)} KB`.padStart(9), r.json_parse_ms.toFixed(2).padStart(11), r.jsonc_parse_tree_ms.toFixed(2).padStart(10), r.engine_ms.toFixed(2).padStart(9), (r.engine_ms / r.json_parse_ms).toFixed(1).padStart(13));
}
const r200 = results['IMG-RIS-Va2.solde.200'];
const r10k = results['IMG-RIS-Va2.solde.10000'];
const summary = {
  engine_200_ms: +r200.engine_ms.toFixed(2),
  engine_10000_ms: +r10k.engine_ms.toFixed(2),
  engine_vs_json_parse_200: +(r200.engine_ms / r200.json_parse_ms).toFixed(2),
  scale_10000_vs_200: +(r10k.engine_ms / r200.engine_ms).toFixed(2),
};
console.log('');
for (const [k, v] of Object.entries(summary)) console.log(`${k}=${v}`);
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ machine: os.cpus()[0].model, node: process.version, ...summary, details: results }, null, 2) + '\n');
