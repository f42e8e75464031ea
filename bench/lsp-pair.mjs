#!/usr/bin/env node
/**
 * The language-server pair: our server against VS Code's JSON language server
 * (`vscode-json-language-server` of vscode-langservers-extracted, pinned in package.json), both over stdio with a
 * real LSP client connection (vscode-languageserver-protocol), on the same generated 10 MB file (HOP-DPI-Va2 avance,
 * 10 000 requests: bench/generate.mjs) with the same expanded schema (server/generated/schemas.json,
 * `HOP-DPI-Va2.avance`, given inline to jsonls through its `json.schemas` setting).
 *
 * Validation delays, each server at its minimum:
 * - ours: push diagnostics, `segur.validate.debounceMs` = 0 (an open is never delayed);
 * - jsonls: its push mode waits a fixed `validationDelayMs = 500` (utils/validation.js, registerDiagnosticsPushSupport)
 *   after every open and change, not configurable; its pull mode (`textDocument/diagnostic`, used when the client
 *   declares the `textDocument.diagnostic` capability) validates when asked, with no delay. So jsonls is driven in
 *   pull mode: each figure is the time until the answer to `textDocument/diagnostic` sent right after the change.
 *
 * One run of a server: start, initialize, configure, open the same 200-request HOP-DPI file and wait for its
 * diagnostics (warm-up: schema compiled, code loaded), close it; then open the 10 MB file → first diagnostics (ms);
 * then 20 one-character edits in the middle of it (type, delete…), each waiting for its diagnostics; RSS 500 ms after
 * the last one (VmRSS); peak RSS of the process over the whole run (VmHWM, /proc/<pid>/status). Runs alternate
 * ours / theirs, 3 rounds; medians; ratios = our median ÷ theirs. Prints `name=value` lines; never asserts.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { connect } from './connection.mjs';
import { loadavg } from 'node:os';
import { generate, typingEdits } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const SONS = 'HOP-DPI-Va2';
const KIND = 'avance';
const JSONLS_VERSION = require('vscode-langservers-extracted/package.json').version;
const JSONLS_BIN = join(dirname(require.resolve('vscode-langservers-extracted/package.json')), 'bin', 'vscode-json-language-server');
/** jsonls's push-mode delay (not used: pull mode has none), read from its source so that the printed figure stays true. */
const JSONLS_PUSH_DELAY_MS = Number(
  /validationDelayMs\s*=\s*(\d+)/.exec(readFileSync(join(dirname(JSONLS_BIN), '..', 'lib', 'json-language-server', 'utils', 'validation.js'), 'utf8'))?.[1] ??
    NaN,
);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const statusOf = (pid, field) => {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return NaN;
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * One run of one server ('ours' | 'jsonls'); returns its figures. `ourBin`: another build of our CLI to compare (A/B);
 * `nodeArgs`: node flags for the server process.
 */
export async function runServer(which, { big, small, edits = 20, nodeArgs = [], ourBin = join(root, 'bin', 'segur-json.js') } = {}) {
  const ours = which === 'ours';
  const args = [...nodeArgs, ...(ours ? [ourBin, 'lsp', '--stdio'] : [JSONLS_BIN, '--stdio'])];
  const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = connect(proc);
  let waiting;
  conn.onNotification('textDocument/publishDiagnostics', (p) => waiting?.(p));
  conn.onNotification(() => {}); // segur/detection, window/logMessage…
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ validate: { debounceMs: 0 } })));
  // jsonls asks the client for the content of a schema it cannot read itself; the schema is inline, but answer anyway.
  const schema = JSON.parse(readFileSync(join(root, 'server', 'generated', 'schemas.json'), 'utf8'))[`${SONS}.${KIND}`];
  conn.onRequest('vscode/content', () => JSON.stringify(schema));
  conn.onRequest(() => null); // client/registerCapability, window/workDoneProgress/create, workspace/diagnostic/refresh…
  conn.listen();
  const capabilities = {
    workspace: { configuration: !!ours },
    textDocument: { publishDiagnostics: { versionSupport: true }, ...(ours ? {} : { diagnostic: { dynamicRegistration: false } }) },
  };
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities,
    initializationOptions: ours ? { pull: false } : { provideFormatter: false },
  });
  conn.sendNotification('initialized', {});
  if (!ours)
    conn.sendNotification('workspace/didChangeConfiguration', {
      settings: { json: { validate: { enable: true }, schemas: [{ url: `vscode://schemas/segur/${SONS}.${KIND}`, fileMatch: ['*.json'], schema }] } },
    });

  /** Diagnostics of `uri` at `version` after `send()`: pushed (ours) or pulled at once (jsonls). */
  const diagnose = async (uri, version, send) => {
    if (ours) {
      const got = new Promise((resolve) => {
        waiting = (p) => {
          if (p.uri === uri && p.version === version) resolve(p.diagnostics);
        };
      });
      send();
      return got;
    }
    send();
    return (await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })).items;
  };

  const smallUri = pathToFileURL(join(root, 'bench', `${SONS}-${KIND}-200.json`)).href;
  await diagnose(smallUri, 1, () =>
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'json', version: 1, text: small } }),
  );
  conn.sendNotification('textDocument/didClose', { textDocument: { uri: smallUri } });
  await sleep(200);
  const rssBeforeMb = statusOf(proc.pid, 'VmRSS');

  const uri = pathToFileURL(join(root, 'bench', `${SONS}-${KIND}-10000.json`)).href;
  const t = performance.now();
  const openDiags = await diagnose(uri, 1, () =>
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: big } }),
  );
  const openMs = performance.now() - t;
  const rssOpenMb = statusOf(proc.pid, 'VmRSS');

  // One-character edits inside a string value in the middle of the file: type then delete.
  const edit = typingEdits(big);
  const times = [];
  for (let v = 2; v < 2 + edits; v++) {
    const te = performance.now();
    await diagnose(uri, v, () => conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [edit(v)] }));
    times.push(performance.now() - te);
  }
  await sleep(500);
  const rssMb = statusOf(proc.pid, 'VmRSS');
  const peakMb = statusOf(proc.pid, 'VmHWM');
  await conn.sendRequest('shutdown').catch(() => undefined);
  conn.sendNotification('exit');
  await Promise.race([new Promise((r) => proc.once('exit', r)), sleep(3000).then(() => proc.kill())]);
  conn.dispose();
  return { openMs, rssBeforeMb, rssOpenMb, rssMb, peakMb, editP50Ms: median(times), diagnostics: openDiags.length };
}

