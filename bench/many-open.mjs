#!/usr/bin/env node
/**
 * Many open files of one SONS, run by hand, prints figures, asserts nothing:
 *   node scripts/build.mjs && node bench/many-open.mjs [--files 40] [--lines 200] [--edits 20] [--pull] [--timeout 300]
 * N generated IMG-RIS-Va2 files (N/2 avances and their N/2 soldes, every request with its own éditeur number and
 * identifiers, valid check keys), opened at once in the language server over stdio with a real LSP client
 * (vscode-languageserver-protocol), server debounce 0. Figures:
 * - open_all_ms: didOpen of every file → every file has its diagnostics and the server is quiet (no diagnostics for
 *   500 ms; the figure is the time of the last diagnostics);
 * - edit_p50_ms / edit_p95_ms: one keystroke in a solde → fresh diagnostics of that file;
 * - cross_edit_ms: a changed éditeur number in an avance → its solde's new diagnostics (C1/no-avance-line);
 * - republished_per_edit: diagnostics of other files sent per plain keystroke;
 * - rss_mb: the server's resident memory after all that.
 * Targets: open all ≤ 5 s, keystroke ≤ 50 ms, RSS ≤ 400 MiB, for 40 files of 200 requests.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { connect } from './connection.mjs';
import { luhnKey, typingEdits } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const args = process.argv.slice(2);
const opt = (name, d) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
const FILES = opt('--files', 40);
const LINES = opt('--lines', 200);
const EDITS = opt('--edits', 20);
const TIMEOUT_S = opt('--timeout', 300);
const PULL = args.includes('--pull');
const SONS = 'IMG-RIS-Va2';

/** A distinct valid identifier of the same shape for global request `u` (9 digits: FINESS/SIREN/AM; 11: RPPS). */
function variant(value, u, salt) {
  const n = u * 16 + salt;
  if (/^\d{9}$/.test(value)) return luhnKey(value.slice(0, 2) + String(n % 1000000).padStart(6, '0'));
  if (/^\d{11}$/.test(value)) return luhnKey('1' + String(n % 1000000000).padStart(9, '0'));
  return value;
}

function remap(node, u, map) {
  if (Array.isArray(node)) return node.map((x) => remap(x, u, map));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, remap(v, u, map)]));
  if (typeof node !== 'string' || !/^\d{9}$|^\d{11}$/.test(node)) return node;
  if (!map.has(node)) map.set(node, variant(node, u, map.size + 1));
  return map.get(node);
}

