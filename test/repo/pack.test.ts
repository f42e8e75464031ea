/**
 * The package is publishable as a CLI. `npm pack` makes a tarball of the `files` list of
 * package.json (the bundles of dist/, bin/, schemas, the rule docs, the walkthrough; no tests, fixtures, sources or
 * e2e tools), which installs in a fresh prefix offline with an empty npm cache (dist/ is bundled by esbuild: nothing
 * to fetch) and runs `segur-json check` on an example with every network access made to throw.
 *
 * The pack runs with --ignore-scripts: `npm run test:core` has just built dist/ (the `prepare` script of a real
 * `npm pack` / `npm publish` is that same build), and rebuilding dist/ here would rewrite the bundles that the other
 * test files are running. Durations are printed, never asserted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const noNet = join(root, 'test', 'helpers', 'no-network.cjs');

test('npm pack → a tarball of the files list that installs offline in a fresh prefix and runs segur-json check', { timeout: 120_000 }, () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'segur-pack-')));
  try {
    const cache = join(dir, 'empty-npm-cache');
    mkdirSync(cache);
    // Only what npm needs: an empty cache, no registry reachable, nothing from the user's npm configuration.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: dir,
      npm_config_cache: cache,
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      npm_config_registry: 'http://127.0.0.1:9/',
    };
    let t0 = Date.now();
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, env, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[]; size: number }[];
    console.log(`npm pack: ${Date.now() - t0} ms, ${info.files.length} files, ${Math.round(info.size / 1024)} KiB`);
    const paths = info.files.map((f) => f.path);
    for (const p of [
      'package.json',
      'README.md',
      'LICENSE',
      'bin/segur-json.js',
      'dist/cli.js',
      'dist/server.js',
      'dist/extension.js',
      'schemas/sons.json',
      'docs/rules.md',
      'docs/rules.html',
      'docs/rules.en.html',
      'docs/walkthrough/open.md',
      'package.nls.json',
      'package.nls.fr.json',
    ]) {
      assert.ok(paths.includes(p), `${p} is in the tarball`);
    }
    const unwanted = paths.filter(
      (p) =>
        /^(test|bench|scripts|examples|server|client|\.e2e|\.ci|test-artifacts|node_modules)\//.test(p) ||
        /\.test\.ts$|^tsconfig\.json$|\.vsix$|^\.e2e/.test(p),
    );
    assert.deepEqual(unwanted, [], 'no tests, fixtures, sources or e2e tools');

    const prefix = join(dir, 'prefix');
    t0 = Date.now();
    const install = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(dir, info.filename)], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    assert.equal(install.status, 0, `offline install in a fresh prefix with an empty cache:\n${install.stderr}`);
    console.log(`npm install -g --offline: ${Date.now() - t0} ms`);
    const installed = join(prefix, 'lib', 'node_modules', 'segur-json');
    assert.ok(!existsSync(join(installed, 'node_modules')), 'no dependency installed: the bundles need none');

    const work = join(dir, 'lot');
    mkdirSync(work);
    copyFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'avance.json'), join(work, 'avance.json'));
    copyFileSync(join(root, 'test', 'fixtures', 'IMG-RIS-Va2', 'S5-plural.json'), join(work, 'IMG-RIS-Va2-solde.json'));
    // The command the install put on the PATH (prefix/bin/segur-json), run as a user would, without the network.
    const bin = join(prefix, 'bin', 'segur-json');
    assert.ok(existsSync(bin), `${bin} installed`);
    const runEnv = { PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, HOME: dir, NODE_OPTIONS: `--require ${noNet}` };
    t0 = Date.now();
    const ok = spawnSync('segur-json', ['check', 'avance.json'], { cwd: work, env: runEnv, encoding: 'utf8', timeout: 120_000 });
    console.log(`installed segur-json check: ${Date.now() - t0} ms`);
    assert.equal(ok.status, 0, ok.stderr + ok.stdout);
    assert.match(ok.stdout, /avance\.json {2}\[IMG-RIS-Va2 avance/);
    assert.match(ok.stdout, /1 fichier\(s\), 0 erreur\(s\)/);
    const broken = spawnSync('segur-json', ['check', '--format', 'compact', 'IMG-RIS-Va2-solde.json'], {
      cwd: work,
      env: runEnv,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(broken.status, 1, broken.stderr);
    assert.match(broken.stdout, /^IMG-RIS-Va2-solde\.json:23:13: error S5 /);
    const html = spawnSync('segur-json', ['check', '--format', 'html', '-o', 'rapport.html', '.'], {
      cwd: work,
      env: runEnv,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(html.status, 1, html.stderr);
    assert.match(readFileSync(join(work, 'rapport.html'), 'utf8'), /<title>Rapport segur-json<\/title>/);
    assert.doesNotMatch(ok.stderr + broken.stderr + html.stderr, /network access attempted/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
