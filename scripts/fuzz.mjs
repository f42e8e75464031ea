#!/usr/bin/env node
/**
 * `npm run fuzz [-- --count N --seed S]`: mutates every example and fixture (byte and token edits, truncation,
 * deep nesting, huge strings and numbers, lone surrogates, BOM, CRLF) and runs each mutant through the engine,
 * then applies every fix it offers and checks again. Fails on any exception or any document over 1 s.
 * Deterministic for a seed. CI runs a fixed-seed short run (test/repo/fuzz.test.ts).
 * Folder mode (`--folders N`): folders of an example avance, its solde, a skeleton (every tag null,
 * every block []) and random leaves of one file replaced by null / [] / {} / "" / a wrong type / deleted, run through
 * crossCheck, an incremental CrossIndex (which must agree with it) and the CLI's runCheck.
 * Template mode (`--templates N`): mutated blanks, examples and learned templates, hostile patterns (exponential,
 * look-around, over the length limit) and enums of tens of thousands of values among them.
 * LSP mode (`--lsp N`): N hostile messages to `dist/server.js --stdio` over a real client: `$/cancelRequest` with
 * malformed params, `segur/setOverride` with params of any shape, documents opened under file URIs node:url cannot
 * read; the server must stay up and another document keep its own diagnostics.
 * Run `node scripts/fuzz.mjs --help` for the options.
 */
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') && !e.name.endsWith('expected.json') ? [join(dir, e.name)] : [],
  );
}

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  'null',
  'Null',
  'NULL',
  'True',
  'false',
  '"vrai"',
  "'x'",
  'NaN',
  '-Infinity',
  '//c\n',
  '/*',
  '*/',
  '\\',
  '\\u',
  '\ud800',
  '\udfff',
  '\u00e9',
  '\u0000',
  '\t',
  '\r\n',
  ' ',
  '1e400',
  '-0',
  '0.1234',
  '"2025-12-01"',
  '"010000025"',
  '"FINIMG0"',
  '""',
];

