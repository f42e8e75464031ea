/**
 * The HTML report as a person sees it: `segur-json check --format html -o rapport.html` on broken
 * fixtures, the page opened from file:// in headless Debian Chromium (playwright-core). Checks that a finding's code,
 * its message, its line excerpt (escaped: a value holding `<script>` shows as text and makes no element) and its fix
 * are visible, that the totals per SONS are there, and that the page asks nothing from the network (every request
 * is routed; any that is not file:// fails the test). Leaves test-artifacts/report-html.png (copied by hand to
 * docs/report-html.png for the README). Needs only Chromium (bash scripts/e2e-setup.sh installs it): when it is
 * missing this test FAILS (it is never skipped).
 *
 *   node scripts/build.mjs && node --import tsx --test test/e2e/ui/report-html.e2e.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumArgs, chromiumBin, repoRoot, xdgEnv } from '../vscode/harness.ts';

const cli = join(repoRoot, 'bin', 'segur-json.js');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

test(
  'check --format html -o rapport.html: one self-contained page, findings with escaped excerpts and fixes, totals per SONS, no network (headless Chromium)',
  { timeout: 120_000 },
  async () => {
    assert.ok(existsSync(chromiumBin()), `Chromium not found at ${chromiumBin()}: run bash scripts/e2e-setup.sh, or set CHROMIUM_BIN`);
    const { chromium } = await import('playwright-core');
    const dir = mkdtempSync(join(tmpdir(), 'segur-report-'));
    try {
      const work = join(dir, 'lot');
      mkdirSync(work);
      copyFileSync(join(repoRoot, 'test', 'fixtures', 'IMG-RIS-Va2', 'S5-plural.json'), join(work, 'S5-plural.json'));
      copyFileSync(join(repoRoot, 'test', 'fixtures', 'IMG-RIS-Va2', 'S13-portal-answer.json'), join(work, 'S13-portal-answer.json'));
      copyFileSync(join(repoRoot, 'examples', 'HOP-DPI-Va2', 'avance.json'), join(work, 'HOP-DPI-Va2-avance.json'));
      // A value that would be markup if the excerpt were not escaped (and an S8 finding on that very line).
      const hostile = readFileSync(join(repoRoot, 'examples', 'IMG-RIS-Va2', 'avance.json'), 'utf8').replace(
        '"Sophie Marchand"',
        '"<script>document.title=\'pwned\'</script> Sophie "',
      );
      writeFileSync(join(work, 'IMG-RIS-Va2-avance.json'), hostile);
      const out = join(dir, 'rapport.html');
      const r = spawnSync(process.execPath, [cli, 'check', '--format', 'html', '-o', out, work], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 1, `errors found → exit 1\n${r.stderr}`);
      assert.equal(r.stdout, '', 'the report goes to the file, not to stdout');
      assert.match(r.stderr, /rapport écrit dans/);
      const html = readFileSync(out, 'utf8');
      assert.doesNotMatch(html, /<script|<link|@import|url\(|https?:\/\//i, 'no script, no external resource');

      const chromiumTmp = join(dir, 'chromium-tmp');
      mkdirSync(chromiumTmp);
      const browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
        executablePath: chromiumBin(),
        headless: true,
        args: [...chromiumArgs, '--headless'],
        env: { ...xdgEnv(dir), TMPDIR: chromiumTmp } as Record<string, string>,
        viewport: { width: 1200, height: 900 },
        locale: 'fr-FR',
        offline: true,
      });
      try {
        const requests: string[] = [];
        const refused: string[] = [];
        await browser.route('**/*', (route) => {
          const url = route.request().url();
          if (url.startsWith('file://')) return route.continue();
          refused.push(url);
          return route.abort();
        });
        browser.on('request', (req) => void requests.push(req.url()));
        const page = browser.pages()[0] ?? (await browser.newPage());
        await page.goto(pathToFileURL(out).href, { waitUntil: 'load' });
        await page.waitForTimeout(300);

        assert.equal(await page.title(), 'Rapport segur-json', 'the injected script did not run');
        assert.equal(await page.locator('script').count(), 0, 'no script element');
        const body = plain(await page.locator('body').innerText());
        // A finding: its code, its message, its line with the key, its fix.
        const byCode = (code: RegExp) => page.locator('.finding', { has: page.locator('.head code', { hasText: code }) });
        const s5 = byCode(/^S5$/).filter({ hasText: '« FINESGeo »' }).first();
        await s5.waitFor({ state: 'visible' });
        assert.match(await s5.locator('.msg').innerText(), /le modèle écrit « FINESGeos »/);
        assert.match(await s5.locator('pre.excerpt').innerText(), /^23\s+"FINESGeo": \["010000024"\],$/);
        assert.equal(await s5.locator('pre.excerpt mark').innerText(), '"FINESGeo"');
        assert.match(await s5.locator('.fix').innerText(), /Correction \(sûre, appliquée par --fix\) : .*FINESGeos/);
        // The escaped value: shown as text on its line.
        const s8 = byCode(/^S8/).filter({ hasText: 'Sophie' }).first();
        await s8.waitFor({ state: 'visible' });
        assert.match(await s8.locator('pre.excerpt').innerText(), /"nomClient": "<script>document\.title='pwned'<\/script> Sophie "/);
        // The portal's answer (S13/portal-answer), quoted.
        assert.match(body, /S13\/portal-answer/);
        assert.match(body, /« Pièce justificative illisible » \(code REJ-12\)/);
        // Totals per SONS and kind: files, requests, total excl. VAT per VAT regime, errors, portal answers.
        const row = async (what: string) =>
          (
            await page
              .locator('table.sons tr', { has: page.locator('th', { hasText: new RegExp(`^${what.replace(/[()]/g, '\\$&')}$`) }) })
              .locator('td')
              .allInnerTexts()
          ).map(plain);
        const avance = await row('IMG-RIS-Va2 avance');
        assert.deepEqual(avance.slice(0, 2), ['1', '3'], 'one avance file, three requests');
        assert.equal(avance[2], '74 483,33 € HT (TTC 20 %)', 'the sum of its three montantSegurHT, with its VAT regime');
        assert.ok(Number(avance[3]) >= 1, 'the S8 error of the hostile value is counted');
        const output = await row('IMG-RIS-Va2 avance (JSON de sortie)');
        assert.equal(output[5], '2', 'two lines with a portal answer');
        const solde = await row('IMG-RIS-Va2 solde');
        assert.equal(solde[0], '1');
        assert.ok(Number(solde[3]) >= 2, 'the two S5 errors');
        assert.equal((await row('HOP-DPI-Va2 avance'))[3], '0');

        mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
        await page.screenshot({ path: join(repoRoot, 'test-artifacts', 'report-html.png'), fullPage: false });
        await page.locator('section.file', { hasText: 'S5-plural.json' }).screenshot({ path: join(repoRoot, 'test-artifacts', 'report-html-file.png') });
        assert.deepEqual(refused, [], 'no request outside file://');
        assert.ok(requests.length >= 1 && requests.every((u) => u.startsWith('file://')), `only file:// requests: ${requests.join(', ')}`);
      } finally {
        await browser.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
