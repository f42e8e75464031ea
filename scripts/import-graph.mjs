#!/usr/bin/env node
/**
 * The import graph of server/src and client/src, and its cycles (the core never imports a rule).
 *
 * No dependency: a regex over the `import … from '…'`, `export … from '…'`, side-effect `import '…'` and inline
 * `import('…')` (type or dynamic) of every .ts file; only relative specifiers are followed (packages are leaves).
 * `import type` counts too: a type-only cycle still ties two modules together (one cannot be read, moved or tested
 * without the other), and the catalogue must be swappable without the core's types naming it.
 *
 * Usage: node scripts/import-graph.mjs [--json] [root…]   (default roots: server/src client/src)
 * Prints each cycle as `a.ts → b.ts → a.ts` and exits 1 when there is one; exits 0 and prints the module count
 * otherwise. Also exits 1 when a module of the core (server/src/engine, except its composition root index.ts) imports
 * a rule (server/src/rules): the rules are given to the core (engine/check/service.ts), never imported by it.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const roots = args.filter((a) => !a.startsWith('--'));
const dirs = (roots.length ? roots : ['server/src', 'client/src']).map((d) => resolve(repo, d)).filter((d) => existsSync(d));

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.tsx?$/.test(name) && !/\.d\.ts$/.test(name)) out.push(p);
  }
  return out;
}

// Strip comments so that an import quoted in a doc comment does not count (strings are kept: specifiers live there).
function stripComments(src) {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const SPEC = [
  /\bimport\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s*from\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function resolveSpec(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  const tries = [base, base.replace(/\.js$/, '.ts'), base + '.ts', base + '.tsx', join(base, 'index.ts')];
  for (const t of tries) if (existsSync(t) && statSync(t).isFile() && /\.tsx?$/.test(t)) return t;
  return undefined;
}

const all = dirs.flatMap(files);
const graph = new Map();
for (const f of all) {
  const src = stripComments(readFileSync(f, 'utf8'));
  const deps = new Set();
  for (const re of SPEC) for (const m of src.matchAll(re)) {
    const r = resolveSpec(f, m[1]);
    if (r && r !== f) deps.add(r);
  }
  graph.set(f, [...deps].filter((d) => all.includes(d) || existsSync(d)));
}

// Tarjan's strongly connected components; each component of more than one module holds a cycle.
let index = 0;
const idx = new Map(), low = new Map(), onStack = new Set(), stack = [], sccs = [];
function strong(v) {
  idx.set(v, index); low.set(v, index); index++;
  stack.push(v); onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do { w = stack.pop(); onStack.delete(w); c.push(w); } while (w !== v);
    if (c.length > 1) sccs.push(c);
  }
}
for (const v of graph.keys()) if (!idx.has(v)) strong(v);

// One concrete cycle per component (breadth-first from its first module back to itself), to show.
function cycleIn(comp) {
  const set = new Set(comp);
  const start = comp.slice().sort()[0];
  const prev = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!set.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let x = v; x !== start; x = prev.get(x)) path.splice(1, 0, x);
        return [...path, start];
      }
      if (!prev.has(w)) { prev.set(w, v); queue.push(w); }
    }
  }
  return comp;
}

const rel = (p) => relative(repo, p).split('\\').join('/');
const cycles = sccs.map((c) => ({ modules: c.map(rel).sort(), example: cycleIn(c).map(rel) }));

// The layering: the core never imports a rule.
const CORE = 'server/src/engine/';
const ROOT = 'server/src/segur.ts';
const RULES = 'server/src/rules/';
const violations = [];
for (const [from, deps] of graph) {
  const f = rel(from);
  if (!f.startsWith(CORE) || f === ROOT) continue;
  for (const d of deps) if (rel(d).startsWith(RULES)) violations.push({ from: f, to: rel(d) });
}

if (json) console.log(JSON.stringify({ modules: graph.size, cycles, coreImportsRule: violations }, null, 2));
else {
  for (const c of cycles) console.log(`cycle (${c.modules.length} modules): ${c.example.join(' → ')}`);
  for (const v of violations) console.log(`the core imports a rule: ${v.from} → ${v.to}`);
  console.log(`import graph: ${graph.size} modules, ${cycles.length ? `${cycles.length} cycle(s)` : 'no cycle'}${violations.length ? `, ${violations.length} import(s) of a rule by the core` : ''}`);
}
process.exit(cycles.length || violations.length ? 1 : 0);