export function mutate(text, r) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const at = () => Math.floor(r() * (text.length + 1));
  switch (Math.floor(r() * 12)) {
    case 0: {
      const i = at();
      return text.slice(0, i) + text.slice(i + 1 + Math.floor(r() * 20));
    }
    case 1: {
      const i = at();
      return text.slice(0, i) + pick(TOKENS) + text.slice(i);
    }
    case 2: {
      const i = at();
      return text.slice(0, i) + pick(TOKENS) + text.slice(i + 1);
    }
    case 3:
      return text.slice(0, at());
    case 4: {
      const n = 1 + Math.floor(r() * 3000);
      return '['.repeat(n) + text + ']'.repeat(r() < 0.5 ? n : 0);
    }
    case 5: {
      const i = text.indexOf('"', at());
      return i < 0 ? text : text.slice(0, i + 1) + 'x'.repeat(Math.floor(r() * (r() < 0.05 ? 2_000_000 : 20_000))) + text.slice(i + 1);
    }
    case 6: {
      const i = at();
      return text.slice(0, i) + '9'.repeat(1 + Math.floor(r() * 5000)) + text.slice(i);
    }
    case 7:
      return '\ufeff' + text;
    case 8:
      return text.replace(/\n/g, '\r\n');
    case 9: {
      const lines = text.split('\n');
      const i = Math.floor(r() * lines.length);
      const j = Math.floor(r() * lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 10: {
      const lines = text.split('\n');
      lines.splice(Math.floor(r() * lines.length), 1 + Math.floor(r() * 3));
      return lines.join('\n');
    }
    default:
      return text.replace(/"([A-Za-z]+)":/, (_m, k) => `"${r() < 0.5 ? k.toLowerCase() : k.toUpperCase()}":`);
  }
}

/** Every example, fixture and pair file (the 201-request fixture aside: it is big and adds nothing here). */
export function corpus() {
  return [...files(join(root, 'examples')), ...files(join(root, 'test', 'fixtures')), ...files(join(root, 'test', 'pairs'))]
    .filter((f) => !f.includes('S9-201'))
    .map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
}

const corpus_ = corpus;

/**
 * The budgets below catch a freeze (a document, folder or template step that never ends or explodes), not speed
 * (speed is `npm run bench`). They are read in CPU time of this process, not wall time: on a machine shared with
 * other jobs the wall time of a step can be many times its work, and a freeze detector must not fail on load.
 */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function fuzz({ count = 100000, seed = 1, log = () => {} } = {}) {
  const { check, applyEdits, crossCheck } = require(join(root, 'dist', 'engine.js'));
  const corpus = corpus_();
  const r = rng(seed);
  let slowest = 0;
  let slowestName = '';
  const failures = [];
  const started = performance.now();
  for (let n = 0; n < count; n++) {
    const base = corpus[Math.floor(r() * corpus.length)];
    let text = base.text;
    const steps = 1 + Math.floor(r() * 4);
    for (let s = 0; s < steps; s++) text = mutate(text, r);
    const t = cpuMs();
    try {
      const res = check(text, { fileName: base.name });
      for (const f of res.findings.slice(0, 20)) {
        if (!f.fix) continue;
        const fixed = applyEdits(text, f.fix.edits);
        check(fixed, { fileName: base.name });
      }
      if (n % 50 === 0)
        crossCheck([
          { file: 'a', result: res },
          { file: 'b', result: check(base.text, { fileName: base.name }) },
        ]);
      // Depth at any depth: one value nested up to 60 000 levels before the header of a Ségur file keeps it a Ségur
      // file with S12/too-deep (past 64 levels), never « not Ségur ».
      if (n % 100 === 0 && base.text.includes('"impId"')) {
        const depth = 65 + Math.floor(r() * 60000);
        const open = r() < 0.5 ? '[' : '{"a":';
        const close = open === '[' ? ']' : '}';
        const deepText = base.text.replace('"impId"', `"x": ${open.repeat(depth)}${open === '[' ? '' : '1'}${close.repeat(depth)}, "impId"`);
        const was = check(base.text, { fileName: base.name }).detection.isSegur;
        const d = check(deepText, { fileName: base.name });
        if (was && (!d.detection.isSegur || !d.findings.some((f) => f.code === 'S12/too-deep')))
          failures.push({ n, base: base.name, error: `${depth} levels: ${d.detection.isSegur ? 'no S12/too-deep' : 'not Ségur'}` });
      }
    } catch (e) {
      failures.push({
        n,
        base: base.name,
        error: String(e && e.stack)
          .split('\n')
          .slice(0, 4)
          .join(' | '),
      });
    }
    const ms = cpuMs() - t;
    if (ms > slowest) {
      slowest = ms;
      slowestName = `${base.name.replace(root + '/', '')} (#${n}, ${text.length} chars)`;
    }
    if (ms > 1000) failures.push({ n, base: base.name, error: `took ${ms.toFixed(0)} ms` });
    if (n % 10000 === 0 && n) log(`${n} documents, slowest ${slowest.toFixed(0)} ms`);
  }
  return { count, seed, failures, slowestMs: +slowest.toFixed(1), slowest: slowestName, seconds: +((performance.now() - started) / 1000).toFixed(1) };
}

// ---------------------------------------------------------------------------------------------------------------
// Folder mode: the rules across files (crossCheck, CrossIndex) and the CLI on half-filled folders.

/** SONS with both an avance and a solde example (a folder holds a pair). */
function folderSons() {
  return readdirSync(join(root, 'examples'))
    .filter((d) => {
      const names = readdirSync(join(root, 'examples', d));
      return names.includes('avance.json') && names.includes('solde.json');
    })
    .sort();
}

/** Every tag null and every block [] (objects keep their keys): what a skeleton snippet inserts. */
export function skeleton(value) {
  if (Array.isArray(value)) return [];
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, skeleton(v)]));
  return null;
}

/** Paths of every value below the root (containers too). */
function paths(value, path = [], out = []) {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = [...path, Array.isArray(value) ? Number(k) : k];
      out.push(p);
      paths(v, p, out);
    }
  }
  return out;
}

const DELETED = Symbol('deleted');
/** Keys whose half-filled states the rules across files read first. */
const CROSS_KEYS = new Set([
  'numeroAns',
  'siret',
  'lignesImport',
  'numeroEditeur',
  'numeroASP',
  'beneficiaires',
  'montantSegurHT',
  'montantPrestationPrincipaleSegurHTFacture',
  'typePrestation',
  'Etablissements',
  'medecinsLiberaux',
  'FINESGeos',
  'numerosAM',
]);

function wrongType(v, r) {
  if (typeof v === 'string') return r() < 0.5 ? 12345 : true;
  if (typeof v === 'number') return r() < 0.5 ? String(v) : [v];
  if (Array.isArray(v)) return r() < 0.5 ? 'x' : { 0: v[0] ?? null };
  if (v && typeof v === 'object') return r() < 0.5 ? [v] : 'x';
  return r() < 0.5 ? 0 : 'x';
}

/** One random half-filled state of a value at a random path (biased towards what the rules across files read). */
function halfFill(doc, r) {
  const all = paths(doc);
  if (all.length === 0) return doc;
  const cross = all.filter((p) => CROSS_KEYS.has(String(p[p.length - 1])) || p[p.length - 2] === 'lignesImport');
  const path = cross.length > 0 && r() < 0.5 ? cross[Math.floor(r() * cross.length)] : all[Math.floor(r() * all.length)];
  let parent = doc;
  for (const k of path.slice(0, -1)) parent = parent[k];
  const last = path[path.length - 1];
  const choices = [null, [], {}, '', DELETED, wrongType(parent[last], r), ' ', 'x'];
  const v = choices[Math.floor(r() * choices.length)];
  if (v === DELETED) {
    if (Array.isArray(parent)) parent.splice(last, 1);
    else delete parent[last];
  } else parent[last] = v;
  return doc;
}

