#!/usr/bin/env node
/**
 * A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }): VS Code itself
 * cannot be downloaded on our machines, code-server (VS Code 1.100.3 served to a browser, with a real Node
 * extension host) can (scripts/e2e-setup.sh). It takes the flags test-electron passes
 *   --extensionDevelopmentPath=… --extensionTestsPath=… --user-data-dir=… --extensions-dir=… [folder]
 * (plus our own --locale=xx, forwarded to code-server: a non-English locale only takes effect with a language pack
 * registered in the user data dir, see useFrenchLocale() in harness.ts), starts code-server on a free 127.0.0.1 port in its own process
 * group, opens the workbench in headless Chromium (playwright-core) with the development/test paths in the URL
 * `payload`, prints the extension host's console output, waits for the workbench to call window.codeAutomationExit
 * (which it does when the test runner's run() resolves (0) or rejects (1)), stops Chromium and the code-server
 * process group, and exits with that code, like VS Code does.
 *
 * Env: CODE_SERVER_BIN (default $SEGUR_E2E_DIR/code-server/bin/code-server, SEGUR_E2E_DIR default <repo>/.e2e), CHROMIUM_BIN (default /usr/bin/chromium),
 *      SHIM_TIMEOUT_MS (default 180000; exit 124 when reached), SHIM_VERBOSE=1 (all browser console output),
 *      SHIM_SCREENSHOT=path.png (picture of the end state).
 * Exit codes: the tests' code; 124 timeout; 2 harness error (missing code-server/Chromium, start failure).
 */
'use strict';
const { spawn } = require('node:child_process');
const net = require('node:net');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');

const repo = path.resolve(__dirname, '..', '..', '..');
const SETUP_HINT = 'run: bash scripts/e2e-setup.sh';
const codeServerBin = process.env.CODE_SERVER_BIN || path.join(process.env.SEGUR_E2E_DIR || path.join(repo, '.e2e'), 'code-server', 'bin', 'code-server');
const chromiumBin = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

const devPaths = [];
const positional = [];
let testsPath, userDataDir, extensionsDir, locale;
for (const a of process.argv.slice(2)) {
  const m = /^--([^=]+)=(.*)$/.exec(a);
  if (m && m[1] === 'extensionDevelopmentPath') devPaths.push(path.resolve(m[2]));
  else if (m && m[1] === 'extensionTestsPath') testsPath = path.resolve(m[2]);
  else if (m && m[1] === 'user-data-dir') userDataDir = path.resolve(m[2]);
  else if (m && m[1] === 'extensions-dir') extensionsDir = path.resolve(m[2]);
  else if (m && m[1] === 'locale') locale = m[2];
  else if (a === '--version') { console.log('segur-json code-server shim'); process.exit(0); }
  else if (!a.startsWith('-')) positional.push(path.resolve(a));
  // Other flags test-electron adds (--no-sandbox, --disable-gpu-sandbox, --skip-welcome, ...) mean nothing here.
}
const fail = (msg) => { console.error(`shim: ${msg}`); process.exit(2); };
if (!testsPath || !devPaths.length) fail('need --extensionTestsPath and --extensionDevelopmentPath');
if (!fs.existsSync(codeServerBin)) fail(`code-server not found at ${codeServerBin} (${SETUP_HINT}, or set CODE_SERVER_BIN)`);
if (!fs.existsSync(chromiumBin)) fail(`Chromium not found at ${chromiumBin} (${SETUP_HINT}, or set CHROMIUM_BIN)`);
let chromium;
try {
  ({ chromium } = require(require.resolve('playwright-core', { paths: [repo, process.cwd()] })));
} catch {
  fail('playwright-core is not installed: run npm ci');
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'segur-cs-shim-'));
userDataDir ||= path.join(tmp, 'user-data');
extensionsDir ||= path.join(tmp, 'extensions');
fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
fs.mkdirSync(extensionsDir, { recursive: true });
const settingsFile = path.join(userDataDir, 'User', 'settings.json');
if (!fs.existsSync(settingsFile)) {
  fs.writeFileSync(settingsFile, JSON.stringify({
    'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off',
    'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
    'chat.disableAIFeatures': true, 'workbench.enableExperiments': false, 'git.enabled': false,
  }, null, 2));
}

