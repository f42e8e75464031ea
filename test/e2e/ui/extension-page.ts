/**
 * The installed extension's page, as a person sees it: code-server 4.100.3 (VS Code 1.100.3 workbench) with
 * segur-json.vsix installed, driven by headless Debian Chromium through playwright-core. Opens the Extensions view
 * (Ctrl+Shift+X), the installed « Ségur JSON » in it, and checks on its details page that the icon (images/icon.png)
 * and at least one image of the readme are displayed, that is loaded (naturalWidth > 0). VS Code shows the packaged
 * readme in a webview that loads only https: and data: images, so the .vsix's readme embeds the extension's
 * screenshot (scripts/package-vsix.mjs): a relative path, or the repository address vsce would write, shows nothing
 * here (no network). Saves a screenshot to test-artifacts/extension-page.png.
 *
 *   node --import tsx test/e2e/ui/extension-page.ts          (setup first: bash scripts/e2e-setup.sh)
 *
 * Exit code: 0 pass; 1 fail; 2 missing prerequisites / harness error.
 * Env: SEGUR_E2E_SCREENSHOT (default <repo>/test-artifacts/extension-page.png), SEGUR_E2E_KEEP=1 keeps the temp dir,
 *      CODE_SERVER_BIN, CHROMIUM_BIN, SEGUR_VSIX (see ../vscode/harness.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Frame } from 'playwright-core';
import { repoRoot } from '../vscode/harness.ts';
import { runWorkbenchCheck } from './workbench.ts';

const NAME = 'Ségur JSON';

/** An image as the page has it: where from (a data: URL shortened), its natural width once loaded. */
interface Shown {
  src: string;
  naturalWidth: number;
  complete: boolean;
}

/** The images of a document (a frame), once each has finished loading or failing. */
async function imagesOf(frame: Frame): Promise<Shown[]> {
  return frame
    .evaluate(() =>
      Array.from(document.images).map((i) => ({
        src: i.src.startsWith('data:') ? `${i.src.slice(0, 30)}… (${i.src.length} chars)` : i.src,
        naturalWidth: i.naturalWidth,
        complete: i.complete,
      })),
    )
    .catch(() => []);
}

const screenshot = resolve(process.env.SEGUR_E2E_SCREENSHOT || join(repoRoot, 'test-artifacts', 'extension-page.png'));

runWorkbenchCheck({
  label: 'e2e extension page',
  prefix: 'segur-e2e-extpage-',
  async run({ page, lap }) {
    const failures: string[] = [];

    // The Extensions view, as a person opens it; the installed extension in its list.
    await page.keyboard.press('Control+Shift+X');
    const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: NAME }).first();
    await row.waitFor({ timeout: 60_000 });
    lap(`Extensions view lists « ${NAME} »`);
    await row.click();
    const editor = page.locator('.extension-editor').first();
    await editor.waitFor({ timeout: 30_000 });
    const title = (
      await editor
        .locator('.header .name')
        .first()
        .innerText({ timeout: 15_000 })
        .catch(() => '')
    ).trim();
    lap(`details page: « ${title} »`);
    if (title !== NAME) failures.push(`the details page is not the extension's (« ${title} »)`);

    // The icon of the header, loaded.
    const icon = editor.locator('.header .icon-container img.icon').first();
    let iconShown: Shown | undefined;
    for (const t1 = Date.now(); Date.now() - t1 < 20_000; await page.waitForTimeout(200)) {
      iconShown = await icon.evaluate((i: HTMLImageElement) => ({ src: i.src, naturalWidth: i.naturalWidth, complete: i.complete })).catch(() => undefined);
      if (iconShown?.complete && iconShown.naturalWidth > 0) break;
    }
    lap(`icon: ${JSON.stringify(iconShown)}`);
    if (!iconShown || !(iconShown.naturalWidth > 0)) failures.push(`the icon is not displayed (${JSON.stringify(iconShown)})`);

    // The readme, rendered in a webview (an iframe of the workbench): its images, once loaded or failed.
    let readme: Frame | undefined;
    let images: Shown[] = [];
    for (const t1 = Date.now(); Date.now() - t1 < 30_000; await page.waitForTimeout(250)) {
      readme = undefined;
      for (const f of page.frames()) {
        if (f === page.mainFrame()) continue;
        const body = await f.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (/Ségur numérique/.test(body) && /segur-json/.test(body)) readme = f;
      }
      images = readme ? await imagesOf(readme) : [];
      if (images.length && images.every((i) => i.complete)) break;
    }
    lap(`readme images:\n${images.map((i) => `    ${i.naturalWidth > 0 ? 'shown ' : 'BROKEN'} ${i.naturalWidth}px ${i.src}`).join('\n')}`);
    if (!readme) failures.push('the details page does not show the readme');
    else if (!images.some((i) => i.naturalWidth > 0)) failures.push('no readme image is displayed');
    else {
      // Scrolled to the first image shown, for the screenshot.
      await readme
        .evaluate(() =>
          Array.from(document.images)
            .find((i) => i.naturalWidth > 0)
            ?.scrollIntoView({ block: 'center' }),
        )
        .catch(() => undefined);
    }
    const broken = images.filter((i) => i.naturalWidth === 0);
    if (broken.length) failures.push(`readme images not displayed: ${broken.map((i) => i.src).join(', ')}`);
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    console.log(`screenshot: ${screenshot}`);

    return failures;
  },
});
