#!/usr/bin/env node
/**
 * The import graph of server/src and client/src: its cycles and the invariants of the architecture
 * (docs/architecture.md):
 *   - no cycle of files, `import type` included (a type-only cycle still ties two modules together);
 *   - no two folders importing each other (the rooms have one direction);
 *   - the core (server/src/engine) imports no rule: the rules are given to it by the composition root
 *     (server/src/segur.ts, engine/service.ts);
 *   - a rule file (server/src/rules) imports of the core only engine/rule-api.ts, besides identifiers/, its sibling
 *     rule helpers and the data of schemas/;
 *   - the CLI, the server and io/ import the engine only through server/src/segur.ts (never an engine internal);
 *   - the client imports no module of the engine or of segur.ts, not even through another module (type-only imports,
 *     erased from its bundle, excepted), and protocol/ imports the engine's types only.
 * Tests (*.test.ts) are read for cycles but are not held to the layering.
 *
 * No dependency: a regex over the `import … from '…'`, `export … from '…'`, side-effect `import '…'` and inline
 * `import('…')` (type or dynamic) of every .ts file; only relative specifiers are followed (packages are leaves).
 *
 * Usage: node scripts/import-graph.mjs [--json] [root…]   (default roots: server/src client/src)
 * Prints each cycle and each broken invariant, and exits 1 when there is one; exits 0 and prints the module count
 * otherwise. With other roots (tests of this script), the layering reads their paths as if they were the repository's.
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

// Each pattern: the specifier in group 2; group 1 is `type ` when the whole statement is type-only.
const SPEC = [
  /\bimport\s+(type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s*from\s*['"]([^'"]+)['"]/g,
  /\bimport\s*()['"]([^'"]+)['"]/g,
  /\bimport\s*\(()\s*['"]([^'"]+)['"]\s*\)/g,
];
// `import('./x').T` in a type position is type-only as well.
const INLINE_TYPE = /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)\s*\.\s*[A-Z]/g;

function resolveSpec(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  const tries = [base, base.replace(/\.js$/, '.ts'), base + '.ts', base + '.tsx', join(base, 'index.ts')];
  for (const t of tries) if (existsSync(t) && statSync(t).isFile() && /\.tsx?$/.test(t)) return t;
  return undefined;
}

const all = dirs.flatMap(files);
const graph = new Map();
/** For each module, the modules it imports with values (not only types): what ends in a bundle. */
const valueGraph = new Map();
for (const f of all) {
  const src = stripComments(readFileSync(f, 'utf8'));
  const deps = new Set();
  const values = new Set();
  const inlineTypes = new Set([...src.matchAll(INLINE_TYPE)].map((m) => m[1]));
  for (const re of SPEC)
    for (const m of src.matchAll(re)) {
      const r = resolveSpec(f, m[2]);
      if (!r || r === f) continue;
      deps.add(r);
      const typeOnly =
        m[1] === 'type ' || /^type\s/.test(m[1] ?? '') || (re === SPEC[3] && inlineTypes.has(m[2])) || /^import\s+\{\s*(?:type\s+\w+\s*,?\s*)+\}/.test(m[0]);
      if (!typeOnly) values.add(r);
    }
  graph.set(f, [...deps]);
  valueGraph.set(f, [...values]);
}

// Tarjan's strongly connected components; each component of more than one module holds a cycle.
let index = 0;
const idx = new Map(),
  low = new Map(),
  onStack = new Set(),
  stack = [],
  sccs = [];
function strong(v) {
  idx.set(v, index);
  low.set(v, index);
  index++;
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!idx.has(w)) {
      strong(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      c.push(w);
    } while (w !== v);
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
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return comp;
}

const rel = (p) => relative(repo, p).split('\\').join('/');
const cycles = sccs.map((c) => ({ modules: c.map(rel).sort(), example: cycleIn(c).map(rel) }));

// The layering (docs/architecture.md). Paths relative to the root read (the repository, or a test's folder).
const base = roots.length === 1 ? resolve(repo, roots[0]) : repo;
const at = (p) =>
  relative(roots.length === 1 ? base : repo, p)
    .split('\\')
    .join('/');