/**
 * A folder: avance.json and solde.json of one SONS (examples), a skeleton (sometimes with its header and éditeur
 * number filled in, as while typing), sometimes a backup copy or a pair of another SONS; then one file half-filled
 * at 1–4 random places (and, now and then, its text mutated as in the document mode).
 */
export function makeFolder(r) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const all = folderSons();
  const sons = pick(all);
  const read = (s, k) => readFileSync(join(root, 'examples', s, `${k}.json`), 'utf8');
  const files = [
    { name: 'avance.json', text: read(sons, 'avance') },
    { name: 'solde.json', text: read(sons, 'solde') },
  ];
  const kind = r() < 0.5 ? 'avance' : 'solde';
  const source = JSON.parse(read(sons, kind));
  const skel = skeleton(source);
  if (r() < 0.6) {
    for (const k of ['numeroAns', 'siret']) skel[k] = source[k];
    const lines = source.lignesImport ?? [];
    if (r() < 0.7 && lines.length > 0)
      skel.lignesImport = lines.map((l) => ({ ...skeleton(l), numeroEditeur: l.numeroEditeur, ...(r() < 0.3 ? { numeroASP: l.numeroASP } : {}) }));
  }
  files.push({ name: `ma-demande-${kind}.json`, text: JSON.stringify(skel, null, 2) + '\n' });
  if (r() < 0.3) files.push({ name: `copie de ${kind}.json`, text: read(sons, kind) });
  if (r() < 0.2) {
    const other = pick(all.filter((s) => s !== sons));
    files.push({ name: `${other}-avance.json`, text: read(other, 'avance') }, { name: `${other}-solde.json`, text: read(other, 'solde') });
  }
  const target = pick(files);
  let doc = JSON.parse(target.text);
  const steps = 1 + Math.floor(r() * 4);
  for (let i = 0; i < steps; i++) doc = halfFill(doc, r);
  target.text = doc === undefined ? '' : JSON.stringify(doc, null, 2) + '\n';
  if (r() < 0.1) target.text = mutate(target.text, r);
  return { sons, files, mutated: target.name };
}

const stable = (findings) => JSON.stringify(findings ?? []);

/** Runs one folder through crossCheck, a CrossIndex fed in another order with churn, and (optionally) runCheck. */
export function runFolder(folder, r, { engine, cli, dir } = {}) {
  const { check, crossCheck, CrossIndex } = engine;
  const problems = [];
  let internal = 0;
  const results = folder.files.map((f) => ({ file: f.name, result: check(f.text, { fileName: join(folder.sons, f.name) }) }));
  const cross = crossCheck(results);
  for (const fs of cross.values()) internal += fs.filter((f) => f.code.endsWith('/internal')).length;
  // The incremental index: shuffled order, one file set to another's result and back, one deleted and re-added.
  const index = new CrossIndex();
  const order = [...results].sort(() => r() - 0.5);
  for (const e of order) index.set(e.file, e.result);
  const a = order[Math.floor(r() * order.length)];
  const b = order[Math.floor(r() * order.length)];
  index.set(a.file, b.result);
  index.delete(b.file);
  index.set(b.file, b.result);
  index.set(a.file, a.result);
  for (const e of results) {
    if (stable(index.findings(e.file)) !== stable(cross.get(e.file))) problems.push(`CrossIndex and crossCheck disagree on ${e.file}`);
  }
  if (cli && dir) {
    const sub = join(dir, folder.sons);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(sub, { recursive: true });
    for (const f of folder.files) writeFileSync(join(sub, f.name), f.text);
    const fix = r() < 0.2;
    const out = cli.runCheck({ format: 'json', fix, lang: 'fr', paths: [sub] }, dir);
    const reports = JSON.parse(out.output);
    for (const rep of reports) internal += rep.diagnostics.filter((d) => d.code.endsWith('/internal')).length;
    if (out.exitCode !== 0 && out.exitCode !== 1) problems.push(`runCheck exit ${out.exitCode}`);
    const named = new Set(reports.map((x) => x.file.split(/[\\/]/).pop()));
    for (const e of results) if (e.result.detection.isSegur && !named.has(e.file)) problems.push(`runCheck did not report ${e.file}`);
  }
  return { problems, internal };
}

