/**
 * End-to-end: the language server in a real non-VS Code client, Neovim's built-in LSP client (headless).
 * check.lua opens a file through a FileType json autocmd (as docs/neovim.md shows), waits for the server's
 * diagnostics and writes what Neovim stored as JSON; this file asserts codes, 0-based ranges and the French text,
 * and that Neovim shows exactly what `segur-json check --format json` reports for the same file.
 *
 * Needs `nvim` on PATH (Debian 12: neovim 0.7.2, installed by scripts/e2e-setup.sh) and a build (dist/).
 * Run: node scripts/build.mjs && node --import tsx --test test/e2e/nvim/nvim.e2e.test.ts
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const checkLua = join(__dirname, 'check.lua');
const RUN_TIMEOUT_MS = 30_000;

interface Position {
  line: number;
  character: number;
}
interface NvimDiagnostic {
  code: string;
  range: { start: Position; end: Position };
  message: string;
  severity: number;
  source: string;
}

let tmp = '';
let nvimVersion: string | undefined;
let nvimProblem: string | undefined;

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'segur-nvim-'));
  const v = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (v.error || v.status !== 0) {
    nvimProblem =
      `Neovim (nvim) is not usable: ${v.error ? v.error.message : `nvim --version exited ${v.status}: ${v.stderr}`}. ` +
      'Install it with scripts/e2e-setup.sh (or: apt-get install -y neovim; Debian 12 ships 0.7.2) and make sure nvim is on PATH.';
  } else {
    nvimVersion = v.stdout.split('\n')[0];
  }
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function requireNvim(): void {
  if (nvimProblem) assert.fail(nvimProblem);
  assert.ok(existsSync(join(root, 'dist', 'cli.js')), 'dist/cli.js is missing: run `node scripts/build.mjs` first');
}

function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(file, args, { cwd: root, env, timeout: RUN_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: number | string; signal?: string | null }) | null;
      resolve({
        code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
        signal: e?.signal ?? null,
        stdout: String(stdout),
        stderr: String(stderr) + (e && typeof e.code !== 'number' && !e.signal ? `\n${e.message}` : ''),
        ms: Math.round(performance.now() - t0),
      });
    });
  });
}

let runs = 0;
/** Opens `rel` (relative to the repo) in headless Neovim and returns the diagnostics it stored. */
async function nvimDiagnostics(
  rel: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<{ diagnostics: NvimDiagnostic[]; float?: string; ms: number; log: string }> {
  requireNvim();
  const dir = join(tmp, `run-${++runs}`);
  const xdg = (name: string) => {
    const p = join(dir, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  // The file is opened from a folder of its own: the server indexes the workspace (root_dir = the file's folder),
  // and the repository's fixtures would check each other across files (uniqueness, avance ↔ solde).
  const work = join(dir, 'work');
  mkdirSync(work, { recursive: true });
  const opened = join(work, basename(rel));
  copyFileSync(join(root, rel), opened);
  const out = join(dir, 'diagnostics.json');
  const floatOut = join(dir, 'float.txt');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: xdg('config'),
    XDG_DATA_HOME: xdg('data'),
    XDG_STATE_HOME: xdg('state'),
    XDG_CACHE_HOME: xdg('cache'), // Neovim 0.7 writes lsp.log here
    TMPDIR: xdg('tmp'),
    SEGUR_NVIM_FILE: opened,
    SEGUR_NVIM_OUT: out,
    SEGUR_NVIM_NODE: process.execPath,
    SEGUR_NVIM_TIMEOUT_MS: '15000',
    SEGUR_NVIM_FLOAT_OUT: floatOut,
    ...extra,
  };
  const r = await run('nvim', ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${checkLua}`], env);
  const lspLog = join(dir, 'cache', 'nvim', 'lsp.log');
  const shown = Object.entries({ SEGUR_NVIM_FILE: rel, ...extra })
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const log =
    `$ nvim --headless --clean -u NONE -i NONE -n -c 'luafile test/e2e/nvim/check.lua'  (${shown})\n` +
    `exit ${r.code}${r.signal ? ` signal ${r.signal}` : ''} after ${r.ms} ms\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}\n` +
    (existsSync(lspLog) ? `--- lsp.log\n${readFileSync(lspLog, 'utf8').slice(-4000)}` : '');
  assert.equal(r.code, 0, `headless Neovim failed${r.signal ? ` (killed after ${RUN_TIMEOUT_MS} ms)` : ''}\n${log}`);
  assert.ok(existsSync(out), `check.lua exited 0 but wrote no ${out}\n${log}`);
  const float = existsSync(floatOut) ? readFileSync(floatOut, 'utf8') : undefined;
  return { diagnostics: JSON.parse(readFileSync(out, 'utf8')) as NvimDiagnostic[], float, ms: r.ms, log };
}

const fmt = (r: { start: Position; end: Position }) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
/** A solde opened without its avance gets one information at its top: the avance–solde checks (C1–C6) were not run. */
const NO_AVANCE = 'C8/no-avance 0:0-0:1';
const LSP_SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

/** What the CLI reports for the same file, in the same shape: Neovim must show exactly that. */
function cliDiagnostics(rel: string): Omit<NvimDiagnostic, 'source'>[] {
  const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', rel], { cwd: root, encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
  assert.ok(r.status === 0 || r.status === 1, `segur-json check exited ${r.status}: ${r.stderr}`);
  const [report] = JSON.parse(r.stdout) as { diagnostics: { code: string; severity: string; message: string; range: { start: Position; end: Position } }[] }[];
  return report.diagnostics
    .map((d) => ({ code: d.code, range: d.range, message: d.message, severity: LSP_SEVERITY[d.severity] }))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function sameAsCli(rel: string, diagnostics: NvimDiagnostic[]) {
  assert.deepEqual(
    diagnostics.map(({ code, range, message, severity }) => ({ code, range, message, severity })),
    cliDiagnostics(rel),
    `${rel}: Neovim does not show what \`segur-json check\` reports`,
  );
}

test('nvim is on PATH (scripts/e2e-setup.sh installs it)', () => {
  requireNvim();
  assert.match(nvimVersion ?? '', /^NVIM v\d+\.\d+/);
});

test('S5-plural.json: two S5 diagnostics, French messages about « FINESGeos »', { timeout: RUN_TIMEOUT_MS + 5000 }, async (t) => {
  const rel = 'test/fixtures/IMG-RIS-Va2/S5-plural.json';
  const { diagnostics, float, ms, log } = await nvimDiagnostics(rel);
  t.diagnostic(`${nvimVersion}: ${ms} ms`);
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${fmt(d.range)}`),
    ['S5 22:12-22:22', 'S5 29:6-29:26'],
    log,
  );
  for (const d of diagnostics) {
    assert.equal(d.source, 'segur');
    assert.ok(d.severity >= 1 && d.severity <= 4, `severity ${d.severity}`);
    assert.match(d.message, /le modèle écrit « .+ » \(le « s » du pluriel compte\)/);
  }
  assert.ok(diagnostics[0].message.includes('« FINESGeos »'), diagnostics[0].message);
  assert.ok(diagnostics[0].message.includes('« FINESGeo »'), diagnostics[0].message);
  assert.ok(diagnostics[1].message.includes('« piecesJustificatives »'), diagnostics[1].message);
  sameAsCli(rel, diagnostics);
  // What a person sees with the cursor on 22:12 and vim.diagnostic.open_float() configured as in docs/neovim.md.
  assert.equal(float, `Diagnostics:\n1. segur: ${diagnostics[0].message} [S5]\n`, log);
});

test('S3-null-case.json: S3/null-case twice and S3/null-string, in French (and C8/no-avance: a solde alone)', { timeout: RUN_TIMEOUT_MS + 5000 }, async (t) => {
  const rel = 'test/fixtures/IMG-RIS-Va2/S3-null-case.json';
  const { diagnostics, ms, log } = await nvimDiagnostics(rel);
  t.diagnostic(`${nvimVersion}: ${ms} ms`);
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${fmt(d.range)}`),
    [NO_AVANCE, 'S3/null-case 1:11-1:15', 'S3/null-case 41:24-41:28', 'S3/null-string 42:27-42:33'],
    log,
  );
  for (const d of diagnostics) assert.equal(d.source, 'segur');
  assert.equal(diagnostics[0].severity, 3, 'C8/no-avance is an information');
  assert.match(diagnostics[0].message, /les contrôles avance–solde n'ont pas été faits/);
  assert.match(diagnostics[1].message, /« Null » .*écrivez null en minuscules/);
  assert.match(diagnostics[2].message, /« NULL » .*écrivez null en minuscules/);
  assert.match(diagnostics[3].message, /La chaîne "null" n'est pas la valeur null/);
  sameAsCli(rel, diagnostics);
});

test(
  'examples/IMG-RIS-Va2/solde.json: a valid solde opened alone has only the information that its avance was not there',
  { timeout: RUN_TIMEOUT_MS + 5000 },
  async (t) => {
    const rel = 'examples/IMG-RIS-Va2/solde.json';
    const { diagnostics, ms, log } = await nvimDiagnostics(rel);
    t.diagnostic(`${nvimVersion}: ${ms} ms`);
    assert.deepEqual(
      diagnostics.map((d) => `${d.code} ${fmt(d.range)} ${d.severity}`),
      [`${NO_AVANCE} 3`],
      log,
    );
    sameAsCli(rel, diagnostics);
  },
);

test('package.json: not a Ségur file, no diagnostics', { timeout: RUN_TIMEOUT_MS + 5000 }, async (t) => {
  const { diagnostics, ms, log } = await nvimDiagnostics('package.json');
  t.diagnostic(`${nvimVersion}: ${ms} ms`);
  assert.deepEqual(diagnostics, [], log);
});

test('settings and locale: `settings` answers workspace/configuration, `before_init` sets the locale', { timeout: RUN_TIMEOUT_MS + 5000 }, async (t) => {
  const { diagnostics, ms, log } = await nvimDiagnostics('test/fixtures/IMG-RIS-Va2/S5-plural.json', {
    SEGUR_NVIM_SETTINGS: JSON.stringify({ segur: { rules: { S5: 'warning' } } }),
    SEGUR_NVIM_LOCALE: 'en',
  });
  t.diagnostic(`${nvimVersion}: ${ms} ms`);
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${fmt(d.range)} ${d.severity}`),
    ['S5 22:12-22:22 2', 'S5 29:6-29:26 2'],
    log,
  );
  assert.match(diagnostics[0].message, /the template spells it "FINESGeos"/);
});

test('workspace/configuration answered with null: the server keeps its defaults', { timeout: RUN_TIMEOUT_MS + 5000 }, async (t) => {
  const rel = 'test/fixtures/IMG-RIS-Va2/S3-null-case.json';
  const { diagnostics, ms, log } = await nvimDiagnostics(rel, { SEGUR_NVIM_SETTINGS: '{}' });
  t.diagnostic(`${nvimVersion}: ${ms} ms`);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['C8/no-avance', 'S3/null-case', 'S3/null-case', 'S3/null-string'],
    log,
  );
  sameAsCli(rel, diagnostics);
});
