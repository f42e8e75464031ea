#!/usr/bin/env node
/**
 * How the engine's cost grows with the number of request lines, against JSON.parse's. Prints figures, never
 * asserts them. A/B: every engine build given is loaded in this one process and timed interleaved with JSON.parse
 * (the machine is shared: only ratios taken in the same rounds are comparable).
 *
 *   node --expose-gc bench/scale.mjs [--rounds 9] [--churn] [engine.js …] (default: dist/engine.js; --churn: see below)
 *   node --expose-gc bench/scale.mjs --heap [--file f.json] [engine.js] (one check of HOP-DPI-Va2 avance 10 000, fresh process)
 *   node bench/scale.mjs --write f.json                                 (writes that file: then /usr/bin/time -f %M node
 *                                                                         --expose-gc bench/scale.mjs --heap --file f.json gives
 *                                                                         the peak RSS of a process that checks it once)
 *
 * scale_vs_json_parse = (engine 10 000 ÷ engine 200) ÷ (JSON.parse 10 000 ÷ JSON.parse 200) per SONS, averaged
 * (bench/bench.mjs's definition); broken_vs_clean_200 = engine on the IMG-RIS 200 file with the same mistake on every
 * line ÷ engine on the clean one, max over bench/generate.mjs's MISTAKES.
 */
