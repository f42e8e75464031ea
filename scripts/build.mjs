#!/usr/bin/env node
/** Build: schemas (expanded + precompiled validators), then esbuild bundles of the CLI (and, when present, server and client). */
import { build } from 'esbuild';
import { existsSync, writeFileSync } from 'node:fs';
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
// The bundles the .vsix ships (.vscodeignore) are minified: they are most of what an installer downloads. Names are kept
// so that a stack trace in an internal finding still names its function. The CLI's bundles stay readable.
const shipped = new Set(['dist/server.js', 'dist/extension.js']);
const entries = [
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js' },
  // The worker threads of `check` on a folder (checkCommand.ts runCheckAsync loads it beside cli.js).
  { in: 'server/src/cli/worker.ts', out: 'dist/cli-worker.js' },
  { in: 'server/src/segur.ts', out: 'dist/engine.js' },
  { in: 'server/src/server/server.ts', out: 'dist/server.js' },
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
];
for (const e of entries) {
  if (!existsSync(join(root, e.in))) continue;
  await build({ ...common, entryPoints: [e.in], outfile: e.out, external: e.external ?? [], ...(shipped.has(e.out) ? { minify: true, keepNames: true } : {}) });
}
// docs/rules.md (shipped) is generated from the rule registry;
// docs/rules.html (rendered, one anchor per rule) is what the diagnostics' links open.
const { rulesMarkdown, rulesHtml } = await import(join(root, 'dist', 'cli.js'));
writeFileSync(join(root, 'docs', 'rules.md'), rulesMarkdown('fr'));
writeFileSync(join(root, 'docs', 'rules.en.md'), rulesMarkdown('en'));
writeFileSync(join(root, 'docs', 'rules.html'), rulesHtml('fr'));
writeFileSync(join(root, 'docs', 'rules.en.html'), rulesHtml('en'));
console.log('build: dist/ and docs/rules.{md,html} ready');
