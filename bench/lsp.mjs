#!/usr/bin/env node
/**
 * Language server figures over stdio with a real LSP client connection (vscode-languageserver-protocol):
 * server start → first diagnostics on the 200-request file, one-character edit in the middle → fresh diagnostics
 * (p50, p95; push mode, server debounce set to 0 so that the figure is the server's own latency), and the
 * server's RSS after opening the 10 000-request file. Prints `name=value` lines; never asserts.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { connect } from './connection.mjs';
import { generate, typingEdits } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

export async function lspFigures({ edits = 60 } = {}) {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [join(root, 'bin', 'segur-json.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = connect(proc);
  let waiting;
  conn.onNotification('textDocument/publishDiagnostics', (p) => waiting?.(p));
  conn.onNotification('segur/detection', () => {});
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ validate: { debounceMs: 0 } })));
  conn.listen();
  const next = (uri, version) =>
    new Promise((resolve) => {
      waiting = (p) => {
        if (p.uri === uri && p.version === version) resolve(p);
      };
    });
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  conn.sendNotification('initialized', {});

  const text = generate('IMG-RIS-Va2', 'solde', 200);
  const uri = pathToFileURL(join(root, 'bench', 'IMG-RIS-Va2-solde-200.json')).href;
  let got = next(uri, 1);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
  await got;
  const startMs = performance.now() - t0;

  // Edits in the middle of the file: type then delete a character inside a string value.
  const edit = typingEdits(text);
  const times = [];
  for (let v = 2; v < 2 + edits; v++) {
    got = next(uri, v);
    const t = performance.now();
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [edit(v)] });
    await got;
    times.push(performance.now() - t);
  }

  // HOP-DPI: its 10 000-request file (10.1 MB) stays under the 10 MB default limit, so the server checks it fully.
  const big = generate('HOP-DPI-Va2', 'avance', 10000);
  const bigUri = pathToFileURL(join(root, 'bench', 'HOP-DPI-Va2-avance-10000.json')).href;
  const rssOf = () => {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))[1]) / 1024;
    } catch {
      return NaN;
    }
  };
  // The server's own footprint before the big file (the 200-request file open), to read the figure below against.
  const rssBeforeMb = rssOf();
  got = next(bigUri, 1);
  const tb = performance.now();
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'json', version: 1, text: big } });
  await got;
  const bigMs = performance.now() - tb;
  const rssMb = rssOf();
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  await new Promise((r) => proc.once('exit', r));
  conn.dispose();
  return {
    lsp_start_ms: +startMs.toFixed(1),
    lsp_edit_p50_ms: +pct(times, 0.5).toFixed(1),
    lsp_edit_p95_ms: +pct(times, 0.95).toFixed(1),
    lsp_open_10000_ms: +bigMs.toFixed(0),
    rss_10000_mb: +rssMb.toFixed(1),
    rss_before_10000_mb: +rssBeforeMb.toFixed(1),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await lspFigures();
  for (const [k, v] of Object.entries(r)) console.log(`${k}=${v}`);
}