import { createRequire } from 'node:module';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import v8 from 'node:v8';
import { generate, breakEveryLine, MISTAKES } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const file = flag('--file');
const write = flag('--write');
const churn = args.includes('--churn');
if (churn) args.splice(args.indexOf('--churn'), 1);
const heapMode = args.includes('--heap');
if (heapMode) args.splice(args.indexOf('--heap'), 1);
const rounds = Number(flag('--rounds') ?? 9);
const paths = args.length > 0 ? args.map((p) => resolve(p)) : [join(root, 'dist', 'engine.js')];
const engines = paths.map((p) => ({ name: p.replace(/^.*\//, ''), path: p, check: require(p).check }));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => performance.now();
const opts = (sons, kind) => ({ fileName: `${sons}-${kind}.json`, maxBytes: 64 * 1024 * 1024 });
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

if (write) {
  // The 10 MB file of --heap, written once, so that a process's peak RSS (/usr/bin/time -f %M) is not the generator's.
  (await import('node:fs')).writeFileSync(write, generate('HOP-DPI-Va2', 'avance', 10000));
  process.exit(0);
}
if (heapMode) {
  // One check in a fresh process: the heap's growth across it (what the engine allocated that is still reachable or not
  // yet collected at its end), then what stays after a full GC with the result still referenced.
  const [e] = engines;
  const text = file ? (await import('node:fs')).readFileSync(file, 'utf8') : generate('HOP-DPI-Va2', 'avance', 10000);
  const o = opts('HOP-DPI-Va2', 'avance');
  globalThis.gc?.();
  const before = process.memoryUsage();
  const h0 = v8.getHeapStatistics();
  const t = now();
  const result = e.check(text, o);
  const ms = now() - t;
  const after = process.memoryUsage();
  const h1 = v8.getHeapStatistics();
  globalThis.gc?.();
  globalThis.gc?.();
  const kept = process.memoryUsage();
  if (result.findings.length < 0) console.log(result); // the result stays referenced until here
  const mb = (x) => (x / 2 ** 20).toFixed(1);
  console.log(
    `${e.name}: HOP-DPI-Va2.avance.10000 (${mb(text.length)} M chars) checked once in ${ms.toFixed(0)} ms, ${result.findings.length} findings, load ${load()}`,
  );
  console.log(
    `heapUsed before ${mb(before.heapUsed)} MB, right after ${mb(after.heapUsed)} MB (+${mb(after.heapUsed - before.heapUsed)}), after gc ${mb(kept.heapUsed)} MB (+${mb(kept.heapUsed - before.heapUsed)} kept with the result)`,
  );
  console.log(
    `heap total ${mb(h0.total_heap_size)} → ${mb(h1.total_heap_size)} MB, malloced peak ${mb(h1.peak_malloced_memory)} MB; rss ${mb(before.rss)} → ${mb(after.rss)} MB`,
  );
  process.exit(0);
}

const cases = [];
for (const [sons, kind] of [
  ['IMG-RIS-Va2', 'solde'],
  ['HOP-DPI-Va2', 'avance'],
  ['MDV-LGC-Va2', 'solde'],
]) {
  for (const n of [200, 10000]) cases.push({ sons, kind, n, text: generate(sons, kind, n), key: `${sons}.${kind}.${n}` });
}
const ris = cases[0];
const broken = MISTAKES.map((m) => ({ m, text: breakEveryLine(ris.text, m) }));

// Same results from every build (a sanity check, not a test: the test suite compares findings).
for (const c of [...cases, ...broken.map((b) => ({ ...ris, text: b.text, key: b.m }))]) {
  const counts = engines.map((e) => e.check(c.text, opts(c.sons, c.kind)).findings.length);
  if (new Set(counts).size > 1) console.log(`!! ${c.key}: findings differ between builds: ${counts.join(' / ')}`);
}

// --churn: bench/bench.mjs's rounds also run jsonc-parser's parseTree and vscode-json-languageservice on the same text
// before the engine, whose garbage fills the old generation: the engine's big checks then pay part of the major GCs
// it causes. Run here in the same place, untimed, so that the A/B sees bench.mjs's conditions.
let churnFor = () => () => {};
if (churn) {
  const { parseTree } = require('jsonc-parser');
  const jls = require('vscode-json-languageservice');
  const { readFileSync } = await import('node:fs');
  const schemas = JSON.parse(readFileSync(join(root, 'server', 'generated', 'schemas.json'), 'utf8'));
  churnFor = (c) => {
    const id = `${c.sons}.${c.kind}`;
    const ls = jls.getLanguageService({ schemaRequestService: async () => JSON.stringify(schemas[id]) });
    ls.configure({ validate: true, allowComments: false, schemas: [{ uri: `segur://schemas/${id}.json`, fileMatch: ['*.json'], schema: schemas[id] }] });
    const doc = jls.TextDocument.create(`file:///bench/${id}.json`, 'json', 1, c.text);
    return async () => {
      parseTree(c.text);
      await ls.doValidation(doc, ls.parseJSONDocument(doc));
    };
  };
}
for (const c of cases) c.churn = churnFor(c);

const t = {};
const rec = (k, ms) => (t[k] ??= []).push(ms);
const inner = 15; // 200-request files: timed this many times per round, interleaved
console.log(
  `${rounds} rounds${churn ? ' (with parseTree + json-ls before the engines, as bench.mjs)' : ''}, engines: ${engines.map((e) => e.name).join(', ')}; load ${load()}`,
);
// Without --churn every round times every file; with it, as bench.mjs, each file's rounds run in a block (its warm-up,
// then its timed rounds), the other parsers' garbage between JSON.parse and the engines.
const blocks = churn ? cases.map((c) => [c]) : [cases];
for (const block of blocks)
  for (let r = -1; r < rounds; r++) {
    for (const c of block) {
      const o = opts(c.sons, c.kind);
      const reps = c.n === 200 ? inner : 1;
      for (let i = 0; i < reps; i++) {
        let s = now();
        JSON.parse(c.text);
        const p = now() - s;
        if (r >= 0) rec(`parse ${c.key}`, p);
        if (churn) await c.churn();
        for (const e of engines) {
          s = now();
          e.check(c.text, o);
          const d = now() - s;
          if (r >= 0) rec(`${e.name} ${c.key}`, d);
        }
      }
    }
    if (block !== blocks[blocks.length - 1]) continue;
    for (let i = 0; i < inner; i++) {
      for (const b of broken) {
        for (const e of engines) {
          const s = now();
          e.check(b.text, opts(ris.sons, ris.kind));
          if (r >= 0) rec(`${e.name} broken ${b.m}`, now() - s);
        }
      }
    }
  }
console.log(`load at the end ${load()}`);
const m = Object.fromEntries(Object.entries(t).map(([k, xs]) => [k, median(xs)]));
console.log('file'.padEnd(28), 'JSON.parse'.padStart(10), ...engines.map((e) => e.name.padStart(24)));
for (const c of cases)
  console.log(
    c.key.padEnd(28),
    m[`parse ${c.key}`].toFixed(2).padStart(10),
    ...engines.map((e) => `${m[`${e.name} ${c.key}`].toFixed(2)} (${(m[`${e.name} ${c.key}`] / m[`parse ${c.key}`]).toFixed(1)}×)`.padStart(24)),
  );
for (const e of engines) {
  const per = [];
  for (const c of cases.filter((x) => x.n === 200)) {
    const big = `${c.sons}.${c.kind}.10000`;
    const s = m[`${e.name} ${big}`] / m[`${e.name} ${c.key}`] / (m[`parse ${big}`] / m[`parse ${c.key}`]);
    per.push(s);
  }
  const scale = per.reduce((a, b) => a + b, 0) / per.length;
  const bvc = broken.map((b) => m[`${e.name} broken ${b.m}`] / m[`${e.name} ${ris.key}`]);
  console.log(
    `${e.name}: scale_vs_json_parse=${scale.toFixed(3)} (${per.map((x) => x.toFixed(3)).join(' / ')}), engine_200_ms=${m[`${e.name} ${ris.key}`].toFixed(2)}, engine_vs_json_parse_200=${(
      cases
        .filter((x) => x.n === 200)
        .map((c) => m[`${e.name} ${c.key}`] / m[`parse ${c.key}`])
        .reduce((a, b) => a + b, 0) / 3
    ).toFixed(2)}, broken_vs_clean_200=${Math.max(...bvc).toFixed(2)} (${broken.map((b, i) => `${b.m} ${bvc[i].toFixed(2)}`).join(', ')})`,
  );
}