const xdgEnv = () => ({ ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

let server, browser, exitCode = 2, serverLog = '';
/** Live (non-zombie) processes of process group `pgid`, from /proc (Linux). */
const groupMembers = (pgid) => fs.readdirSync('/proc').filter((e) => {
  if (!/^\d+$/.test(e)) return false;
  try {
    const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(pgrp) === pgid && state !== 'Z';
  } catch { return false; }
});
const cleanup = async () => {
  try { if (browser) await browser.close(); } catch {}
  // code-server, its extension hosts and the language servers they start share one process group: SIGTERM, wait
  // for the whole group to be gone (an extension host can outlive the server), SIGKILL what is left after 5 s.
  if (server && server.pid) {
    for (const [sig, waitMs] of [['SIGTERM', 5000], ['SIGKILL', 2000]]) {
      if (!groupMembers(server.pid).length) break;
      try { process.kill(-server.pid, sig); } catch {}
      for (const end = Date.now() + waitMs; Date.now() < end && groupMembers(server.pid).length;) await sleep(100);
    }
  }
  try { fs.rmSync(tmp, { recursive: true, force: true }); } catch {}
};
let stopping = false;
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(sig, async () => { if (stopping) return; stopping = true; await cleanup(); process.exit(code); });
}

(async () => {
  const port = await freePort();
  const args = ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (locale) args.push('--locale', locale);
  // XDG dirs: code-server writes its config.yaml and device id there (not in ~/.config, ~/.cache).
  const env = xdgEnv();
  server = spawn(codeServerBin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }); // own group: kill(-pid)
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  server.on('error', (e) => { serverLog += `\nspawn error: ${e.message}`; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch {}
    if (i > 300 || server.exitCode !== null || server.signalCode !== null) throw new Error(`code-server did not start:\n${serverLog}`);
    await sleep(100);
  }
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]), ['extensionTestsPath', remote(testsPath)], ['skipWelcome', 'true']];
  const target = positional[0];
  const q = target ? `${target.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(target)}` : 'ew=true';
  const url = `${base}/?${q}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  // A fresh Chromium profile (--user-data-dir) in our temp dir; its crash reports, caches and TMPDIR there too.
  const chromiumTmp = path.join(tmp, 'chromium-tmp');
  fs.mkdirSync(chromiumTmp, { recursive: true });
  browser = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
    executablePath: chromiumBin, headless: true, env: { ...xdgEnv(), TMPDIR: chromiumTmp }, viewport: { width: 1400, height: 900 }, locale: locale || 'en-US',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = browser.pages()[0] || (await browser.newPage());
  // The extension host's console reaches the browser console as printf-style chunks ("%c INFO", "color: #33f",
  // "✔ %s (%dms)", "name", 12): format each chunk, drop the CSS, keep the order, drop the workbench's noise.
  const noise = /^(Resolving connection|Resolved connection|Creating a socket|\[Service Worker\]|Updating additional builtin|ChatSessionStore|Overwriting extension|Failed to load resource|getaddrinfo ENOTFOUND open-vsx|.*open-vsx\.org|An iframe which|The web worker extension host|No search provider registered|\[AgentHost|\[ChatModelSelection\]|\[AccountPolicyGate\]|\[reconnection-grace-time\]|.*queryGalleryExtensions|\s+at )/;
  let chain = Promise.resolve();
  page.on('console', (m) => {
    chain = chain.then(async () => {
      const vals = await Promise.all(m.args().map((a) => a.jsonValue().catch(() => String(a))));
      const parts = [];
      while (vals.length) {
        const f = vals.shift();
        if (typeof f !== 'string') { parts.push(util.inspect(f)); continue; }
        const n = (f.match(/%[sdifjoOc]/g) || []).length;
        parts.push(util.format(f, ...vals.splice(0, n)));
      }
      const t = parts.join(' ').replace(/^\s*(INFO|WARN|ERR|TRACE|DEBUG)\s+/, '').replace(/^\[Extension Host\]\s*/, '').trimEnd();
      if (!t || (!process.env.SHIM_VERBOSE && noise.test(t.trim()))) return;
      (m.type() === 'error' ? process.stderr : process.stdout).write(`${t}\n`);
    });
  });
  // Newer workbenches (VS Code >= ~1.10x) only honour the payload with developmentOptions.enableSmokeTestDriver;
  // code-server has no flag for it, so patch the <meta> configuration before workbench.js reads it. Harmless on 1.100.
  await page.addInitScript(() => {
    const patch = (el) => {
      if (el.id !== 'vscode-workbench-web-configuration' || el.__patched) return;
      const cfg = JSON.parse(el.getAttribute('data-settings'));
      cfg.developmentOptions = { ...(cfg.developmentOptions || {}), enableSmokeTestDriver: true };
      el.setAttribute('data-settings', JSON.stringify(cfg));
      el.__patched = true;
    };
    new MutationObserver((muts) => { for (const m of muts) for (const n of m.addedNodes) if (n.nodeType === 1) patch(n); })
      .observe(document, { childList: true, subtree: true });
  });
  const done = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  await page.goto(url);
  const timeoutMs = Number(process.env.SHIM_TIMEOUT_MS || 180000);
  const code = await Promise.race([done, sleep(timeoutMs).then(() => 'timeout')]);
  await chain;
  if (process.env.SHIM_SCREENSHOT) await page.screenshot({ path: process.env.SHIM_SCREENSHOT }).catch(() => {});
  if (code === 'timeout') {
    console.error(`shim: the extension tests did not finish within ${timeoutMs} ms\n--- code-server log ---\n${serverLog}`);
    exitCode = 124;
  } else exitCode = Number(code);
})()
  .catch((e) => { console.error('shim error:', (e && e.stack) || e); exitCode = 2; })
  .finally(async () => { if (stopping) return; stopping = true; await cleanup(); process.exit(exitCode); });
