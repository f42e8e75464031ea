#!/usr/bin/env node
/**
 * `npm run fuzz [-- --count N --seed S]`: mutates every example and fixture (byte and token edits, truncation,
 * deep nesting, huge strings and numbers, lone surrogates, BOM, CRLF) and runs each mutant through the engine,
 * then applies every fix it offers and checks again. Fails on any exception or any document over 1 s.
 * Deterministic for a seed. CI runs a fixed-seed short run (test/unit/fuzz.test.ts).
 */
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') && !e.name.endsWith('expected.json') ? [join(dir, e.name)] : []));
}

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['{', '}', '[', ']', ',', ':', '"', 'null', 'Null', 'NULL', 'True', 'false', '"vrai"', "'x'", 'NaN', '-Infinity', '//c\n', '/*', '*/', '\\', '\\u', '\ud800', '\udfff', '\u00e9', '\u0000', '\t', '\r\n', ' ', '1e400', '-0', '0.1234', '"2025-12-01"', '"010000025"', '"FINIMG0"', '""'];

export function mutate(text, r) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const at = () => Math.floor(r() * (text.length + 1));
  switch (Math.floor(r() * 12)) {
    case 0: { const i = at(); return text.slice(0, i) + text.slice(i + 1 + Math.floor(r() * 20)); }
    case 1: { const i = at(); return text.slice(0, i) + pick(TOKENS) + text.slice(i); }
    case 2: { const i = at(); return text.slice(0, i) + pick(TOKENS) + text.slice(i + 1); }
    case 3: return text.slice(0, at());
    case 4: { const n = 1 + Math.floor(r() * 3000); return '['.repeat(n) + text + ']'.repeat(r() < 0.5 ? n : 0); }
    case 5: { const i = text.indexOf('"', at()); return i < 0 ? text : text.slice(0, i + 1) + 'x'.repeat(Math.floor(r() * (r() < 0.05 ? 2_000_000 : 20_000))) + text.slice(i + 1); }
    case 6: { const i = at(); return text.slice(0, i) + '9'.repeat(1 + Math.floor(r() * 5000)) + text.slice(i); }
    case 7: return '\ufeff' + text;
    case 8: return text.replace(/\n/g, '\r\n');
    case 9: { const lines = text.split('\n'); const i = Math.floor(r() * lines.length); const j = Math.floor(r() * lines.length); [lines[i], lines[j]] = [lines[j], lines[i]]; return lines.join('\n'); }
    case 10: { const lines = text.split('\n'); lines.splice(Math.floor(r() * lines.length), 1 + Math.floor(r() * 3)); return lines.join('\n'); }
    default: return text.replace(/"([A-Za-z]+)":/, (_m, k) => `"${r() < 0.5 ? k.toLowerCase() : k.toUpperCase()}":`);
  }
}

/** Every example, fixture and pair file (the 201-request fixture aside: it is big and adds nothing here). */
export function corpus() {
  return [...files(join(root, 'examples')), ...files(join(root, 'test', 'fixtures')), ...files(join(root, 'test', 'pairs'))]
    .filter((f) => !f.includes('S9-201'))
    .map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
}

const corpus_ = corpus;

export function fuzz({ count = 100000, seed = 1, log = () => {} } = {}) {
  const { check, applyEdits, crossCheck } = require(join(root, 'dist', 'engine.js'));
  const corpus = corpus_();
  const r = rng(seed);
  let slowest = 0;
  let slowestName = '';
  const failures = [];
  const started = performance.now();
  for (let n = 0; n < count; n++) {
    const base = corpus[Math.floor(r() * corpus.length)];
    let text = base.text;
    const steps = 1 + Math.floor(r() * 4);
    for (let s = 0; s < steps; s++) text = mutate(text, r);
    const t = performance.now();
    try {
      const res = check(text, { fileName: base.name });
      for (const f of res.findings.slice(0, 20)) {
        if (!f.fix) continue;
        const fixed = applyEdits(text, f.fix.edits);
        check(fixed, { fileName: base.name });
      }
      if (n % 50 === 0) crossCheck([{ file: 'a', result: res }, { file: 'b', result: check(base.text, { fileName: base.name }) }]);
    } catch (e) {
      failures.push({ n, base: base.name, error: String(e && e.stack).split('\n').slice(0, 4).join(' | ') });
    }
    const ms = performance.now() - t;
    if (ms > slowest) {
      slowest = ms;
      slowestName = `${base.name.replace(root + '/', '')} (#${n}, ${text.length} chars)`;
    }
    if (ms > 1000) failures.push({ n, base: base.name, error: `took ${ms.toFixed(0)} ms` });
    if (n % 10000 === 0 && n) log(`${n} documents, slowest ${slowest.toFixed(0)} ms`);
  }
  return { count, seed, failures, slowestMs: +slowest.toFixed(1), slowest: slowestName, seconds: +((performance.now() - started) / 1000).toFixed(1) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const opt = (name, d) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
  const res = fuzz({ count: opt('--count', 100000), seed: opt('--seed', Date.now() % 100000), log: (m) => console.log(m) });
  console.log(JSON.stringify({ ...res, failures: res.failures.slice(0, 10), failureCount: res.failures.length }, null, 2));
  process.exitCode = res.failures.length ? 1 : 0;
}