export function fuzzFolders({ count = 5000, seed = 1, cli: withCli = true, log = () => {} } = {}) {
  const engine = require(join(root, 'dist', 'engine.js'));
  const cli = withCli ? require(join(root, 'dist', 'cli.js')) : undefined;
  const dir = withCli ? mkdtempSync(join(tmpdir(), 'segur-fuzz-folders-')) : undefined;
  const r = rng(seed);
  const failures = [];
  let internal = 0;
  let slowest = 0;
  let slowestName = '';
  const started = performance.now();
  try {
    for (let n = 0; n < count; n++) {
      const folder = makeFolder(r);
      const t = cpuMs();
      try {
        const res = runFolder(folder, r, { engine, cli, dir });
        internal += res.internal;
        for (const p of res.problems) failures.push({ n, sons: folder.sons, mutated: folder.mutated, error: p });
        if (res.internal > 0) failures.push({ n, sons: folder.sons, mutated: folder.mutated, error: `${res.internal} internal finding(s)` });
      } catch (e) {
        failures.push({
          n,
          sons: folder.sons,
          mutated: folder.mutated,
          error: String(e && e.stack)
            .split('\n')
            .slice(0, 4)
            .join(' | '),
        });
      }
      const ms = cpuMs() - t;
      if (ms > slowest) {
        slowest = ms;
        slowestName = `${folder.sons} #${n} (${folder.files.length} files, ${folder.mutated} half-filled)`;
      }
      if (ms > 2000) failures.push({ n, sons: folder.sons, error: `took ${ms.toFixed(0)} ms` });
      if (n % 1000 === 0 && n) log(`${n} folders, slowest ${slowest.toFixed(0)} ms`);
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  return {
    folders: count,
    seed,
    failures,
    internal,
    slowestMs: +slowest.toFixed(1),
    slowest: slowestName,
    seconds: +((performance.now() - started) / 1000).toFixed(1),
  };
}

// Template mode: `node scripts/fuzz.mjs --templates N [--seed S]`. Mutated blanks, examples and
// learned templates go through learnTemplate, the folder loader (the CLI's loadTemplates) and check with the
// templates it keeps, fixes included. Counts exceptions (a TemplateError refusing a blank is expected, anything else
// is not), internal findings (`…/internal`), `S1/template` findings (the loader should never pass a template the
// engine refuses) and cases over the time budget; reports the slowest case. CI runs a short fixed-seed run.

/** An own property, even for `__proto__` (plain assignment would set the prototype). */
function setOwn(o, k, v) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** The blank of a filled file: every value null, every array empty except a request line kept as a skeleton. */
export function blankOf(v) {
  if (Array.isArray(v)) return v.length && v[0] !== null && typeof v[0] === 'object' ? [blankOf(v[0])] : [];
  if (v !== null && typeof v === 'object') {
    const o = {};
    for (const k of Object.keys(v)) setOwn(o, k, blankOf(v[k]));
    return o;
  }
  return null;
}

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '',
  ' ',
  'lignesImport',
  'properties',
  'items',
  'type',
  '0',
  '\u00e9',
  '\ud800',
  'k'.repeat(300),
];
const SCHEMA_VALUES = {
  type: [5, 'function', [], ['string', 'string'], 'object', 'array', ['array', 'null'], ['object', 'null'], 'null', 'integer'],
  properties: [null, [], 'x', {}, 5],
  items: [null, [], {}, 'x', { type: 'object' }, { type: 'object', properties: {} }],
  required: ['x', [1], ['nope'], []],
  'x-optional': [3, 'abc', ['nope'], ['numLigne']],
  'x-check': ['finess', 'siret', 'date', 'amount', 'nope', 5, 'fileName', 'numeroAns', 'dossierASP'],
  'x-role': ['editeur', 'dossier', 'amount', 'id:finessGeo', 'vatRegime', 'nope', 7],
  'x-template': ['block', 5],
  'x-pilot': ['siren', 'rpps', 5],
  'x-rule': ['V9', 'S9', 5],
  'x-sons': [5, '', 'IMG-RIS-Va2', 'img-ris-va2', 'NOPE'],
  'x-kind': ['output', 'avance', 'solde', null],
  maxItems: [0, -1, '3', 1e308],
  propertie: [{}],
  // Patterns: exponential with a backtracking engine, look-around, back-reference, not compiling, over the length
  // limit, ordinary; enums of tens of thousands of values (messages list a few).
  pattern: ['^(a+)+$', '(x+x+)+y', '^(\\w+\\s?)*$', '(?=a)a', '(a)\\1', '(', 'a'.repeat(1001), '^[0-9]{9}$', '\\p{L}+', 5],
  enum: ['a', [{}], [], [null, 'C'], Array.from({ length: 80000 }, (_, i) => `V${i}`), Array.from({ length: 11 }, (_, i) => i)],
};

function deep(n) {
  let v = null;
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { x: v };
  return v;
}

function wide(n, r) {
  const o = {};
  for (let i = 0; i < n; i++) setOwn(o, r() < 0.5 ? `k${i}` : `cle${i}`, r() < 0.8 ? null : []);
  return o;
}

/** Containers of a value with their paths (objects and arrays), up to a bound. */
function containers(v, out = [], depth = 0) {
  if (out.length > 5000 || depth > 40 || v === null || typeof v !== 'object') return out;
  out.push(v);
  for (const k of Object.keys(v)) containers(v[k], out, depth + 1);
  return out;
}

/** One structural mutation of a JSON value (a blank, an example or a learned template); returns the new root. */
export function mutateValue(root, r, schema = false) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const all = containers(root);
  if (all.length === 0 || r() < 0.04) return pick(['x', 1, null, [], [root], true, {}]);
  const node = pick(all);
  const keys = Object.keys(node);
  const key = keys.length ? pick(keys) : undefined;
  const isArr = Array.isArray(node);
  switch (Math.floor(r() * (schema ? 9 : 7))) {
    case 0: // a value replaced by something of another type
      if (key !== undefined)
        node[key] = pick([
          null,
          [],
          {},
          '',
          0,
          1.5,
          true,
          'x',
          [null],
          [[]],
          [{}],
          deep(1 + Math.floor(r() * 40)),
          wide(1 + Math.floor(r() * (r() < 0.05 ? 30000 : 300)), r),
        ]);
      return root;
    case 1: // a key deleted (or an item)
      if (key !== undefined) {
        if (isArr) node.splice(Number(key), 1);
        else delete node[key];
      }
      return root;
    case 2: // a hostile key added
      if (!isArr) setOwn(node, pick(HOSTILE_KEYS), pick([null, [], {}, 'x', 0]));
      else node.push(pick([null, 'x', {}, []]));
      return root;
    case 3: // a key renamed (case, plural, blanks)
      if (key !== undefined && !isArr) {
        const v = node[key];
        delete node[key];
        setOwn(node, pick([key.toUpperCase(), key.toLowerCase(), key + 's', ` ${key}`, key.slice(1), key + key]), v);
      }
      return root;
    case 4: // an array item duplicated, or made of another type
      if (isArr && node.length) node.push(pick([node[0], null, 'x', [node[0]]]));
      else if (key !== undefined) node[key] = [node[key]];
      return root;
    case 5: // nesting deeper than the limits
      if (key !== undefined) node[key] = deep(10 + Math.floor(r() * 3000));
      return root;
    case 6: // many keys
      if (!isArr) for (const [k, v] of Object.entries(wide(1 + Math.floor(r() * 2000), r))) setOwn(node, k, v);
      return root;
    default: {
      // a schema keyword given an odd value (learned templates)
      const kw = pick(Object.keys(SCHEMA_VALUES));
      const objs = all.filter((c) => !Array.isArray(c) && (c.type !== undefined || c.properties !== undefined));
      const target = objs.length ? pick(objs) : node;
      if (!Array.isArray(target)) target[kw] = pick(SCHEMA_VALUES[kw]);
      return root;
    }
  }
}

