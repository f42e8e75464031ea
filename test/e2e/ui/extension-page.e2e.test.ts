/**
 * The installed extension's page in code-server: the Extensions view lists « Ségur JSON », its details page shows
 * the icon and the readme's embedded screenshot, both loaded; see extension-page.ts. Leaves
 * test-artifacts/extension-page.png. Needs `bash scripts/e2e-setup.sh` first: when code-server or Chromium is
 * missing this test FAILS (it is never skipped).
 *
 *   node --import tsx --test test/e2e/ui/extension-page.e2e.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { missingPrerequisites, repoRoot, runScript, tail } from '../vscode/harness.ts';

test("the installed extension's page in code-server shows its icon and a readme image, loaded", { timeout: 200_000 }, async () => {
  const missing = missingPrerequisites();
  if (missing.length) assert.fail(`editor e2e prerequisites missing:\n  - ${missing.join('\n  - ')}`);
  const screenshot = join(repoRoot, 'test-artifacts', 'extension-page.png');
  const started = Date.now();
  const r = await runScript(join(__dirname, 'extension-page.ts'), 180_000, { SEGUR_E2E_SCREENSHOT: screenshot });
  assert.equal(r.code, 0, `test/e2e/ui/extension-page.ts exited with ${r.code ?? r.signal}${r.timedOut ? ' (timed out)' : ''}:\n${tail(r.output)}`);
  assert.match(r.output, /RESULT: PASS/);
  assert.ok(existsSync(screenshot) && statSync(screenshot).mtimeMs >= started - 1000, `fresh screenshot at ${screenshot}`);
});
