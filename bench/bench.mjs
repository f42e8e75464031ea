#!/usr/bin/env node
/**
 * `npm run bench`: prints figures, never asserts them (speed and memory targets of issue 5 are read here).
 * In one process, interleaved, medians of repeated runs on generated realistic files (200 requests = the portal's
 * maximum, and 10 000) of three SONS: JSON.parse; jsonc-parser parseTree; vscode-json-languageservice validating the
 * same file against the same (expanded) schema; the full engine (parse + detection + schema + all rules).
 * Then, over stdio with a real LSP client: start → first diagnostics, one-character edit → fresh diagnostics,
 * RSS with the 10 000-request file open. Last, one `name=value` line per figure, also in bench/results.json.
 */
import { parseTree } from 'jsonc-parser';
import { createRequire } from 'node:module';
import { writeFileSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { generate } from './generate.mjs';
import { lspFigures } from './lsp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { check } = require(join(root, 'dist', 'engine.js'));
const jls = require('vscode-json-languageservice');
const schemas = JSON.parse(readFileSync(join(root, 'server', 'generated', 'schemas.json'), 'utf8'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

/** A language service that knows the expanded schema of the SONS × kind (annotations are ignored by it). */
function languageService(id) {
  const uri = `segur://schemas/${id}.json`;
  const ls = jls.getLanguageService({ schemaRequestService: async () => JSON.stringify(schemas[id]) });
  ls.configure({ validate: true, allowComments: false, schemas: [{ uri, fileMatch: ['*.json'], schema: schemas[id] }] });
  return ls;
}

const cases = [];
for (const [sons, kind] of [['IMG-RIS-Va2', 'solde'], ['HOP-DPI-Va2', 'avance'], ['MDV-LGC-Va2', 'solde']]) {
  for (const n of [200, 10000]) cases.push({ sons, kind, n, text: generate(sons, kind, n) });
}

const results = {};
for (const c of cases) {
  const reps = c.n === 200 ? 31 : 5;
  const ls = languageService(`${c.sons}.${c.kind}`);
  const doc = jls.TextDocument.create(`file:///bench/${c.sons}-${c.kind}.json`, 'json', 1, c.text);
  // The full engine even above the 10 MB default limit (the 10 000-request files are 10–13 MB).
  const opts = { fileName: `${c.sons}-${c.kind}.json`, maxBytes: 64 * 1024 * 1024 };
  const findings = check(c.text, opts).findings.filter((f) => f.severity !== 'hint').length;
  const jlsDiags = (await ls.doValidation(doc, ls.parseJSONDocument(doc))).length;
  const t = { parse: [], tree: [], jls: [], engine: [] };
  for (let i = 0; i < reps; i++) {
    t.parse.push(await time(() => JSON.parse(c.text)));
    t.tree.push(await time(() => parseTree(c.text)));
    t.jls.push(await time(() => ls.doValidation(doc, ls.parseJSONDocument(doc))));
    t.engine.push(await time(() => check(c.text, opts)));
  }
  results[`${c.sons}.${c.kind}.${c.n}`] = { bytes: c.text.length, findings, jls_diagnostics: jlsDiags, json_parse_ms: median(t.parse), jsonc_parse_tree_ms: median(t.tree), languageservice_ms: median(t.jls), engine_ms: median(t.engine) };
}

const cpu = os.cpus()[0]?.model ?? 'unknown';
console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log('file'.padEnd(26), 'size'.padStart(9), 'JSON.parse'.padStart(11), 'parseTree'.padStart(10), 'json-ls'.padStart(9), 'engine'.padStart(9), 'eng/parse'.padStart(10), 'eng/ls'.padStart(7), 'findings'.padStart(9));
for (const [k, r] of Object.entries(results)) {
  console.log(k.padEnd(26), `${(r.bytes / 1024).toFixed(0)} KB`.padStart(9), r.json_parse_ms.toFixed(2).padStart(11), r.jsonc_parse_tree_ms.toFixed(2).padStart(10), r.languageservice_ms.toFixed(2).padStart(9), r.engine_ms.toFixed(2).padStart(9), (r.engine_ms / r.json_parse_ms).toFixed(1).padStart(10), (r.engine_ms / r.languageservice_ms).toFixed(2).padStart(7), String(r.findings).padStart(9));
}

const lsp = await lspFigures();
const ratio = (key, f) => {
  const xs = Object.entries(results).filter(([k]) => k.endsWith(`.${key}`)).map(([, r]) => f(r));
  return +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2);
};
const scale = Object.keys(results).filter((k) => k.endsWith('.200')).map((k) => results[k.replace(/\.200$/, '.10000')].engine_ms / results[k].engine_ms);
const summary = {
  engine_200_ms: +results['IMG-RIS-Va2.solde.200'].engine_ms.toFixed(2),
  engine_10000_ms: +results['IMG-RIS-Va2.solde.10000'].engine_ms.toFixed(1),
  engine_vs_languageservice_200: ratio(200, (r) => r.engine_ms / r.languageservice_ms),
  engine_vs_json_parse_200: ratio(200, (r) => r.engine_ms / r.json_parse_ms),
  scale_10000_vs_200: +(scale.reduce((a, b) => a + b, 0) / scale.length).toFixed(1),
  ...lsp,
};
console.log('\ntargets: engine_vs_languageservice_200 ≤ 1.0, engine_vs_json_parse_200 ≤ 6, scale_10000_vs_200 ≤ 55, lsp_edit_p50_ms ≤ 30, lsp_start_ms ≤ 300, rss_10000_mb ≤ 80\n');
for (const [k, v] of Object.entries(summary)) console.log(`${k}=${v}`);
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify({ date: new Date().toISOString(), machine: `${cpu}, ${os.cpus().length} cores, node ${process.version}`, ...summary, details: results }, null, 2) + '\n');
