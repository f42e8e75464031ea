/**
 * Shared pieces of the editor end-to-end tests (test/e2e/vscode and test/e2e/ui): where code-server and Chromium
 * are, the .vsix under test (built when missing or stale), installing it into a fresh extensions folder, the French
 * display language, and starting/stopping code-server as one process group.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const SETUP_HINT = 'run `bash scripts/e2e-setup.sh` (apt packages + code-server 4.100.3 into .e2e/code-server)';
export const shimPath = join(__dirname, 'code-server-shim.js');
export const extensionId = 'segur-json.segur-json';
/** Chromium flags of the recipes (headless, nothing reaching out to the network). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const e2eDir = () => process.env.SEGUR_E2E_DIR || join(repoRoot, '.e2e');
export const codeServerBin = () => process.env.CODE_SERVER_BIN || join(e2eDir(), 'code-server', 'bin', 'code-server');
export const chromiumBin = () => process.env.CHROMIUM_BIN || '/usr/bin/chromium';

/** What is missing to run the editor tests, each with the way to get it (empty when all is there). */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!existsSync(codeServerBin())) missing.push(`code-server not found at ${codeServerBin()}: ${SETUP_HINT}, or set CODE_SERVER_BIN`);
  if (!existsSync(chromiumBin())) missing.push(`Chromium not found at ${chromiumBin()}: ${SETUP_HINT}, or set CHROMIUM_BIN`);
  for (const pkg of ['playwright-core', 'mocha', '@vscode/test-electron']) {
    try {
      require.resolve(pkg, { paths: [repoRoot] });
    } catch {
      missing.push(`npm package ${pkg} is not installed: run npm ci`);
    }
  }
  return missing;
}

/** For the runners: prints what is missing (and returns true) so that they exit with code 2. */
export function reportMissingPrerequisites(): boolean {
  const missing = missingPrerequisites();
  if (missing.length) console.error(`editor e2e prerequisites missing:\n  - ${missing.join('\n  - ')}`);
  return missing.length > 0;
}

const log = (m: string) => process.stderr.write(`[e2e] ${m}\n`);

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(path)) max = Math.max(max, newestMtime(join(path, e)));
  return max;
}

