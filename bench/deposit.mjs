#!/usr/bin/env node
/**
 * A vendor prepares a deposit: a solde of 200 requests (the portal's maximum, IMG-RIS-Va2, bench/generate.mjs)
 * whose requests each name 3 attachments of about 1 MB (the invoice, the VA and a VAT certificate: real PDFs, one
 * page holding an image of random pixels, so that no ZIP compresses them away), about 600 MB on disk. The CLI as
 * installed (bin/segur-json.js on dist/) runs `check --attachments DIR file.json` (rules P1–P4: every file is found,
 * sized, recognised by its first bytes and opened) and `package file.json --attachments DIR -o OUT` (the same check,
 * then one ZIP per request, each read back and compared, and manifest.json with every file's SHA-256), against the
 * floor: a process of the same node that reads the JSON, JSON.parses it and reads every attachment it names once
 * (fs.readFileSync), keeping nothing; and, for `package`, the write floor: the same reads, each file then written
 * once into a new folder and flushed to the disk (fsync), as any package that survives a power cut must at least do
 * (no ZIP, no hash, no check). Whole processes, wall time (spawn to exit, node's start included) and peak RSS
 * (bench/peak-rss.cjs); check, package and floor alternate (`rounds` each); medians. Figures are printed, never
 * asserted.
 *
 *   node bench/deposit.mjs                  # 200 requests × 3 attachments, 3 rounds
 *   DEPOSIT_ROUNDS=5 DEPOSIT_BIN=/other/bin/segur-json.js node bench/deposit.mjs
 */
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync, existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from '../scripts/png.mjs';
import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { generate } from './generate.mjs';
import { measure, totals } from './cli-folder.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// DEPOSIT_BIN: another build's bin/segur-json.js (e.g. a copy of the previous one, for before/after runs).
const bin = process.env.DEPOSIT_BIN ?? join(root, 'bin', 'segur-json.js');
const REQUESTS = 200;
const SIDE = 580; // 580 × 580 random RGB pixels ≈ 1 MB, as incompressible in the PDF as in the ZIP

/** The floor: reads the JSON, JSON.parses it, reads every attachment it names once, keeping nothing. */
const FLOOR = `const fs = require('node:fs'), path = require('node:path');
const [json, dir] = process.argv.slice(1);
const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
let n = 0, bytes = 0;
for (const line of doc.lignesImport) for (const pj of line.piecesJustificatives) { bytes += fs.readFileSync(path.join(dir, pj.nomFichier)).length; n++; }
process.stdout.write(n + ' files, ' + bytes + ' bytes\\n');`;

/** The write floor: the floor's reads, each file written once into a new folder (argv[3]) and flushed. */
const WRITE_FLOOR = `const fs = require('node:fs'), path = require('node:path');
const [json, dir, out] = process.argv.slice(1);
const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
fs.mkdirSync(out);
let n = 0;
for (const line of doc.lignesImport) for (const pj of line.piecesJustificatives) {
  const fd = fs.openSync(path.join(out, n++ + '-' + pj.nomFichier), 'w');
  fs.writeSync(fd, fs.readFileSync(path.join(dir, pj.nomFichier)));
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}
process.stdout.write(n + ' files written\\n');`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A PNG of `side` × `side` random RGB pixels: nothing in it compresses. */
function noisePng(side) {
  return encodePng(side, side, randomBytes(3 * side * side));
}

/** One ~1 MB PDF (pdf-lib): a page holding the noise image and a line of text, like a scanned invoice. */
async function scanPdf() {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const image = await doc.embedPng(noisePng(SIDE));
  page.drawImage(image, { x: 50, y: 200, width: 495, height: 495 });
  page.drawText('Facture (bench)', { x: 50, y: 760 });
  return doc.save();
}

/**
 * Writes the deposit into a new folder: `IMG-RIS-Va2-solde.json` and `pj/`, one copy of the same PDF under each
 * `nomFichier`. Returns the folder, the JSON, the attachments folder, the number of attachments and their bytes.
 */
export async function makeDeposit(parent = tmpdir()) {
  const doc = JSON.parse(generate('IMG-RIS-Va2', 'solde', REQUESTS));
  for (const line of doc.lignesImport)
    line.piecesJustificatives.push({ nomFichier: `IMG-RIS-Va2-ATT-${line.numeroEditeur}.pdf`, formatFichier: 'PDF', typeFichier: 'ATTESTATION_TVA' });
  const dir = mkdtempSync(join(parent, 'segur-bench-deposit-'));
  const json = join(dir, 'IMG-RIS-Va2-solde.json');
  const text = JSON.stringify(doc, null, 2) + '\n';
  writeFileSync(json, text);
  const folder = join(dir, 'pj');
  mkdirSync(folder);
  const pdf = join(dir, 'scan.pdf');
  writeFileSync(pdf, await scanPdf());
  let files = 0;
  for (const line of doc.lignesImport)
    for (const pj of line.piecesJustificatives) {
      copyFileSync(pdf, join(folder, pj.nomFichier));
      files++;
    }
  rmSync(pdf);
  return {
    dir,
    json,
    folder,
    files,
    bytes: files * statSync(join(folder, doc.lignesImport[0].piecesJustificatives[0].nomFichier)).size,
    jsonBytes: Buffer.byteLength(text),
  };
}

