#!/usr/bin/env node
/**
 * Build: schemas (expanded + precompiled validators), then esbuild bundles of the CLI (and, when present, server and client).
 * `--analyze` prints the size of each input of the shipped bundles (esbuild's metafile analysis).
 */
import { analyzeMetafile, build } from 'esbuild';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts', 'build-schemas.mjs')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'scripts', 'build-snippets.mjs')], { stdio: 'inherit' });

const common = {
  mainFields: ['module', 'main'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  minify: false,
  logLevel: 'warning',
  absWorkingDir: root,
};
// The bundles the .vsix ships (.vscodeignore) are minified: they are most of what an installer downloads. Names are not
// kept: an internal error's log line names its place (file:line:column, server/shared/guards.ts), not its function.
// The CLI's bundles stay readable.
const shipped = new Set(['dist/server.js', 'dist/extension.js']);
const entries = [
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js' },
  // The worker threads of `check` on a folder (checkCommand.ts runCheckAsync loads it beside cli.js).
  { in: 'server/src/cli/worker.ts', out: 'dist/cli-worker.js' },
  { in: 'server/src/segur.ts', out: 'dist/engine.js' },
  { in: 'server/src/server/server.ts', out: 'dist/server.js' },
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
];
/**
 * pdf-lib bundles the metrics of the 14 standard PDF fonts (@pdf-lib/standard-fonts, about 130 KB of compressed
 * data), read only when a font is embedded. merge-pdf's summary page is the only writer of text, in Helvetica and
 * Helvetica-Bold (io/pdf.ts), in the CLI and in the language server (« Fusionner des PDF »): both keep those two. A dropped font's data is an empty string: embedding it would fail in pdf-lib's
 * decompression, never silently. The encodings' table is always kept: pdf-lib reads it when it loads.
 */
function standardFonts(keep) {
  return {
    name: 'standard-fonts',
    setup(b) {
      b.onLoad({ filter: /@pdf-lib[\\/]standard-fonts[\\/].*\.compressed\.json$/ }, (a) => {
        const font = a.path.replace(/^.*[\\/]/, '').replace('.compressed.json', '');
        return font === 'all-encodings' || keep.includes(font) ? undefined : { contents: '""', loader: 'json' };
      });
    },
  };
}
const summaryFonts = ['Helvetica', 'Helvetica-Bold'];

/** pako (pdf-lib's zlib in JavaScript) replaced by Node's zlib: scripts/shims/pako.mjs says what pdf-lib asks of it. */
const pakoFromNode = {
  name: 'pako-from-node',
  setup(b) {
    b.onResolve({ filter: /^pako$/ }, () => ({ path: join(root, 'scripts', 'shims', 'pako.mjs') }));
  },
};

/**
 * pdf-lib's modules declare no side effects of their own, but its package does not say so (no `sideEffects` field):
 * esbuild would keep all of it (writers, forms, image embedders) wherever one export is used. Said here, a bundle
 * keeps the modules it reaches (the parser for the attachment checks, the writer for merge-pdf).
 */
const pdfLibPure = {
  name: 'pdf-lib-pure',
  setup(b) {
    b.onResolve({ filter: /^(pdf-lib|@pdf-lib\/[^/]+)$|^\.\.?\// }, async (a) => {
      if (a.pluginData === 'pdf-lib-pure' || (a.path.startsWith('.') && !/[\\/]node_modules[\\/](pdf-lib|@pdf-lib)[\\/]/.test(a.importer))) return undefined;
      const r = await b.resolve(a.path, { kind: a.kind, importer: a.importer, resolveDir: a.resolveDir, pluginData: 'pdf-lib-pure' });
      return r.errors.length ? undefined : { ...r, sideEffects: false };
    });
  },
};

/** The npm packages a bundle holds, from esbuild's metafile: the names its THIRD_PARTY_NOTICES entry lists. */
function bundledPackages(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]);
  }
  return [...dirs];
}

const thirdParty = new Map();
for (const e of entries) {
  if (!existsSync(join(root, e.in))) continue;
  const ships = shipped.has(e.out);
  const r = await build({
    ...common,
    entryPoints: [e.in],
    outfile: e.out,
    external: e.external ?? [],
    plugins: [pakoFromNode, pdfLibPure, standardFonts(summaryFonts)],
    // The shipped bundles carry no legal comments: THIRD_PARTY_NOTICES.md (below) holds every bundled package's
    // licence, whole, once for both bundles.
    ...(ships ? { minify: true, charset: 'utf8', legalComments: 'none', metafile: true } : {}),
  });
  if (ships) for (const dir of bundledPackages(r.metafile)) thirdParty.set(dir, [...(thirdParty.get(dir) ?? []), e.out]);
  // `node scripts/build.mjs --analyze`: what weighs what in the bundles the .vsix ships.
  if (ships && process.argv.includes('--analyze')) console.log(await analyzeMetafile(r.metafile));
}
writeFileSync(join(root, 'dist', 'THIRD_PARTY_NOTICES.md'), notices(thirdParty));

/** The licences of the packages bundled into the .vsix's scripts: name, version, licence, which bundle, the licence text. */
function notices(packages) {
  const parts = ['# Third-party notices', '', 'dist/extension.js and dist/server.js bundle these npm packages, under their own licences:', ''];
  const rows = [...packages]
    .map(([dir, bundles]) => ({ dir, bundles, pkg: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }))
    .sort((a, b) => a.pkg.name.localeCompare(b.pkg.name) || a.pkg.version.localeCompare(b.pkg.version));
  const seen = new Set();
  for (const { dir, bundles, pkg } of rows) {
    const key = `${pkg.name}@${pkg.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const file = readdirSync(join(root, dir)).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    if (!file) throw new Error(`${key} (${dir}) has no licence file: its notice cannot be shipped`);
    parts.push(
      `## ${key}`,
      '',
      `${pkg.license ?? 'see below'} · ${[...new Set(bundles)].join(', ')}`,
      '',
      '```',
      readFileSync(join(root, dir, file), 'utf8').trim(),
      '```',
      '',
    );
  }
  return parts.join('\n');
}
// docs/rules.md (shipped) is generated from the rule registry;
// docs/rules.html (rendered, one anchor per rule) is what the diagnostics' links open.
const { rulesMarkdown, rulesHtml } = await import(join(root, 'dist', 'cli.js'));
writeFileSync(join(root, 'docs', 'rules.md'), rulesMarkdown('fr'));
writeFileSync(join(root, 'docs', 'rules.en.md'), rulesMarkdown('en'));
writeFileSync(join(root, 'docs', 'rules.html'), rulesHtml('fr'));
writeFileSync(join(root, 'docs', 'rules.en.html'), rulesHtml('en'));
console.log('build: dist/ and docs/rules.{md,html} ready');
