/**
 * What a person sees: the French S5 message in code-server's Problems panel, with segur-json.vsix installed; see
 * problems-panel.ts. Leaves test-artifacts/problems-panel.png. Needs `bash scripts/e2e-setup.sh` first: when
 * code-server or Chromium is missing this test FAILS (it is never skipped).
 *
 *   node --import tsx --test test/e2e/ui/problems-panel.e2e.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { missingPrerequisites, repoRoot, runScript, tail } from '../vscode/harness.ts';

test(
  'code-server Problems panel shows « le modèle écrit « FINESGeos » » for the broken fixture; SONS picker marks the current choice; the S5 link opens the rule rendered; CodeLens, status error count and the getting-started walkthrough shown',
  { timeout: 200_000 },
  async () => {
    const missing = missingPrerequisites();
    if (missing.length) assert.fail(`editor e2e prerequisites missing:\n  - ${missing.join('\n  - ')}`);
    const screenshot = join(repoRoot, 'test-artifacts', 'problems-panel.png');
    const started = Date.now();
    const r = await runScript(join(__dirname, 'problems-panel.ts'), 180_000, { SEGUR_E2E_SCREENSHOT: screenshot });
    assert.equal(r.code, 0, `test/e2e/ui/problems-panel.ts exited with ${r.code ?? r.signal}${r.timedOut ? ' (timed out)' : ''}:\n${tail(r.output)}`);
    assert.match(r.output, /RESULT: PASS/);
    assert.ok(existsSync(screenshot) && statSync(screenshot).mtimeMs >= started - 1000, `fresh screenshot at ${screenshot}`);
  },
);
