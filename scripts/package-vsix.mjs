#!/usr/bin/env node
/**
 * `npm run package` after the build: the .vsix made by the repository's own vsce, offline, with no dependency
 * folder (dist/ is bundled). The only address of the project is package.json `repository.url`; `homepage` and
 * `bugs` repeat it (test/repo/manifest.test.ts checks they agree). The README's images and links are relative, and
 * vsce makes them absolute for the Marketplace page: on its own for a GitHub or GitLab repository, from the base
 * URLs given here for any other host (the address is a placeholder until the project is published).
 *
 *   node scripts/package-vsix.mjs [-o segur-json.vsix]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The project's web address: repository.url without `git+` and `.git`. */
export function projectBase(url) {
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** vsce's options for where the README's relative links point: none when vsce recognises the host itself. */
export function linkOptions(url) {
  if (/^(https:\/\/|git@)(github|gitlab)\.com[/:]/.test(url)) return [];
  const base = projectBase(url);
  return ['--baseContentUrl', `${base}/blob/HEAD/`, '--baseImagesUrl', `${base}/raw/HEAD/`];
}

const o = process.argv.indexOf('-o');
const out = o >= 0 && process.argv[o + 1] ? process.argv[o + 1] : 'segur-json.vsix';
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const args = [vsce, 'package', '--no-dependencies', ...linkOptions(manifest.repository.url), '-o', out];
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