/** Examples by SONS × kind, with the fixtures of the same SONS (documents checked with the learned template). */
function templateCorpus() {
  const out = [];
  for (const sons of readdirSync(join(root, 'examples'))) {
    for (const kind of ['avance', 'solde']) {
      const file = join(root, 'examples', sons, `${kind}.json`);
      let text;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      let fixtures = [];
      try {
        fixtures = files(join(root, 'test', 'fixtures', sons))
          .filter((f) => !f.includes('S9-201'))
          .map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
      } catch {
        // no fixtures for this SONS
      }
      out.push({ sons, kind, example: { name: file, text }, fixtures });
    }
  }
  out.push({
    sons: 'IMG-RIS-Va2',
    kind: 'solde',
    example: { name: join(root, 'examples/IMG-RIS-Va2/solde.json'), text: readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8') },
    blank: readFileSync(join(root, 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json'), 'utf8'),
    fixtures: [],
  });
  return out;
}

export function fuzzTemplates({ count = 5000, seed = 1, log = () => {}, budgetMs = 1000 } = {}) {
  const { check, applyEdits, learnTemplate, TemplateError } = require(join(root, 'dist', 'engine.js'));
  const { loadTemplates } = require(join(root, 'dist', 'cli.js'));
  const { mkdtempSync, writeFileSync, rmSync } = require('node:fs');
  const { tmpdir } = require('node:os');
  const corpus = templateCorpus();
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const stats = { learned: 0, refusedByLearn: 0, loaded: 0, leftOutByLoader: 0, checks: 0 };
  const failures = [];
  let slowest = 0;
  let slowestName = '';
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'segur-fuzz-tpl-'));
  try {
    for (let n = 0; n < count; n++) {
      const base = pick(corpus);
      const example = JSON.parse(base.example.text);
      let blankText = base.blank ?? JSON.stringify(blankOf(example), null, 2);
      let exampleText = r() < 0.5 ? base.example.text : undefined;
      // The blank, the example: value mutations, then (sometimes) text mutations.
      const steps = 1 + Math.floor(r() * 3);
      let bv = JSON.parse(blankText);
      for (let s = 0; s < steps; s++) bv = mutateValue(bv, r);
      blankText = JSON.stringify(bv, null, 2);
      if (r() < 0.2) blankText = mutate(blankText, r);
      if (exampleText && r() < 0.3) exampleText = JSON.stringify(mutateValue(JSON.parse(exampleText), r), null, 2);
      const label = `${base.sons}.${base.kind} #${n}`;
      // Each step (learning, loading the folder, one check) is timed against the budget; an exception is a failure.
      const step = (what, fn) => {
        const t = cpuMs();
        try {
          return fn();
        } catch (e) {
          failures.push({
            n,
            base: label,
            error: `${what}: ${String(e && e.stack)
              .split('\n')
              .slice(0, 4)
              .join(' | ')}`,
          });
          return undefined;
        } finally {
          const ms = cpuMs() - t;
          if (ms > slowest) {
            slowest = ms;
            slowestName = `${label}: ${what} (blank ${blankText.length} chars)`;
          }
          if (ms > budgetMs) failures.push({ n, base: label, error: `${what} took ${ms.toFixed(0)} ms (budget ${budgetMs} ms)` });
        }
      };
      // 1. learnTemplate on the mutated blank (and example): a TemplateError with its message is a refusal.
      const learned = step('learnTemplate', () => {
        try {
          const t = learnTemplate(blankText, exampleText, base.sons, base.kind, 'fuzz.blank.json');
          stats.learned++;
          return t;
        } catch (e) {
          if (!(e instanceof TemplateError && e.reason && e.reason.fr && e.reason.en)) throw e;
          stats.refusedByLearn++;
          return undefined;
        }
      });
      // 2. The folder: the blank as a file (learned on load), or a learned template mutated as a schema.
      let mutatedTemplate;
      for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true });
      if (r() < 0.5 || !learned) {
        writeFileSync(join(dir, `${base.sons}.${base.kind}.blank.json`), blankText);
        if (exampleText) writeFileSync(join(dir, `${base.sons}.${base.kind}.example.json`), exampleText);
      } else {
        let tv = JSON.parse(JSON.stringify(learned));
        const ms = 1 + Math.floor(r() * 3);
        for (let s = 0; s < ms; s++) tv = mutateValue(tv, r, true);
        mutatedTemplate = tv;
        let text = JSON.stringify(tv, null, 2);
        if (r() < 0.2) text = mutate(text, r);
        writeFileSync(join(dir, 'learned.template.json'), text);
        if (r() < 0.1) writeFileSync(join(dir, 'other.template.json'), JSON.stringify(learned));
      }
      const templates =
        step('loadTemplates', () => {
          let problems = 0;
          const t = loadTemplates(dir, 'en', () => problems++);
          stats.leftOutByLoader += problems;
          stats.loaded += Object.keys(t).length;
          return t;
        }) ?? {};
      // 3. check with the templates kept (sometimes with the mutated template given to the engine directly, which
      // checks it too): the example and a fixture of the SONS, then the text after each of its first 10 fixes.
      const direct = r() < 0.2 && mutatedTemplate !== undefined;
      const docs = [base.example, ...(base.fixtures.length ? [pick(base.fixtures)] : [])];
      // Now and then every string of the example is a long run of one letter then another: what makes an
      // exponential pattern (`^(a+)+$`) backtrack for ever with a backtracking engine.
      if (r() < 0.1)
        docs.push({ name: base.example.name, text: base.example.text.replace(/": "[^"]*"/g, () => `": "${'a'.repeat(30 + Math.floor(r() * 20))}b"`) });
      for (const doc of docs) {
        const name = doc.name.replace(root + '/', '');
        const options = { fileName: doc.name, templates: direct ? { [`${base.sons}.${base.kind}`]: mutatedTemplate } : templates };
        const res = step(`check ${name}`, () => check(doc.text, options));
        if (!res) continue;
        stats.checks++;
        for (const f of res.findings) {
          if (f.code.endsWith('/internal')) failures.push({ n, base: label, error: `internal finding ${f.code} on ${name}` });
          if (f.code === 'S1/template' && !direct) failures.push({ n, base: label, error: `the loader kept a template the engine refuses: ${f.message.en}` });
        }
        let fixes = 0;
        for (const f of res.findings) {
          if (!f.fix || fixes++ >= 10) continue;
          step(`check ${name} after a ${f.code} fix`, () => check(applyEdits(doc.text, f.fix.edits), options));
        }
      }
      if (n % 1000 === 0 && n) log(`${n} templates, slowest step ${slowest.toFixed(0)} ms`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { count, seed, ...stats, failures, slowestMs: +slowest.toFixed(1), slowest: slowestName, seconds: +((performance.now() - started) / 1000).toFixed(1) };
}

// ---------------------------------------------------------------------------------------------------------------
// LSP mode: hostile messages to the server over stdio, through the client library the tests use.

/** Params a client may send for `$/cancelRequest` or `segur/setOverride`, of every shape. */
function hostileParams(r, uri) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const scalar = () => pick([null, undefined, 0, -1, 1.5, 1e308, '', 'x', true, false, [], {}, [1], { id: null }, '\u0000', '\ud800', 'k'.repeat(1000)]);
  return pick([
    undefined,
    null,
    {},
    [],
    'x',
    42,
    [7],
    { id: null },
    { id: scalar() },
    { id: Math.floor(r() * 100) },
    { uri, sons: scalar() },
    { uri, kind: scalar() },
    { uri: scalar(), sons: 'IMG-RIS-Va2' },
    { uri, sons: 'IMG-RIS-Va2', kind: pick(['avance', 'solde', 'output', 'x']) },
    { uri, sons: pick(['img-ris-va2', 'NOPE-X-Va9', ' IMG-RIS-Va2 ', 'HOP-DPI-Va2']) },
    { uri },
  ]);
}

const URI_PARTS = [
  '%2F',
  '%ZZ',
  '%D8%00',
  '%E9',
  '%F4',
  '%00',
  '%25',
  '%',
  '%%',
  '%C3%A9',
  '%EF%BF%BF',
  '%ED%A0%80',
  '..',
  '.',
  '~',
  ' ',
  '%20',
  '#',
  '?',
  ';',
  'é',
  '\ud800',
];

/** A file URI, often one node:url's fileURLToPath would refuse (a host, an encoded slash, a bad or non-UTF-8 escape). */
function hostileUri(r, n) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const parts = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(URI_PARTS)).join('');
  const host = pick(['', '', 'server', 'localhost', 'srv.example', '[::1]']);
  return `file://${host}/segur-fuzz/${n}/${parts}/${pick(['solde.json', 'avance.json', 'IMG-RIS-Va2-solde.json', 'x.json'])}`;
}

