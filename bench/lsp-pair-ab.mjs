#!/usr/bin/env node
/**
 * Before / after for the LSP pair: another build of our CLI (`before`, e.g. a clone of the base commit
 * built with `node scripts/build.mjs`), jsonls, and this tree's build (`after`), alternating in each round, so that
 * the machine's load weighs on the three alike; medians, and the ratios of bench/lsp-pair.mjs for both builds.
 * `--typing`: instead, a user typing in the 10 MB file (20 one-character edits 100 ms apart, the default debounce
 * of 150 ms): time from the last edit to the diagnostics of its version, RSS 500 ms later and peak RSS, before and
 * after. Prints lines; never asserts.
 *
 *   node bench/lsp-pair-ab.mjs /tmp/base/bin/segur-json.js [rounds]
 *   node bench/lsp-pair-ab.mjs /tmp/base/bin/segur-json.js [rounds] --typing
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { connect } from './connection.mjs';
import { loadavg } from 'node:os';
import { runServer } from './lsp-pair.mjs';
import { generate, typingEdits } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const statusOf = (pid, field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One typing session in the 10 MB file against our server built at `bin`. */
export async function typingRun(bin, big, { edits = 20, gapMs = 100, debounceMs = 150 } = {}) {
  const proc = spawn(process.execPath, [bin, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = connect(proc);
  let waiting;
  let published = 0;
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    published++;
    waiting?.(p);
  });
  conn.onNotification(() => {});
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ validate: { debounceMs } })));
  conn.onRequest(() => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  conn.sendNotification('initialized', {});
  const uri = pathToFileURL(join(root, 'bench', 'HOP-DPI-Va2-avance-10000.json')).href;
  const until = (version) => new Promise((r) => (waiting = (p) => p.version === version && r()));
  let got = until(1);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: big } });
  await got;
  const edit = typingEdits(big);
  published = 0;
  const last = edits + 1;
  got = until(last);
  let t = 0;
  for (let v = 2; v <= last; v++) {
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [edit(v)] });
    t = performance.now();
    if (v < last) await sleep(gapMs);
  }
  await got;
  const lastMs = performance.now() - t;
  await sleep(500);
  const r = { lastMs, published, rssMb: statusOf(proc.pid, 'VmRSS'), peakMb: statusOf(proc.pid, 'VmHWM') };
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  await new Promise((x) => proc.once('exit', x));
  conn.dispose();
  return r;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const before = process.argv[2];
  if (!before) {
    console.error('usage: node bench/lsp-pair-ab.mjs <other build>/bin/segur-json.js [rounds] [--typing]');
    process.exit(2);
  }
  const rounds = Number(process.argv[3]) > 0 ? Number(process.argv[3]) : 3;
  const after = join(root, 'bin', 'segur-json.js');
  const big = generate('HOP-DPI-Va2', 'avance', 10000);
  const loads = [];
  if (process.argv.includes('--typing')) {
    const res = { before: [], after: [] };
    for (let r = 0; r < rounds; r++) {
      for (const [k, bin] of [
        ['before', before],
        ['after', after],
      ]) {
        loads.push(loadavg()[0]);
        const x = await typingRun(bin, big);
        res[k].push(x);
        console.log(
          k.padEnd(7),
          `last edit → its diagnostics ${x.lastMs.toFixed(0)} ms, ${x.published} publish(es) after the open, rss ${x.rssMb.toFixed(1)} MB, peak ${x.peakMb.toFixed(1)} MB`,
        );
      }
    }
    for (const k of ['before', 'after'])
      console.log(
        `median ${k}: last_edit_ms=${median(res[k].map((x) => x.lastMs)).toFixed(0)} rss_mb=${median(res[k].map((x) => x.rssMb)).toFixed(1)} peak_mb=${median(res[k].map((x) => x.peakMb)).toFixed(1)}`,
      );
  } else {
    const small = generate('HOP-DPI-Va2', 'avance', 200);
    const res = { before: [], jsonls: [], after: [] };
    for (let r = 0; r < rounds; r++) {
      for (const k of ['before', 'jsonls', 'after']) {
        loads.push(loadavg()[0]);
        const x = k === 'jsonls' ? await runServer('jsonls', { big, small }) : await runServer('ours', { big, small, ourBin: k === 'before' ? before : after });
        res[k].push(x);
        console.log(
          k.padEnd(7),
          `open ${x.openMs.toFixed(0)} ms, rss after open ${x.rssOpenMb.toFixed(1)} MB, rss after edits ${x.rssMb.toFixed(1)} MB, peak ${x.peakMb.toFixed(1)} MB, 10 MB edit p50 ${x.editP50Ms.toFixed(0)} ms`,
        );
      }
    }
    const m = (k, f) => median(res[k].map((x) => x[f]));
    for (const k of ['before', 'jsonls', 'after'])
      console.log(
        `median ${k}: open_ms=${m(k, 'openMs').toFixed(0)} rss_open_mb=${m(k, 'rssOpenMb').toFixed(1)} rss_mb=${m(k, 'rssMb').toFixed(1)} peak_mb=${m(k, 'peakMb').toFixed(1)} big_edit_p50_ms=${m(k, 'editP50Ms').toFixed(0)}`,
      );
    for (const k of ['before', 'after'])
      console.log(
        `${k}: lsp_open_vs_jsonls=${(m(k, 'openMs') / m('jsonls', 'openMs')).toFixed(2)} lsp_rss_vs_jsonls=${(m(k, 'rssMb') / m('jsonls', 'rssMb')).toFixed(2)} lsp_peak_vs_jsonls=${(m(k, 'peakMb') / m('jsonls', 'peakMb')).toFixed(2)}`,
      );
  }
  console.log(`load ${loads.map((l) => l.toFixed(1)).join(' ')}`);
}
