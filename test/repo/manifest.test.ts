/**
 * What the Marketplace page and npm show of the project, read from package.json: one address (repository.url) that
 * homepage and bugs repeat, categories that match what the extension contributes, the icon a 128 × 128 PNG as
 * scripts/make-icon.mjs draws it, and a changelog in the Keep a Changelog shape. Also what `npm test` prints last:
 * scripts/test-summary.mjs, over reports written here in a folder of the test's own (never test-artifacts/, which a
 * running `npm test` is writing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  icon: string;
  categories: string[];
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
  scripts: Record<string, string>;
  contributes: Record<string, unknown>;
};

test('homepage and bugs are the address of repository.url, the only place it is written', () => {
  assert.equal(pkg.repository.type, 'git');
  const base = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  assert.match(base, /^https:\/\/[^/]+\/\S+$/, 'repository.url is an https address');
  assert.equal(pkg.homepage.replace(/#readme$/, ''), base);
  assert.equal(pkg.bugs.url, `${base}/issues`);
  // The packaging derives the README's link base from repository.url: no address of its own in the scripts.
  const host = new URL(base).host;
  for (const [name, script] of Object.entries(pkg.scripts)) assert.ok(!script.includes(host), `script ${name} spells the address`);
});

test('categories match what the extension contributes', () => {
  const known = ['Programming Languages', 'Snippets', 'Linters', 'Themes', 'Debuggers', 'Formatters', 'Keymaps', 'SCM Providers', 'Other', 'Testing'];
  for (const c of pkg.categories) assert.ok(known.includes(c), `${c} is a Marketplace category`);
  assert.ok(pkg.categories.includes('Linters'), 'its diagnostics make it a linter');
  // The snippets are served by the language server where they belong, not contributed as static files.
  assert.equal(pkg.categories.includes('Snippets'), 'snippets' in pkg.contributes, 'Snippets only with a snippets contribution');
  assert.equal(pkg.categories.includes('Formatters'), false, 'it formats nothing');
});

/** The chunks of a PNG file, each checked against its CRC-32. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    assert.equal(png.readUInt32BE(at + 8 + length), crc32(png.subarray(at + 4, at + 8 + length)), `CRC of ${type}`);
    out.push({ type, data });
    at += 12 + length;
  }
  return out;
}

test('the icon is a 128 × 128 RGBA PNG, the one scripts/make-icon.mjs draws', () => {
  assert.equal(pkg.icon, 'images/icon.png');
  const committed = readFileSync(join(root, pkg.icon));
  const parts = chunks(committed);
  assert.deepEqual(
    parts.map((c) => c.type),
    ['IHDR', 'IDAT', 'IEND'],
  );
  const ihdr = parts[0].data;
  assert.equal(ihdr.readUInt32BE(0), 128, 'width');
  assert.equal(ihdr.readUInt32BE(4), 128, 'height');
  assert.deepEqual([...ihdr.subarray(8)], [8, 6, 0, 0, 0], '8-bit RGBA, not interlaced');
  // Compared after inflating: another zlib may compress the same pixels to other bytes.
  const drawn = spawnSync(process.execPath, [join(root, 'scripts', 'make-icon.mjs'), '--stdout'], { cwd: root, timeout: 60_000 });
  assert.equal(drawn.status, 0, String(drawn.stderr));
  const pixels = (png: Buffer) => inflateSync(chunks(png).find((c) => c.type === 'IDAT')!.data);
  const rows = pixels(committed);
  assert.equal(rows.length, 128 * (1 + 128 * 4));
  assert.ok(rows.equals(pixels(drawn.stdout)), 'images/icon.png is what scripts/make-icon.mjs draws: run it and commit the file');
  // The design, sampled: transparent corner, blue square, white check mark.
  const px = (x: number, y: number) => [...rows.subarray(y * 513 + 1 + x * 4, y * 513 + 1 + x * 4 + 4)];
  assert.equal(px(0, 0)[3], 0, 'corner transparent');
  const [r, g, b, a] = px(20, 64);
  assert.ok(b > 150 && b > r + 100 && a === 255, `blue inside: ${[r, g, b, a]}`);
  assert.deepEqual(px(56, 84), [255, 255, 255, 255], 'white on the check mark');
});

test('CHANGELOG.md: Keep a Changelog, an Unreleased section, then the version of package.json', () => {
  const file = join(root, 'CHANGELOG.md');
  assert.ok(existsSync(file), 'CHANGELOG.md exists');
  const text = readFileSync(file, 'utf8');
  const versions = [...text.matchAll(/^## \[([^\]]+)\]/gm)].map((m) => m[1]);
  assert.equal(versions[0], 'Unreleased');
  assert.ok(versions.includes(pkg.version), `a section for ${pkg.version}`);
  assert.match(text, /^### (Ajouté|Modifié|Corrigé) \/ (Added|Changed|Fixed)$/m);
});

/** A TAP report as node:test writes it: one passing test, one failing inside a suite, the trailer when complete. */
function tap(fail: boolean, complete = true): string {
  return [
    'TAP version 13',
    '# Subtest: the suite',
    '    # Subtest: a passing test',
    '    ok 1 - a passing test',
    '      ---',
    '      duration_ms: 1.5',
    '      ...',
    '    # Subtest: the broken \\# one',
    `    ${fail ? 'not ok' : 'ok'} 2 - the broken \\# one`,
    '      ---',
    '      duration_ms: 2.5',
    `      location: '${join(root, 'test', 'repo', 'example.test.ts')}:12:3'`,
    "      failureType: 'testCodeFailure'",
    '      ...',
    '    1..2',
    `${fail ? 'not ok' : 'ok'} 1 - the suite`,
    '  ---',
    '  duration_ms: 5',
    "  type: 'suite'",
    ...(fail ? ["  failureType: 'subtestsFailed'"] : []),
    '  ...',
    '1..1',
    ...(complete
      ? ['# tests 2', '# suites 1', `# pass ${fail ? 1 : 2}`, `# fail ${fail ? 1 : 0}`, '# cancelled 0', '# skipped 0', '# todo 0', '# duration_ms 372000.5']
      : []),
    '',
  ].join('\n');
}