export async function fuzzLsp({ count = 1000, seed = 1, log = () => {} } = {}) {
  const { spawn } = require('node:child_process');
  const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const failures = [];
  const started = performance.now();
  const text = readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8').replace(
    '"Centre hospitalier de Fleyriat"',
    '"Centre hospitalier de Fleyriat "',
  );
  const proc = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  // No partial-message timer on the client side (it would keep this process alive once the server is gone).
  const reader = new StreamMessageReader(proc.stdout);
  reader.partialMessageTimeout = 0;
  const conn = createProtocolConnection(reader, new StreamMessageWriter(proc.stdin));
  const waiters = [];
  const last = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    last.set(p.uri, p);
    for (const w of [...waiters]) if (w.pred(p)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(p);
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.listen();
  const within = (promise, ms, what) => {
    let timer;
    return Promise.race([
      promise,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms))),
    ]).finally(() => clearTimeout(timer));
  };
  const push = (pred, ms, what) => within(new Promise((resolve) => waiters.push({ pred, resolve })), ms, what);
  const raw = (m) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...m });
    proc.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  // Copies of one document under other URIs share its identifiers and dossier numbers: the findings across files that
  // say so (U1–U3, C7) are not the document's own.
  const own = (p) =>
    p.diagnostics
      .filter((d) => d.severity !== 4 && !/^(U\d|C7$)/.test(String(d.code)))
      .map((d) => d.code)
      .join(',');
  const stats = { cancels: 0, overrides: 0, overridesRefused: 0, uris: 0, watched: 0 };
  try {
    await within(
      conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } }),
      10000,
      'initialize',
    );
    conn.sendNotification('initialized', {});
    const witness = 'file:///segur-fuzz/witness/solde.json';
    let version = 1;
    const first = push((p) => p.uri === witness, 10000, 'the witness');
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri: witness, languageId: 'json', version, text } });
    const expected = own(await first);
    for (let n = 0; n < count; n++) {
      if (proc.exitCode !== null) throw new Error(`the server exited (${proc.exitCode})`);
      const kind = Math.floor(r() * 4);
      try {
        if (kind === 0) {
          stats.cancels++;
          const params = hostileParams(r, witness);
          raw(params === undefined ? { method: '$/cancelRequest' } : { method: '$/cancelRequest', params });
        } else if (kind === 1) {
          stats.overrides++;
          const params = hostileParams(r, witness);
          await within(
            conn.sendRequest('segur/setOverride', params).catch(() => stats.overridesRefused++),
            10000,
            'segur/setOverride',
          );
          // Back to detection, as the client's picker does.
          await within(conn.sendRequest('segur/setOverride', { uri: witness }), 10000, 'segur/setOverride (clear)');
        } else if (kind === 2) {
          stats.uris++;
          const uri = hostileUri(r, n);
          const got = push((p) => p.uri === uri, 10000, `diagnostics of ${uri}`);
          conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
          const p = await got;
          if (own(p) !== expected) failures.push({ n, base: uri, error: `its own diagnostics are ${own(p)}, not ${expected}` });
          if (r() < 0.5)
            await within(
              conn
                .sendRequest(pick(['segur/soldeFromAvance', 'textDocument/hover', 'textDocument/codeLens']), {
                  uri,
                  textDocument: { uri },
                  position: { line: 2, character: 4 },
                })
                .catch(() => null),
              10000,
              'a request on it',
            );
          conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
        } else {
          stats.watched++;
          conn.sendNotification('workspace/didChangeWatchedFiles', {
            changes: [
              { uri: hostileUri(r, n), type: 1 + Math.floor(r() * 3) },
              { uri: pick([witness, 'file:', 'file://', 'x', '']), type: pick([1, 2, 3, 0, 9]) },
            ],
          });
        }
      } catch (e) {
        failures.push({ n, base: `message kind ${kind}`, error: String(e && e.message) });
      }
      // Another document still gets its own diagnostics after each few messages.
      if (n % 10 === 9 || n === count - 1) {
        version++;
        const v = version;
        const got = push((p) => p.uri === witness && p.version === v, 10000, 'the witness after hostile messages');
        conn.sendNotification('textDocument/didChange', { textDocument: { uri: witness, version: v }, contentChanges: [{ text: text + '\n'.repeat(v % 3) }] });
        try {
          const p = await got;
          if (own(p) !== expected) failures.push({ n, base: witness, error: `the witness has ${own(p)}, not ${expected}` });
        } catch (e) {
          failures.push({ n, base: witness, error: String(e && e.message) });
          break;
        }
      }
      if (n % 200 === 0 && n) log(`${n} messages`);
    }
    if (/Fleyriat|010008407/.test(stderr)) failures.push({ n: count, base: 'stderr', error: 'document content in the log' });
    if (/erreur interne|internal error/.test(stderr))
      failures.push({ n: count, base: 'stderr', error: stderr.split('\n').find((l) => /internal error/.test(l)) });
  } catch (e) {
    failures.push({ n: -1, base: 'server', error: `${String(e && e.message)}; stderr: ${stderr.slice(-300)}` });
  } finally {
    conn.dispose();
    proc.kill('SIGKILL');
  }
  return { count, seed, ...stats, failures, seconds: +((performance.now() - started) / 1000).toFixed(1) };
}