/** Pair `k`: its avance and its solde, line i of both with the same éditeur number and beneficiaries. */
function generatePair(k, n) {
  const out = {};
  for (const kind of ['avance', 'solde']) {
    const doc = JSON.parse(readFileSync(join(root, 'examples', SONS, `${kind}.json`), 'utf8'));
    const base = doc.lignesImport;
    doc.lignesImport = Array.from({ length: n }, (_, i) => {
      const u = k * n + i;
      const line = remap(structuredClone(base[i % base.length]), u, new Map());
      const old = line.numeroEditeur;
      line.numLigne = i + 1;
      line.numeroEditeur = `${old}-${k}-${i}`;
      if (line.numeroASP !== null) line.numeroASP = `FINIMG${String(100000 + u).padStart(6, '0')}M0`;
      for (const pj of line.piecesJustificatives ?? []) pj.nomFichier = pj.nomFichier.replace(old, line.numeroEditeur).slice(0, 50);
      return line;
    });
    out[kind] = JSON.stringify(doc, null, 2) + '\n';
  }
  return out;
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function main() {
  const files = [];
  for (let k = 0; k < FILES / 2; k++) {
    const p = generatePair(k, LINES);
    files.push({ uri: pathToFileURL(join(root, 'bench', 'many', `${SONS}-${k}-avance.json`)).href, text: p.avance, kind: 'avance', k });
    files.push({ uri: pathToFileURL(join(root, 'bench', 'many', `${SONS}-${k}-solde.json`)).href, text: p.solde, kind: 'solde', k });
  }
  const proc = spawn(process.execPath, [join(root, 'bin', 'segur-json.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const killer = setTimeout(() => {
    console.log(`timeout after ${TIMEOUT_S} s`);
    proc.kill();
    process.exit(1);
  }, TIMEOUT_S * 1000);
  const conn = connect(proc);
  const versions = new Map(files.map((f) => [f.uri, 1]));
  /** Latest diagnostics per uri (push: published; pull: answered), with their version. */
  const latest = new Map();
  let lastAt = performance.now();
  let received = 0;
  const waiters = [];
  const got = (uri, version, diagnostics) => {
    latest.set(uri, { version, diagnostics });
    lastAt = performance.now();
    received++;
    for (const w of [...waiters])
      if (w.uri === uri && w.pred(version, diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  const until = (uri, pred) =>
    new Promise((resolve) => {
      const l = latest.get(uri);
      if (l && pred(l.version, l.diagnostics)) return resolve();
      waiters.push({ uri, pred, resolve });
    });
  const pullOne = async (uri) => {
    const version = versions.get(uri);
    const r = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    got(uri, version, r.items ?? []);
  };
  conn.onNotification('textDocument/publishDiagnostics', (p) => got(p.uri, p.version, p.diagnostics));
  conn.onNotification('segur/detection', () => {});
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ validate: { debounceMs: 0 } })));
  conn.onRequest('workspace/diagnostic/refresh', () => {
    if (PULL) for (const f of files) void pullOne(f.uri);
    return null;
  });
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true }, ...(PULL ? { diagnostic: { dynamicRegistration: false } } : {}) },
    },
  });
  conn.sendNotification('initialized', {});
  const quiet = () =>
    new Promise((resolve) => {
      const tick = () => (performance.now() - lastAt > 500 ? resolve() : setTimeout(tick, 50));
      setTimeout(tick, 50);
    });

  // Open all.
  const t0 = performance.now();
  for (const f of files) {
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri: f.uri, languageId: 'json', version: 1, text: f.text } });
    if (PULL) void pullOne(f.uri);
  }
  await Promise.all(files.map((f) => until(f.uri, (v) => v === 1)));
  const firstAllMs = performance.now() - t0;
  await quiet();
  const openAllMs = lastAt - t0;
  const errorsAfterOpen = files.reduce((n, f) => n + (latest.get(f.uri)?.diagnostics ?? []).filter((d) => d.severity === 1).length, 0);

  // Keystrokes in the middle of a solde: type then delete a character inside a string value.
  const solde = files.find((f) => f.kind === 'solde');
  const edit = typingEdits(solde.text);
  const times = [];
  let others = 0;
  for (let e = 0; e < EDITS; e++) {
    const v = versions.get(solde.uri) + 1;
    versions.set(solde.uri, v);
    const before = received;
    const wait = until(solde.uri, (ver) => ver === v);
    const t = performance.now();
    conn.sendNotification('textDocument/didChange', { textDocument: { uri: solde.uri, version: v }, contentChanges: [edit(e)] });
    if (PULL) void pullOne(solde.uri);
    await wait;
    times.push(performance.now() - t);
    await quiet();
    others += received - before - 1;
  }

  // A change across files: the first éditeur number of an avance changes; its solde's line 1 then matches nothing.
  const avance = files.find((f) => f.kind === 'avance' && f.k === solde.k);
  const aLines = avance.text.split('\n');
  const ed = aLines.findIndex((l) => l.includes('"numeroEditeur"'));
  const edCol = aLines[ed].lastIndexOf('"');
  const va = versions.get(avance.uri) + 1;
  versions.set(avance.uri, va);
  const hasC1 = (_v, ds) => ds.some((d) => String(d.code).startsWith('C1/no-avance-line'));
  const crossWait = until(solde.uri, hasC1);
  const tc = performance.now();
  conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: avance.uri, version: va },
    contentChanges: [{ range: { start: { line: ed, character: edCol }, end: { line: ed, character: edCol } }, text: 'Z' }],
  });
  if (PULL) void pullOne(avance.uri);
  const crossOk = await Promise.race([crossWait.then(() => true), new Promise((r) => setTimeout(() => r(false), 15000))]);
  const crossMs = crossOk ? performance.now() - tc : NaN;
  await quiet();

  const rss = (() => {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))[1]) / 1024;
    } catch {
      return NaN;
    }
  })();
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  await new Promise((r) => proc.once('exit', r));
  conn.dispose();
  clearTimeout(killer);
  const figures = {
    mode: PULL ? 'pull' : 'push',
    files: FILES,
    requests_per_file: LINES,
    first_diagnostics_all_ms: +firstAllMs.toFixed(0),
    open_all_ms: +openAllMs.toFixed(0),
    errors_after_open: errorsAfterOpen,
    edit_p50_ms: +pct(times, 0.5).toFixed(1),
    edit_p95_ms: +pct(times, 0.95).toFixed(1),
    republished_per_edit: +(others / EDITS).toFixed(1),
    cross_edit_ms: +crossMs.toFixed(1),
    rss_mb: +rss.toFixed(1),
  };
  for (const [k, v] of Object.entries(figures)) console.log(`${k}=${v}`);
}

await main();
