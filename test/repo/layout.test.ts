/**
 * The house stays readable (docs/architecture.md): no two files of the product share a name, the server's entry is the
 * connection and its table of handlers (under 250 lines), and a module longer than 500 lines says why at its top.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const root = join(__dirname, '..', '..');
const product = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? product(`${dir}/${e.name}`) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [`${dir}/${e.name}`] : [],
  );
const files = [...product('server/src'), ...product('client/src')];
const lines = (f: string) => readFileSync(join(root, f), 'utf8').split('\n').length;

test('no two files of the product share a name', () => {
  assert.ok(files.length > 100, `only ${files.length} files read`);
  const seen = new Map<string, string[]>();
  for (const f of files) seen.set(basename(f), [...(seen.get(basename(f)) ?? []), f]);
  assert.deepEqual(
    [...seen.values()].filter((l) => l.length > 1),
    [],
  );
});

test('server.ts is the connection and a table of handlers: under 250 lines', () => {
  assert.ok(lines('server/src/server/server.ts') < 250, `${lines('server/src/server/server.ts')} lines`);
});

test('a module over 500 lines says why at its top', () => {
  const long = files.filter((f) => lines(f) > 500);
  const silent = long.filter((f) => !/^\/\*\*\n \* Longer than 500 lines on purpose: /.test(readFileSync(join(root, f), 'utf8')));
  assert.deepEqual(silent, []);
});