const USAGE = `node scripts/fuzz.mjs [options]   (build first: npm run build; npm run fuzz builds and runs)
  --count N      mutated documents through the engine and its fixes (default 100000)
  --folders N    half-filled folders through crossCheck, CrossIndex and the CLI (default 5000)
  --templates N  mutated blanks, examples and learned templates through learn-template, the loader and check (default 5000)
  --lsp N        hostile messages to the language server over stdio (default 1000)
  --seed S       the seed (default: the clock); the same seed gives the same run
  --help         this help
  0 switches a mode off. Exit code 1 if any failure (an exception, a step over its CPU budget, a finding the mode forbids).`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const known = new Set(['--count', '--folders', '--templates', '--lsp', '--seed']);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  // An unknown option or a value that is not a number is a usage error, not a full default run.
  for (let i = 0; i < args.length; i += 2) {
    if (!known.has(args[i]) || !Number.isFinite(Number(args[i + 1]))) {
      console.error(`fuzz: option inconnue ou valeur manquante / unknown option or missing value: ${args[i]}\n${USAGE}`);
      process.exit(2);
    }
  }
  const opt = (name, d) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
  const seed = opt('--seed', Date.now() % 100000);
  let failed = 0;
  const count = opt('--count', 100000);
  if (count > 0) {
    const res = fuzz({ count, seed, log: (m) => console.log(m) });
    console.log(JSON.stringify({ ...res, failures: res.failures.slice(0, 10), failureCount: res.failures.length }, null, 2));
    failed += res.failures.length;
  }
  const folders = opt('--folders', 5000);
  if (folders > 0) {
    const res = fuzzFolders({ count: folders, seed, log: (m) => console.log(m) });
    console.log(JSON.stringify({ ...res, failures: res.failures.slice(0, 10), failureCount: res.failures.length }, null, 2));
    failed += res.failures.length;
  }
  const templates = opt('--templates', 5000);
  if (templates > 0) {
    const res = fuzzTemplates({ count: templates, seed, log: (m) => console.log(m) });
    console.log(JSON.stringify({ ...res, failures: res.failures.slice(0, 10), failureCount: res.failures.length }, null, 2));
    failed += res.failures.length;
  }
  const lsp = opt('--lsp', 1000);
  if (lsp > 0) {
    const res = await fuzzLsp({ count: lsp, seed, log: (m) => console.log(m) });
    console.log(JSON.stringify({ ...res, failures: res.failures.slice(0, 10), failureCount: res.failures.length }, null, 2));
    failed += res.failures.length;
  }
  process.exitCode = failed ? 1 : 0;
}