export async function lspPairFigures({ rounds = 3, edits = 20, log = () => {} } = {}) {
  const big = generate(SONS, KIND, 10000);
  const small = generate(SONS, KIND, 200);
  const runs = { ours: [], jsonls: [] };
  const load = [loadavg()[0]];
  for (let r = 0; r < rounds; r++) {
    for (const which of ['ours', 'jsonls']) {
      const x = await runServer(which, { big, small, edits });
      runs[which].push(x);
      log(
        `round ${r + 1} ${which}: open ${x.openMs.toFixed(0)} ms, rss ${x.rssMb.toFixed(1)} MB, peak ${x.peakMb.toFixed(1)} MB, edit p50 ${x.editP50Ms.toFixed(0)} ms, ${x.diagnostics} diagnostic(s)`,
      );
    }
    load.push(loadavg()[0]);
  }
  const m = (which, k) => median(runs[which].map((x) => x[k]));
  const fig = (x, d = 1) => +x.toFixed(d);
  return {
    lsp_open_vs_jsonls: fig(m('ours', 'openMs') / m('jsonls', 'openMs'), 2),
    lsp_rss_vs_jsonls: fig(m('ours', 'rssMb') / m('jsonls', 'rssMb'), 2),
    lsp_peak_vs_jsonls: fig(m('ours', 'peakMb') / m('jsonls', 'peakMb'), 2),
    lsp_open_ms: fig(m('ours', 'openMs'), 0),
    jsonls_open_ms: fig(m('jsonls', 'openMs'), 0),
    lsp_rss_mb: fig(m('ours', 'rssMb')),
    jsonls_rss_mb: fig(m('jsonls', 'rssMb')),
    lsp_peak_mb: fig(m('ours', 'peakMb')),
    jsonls_peak_mb: fig(m('jsonls', 'peakMb')),
    lsp_rss_open_mb: fig(m('ours', 'rssOpenMb')),
    jsonls_rss_open_mb: fig(m('jsonls', 'rssOpenMb')),
    lsp_rss_before_open_mb: fig(m('ours', 'rssBeforeMb')),
    jsonls_rss_before_open_mb: fig(m('jsonls', 'rssBeforeMb')),
    lsp_big_edit_p50_ms: fig(m('ours', 'editP50Ms'), 0),
    jsonls_big_edit_p50_ms: fig(m('jsonls', 'editP50Ms'), 0),
    lsp_pair_rounds: rounds,
    lsp_pair_edits: edits,
    lsp_pair_file_mb: fig(Buffer.byteLength(big) / 1024 / 1024, 2),
    jsonls_version: JSONLS_VERSION,
    jsonls_mode: `pull (textDocument/diagnostic, no delay; its push mode waits ${JSONLS_PUSH_DELAY_MS} ms)`,
    lsp_mode: 'push, segur.validate.debounceMs=0',
    lsp_pair_load: load.map((l) => l.toFixed(2)).join(' '),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await lspPairFigures({ log: (line) => console.error(line) });
  for (const [k, v] of Object.entries(r)) console.log(`${k}=${v}`);
}
