/**
 * The top-level snippets/ holds the snippet data the language server serves (scripts/build-snippets.mjs, from the
 * schemas). Every build rewrites the file, so the copy on disk is always fresh; what can go stale is the committed
 * copy, the one a reviewer reads: it must be what the schemas give.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const FILE = 'snippets/segur-json.json';

test(
  'snippets/segur-json.json as committed is what the schemas give (run the build and commit it otherwise)',
  { skip: !existsSync(join(root, '.git')) && 'not a git checkout' },
  () => {
    const generated = spawnSync(process.execPath, [join(root, 'scripts', 'build-snippets.mjs'), '--stdout'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    assert.equal(generated.status, 0, generated.stderr);
    const committed = spawnSync('git', ['show', `HEAD:${FILE}`], { cwd: root, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 26 });
    assert.equal(committed.status, 0, `${FILE} is not committed: ${committed.stderr}`);
    const data = JSON.parse(generated.stdout) as { skeletons: unknown[]; blocks: Record<string, unknown> };
    assert.ok(data.skeletons.length >= 11, 'a skeleton per SONS × kind');
    assert.ok(committed.stdout === generated.stdout, `${FILE} differs from what scripts/build-snippets.mjs gives: commit the rebuilt file`);
  },
);
