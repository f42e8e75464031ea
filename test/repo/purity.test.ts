/** The engine stays pure: no vscode, no LSP, no file system, no network, no eval (design card). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const FORBIDDEN = /from ['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|fs|node:fs|fs\/promises|node:fs\/promises|http|https|node:http|node:https|net|node:net|child_process|node:child_process)['"]|require\(|\beval\(|new Function\(|\bfetch\(/;

for (const dir of ['server/src/engine', 'server/src/rules', 'server/src/identifiers']) {
  test(`${dir} imports nothing impure`, () => {
    for (const f of readdirSync(join(root, dir)).filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(join(root, dir, f), 'utf8');
      const hit = FORBIDDEN.exec(src);
      assert.equal(hit, null, `${dir}/${f}: ${hit?.[0]}`);
    }
  });
}

test('the precompiled validators contain no eval / new Function', () => {
  const code = readFileSync(join(root, 'server/generated/validators.js'), 'utf8');
  assert.doesNotMatch(code, /\beval\(|new Function\(/);
});
