/** The engine stays pure: no vscode, no LSP, no file system, no network, no eval (design card). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const FORBIDDEN =
  /from ['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|fs|node:fs|fs\/promises|node:fs\/promises|http|https|node:http|node:https|net|node:net|child_process|node:child_process)['"]|require\(|\beval\(|new Function\(|\bfetch\(/;

/** Every .ts file under a folder, its rooms included. */
const tsFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : [],
  );

for (const dir of ['server/src/engine', 'server/src/rules', 'server/src/identifiers']) {
  test(`${dir} imports nothing impure, in any of its rooms`, () => {
    const files = tsFiles(dir);
    if (dir === 'server/src/engine')
      assert.ok(
        files.some((f) => f.startsWith(`${dir}/check/`)),
        'the rooms of the engine are read',
      );
    for (const f of dir === 'server/src/engine' ? [...files, 'server/src/segur.ts'] : files) {
      const src = readFileSync(join(root, f), 'utf8');
      const hit = FORBIDDEN.exec(src);
      assert.equal(hit, null, `${f}: ${hit?.[0]}`);
    }
  });
}

test('the precompiled validators contain no eval / new Function', () => {
  const code = readFileSync(join(root, 'server/generated/validators.js'), 'utf8');
  assert.doesNotMatch(code, /\beval\(|new Function\(/);
});
