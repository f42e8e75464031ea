/**
 * The import graph of server/src and client/src has no cycle, `import type` included, and the core
 * (server/src/engine, except its composition root index.ts) imports no rule (scripts/import-graph.mjs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'scripts', 'import-graph.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60000 });

test('server/src and client/src: no import cycle, no folder cycle, every invariant of the architecture kept', () => {
  const r = run('--json');
  const out = JSON.parse(r.stdout) as {
    modules: number;
    cycles: { example: string[] }[];
    folderCycles: unknown[];
    broken: { kind: string; from: string; to: string }[];
  };
  assert.deepEqual(out.cycles, []);
  assert.deepEqual(out.folderCycles, []);
  assert.deepEqual(out.broken, []);
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

/** A small tree laid out like the repository: `files` maps a path (server/src/…, client/src/…) to its source. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'segur-layers-'));
  for (const [path, src] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), src);
  }
  return dir;
}

// A tree that keeps every invariant; each test below breaks one.
const GOOD: Record<string, string> = {
  'server/src/engine/shared/types.ts': 'export interface Finding { code: string }\n',
  'server/src/engine/check/runner.ts': "import type { Finding } from '../shared/types';\nexport const run = (): Finding[] => [];\n",
  'server/src/engine/rule-api.ts': "export { run } from './check/runner';\nexport type { Finding } from './shared/types';\n",
  'server/src/engine/service.ts': "import { run } from './check/runner';\nexport const service = { run };\n",
  'server/src/rules/util.ts': "import { run } from '../engine/rule-api';\nexport const u = run;\n",
  'server/src/rules/S1-format.ts': "import { u } from './util';\nimport { luhn } from '../identifiers/luhn';\nexport const S1 = [u, luhn];\n",
  'server/src/rules/catalogue.ts': "import { S1 } from './S1-format';\nexport const RULES = [S1];\n",
  'server/src/identifiers/luhn.ts': 'export const luhn = 1;\n',
  'server/src/segur.ts':
    "import { RULES } from './rules/catalogue';\nimport { service } from './engine/service';\nexport const check = [RULES, service];\nexport type { Finding } from './engine/shared/types';\n",
  'server/src/cli/main.ts': "import { check, type Finding } from '../segur';\nexport const m: [unknown, Finding?] = [check];\n",
  'server/src/io/files.ts': "import type { Finding } from '../segur';\nexport const read = (f?: Finding) => f;\n",
  'server/src/protocol/protocol.ts': "import type { Finding } from '../engine/shared/types';\nexport type { Finding };\n",
  'client/src/extension.ts':
    "import type { Finding } from '../../server/src/protocol/protocol';\nimport { read } from '../../server/src/io/files';\nexport const e = (f: Finding) => read(f);\n",
};

function broken(files: Record<string, string>) {
  const r = run('--json', tree(files));
  return {
    status: r.status,
    out: JSON.parse(r.stdout) as { cycles: unknown[]; folderCycles: { folders: string[] }[]; broken: { kind: string; from: string; to: string }[] },
  };
}

test('layering: a tree that keeps every invariant passes', () => {
  const { status, out } = broken(GOOD);
  assert.deepEqual(out.broken, []);
  assert.deepEqual(out.folderCycles, []);
  assert.equal(status, 0);
});

test('layering: the core importing a rule fails', () => {
  const { status, out } = broken({
    ...GOOD,
    'server/src/engine/check/runner.ts': "import { RULES } from '../../rules/catalogue';\nexport const run = () => RULES;\n",
  });
  assert.ok(
    out.broken.some((b) => b.kind === 'the core imports a rule' && b.from === 'server/src/engine/check/runner.ts'),
    JSON.stringify(out.broken),
  );
  assert.equal(status, 1);
});

test('layering: a rule importing the core past the rule API, or anything else, fails', () => {
  const { out } = broken({
    ...GOOD,
    'server/src/rules/S1-format.ts': "import { run } from '../engine/check/runner';\nimport { m } from '../cli/main';\nexport const S1 = [run, m];\n",
  });
  assert.ok(
    out.broken.some((b) => b.kind === 'a rule imports the core past the rule API' && b.to === 'server/src/engine/check/runner.ts'),
    JSON.stringify(out.broken),
  );
  assert.ok(
    out.broken.some((b) => b.kind.startsWith('a rule imports outside') && b.to === 'server/src/cli/main.ts'),
    JSON.stringify(out.broken),
  );
});

test('layering: the CLI, the server or io importing an engine internal fails', () => {
  const { out } = broken({
    ...GOOD,
    'server/src/cli/main.ts': "import type { Finding } from '../engine/shared/types';\nexport const m: Finding[] = [];\n",
    'server/src/server/shared/state.ts': "import { service } from '../../engine/service';\nexport const s = service;\n",
  });
  const kinds = out.broken
    .filter((b) => b.kind === 'an engine internal imported past segur.ts')
    .map((b) => b.from)
    .sort();
  assert.deepEqual(kinds, ['server/src/cli/main.ts', 'server/src/server/shared/state.ts']);
});

test('layering: the client bundling the engine, even through io/, fails; type-only imports through the protocol do not', () => {
  const { out } = broken({ ...GOOD, 'server/src/io/files.ts': "import { check } from '../segur';\nexport const read = (f?: unknown) => [f, check];\n" });
  const hit = out.broken.find((b) => b.kind === 'the client bundles the engine');
  assert.ok(hit, JSON.stringify(out.broken));
  assert.equal(hit.from, 'client/src/extension.ts → server/src/io/files.ts');
  assert.equal(hit.to, 'server/src/segur.ts');
  const values = broken({ ...GOOD, 'server/src/protocol/protocol.ts': "import { run } from '../engine/check/runner';\nexport const p = run;\n" }).out;
  assert.ok(
    values.broken.some((b) => b.kind === 'the protocol imports engine code (types only)'),
    JSON.stringify(values.broken),
  );
});

test('layering: two folders importing each other fail, and three in a ring', () => {
  const two = broken({
    ...GOOD,
    'server/src/engine/shared/types.ts': "import type { run } from '../check/runner';\nexport interface Finding { code: string; r?: typeof run }\n",
  }).out;
  assert.deepEqual(
    two.folderCycles.map((c) => c.folders),
    [['server/src/engine/check', 'server/src/engine/shared']],
  );
  const ring = broken({
    ...GOOD,
    'server/src/engine/a/a.ts': "import { b } from '../b/b';\nexport const a = b;\n",
    'server/src/engine/b/b.ts': "import { c } from '../c/c';\nexport const b = c;\n",
    'server/src/engine/c/c.ts': "import type { a } from '../a/a';\nexport const c = 1 as unknown as typeof a;\n",
  }).out;
  assert.ok(
    ring.folderCycles.some((c) => c.folders.join() === 'server/src/engine/a,server/src/engine/b,server/src/engine/c'),
    JSON.stringify(ring.folderCycles),
  );
});
