#!/usr/bin/env node
/**
 * The workspace index of the language server: a folder of generated Ségur files (300 by default), the
 * server over stdio with a real LSP client connection (vscode-languageserver-protocol). Prints `name=value` lines;
 * never asserts (timings are noisy on a shared machine: read them against the load printed with them).
 * - index_300_files_ms: `initialized` → the end of the index (a pulling client's first workspace/diagnostic/refresh);
 * - lsp_open_during_index_ms: a 200-request document opened as the index starts (the client has just answered the
 *   index's workspace/configuration request, as VS Code does) → its first diagnostics;
 * - lsp_open_during_index_noconfig_ms: the same for a client without workspace/configuration (opened right after
 *   `initialized`: the index starts at once);
 * - lsp_open_idle_ms: the same document in an empty workspace (no index to build), for comparison.
 * `SEGUR_JSON_ROOT=<checkout>` measures another build (e.g. the code before the background index).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { connect } from './connection.mjs';
import { generate } from './generate.mjs';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Writes `files` Ségur files of `lines` requests each into `dir` (`lot-000.json`…): the requests of one generated
 * file (bench/generate.mjs) cut into pieces, so that every file has its own éditeur numbers and beneficiaries (no
 * finding across files between them), with the same n° ANS and SIRET (one éditeur's workspace). Returns the paths.
 */
export function writeWorkspace(dir, { files = 300, lines = 5, sons = 'HOP-DPI-Va2', kind = 'avance' } = {}) {
  const all = JSON.parse(generate(sons, kind, files * lines));
  const out = [];
  for (let k = 0; k < files; k++) {
    const doc = { ...all, lignesImport: all.lignesImport.slice(k * lines, (k + 1) * lines).map((l, i) => ({ ...l, numLigne: i + 1 })) };
    const path = join(dir, `lot-${String(k).padStart(3, '0')}.json`);
    writeFileSync(path, JSON.stringify(doc, null, 2) + '\n');
    out.push(path);
  }
  return out;
}

/** One server session over stdio; `configuration`: the client answers workspace/configuration. */
function session(root, ws, { pull = false, configuration = true, onConfiguration } = {}) {
  const proc = spawn(process.execPath, [join(root, 'bin', 'segur-json.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = connect(proc);
  const pushWaiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const w of [...pushWaiters]) if (w.uri === p.uri) pushWaiters.splice(pushWaiters.indexOf(w), 1) && w.resolve(performance.now());
  });
  conn.onNotification('segur/detection', () => {});
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/configuration', (p) => {
    onConfiguration?.(p.items);
    return p.items.map((i) => (i.section === 'segur' ? { validate: { debounceMs: 0 } } : null));
  });
  let refreshed;
  const refresh = new Promise((r) => (refreshed = r));
  conn.onRequest('workspace/diagnostic/refresh', () => {
    refreshed(performance.now());
    return null;
  });
  conn.listen();
  const uri = pathToFileURL(ws).href;
  const init = conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'ws' }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration, diagnostics: { refreshSupport: true } },
      textDocument: { publishDiagnostics: { versionSupport: true }, ...(pull ? { diagnostic: {} } : {}) },
    },
  });
  return {
    conn,
    init,
    refresh,
    nextPush: (u) => new Promise((resolve) => pushWaiters.push({ uri: u, resolve })),
    stop: async () => {
      await conn.sendRequest('shutdown');
      conn.sendNotification('exit');
      await new Promise((r) => proc.once('exit', r));
      conn.dispose();
    },
  };
}

export async function workspaceIndexFigures({ root = process.env.SEGUR_JSON_ROOT || here, files = 300, lines = 10 } = {}) {
  const ws = mkdtempSync(join(tmpdir(), 'segur-bench-ws-'));
  const empty = mkdtempSync(join(tmpdir(), 'segur-bench-empty-'));
  writeWorkspace(ws, { files, lines });
  const text = generate('IMG-RIS-Va2', 'solde', 200);
  const docUri = pathToFileURL(join(ws, 'IMG-RIS-Va2-solde-200.json')).href;
  const open = (conn, u = docUri) => conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'json', version: 1, text } });
  const load = loadavg()[0];
  try {
    // The index alone.
    let s = session(root, ws, { pull: true });
    await s.init;
    let t = performance.now();
    s.conn.sendNotification('initialized', {});
    const indexMs = (await s.refresh) - t;
    await s.stop();

    // A document opened as the index starts (the index asks for files.exclude just before it lists the files).
    let opened;
    s = session(root, ws, {
      onConfiguration: (items) => {
        if (opened || !items.some((i) => i.section === 'files.exclude')) return;
        // Just after the answer is written.
        opened = new Promise((r) =>
          setImmediate(() => {
            const at = performance.now();
            open(s.conn);
            r(at);
          }),
        );
      },
    });
    await s.init;
    let got = s.nextPush(docUri);
    s.conn.sendNotification('initialized', {});
    while (!opened) await new Promise((r) => setTimeout(r, 1));
    t = await opened;
    const duringMs = (await got) - t;
    await s.stop();

    // The same for a client without workspace/configuration: the index starts right after `initialized`.
    s = session(root, ws, { configuration: false });
    await s.init;
    got = s.nextPush(docUri);
    s.conn.sendNotification('initialized', {});
    t = performance.now();
    open(s.conn);
    const noConfigMs = (await got) - t;
    await s.stop();

    // No index to build.
    s = session(root, empty);
    await s.init;
    s.conn.sendNotification('initialized', {});
    await new Promise((r) => setTimeout(r, 200));
    const emptyUri = pathToFileURL(join(empty, 'IMG-RIS-Va2-solde-200.json')).href;
    got = s.nextPush(emptyUri);
    t = performance.now();
    open(s.conn, emptyUri);
    const idleMs = (await got) - t;
    await s.stop();

    return {
      [`index_${files}_files_ms`]: +indexMs.toFixed(1),
      lsp_open_during_index_ms: +duringMs.toFixed(1),
      lsp_open_during_index_noconfig_ms: +noConfigMs.toFixed(1),
      lsp_open_idle_ms: +idleMs.toFixed(1),
      workspace_index_load_1min: +load.toFixed(2),
    };
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = await workspaceIndexFigures();
  for (const [k, v] of Object.entries(figures)) console.log(`${k}=${v}`);
}
