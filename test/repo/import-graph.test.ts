/**
 * The import graph of server/src and client/src has no cycle, `import type` included, and the core
 * (server/src/engine, except its composition root index.ts) imports no rule (scripts/import-graph.mjs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'scripts', 'import-graph.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60000 });

test('server/src and client/src: no import cycle, and the core imports no rule', () => {
  const r = run('--json');
  const out = JSON.parse(r.stdout) as { modules: number; cycles: { example: string[] }[]; coreImportsRule: { from: string; to: string }[] };
  assert.deepEqual(out.cycles, []);
  assert.deepEqual(out.coreImportsRule, []);
  assert.ok(out.modules > 80, `only ${out.modules} modules read`);
  assert.equal(r.status, 0, r.stdout);
});

test('a cycle is found and printed, through `import type`, `export … from` and inline `import()` too', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-graph-'));
  writeFileSync(join(dir, 'a.ts'), "import type { B } from './b';\nexport interface A { b?: B }\n");
  writeFileSync(join(dir, 'b.ts'), "export { c } from './c';\nexport interface B { n: number }\n");
  writeFileSync(join(dir, 'c.ts'), "export const c: import('./a').A = {};\n// import { x } from './d' (a comment does not count)\n");
  writeFileSync(join(dir, 'd.ts'), "import { c } from './c';\nexport const d = c;\n");
  const r = run(dir);
  assert.equal(r.status, 1, r.stdout);
  const cycles = r.stdout.split('\n').filter((l) => l.startsWith('cycle'));
  assert.equal(cycles.length, 1, r.stdout);
  assert.match(cycles[0], /cycle \(3 modules\): .*a\.ts → .*b\.ts → .*c\.ts → .*a\.ts/);
  // d.ts imports c.ts but nothing imports d.ts: not in the cycle.
  assert.doesNotMatch(cycles[0], /d\.ts/);
});

test('no cycle: exit 0 with the module count', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-graph-'));
  writeFileSync(join(dir, 'a.ts'), "import type { B } from './b';\nexport type A = B;\n");
  writeFileSync(join(dir, 'b.ts'), "import { readFileSync } from 'node:fs';\nexport type B = typeof readFileSync;\n");
  const r = run(dir);
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /import graph: 2 modules, no cycle/);
});
