/**
 * The extension's integration tests in a real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3) with the
 * extension installed from segur-json.vsix: see run.ts and suite/. Needs `bash scripts/e2e-setup.sh` first: when
 * code-server or Chromium is missing this test FAILS (it is never skipped).
 *
 *   node --import tsx --test test/e2e/vscode/vscode.e2e.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { missingPrerequisites, runScript, tail } from './harness.ts';

test(
  'extension tests in code-server: S5 diagnostics in French, rule link to a webview, preferred quick fix, segur.fixAll, snippets where they belong, solde beside its avance, nothing on package.json; CodeLens, status error count, rule documentation action, validate-workspace summary, walkthrough, log and restart commands',
  { timeout: 330_000 },
  async () => {
    const missing = missingPrerequisites();
    if (missing.length) assert.fail(`editor e2e prerequisites missing:\n  - ${missing.join('\n  - ')}`);
    const r = await runScript(join(__dirname, 'run.ts'), 300_000);
    assert.equal(r.code, 0, `test/e2e/vscode/run.ts exited with ${r.code ?? r.signal}${r.timedOut ? ' (timed out)' : ''}:\n${tail(r.output)}`);
    assert.match(r.output, /\d+ passing/);
    assert.doesNotMatch(r.output, /\d+ failing/);
  },
);
