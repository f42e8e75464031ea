/**
 * Extension integration tests in a real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3), through
 * @vscode/test-electron's runTests() with our code-server shim as the "VS Code executable".
 *
 *   node --import tsx test/e2e/vscode/run.ts          (setup first: bash scripts/e2e-setup.sh)
 *
 * 1. segur-json.vsix: built with `npm run package` when missing or stale (or $SEGUR_VSIX, used as is);
 * 2. installed with `code-server --install-extension` into a fresh extensions folder (and user data, XDG dirs)
 *    under a temp dir; the folder it is unpacked to is the extensionDevelopmentPath, so the code under test is
 *    exactly the .vsix content (the repo's own files are not loaded as an extension);
 * 3. the mocha suite (suite/*.ts) is bundled with esbuild into node_modules/.cache/segur-e2e/ (so `mocha` resolves)
 *    and run in the extension host, on a temp workspace folder holding copies of the broken fixture and a
 *    package.json-like file, with the French display language.
 * Exit code: 0 all tests passed; 1 a test failed; 2 missing prerequisites / harness error.
 * Env: SEGUR_E2E_KEEP=1 keeps the temp dir; CODE_SERVER_BIN, CHROMIUM_BIN, SHIM_TIMEOUT_MS, SHIM_VERBOSE (see the shim).
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { pdfBytes } from '../../helpers/deposit.ts';
import { reportMissingPrerequisites, ensureVsix, installVsix, repoRoot, shimPath, useFrenchLocale, writeUserSettings } from './harness.ts';

const t0 = Date.now();
const lap = (m: string) => console.log(`[e2e vscode ${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`);

async function main(): Promise<number> {
  if (reportMissingPrerequisites()) return 2;
  const vsix = ensureVsix();
  lap(`vsix: ${vsix}`);

  const tmp = mkdtempSync(join(tmpdir(), 'segur-e2e-vscode-'));
  const outDir = join(repoRoot, 'node_modules', '.cache', 'segur-e2e', `suite-${process.pid}`);
  // On SIGINT/SIGTERM (Ctrl+C, or the node:test wrapper's timeout, sent to our whole process group) the shim stops
  // code-server and Chromium itself; we remove our temp folders.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.error(`e2e vscode: ${sig}, stopping`);
      rmSync(outDir, { recursive: true, force: true });
      if (!process.env.SEGUR_E2E_KEEP) rmSync(tmp, { recursive: true, force: true });
      // give the shim (same signal) time to stop code-server, then go
      setTimeout(() => process.exit(sig === 'SIGINT' ? 130 : 143), 500);
    });
  }
  try {
    const extensionsDir = join(tmp, 'extensions');
    const userDataDir = join(tmp, 'user-data');
    writeUserSettings(userDataDir);
    useFrenchLocale(userDataDir);
    const installed = installVsix(vsix, extensionsDir, userDataDir, tmp);
    lap(`installed into ${installed}`);

    const workspace = join(tmp, 'workspace');
    mkdirSync(workspace);
    const fixture = join(repoRoot, 'test', 'fixtures', 'IMG-RIS-Va2', 'S5-plural.json');
    copyFileSync(fixture, join(workspace, 'S5-plural.json'));
    // A second Ségur file, of another SONS (no cross-file rule relates it to the first), opened after package.json.
    copyFileSync(join(repoRoot, 'test', 'fixtures', 'HOP-DPI-Va2', 'S2-deleted-finesgeos.json'), join(workspace, 'other-segur.json'));
    // An avance of a third SONS, in a subfolder: « Créer le JSON de solde » proposes its solde beside it.
    mkdirSync(join(workspace, 'demandes'));
    copyFileSync(join(repoRoot, 'examples', 'HOP-PFI-Va2', 'avance.json'), join(workspace, 'demandes', 'pfi-avance.json'));
    // A deposit folder (« Préparer le dépôt », the attachments' links and P1): the IMG-DB-Va2 solde example with a real
    // PDF (pdf-lib) for each of its nomFichier, as the CLI tests make them.
    const deposit = join(workspace, 'deposit');
    mkdirSync(deposit);
    const solde = readFileSync(join(repoRoot, 'examples', 'IMG-DB-Va2', 'solde.json'), 'utf8');
    writeFileSync(join(deposit, 'IMG-DB-Va2-solde.json'), solde);
    for (const m of solde.matchAll(/"nomFichier":\s*"([^"]+)"/g)) writeFileSync(join(deposit, m[1]), await pdfBytes(1, 0, m[1].slice(0, 30)));
    writeFileSync(
      join(workspace, 'package.json'),
      `${JSON.stringify(
        {
          name: 'demo-app',
          version: '1.0.0',
          private: true,
          description: 'Not a Ségur file',
          scripts: { test: 'node --test' },
          dependencies: { 'left-pad': '^1.3.0' },
        },
        null,
        2,
      )}\n`,
    );

    // Bundle the suite; `vscode` is provided by the extension host, `mocha` is resolved from the repo's node_modules.
    await build({
      entryPoints: [join(__dirname, 'suite', 'index.ts'), join(__dirname, 'suite', 'segur.suite.ts'), join(__dirname, 'suite', 'deposit.suite.ts')],
      outdir: outDir,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['vscode', 'mocha'],
      logLevel: 'warning',
    });
    // test-electron spawns the "executable" directly: it must be executable (a checkout may have lost the bit).
    if (!(statSync(shimPath).mode & 0o100)) chmodSync(shimPath, 0o755);
    lap('suite built, starting code-server + Chromium');
    try {
      await runTests({
        vscodeExecutablePath: shimPath,
        extensionDevelopmentPath: installed,
        extensionTestsPath: join(outDir, 'index.js'),
        launchArgs: [workspace, '--locale=fr', `--extensions-dir=${extensionsDir}`, `--user-data-dir=${userDataDir}`],
        extensionTestsEnv: {
          SEGUR_E2E_REPO: repoRoot,
          SEGUR_E2E_EXTENSION_PATH: installed,
          SEGUR_E2E_EXTENSIONS_DIR: extensionsDir,
        },
      });
      lap('PASS');
      return 0;
    } catch (e) {
      lap(`FAIL: ${(e as Error).message}`);
      const code = (e as { code?: number }).code;
      return typeof code === 'number' && code > 0 ? code : 1;
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  } finally {
    if (process.env.SEGUR_E2E_KEEP) lap(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error('e2e vscode harness error:', e);
    process.exit(2);
  },
);