export async function depositFigures({ rounds = 3, log = () => {} } = {}) {
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js missing: node scripts/build.mjs');
  const d = await makeDeposit();
  let n = 0;
  const out = () => join(d.dir, `depot-${n++}`);
  const check = () => measure([bin, 'check', '--attachments', d.folder, d.json]);
  const pack = async () => {
    const o = out();
    const r = await measure([bin, 'package', d.json, '--attachments', d.folder, '-o', o]);
    r.entries = existsSync(o) ? readdirSync(o).length : 0;
    rmSync(o, { recursive: true, force: true });
    return r;
  };
  const floor = () => measure(['-e', FLOOR, d.json, d.folder]);
  const writeFloor = async () => {
    const o = out();
    const r = await measure(['-e', WRITE_FLOOR, d.json, d.folder, o]);
    rmSync(o, { recursive: true, force: true });
    return r;
  };
  try {
    // One untimed run of each (the disk cache warms; the results are checked: the deposit has no error, and the
    // package holds the JSON, a ZIP per request and manifest.json).
    const c0 = await check();
    const t = totals(c0.stdout);
    if (c0.code !== 0 || !t || t.errors !== 0) throw new Error(`check --attachments: unexpected result (exit ${c0.code}): ${c0.stderr.slice(0, 300)}`);
    const p0 = await pack();
    if (p0.code !== 0 || p0.entries !== REQUESTS + 2)
      throw new Error(`package: unexpected result (exit ${p0.code}, ${p0.entries} entries): ${p0.stderr.slice(0, 300)}`);
    await floor();
    await writeFloor();
    log(
      `${REQUESTS} requests, ${d.files} attachments (${(d.bytes / 2 ** 20).toFixed(0)} MB, ${(d.bytes / d.files / 2 ** 20).toFixed(2)} MB each), JSON ${(d.jsonBytes / 1024).toFixed(0)} KB: check exit ${c0.code}, ${t.warnings} warning(s); package ${p0.entries} entries`,
    );
    const s = { check: { ms: [], mb: [] }, pack: { ms: [], mb: [] }, floor: { ms: [], mb: [] }, write: { ms: [], mb: [] } };
    for (let r = 0; r < rounds; r++) {
      const c = await check();
      const p = await pack();
      const f = await floor();
      const w = await writeFloor();
      for (const [k, x] of [
        ['check', c],
        ['pack', p],
        ['floor', f],
        ['write', w],
      ]) {
        s[k].ms.push(x.ms);
        s[k].mb.push(x.peakMb);
      }
      log(
        `  round ${r + 1}: check ${(c.ms / 1000).toFixed(2)} s ${c.peakMb.toFixed(0)} MB; package ${(p.ms / 1000).toFixed(2)} s ${p.peakMb.toFixed(0)} MB; floor ${(f.ms / 1000).toFixed(2)} s ${f.peakMb.toFixed(0)} MB; write floor ${(w.ms / 1000).toFixed(2)} s`,
      );
    }
    const sec = (k) => median(s[k].ms) / 1000;
    return {
      deposit_attachments: d.files,
      deposit_attachment_bytes: d.bytes,
      deposit_json_bytes: d.jsonBytes,
      deposit_check_s: +sec('check').toFixed(2),
      deposit_package_s: +sec('pack').toFixed(2),
      deposit_floor_s: +sec('floor').toFixed(2),
      deposit_write_floor_s: +sec('write').toFixed(2),
      deposit_check_vs_floor: +(sec('check') / sec('floor')).toFixed(2),
      deposit_package_vs_floor: +(sec('pack') / sec('floor')).toFixed(2),
      deposit_package_vs_write_floor: +(sec('pack') / sec('write')).toFixed(2),
      deposit_check_peak_mb: +median(s.check.mb).toFixed(0),
      deposit_package_peak_mb: +median(s.pack.mb).toFixed(0),
      deposit_floor_peak_mb: +median(s.floor.mb).toFixed(0),
    };
  } finally {
    rmSync(d.dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rounds = process.env.DEPOSIT_ROUNDS ? Number(process.env.DEPOSIT_ROUNDS) : undefined;
  const figures = await depositFigures({ rounds, log: (s) => console.log(s) });
  console.log('');
  for (const [k, v] of Object.entries(figures)) console.log(`${k}=${v}`);
}
