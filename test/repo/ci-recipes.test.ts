/**
 * The pre-commit hook (.pre-commit-hooks.yaml) runs the package's own command the way pre-commit
 * does (entry + file names), and every `segur-json check …` command line of docs/ci.md and the README is a valid one
 * (its options parse), so that the recipes people copy work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCheckArgs } from '../../server/src/cli/checkCommand.ts';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The hooks of .pre-commit-hooks.yaml: a list of flat maps (the file holds nothing else). */
function hooks(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const line of readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8').split('\n')) {
    if (/^\s*#/.test(line) || !line.trim()) continue;
    const m = /^(- |  )(\w+): (.*)$/.exec(line);
    assert.ok(m, `a simple "key: value" line: ${line}`);
    if (m[1] === '- ') out.push({});
    out[out.length - 1][m[2]] = m[3].replace(/^'(.*)'$/, '$1');
  }
  return out;
}

test(".pre-commit-hooks.yaml: hook segur-json runs `segur-json check` (the package's bin) on the .json files of a commit", () => {
  const [hook, ...more] = hooks();
  assert.deepEqual(more, []);
  assert.equal(hook.id, 'segur-json');
  assert.equal(hook.language, 'node');
  assert.equal(hook.entry, 'segur-json check');
  const files = new RegExp(hook.files);
  assert.ok(files.test('lot/IMG-RIS-Va2-solde.json') && !files.test('notes.md') && !files.test('a.json.bak'));
  const [command, ...args] = hook.entry.split(' ');
  assert.equal(pkg.bin[command], 'bin/segur-json.js', 'the entry is the command the package installs');
  // pre-commit runs: entry [args] file1 file2 … (pass_filenames); a JSON that is not a Ségur file never fails it.
  const run = (...names: string[]) =>
    spawnSync(process.execPath, [join(root, pkg.bin[command]), ...args, '--format', 'compact', ...names], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const ok = run('examples/IMG-RIS-Va2/avance.json', 'package.json', 'tsconfig.json');
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const bad = run('examples/IMG-RIS-Va2/avance.json', 'test/fixtures/IMG-RIS-Va2/S5-plural.json', 'package.json');
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /^test\/fixtures\/IMG-RIS-Va2\/S5-plural\.json:23:13: error S5 /m);
});

test('every `segur-json check …` command of docs/ci.md and the README has options that parse', () => {
  let seen = 0;
  for (const doc of ['docs/ci.md', 'README.md']) {
    for (const line of readFileSync(join(root, doc), 'utf8').split('\n')) {
      for (const m of line.matchAll(/segur-json check ([^|#`"\n]*)/g)) {
        const args = m[1]
          .trim()
          .split(/\s+/)
          .filter((a) => a && a !== '…');
        if (args.length === 0 || args.includes('[options]')) continue;
        assert.doesNotThrow(() => parseCheckArgs(args), `${doc}: segur-json check ${m[1].trim()}`);
        seen++;
      }
    }
  }
  assert.ok(seen >= 8, `${seen} command lines checked`);
});