/** One `npm run package` at a time across concurrent test files (a mkdir lock; a lock older than 5 min is stale). */
function withLock<T>(name: string, fn: () => T): T {
  const dir = join(repoRoot, 'node_modules', '.cache', 'segur-e2e');
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, `${name}.lock`);
  const t0 = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      } catch {}
      if (Date.now() - t0 > 600_000) throw new Error(`timed out waiting for ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The .vsix under test: $SEGUR_VSIX when set (used as is), else segur-json.vsix at the repo root, rebuilt with
 * `npm run package` when it is missing or older than dist/ or than what dist/ and the package are made from.
 */
export function ensureVsix(): string {
  if (process.env.SEGUR_VSIX) {
    const v = resolve(process.env.SEGUR_VSIX);
    if (!existsSync(v)) throw new Error(`SEGUR_VSIX=${v} does not exist`);
    return v;
  }
  const vsix = join(repoRoot, 'segur-json.vsix');
  const inputs = [
    'dist',
    'client/src',
    'server/src',
    'schemas',
    'package.json',
    'package.nls.json',
    'package.nls.fr.json',
    'docs/walkthrough',
    'README.md',
    'LICENSE',
  ];
  const stale = () =>
    !existsSync(vsix) ||
    !existsSync(join(repoRoot, 'dist', 'extension.js')) ||
    statSync(vsix).mtimeMs < Math.max(...inputs.map((p) => newestMtime(join(repoRoot, p))));
  if (stale()) {
    withLock('package', () => {
      if (!stale()) return; // built by a concurrent test file meanwhile
      log('segur-json.vsix missing or older than its sources: npm run package');
      execFileSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: ['ignore', process.stderr, process.stderr] });
    });
  }
  return vsix;
}

/** Environment for code-server and Chromium: config.yaml, device id, crash reports... under `dir`, not in ~/.config or ~/.cache. */
export const xdgEnv = (dir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  XDG_CONFIG_HOME: join(dir, 'xdg-config'),
  XDG_DATA_HOME: join(dir, 'xdg-data'),
  XDG_CACHE_HOME: join(dir, 'xdg-cache'),
});

/** Settings of a quiet, offline, trusted workbench. */
export function writeUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'chat.disableAIFeatures': true,
        'workbench.enableExperiments': false,
        'git.enabled': false,
        'workbench.tips.enabled': false,
        ...extra,
      },
      null,
      2,
    ),
  );
}

/**
 * Installs the .vsix into `extensionsDir` with code-server's own `--install-extension` (what a user does) and
 * returns the folder it was unpacked to, read from the extensions.json that code-server wrote.
 */
export function installVsix(vsix: string, extensionsDir: string, userDataDir: string, scratch: string): string {
  mkdirSync(extensionsDir, { recursive: true });
  const out = execFileSync(codeServerBin(), ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], {
    env: xdgEnv(scratch),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  const list = JSON.parse(readFileSync(join(extensionsDir, 'extensions.json'), 'utf8')) as {
    identifier: { id: string };
    location: { fsPath?: string; path: string };
  }[];
  const entry = list.find((e) => e.identifier.id.toLowerCase() === extensionId);
  if (!entry) throw new Error(`${extensionId} not in ${extensionsDir}/extensions.json after --install-extension:\n${out}`);
  const folder = entry.location.fsPath ?? entry.location.path;
  if (!existsSync(join(folder, 'dist', 'extension.js'))) throw new Error(`installed extension has no dist/extension.js: ${folder}`);
  return folder;
}

/**
 * Makes code-server run the workbench and extension host in French (`vscode.env.language === 'fr'`, so the
 * language client sends locale "fr" and the server answers in French), as for a French user.
 * code-server (VS Code server) only resolves a non-English `--locale` through an installed language pack, listed in
 * <user-data-dir>/languagepacks.json; the French pack is on the marketplace, unreachable here, so we register a stub
 * pack with no translations: the workbench's own texts stay English, the locale given to extensions is French.
 * To be used together with code-server's `--locale fr` (the shim's `--locale=fr`).
 */
export function useFrenchLocale(userDataDir: string): void {
  const translations = join(userDataDir, 'segur-e2e-language-pack-fr', 'main.i18n.json');
  mkdirSync(join(userDataDir, 'segur-e2e-language-pack-fr'), { recursive: true });
  writeFileSync(translations, JSON.stringify({ contents: {} }));
  writeFileSync(
    join(userDataDir, 'languagepacks.json'),
    JSON.stringify(
      {
        fr: {
          hash: 'segur-e2e-fr-0',
          extensions: [{ extensionIdentifier: { id: 'segur-e2e.language-pack-fr' }, version: '0.0.0' }],
          translations: { vscode: translations },
          label: 'français',
        },
      },
      null,
      2,
    ),
  );
}

export const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Live (non-zombie) processes of process group `pgid`, from /proc (Linux). */
export function groupMembers(pgid: number): number[] {
  const pids: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') pids.push(Number(e));
    } catch {} // gone meanwhile
  }
  return pids;
}

/**
 * Stops a process started with `detached: true` and everything in its process group (code-server: its extension
 * hosts and the language servers they start): SIGTERM, up to 5 s for the group to empty, then SIGKILL. Waits for the
 * whole group, not only the leader: an extension host can outlive (or be forked during) the server's shutdown.
 */
export async function stopGroup(child: ChildProcess): Promise<void> {
  const pgid = child.pid;
  if (!pgid) return;
  for (const [sig, waitMs] of [
    ['SIGTERM', 5000],
    ['SIGKILL', 2000],
  ] as const) {
    if (!groupMembers(pgid).length) return;
    try {
      process.kill(-pgid, sig);
    } catch {}
    for (const end = Date.now() + waitMs; Date.now() < end && groupMembers(pgid).length;) await sleep(100);
  }
}

export interface CodeServer {
  url: string;
  pid: number;
  log: () => string;
  stop: () => Promise<void>;
}

/** Starts code-server on a free 127.0.0.1 port, in its own process group (stop() ends it and its extension hosts). */
export async function startCodeServer(o: { userDataDir: string; extensionsDir: string; scratch: string; locale?: string }): Promise<CodeServer> {
  const port = await freePort();
  const args = [
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    o.userDataDir,
    '--extensions-dir',
    o.extensionsDir,
  ];
  if (o.locale) args.push('--locale', o.locale);
  const child = spawn(codeServerBin(), args, { env: xdgEnv(o.scratch), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  child.on('error', (e) => (out += `\nspawn error: ${e.message}`));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    if (i > 300 || child.exitCode !== null || child.signalCode !== null) {
      await stopGroup(child);
      throw new Error(`code-server did not start:\n${out}`);
    }
    await sleep(100);
  }
  return { url, pid: child.pid!, log: () => out, stop: () => stopGroup(child) };
}

export interface ScriptResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
}

/**
 * Runs a TypeScript e2e script (`node --import tsx <script>`) in its own process group, echoing its output to our
 * stderr as it comes and collecting it; on timeout the whole group (code-server, Chromium, the language server)
 * gets SIGTERM (the scripts clean up on it), then SIGKILL 10 s later.
 */
export function runScript(script: string, timeoutMs: number, env: NodeJS.ProcessEnv = {}): Promise<ScriptResult> {
  return new Promise((res) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let timedOut = false;
    const onData = (d: Buffer) => {
      output += d;
      process.stderr.write(d);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const kill = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {}
    };
    let hard: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      output += `\n[e2e] ${script} did not finish within ${timeoutMs} ms: stopping its process group\n`;
      kill('SIGTERM');
      hard = setTimeout(() => kill('SIGKILL'), 10_000);
    }, timeoutMs);
    child.on('error', (e) => (output += `\nspawn error: ${e.message}`));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (hard) clearTimeout(hard);
      res({ code, signal, output, timedOut });
    });
  });
}

/** The last `n` lines of a script's output, for assertion messages. */
export const tail = (output: string, n = 60) => output.trimEnd().split('\n').slice(-n).join('\n');
