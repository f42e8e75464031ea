/**
 * The .vsix holds only what the extension runs (.vscodeignore): the client and the language server (minified by
 * scripts/build.mjs), the licences of what they bundle, the rule pages its diagnostics link to, the walkthrough, the
 * manifest and its strings, the client's strings (l10n/, vscode.l10n), the configuration file's schema VS Code reads, and what the extension's page shows (icon,
 * readme, changelog) — not the CLI's bundles, bin/, sources, the other schemas (bundled in dist/server.js), tests or
 * tools. Packaged as `npm run package` does (scripts/package-vsix.mjs, the repository's own vsce, offline), after the
 * build that `npm run test:core` has just made; the size is printed and held to 0.6 MB as vsce counts it
 * (1 KB = 1 024 bytes: 614.4 KB, 629 146 bytes), the size vsce prints when it packs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { icon: string; repository: { url: string } };

test('the .vsix lists exactly what the extension runs, within 0.6 MB', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-vsix-'));
  try {
    const out = join(dir, 'segur-json.vsix');
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'package-vsix.mjs'), '-o', out], { cwd: root, encoding: 'utf8', timeout: 170_000 });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const files = unzipSync(readFileSync(out));
    const entries = Object.keys(files)
      .filter((e) => e.startsWith('extension/'))
      .map((e) => e.slice('extension/'.length))
      .sort();
    assert.deepEqual(entries, [
      'LICENSE.txt',
      'changelog.md',
      'dist/THIRD_PARTY_NOTICES.md',
      'dist/extension.js',
      'dist/server.js',
      'docs/rules.en.html',
      'docs/rules.html',
      'docs/walkthrough/deposit.md',
      'docs/walkthrough/fix.md',
      'docs/walkthrough/open.md',
      'docs/walkthrough/solde.md',
      'docs/walkthrough/templates.md',
      'docs/walkthrough/workspace.md',
      'images/icon.png',
      'l10n/bundle.l10n.fr.json',
      'package.json',
      'package.nls.fr.json',
      'package.nls.json',
      'readme.md',
      'schemas/segur.config.schema.json',
    ]);
    const text = (name: string) => new TextDecoder().decode(files[name]);
    assert.match(text('extension.vsixmanifest'), new RegExp(`<Icon>extension/${pkg.icon}</Icon>`), 'the Marketplace shows the icon');
    // The README's relative links, made absolute from repository.url alone; the extension's screenshot embedded, as
    // the installed extension's page shows only https: and data: images.
    const base = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    const readme = text('extension/readme.md');
    assert.ok(readme.includes(`](${base}/raw/HEAD/docs/screenshot-problems-panel.png)`), 'the screenshot links to the full picture in the repository');
    assert.ok(readme.includes(`](${base}/blob/HEAD/docs/neovim.md)`), 'a link to a document points into the repository');
    assert.doesNotMatch(readme, /\]\((?!https?:|#|mailto:|data:image\/png;base64,)[^)]+\)/, 'no relative link left');
    assert.doesNotMatch(readme, /<img[^>]+src=["'](?!https:|data:)/, 'no relative <img>');
    // vsce rewrites no link (the packaged readme is written by scripts/package-vsix.mjs): the changelog must hold none.
    assert.doesNotMatch(text('extension/changelog.md'), /\]\((?!https?:|#|mailto:)[^)]+\)/, 'no relative link in the changelog');
    const inline = [...readme.matchAll(/!\[[^\]]*\]\(data:image\/png;base64,([^)]+)\)/g)].map((m) => Buffer.from(m[1], 'base64'));
    assert.equal(inline.length, 1, 'one image embedded: the extension at work');
    assert.deepEqual([...inline[0].subarray(1, 4)], [...Buffer.from('PNG')], 'a PNG');
    // merge-pdf's summary page is a link; the command line's section (its HTML report) stays in the repository.
    assert.ok(readme.includes(`](${base}/raw/HEAD/docs/images/merge-pdf-summary.png)`), "the deposit's picture is a link");
    assert.ok(!readme.includes('docs/report-html.png') && !/^## Ligne de commande\n/m.test(readme), 'no command-line section');
    assert.match(readme, new RegExp(`^## Ligne de commande, Architecture, Tests\\n\\n.*${base.replace(/[.]/g, '\\.')}#readme`, 'm'));
    // The bundles carry no legal comments: the licences of what they bundle are in one file.
    const notices = text('extension/dist/THIRD_PARTY_NOTICES.md');
    for (const name of ['pdf-lib', '@pdf-lib/upng', 're2js', 'vscode-languageclient', 'vscode-languageserver', 'ajv'])
      assert.match(notices, new RegExp(`^## ${name}@`, 'm'));
    assert.doesNotMatch(text('extension/dist/server.js'), /Bundled license information/);
    const size = statSync(out).size;
    const sizes = ['dist/server.js', 'dist/extension.js', 'readme.md'].map((e) => `${e} ${(files[`extension/${e}`].length / 1024).toFixed(0)} KiB`);
    console.log(`.vsix: ${entries.length} files, ${size} bytes (unpacked: ${sizes.join(', ')})`);
    assert.ok(size <= 0.6 * 1024 * 1024, `${size} bytes: over the 0.6 MB ceiling (629 146 bytes)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
