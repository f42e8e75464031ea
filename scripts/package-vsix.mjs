#!/usr/bin/env node
/**
 * `npm run package` after the build: the .vsix made by the repository's own vsce, offline, with no dependency
 * folder (dist/ is bundled). The only address of the project is package.json `repository.url`; `homepage` and
 * `bugs` repeat it (test/repo/manifest.test.ts checks they agree).
 *
 * The README the .vsix holds is written here (dist/readme.md) rather than left to vsce, because of what VS Code shows
 * on an installed extension's page: it renders the packaged readme in a webview whose images may only be `https:`
 * or `data:` URLs. A relative path does not resolve there, and vsce's rewriting to the repository's `raw` address
 * needs the network (and a published repository). So:
 * - the extension's own screenshot (INLINE) is embedded as a `data:` PNG, reduced to a 16-colour palette (text and squiggles stay sharp) and
 *   cropped to the editor (the workbench's side bar and title bar left out) to keep the .vsix small; it links to the
 *   full-size picture in the repository;
 * - the other images (the CLI's HTML report and merge-pdf's summary page) become links to the repository: they
 *   show features outside the editor, and would weigh on every install;
 * - every other relative link points into the repository, as vsce would have written it;
 * - the sections that are not about the extension (OMITTED_SECTIONS: the command line, installed apart; how the code is
 *   laid out and tested) stay in the repository's README, named by one link: they would weigh on every install.
 *
 *   node scripts/package-vsix.mjs [-o segur-json.vsix]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The README images embedded in the packaged readme, with the part of the picture kept: x, y, width, height. */
export const INLINE = { 'docs/screenshot-problems-panel.png': { x: 341, y: 36, width: 1059, height: 644 } };

/**
 * The README's sections (`## ` titles) left out of the extension's page: the command line (installed apart, with npm:
 * its users read it in the repository or the npm package) and what the project's contributors need (the layout, the
 * tests). One line at the end names them and points to the repository's README.
 */
export const OMITTED_SECTIONS = ['Ligne de commande', 'Architecture', 'Tests'];

/** The README without the omitted sections, and one line pointing to them in the repository. */
function withoutOmittedSections(text, base) {
  const parts = text.split(/^(?=## )/m);
  const kept = parts.filter((p) => !OMITTED_SECTIONS.some((t) => p.startsWith(`## ${t}\n`)));
  if (kept.length === parts.length) return text;
  const names = OMITTED_SECTIONS.join(', ');
  return `${kept.join('').trimEnd()}\n\n## ${names}\n\nDans le README du dépôt / in the repository's README: ${base}#readme\n`;
}

/** The project's web address: repository.url without `git+` and `.git`. */
export function projectBase(url) {
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

const isRelative = (link) => !/^[a-z][\w+.-]*:/i.test(link) && !link.startsWith('#');

/** A PNG cut to `box` and reduced to 16 colours, as a `data:` URL. pdf-lib's PNG codec (UPNG) does both. */
function inlinePng(file, box) {
  // Resolved from pdf-lib, whose dependency it is (no version of its own to keep in package.json).
  const fromPdfLib = createRequire(createRequire(import.meta.url).resolve('pdf-lib'));
  const UPNG = fromPdfLib('@pdf-lib/upng').default;
  const bytes = readFileSync(file);
  const img = UPNG.decode(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const rgba = new Uint8Array(UPNG.toRGBA8(img)[0]);
  const { x, y } = box;
  const width = Math.min(box.width, img.width - x);
  const height = Math.min(box.height, img.height - y);
  const out = new Uint8Array(width * height * 4);
  for (let row = 0; row < height; row++) out.set(rgba.subarray(((y + row) * img.width + x) * 4, ((y + row) * img.width + x + width) * 4), row * width * 4);
  return `data:image/png;base64,${Buffer.from(UPNG.encode([out.buffer], width, height, 16)).toString('base64')}`;
}

/** The readme the .vsix holds (see above), from the repository's README. */
export function packagedReadme(text, base) {
  const images = withoutOmittedSections(text, base).replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (all, alt, link) => {
    if (!isRelative(link)) return all;
    const path = posix.normalize(link);
    const full = `${base}/raw/HEAD/${path}`;
    if (INLINE[path]) return `[![${alt}](${inlinePng(join(root, path), INLINE[path])})](${full})`;
    return `[${alt}](${full})`;
  });
  return images.replace(/(^|[^!])\[([^\]]*)\]\(([^)\s]+)\)/g, (all, before, title, link) =>
    isRelative(link) ? `${before}[${title}](${base}/blob/HEAD/${posix.normalize(link)})` : all,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const o = process.argv.indexOf('-o');
  const out = o >= 0 && process.argv[o + 1] ? process.argv[o + 1] : 'segur-json.vsix';
  // Written beside the bundles for vsce (it takes a readme inside the project only), removed once packed: it is no
  // part of the npm package.
  const readme = join(root, 'dist', 'readme.md');
  writeFileSync(readme, packagedReadme(readFileSync(join(root, 'README.md'), 'utf8'), projectBase(manifest.repository.url)));
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = [vsce, 'package', '--no-dependencies', '--readme-path', 'dist/readme.md', '--no-rewrite-relative-links', '-o', out];
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  rmSync(readme, { force: true });
  process.exit(r.status ?? 1);
}