const isTest = (p) => /\.test\.ts$/.test(p);
const ENGINE = 'server/src/engine/';
const ROOT = 'server/src/segur.ts';
const RULES = 'server/src/rules/';
const RULE_API = 'server/src/engine/rule-api.ts';
const broken = [];
const fail = (kind, from, to) => broken.push({ kind, from, to });
for (const [from, deps] of graph) {
  const f = at(from);
  if (isTest(f)) continue;
  for (const d of deps) {
    const t = at(d);
    if (f.startsWith(ENGINE) && t.startsWith(RULES)) fail('the core imports a rule', f, t);
    if (f.startsWith(RULES) && t.startsWith(ENGINE) && t !== RULE_API) fail('a rule imports the core past the rule API', f, t);
    if (f.startsWith(RULES) && !t.startsWith(RULES) && !t.startsWith(ENGINE) && !t.startsWith('server/src/identifiers/'))
      fail('a rule imports outside the rule API, identifiers and rule helpers', f, t);
    if (/^server\/src\/(cli|server|io)\//.test(f) && t.startsWith(ENGINE)) fail('an engine internal imported past segur.ts', f, t);
    if (f.startsWith('server/src/protocol/') && (t.startsWith(ENGINE) || t === ROOT) && (valueGraph.get(from) ?? []).includes(d))
      fail('the protocol imports engine code (types only)', f, t);
  }
}
// The client's bundle: everything it reaches through value imports.
for (const [from] of graph) {
  const f = at(from);
  if (!f.startsWith('client/src/') || isTest(f)) continue;
  const seen = new Set([from]);
  const queue = [[from, [f]]];
  while (queue.length) {
    const [v, path] = queue.shift();
    for (const w of valueGraph.get(v) ?? []) {
      if (seen.has(w)) continue;
      seen.add(w);
      const t = at(w);
      if (t.startsWith(ENGINE) || t === ROOT) {
        fail('the client bundles the engine', path.join(' → '), t);
        continue;
      }
      queue.push([w, [...path, t]]);
    }
  }
}
// Folders importing each other: strongly connected components of the folder graph.
const folderOf = (p) => dirname(at(p));
const folders = new Map();
for (const [from, deps] of graph) {
  if (isTest(at(from))) continue;
  const a = folderOf(from);
  if (!folders.has(a)) folders.set(a, new Map());
  for (const d of deps) {
    const b = folderOf(d);
    if (b !== a && !folders.get(a).has(b)) folders.get(a).set(b, `${at(from)} → ${at(d)}`);
  }
}
const folderCycles = [];
for (const [a, outs] of folders)
  for (const [b, why] of outs) {
    if (a < b && folders.get(b)?.has(a)) folderCycles.push({ folders: [a, b], example: [why, folders.get(b).get(a)] });
  }
// Longer folder cycles (a → b → c → a): Tarjan on the folder graph.
{
  let i = 0;
  const fi = new Map(),
    fl = new Map(),
    on = new Set(),
    st = [];
  const visit = (v) => {
    fi.set(v, i);
    fl.set(v, i);
    i++;
    st.push(v);
    on.add(v);
    for (const w of folders.get(v)?.keys() ?? []) {
      if (!folders.has(w)) continue;
      if (!fi.has(w)) {
        visit(w);
        fl.set(v, Math.min(fl.get(v), fl.get(w)));
      } else if (on.has(w)) fl.set(v, Math.min(fl.get(v), fi.get(w)));
    }
    if (fl.get(v) === fi.get(v)) {
      const c = [];
      let w;
      do {
        w = st.pop();
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 2) folderCycles.push({ folders: c.sort(), example: [] });
    }
  };
  for (const v of folders.keys()) if (!fi.has(v)) visit(v);
}

const coreImportsRule = broken.filter((b) => b.kind === 'the core imports a rule');
if (json) console.log(JSON.stringify({ modules: graph.size, cycles, folderCycles, broken, coreImportsRule }, null, 2));
else {
  for (const c of cycles) console.log(`cycle (${c.modules.length} modules): ${c.example.join(' → ')}`);
  for (const c of folderCycles) console.log(`folders importing each other: ${c.folders.join(' ⇄ ')}${c.example.length ? ` (${c.example.join('; ')})` : ''}`);
  for (const b of broken) console.log(`${b.kind}: ${b.from} → ${b.to}`);
  const problems = [
    cycles.length && `${cycles.length} cycle(s)`,
    folderCycles.length && `${folderCycles.length} folder cycle(s)`,
    broken.length && `${broken.length} broken invariant(s)`,
  ].filter(Boolean);
  console.log(`import graph: ${graph.size} modules, ${problems.length ? problems.join(', ') : 'no cycle'}`);
}
process.exit(cycles.length || folderCycles.length || broken.length ? 1 : 0);