test('npm test ends with scripts/test-summary.mjs: one line per part, the failing tests named, exit 1 on a failure', () => {
  assert.match(
    pkg.scripts.test,
    /^node scripts\/test-summary\.mjs --prepare core e2e && .* && node scripts\/test-summary\.mjs \|\| node scripts\/test-summary\.mjs --failed$/,
  );
  for (const part of ['core', 'e2e']) {
    assert.ok(
      pkg.scripts[`test:${part}`].includes(
        `--test-reporter=dot --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination=test-artifacts/${part}.tap`,
      ),
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'segur-summary-'));
  const summary = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'scripts', 'test-summary.mjs'), ...args, '--dir', dir], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  try {
    writeFileSync(join(dir, 'core.tap'), tap(false));
    writeFileSync(join(dir, 'e2e.tap'), tap(false));
    let r = summary();
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 3, r.stdout);
    assert.match(lines[1], /^✔ core 2 tests · 2 réussis \/ passed · 0 en échec \/ failed · 6 min 12 s · /);
    assert.match(lines[2], /^✔ e2e {2}2 tests/);

    // --failed: a step outside the tests failed, the reports being clean.
    r = summary('--failed');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /une étape hors des tests a échoué/);

    writeFileSync(join(dir, 'e2e.tap'), tap(true));
    r = summary();
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^✖ e2e {2}2 tests · 1 réussis \/ passed · 1 en échec \/ failed/m);
    assert.match(r.stdout, /^ {4}✖ the broken # one \(test\/repo\/example\.test\.ts\)$/m);
    assert.doesNotMatch(r.stdout, /✖ the suite/, 'a suite failing through its test is not named again');

    writeFileSync(join(dir, 'core.tap'), tap(false, false));
    r = summary();
    assert.match(r.stdout, /^✖ core .*rapport interrompu \/ report cut short/m);

    // --prepare removes a part's old report: a part that does not reach its tests is told as not run.
    assert.equal(summary('--prepare', 'core').status, 0);
    r = summary();
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^✖ core non lancé \/ not run/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
