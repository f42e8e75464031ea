/**
 * One code-server workbench in headless Chromium, as the UI checks of this folder open it: segur-json.vsix installed
 * into fresh extensions/user-data dirs of a temp dir (French locale: see ../vscode/harness.ts), a workspace folder in
 * it (filled by the caller before code-server starts), code-server started, a fresh Chromium profile opened on the
 * folder, the workbench loaded. `runWorkbenchCheck` owns the process: exit 0 pass, 1 fail, 2 missing prerequisites or
 * harness error; code-server (its process group) and Chromium are stopped and the temp dir removed on every way out,
 * SIGINT/SIGTERM included (SEGUR_E2E_KEEP=1 keeps the temp dir).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  reportMissingPrerequisites,
  chromiumArgs,
  chromiumBin,
  ensureVsix,
  installVsix,
  startCodeServer,
  useFrenchLocale,
  writeUserSettings,
  xdgEnv,
  type CodeServer,
} from '../vscode/harness.ts';

export interface Workbench {
  page: Page;
  server: CodeServer;
  /** The temp dir of this run. */
  dir: string;
  /** Logs a line with the seconds since the start. */
  lap: (message: string) => void;
}

export interface WorkbenchCheck {
  /** What the log lines and errors say this check is (`e2e ui`, `e2e extension page`). */
  label: string;
  /** The temp dir's prefix. */
  prefix: string;
  /** Fills the workspace folder before code-server opens it. */
  prepare?: (workspace: string) => void;
  /** The check itself: the failures it found (none: pass). */
  run: (w: Workbench) => Promise<string[]>;
}

/** Runs one check in its own workbench and exits the process with its result (see the module's comment). */
export function runWorkbenchCheck(check: WorkbenchCheck): void {
  const t0 = Date.now();
  const lap = (m: string) => console.log(`[${check.label} ${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`);
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  let tmp: string | undefined;
  // One single run for every caller (the end of main, a signal).
  let cleaning: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaning ??= (async () => {
      await browser?.close().catch(() => {});
      await server?.stop();
      if (tmp && process.env.SEGUR_E2E_KEEP) lap(`kept ${tmp}`);
      else if (tmp) rmSync(tmp, { recursive: true, force: true });
    })());

  async function main(): Promise<number> {
    if (reportMissingPrerequisites()) return 2;
    const { chromium } = await import('playwright-core');
    const vsix = ensureVsix();
    const dir = mkdtempSync(join(tmpdir(), check.prefix));
    tmp = dir;
    try {
      const extensionsDir = join(dir, 'extensions');
      const userDataDir = join(dir, 'user-data');
      writeUserSettings(userDataDir);
      useFrenchLocale(userDataDir);
      const installed = installVsix(vsix, extensionsDir, userDataDir, dir);
      lap(`${vsix} installed into ${installed}`);
      const workspace = join(dir, 'workspace');
      mkdirSync(workspace);
      check.prepare?.(workspace);

      server = await startCodeServer({ userDataDir, extensionsDir, scratch: dir, locale: 'fr' });
      lap(`code-server ready at ${server.url} (pid ${server.pid})`);
      // A fresh Chromium profile (--user-data-dir) in the temp dir; crash reports, caches and TMPDIR there too.
      const chromiumTmp = join(dir, 'chromium-tmp');
      mkdirSync(chromiumTmp);
      browser = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
        executablePath: chromiumBin(),
        headless: true,
        args: chromiumArgs,
        env: { ...xdgEnv(dir), TMPDIR: chromiumTmp } as Record<string, string>,
        viewport: { width: 1400, height: 900 },
        locale: 'fr-FR',
      });
      const page = browser.pages()[0] ?? (await browser.newPage());
      page.on('console', (m) => {
        const t = m.text();
        if (t.includes('[Extension Host]') && /segur|ségur|error/i.test(t)) console.log('  [ext host]', t.replace(/%c|color: \S+/g, '').trim());
      });
      await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      lap('workbench loaded');
      const failures = await check.run({ page, server, dir, lap });
      const ok = failures.length === 0;
      console.log(ok ? 'RESULT: PASS' : `RESULT: FAIL: ${failures.join('; ')}\n--- code-server log ---\n${server.log()}`);
      return ok ? 0 : 1;
    } finally {
      await cleanup();
    }
  }

  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`${check.label} error:`, e);
      process.exit(2);
    },
  );
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.error(`${check.label}: ${sig}, stopping`);
      void cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
    });
  }
}
