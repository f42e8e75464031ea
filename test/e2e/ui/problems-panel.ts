/**
 * What a person sees: code-server 4.100.3 (VS Code 1.100.3 workbench) with segur-json.vsix installed, driven by
 * headless Debian Chromium through playwright-core. Opens a temp folder holding a copy of the broken fixture
 * IMG-RIS-Va2/S5-plural.json, opens the file from the Explorer, opens the Problems panel and checks that it lists
 * the French S5 message (« le modèle écrit « FINESGeos » »); saves a screenshot to test-artifacts/problems-panel.png.
 * Then: the SONS picker (the JSON language status item's command) marks the current choice (« actuel »), and the S5 code link of the Problems panel
 * opens the rule's section rendered in a webview (no raw rules.md, no `{placeholder}`). The CodeLens at the top
 * of the file (« 3 demandes · … € HT · 2 erreurs · IMG-RIS-Va2 solde »), no status bar item repeating that count, and the
 * getting-started walkthrough opened from the command palette, its six French steps and a step's media shown
 * (screenshot …-walkthrough.png).
 *
 *   node --import tsx test/e2e/ui/problems-panel.ts          (setup first: bash scripts/e2e-setup.sh)
 *
 * Exit code: 0 pass; 1 fail; 2 missing prerequisites / harness error.
 * Env: SEGUR_E2E_SCREENSHOT (default <repo>/test-artifacts/problems-panel.png), SEGUR_E2E_KEEP=1 keeps the temp dir,
 *      CODE_SERVER_BIN, CHROMIUM_BIN, SEGUR_VSIX (see ../vscode/harness.ts).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { repoRoot } from '../vscode/harness.ts';
import { runWorkbenchCheck } from './workbench.ts';

const FILE = 'S5-plural.json';
const EXPECT = 'le modèle écrit « FINESGeos »';
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const screenshot = resolve(process.env.SEGUR_E2E_SCREENSHOT || join(repoRoot, 'test-artifacts', 'problems-panel.png'));

runWorkbenchCheck({
  label: 'e2e ui',
  prefix: 'segur-e2e-ui-',
  prepare: (workspace) => copyFileSync(join(repoRoot, 'test', 'fixtures', 'IMG-RIS-Va2', FILE), join(workspace, FILE)),
  async run({ page, lap }) {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).first();
    await row.waitFor({ timeout: 60_000 });
    await row.click(); // open the file from the Explorer, as a person does
    await page.waitForSelector(`.tab[aria-label*="${FILE}"]`, { timeout: 30_000 });
    lap('editor open');
    await page.keyboard.press('Control+Shift+M'); // View: Problems
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: 30_000 });
    let text = '';
    for (const t1 = Date.now(); Date.now() - t1 < 60_000; await page.waitForTimeout(200)) {
      text = plain(await panel.innerText().catch(() => ''));
      if (text.includes(EXPECT)) break;
    }
    lap(`Problems panel:\n${text.replace(/^/gm, '    ')}`);
    const squiggles = await page.locator('.squiggly-error').count();
    console.log(`error squiggles in the editor: ${squiggles}`);
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    console.log(`screenshot: ${screenshot}`);
    const failures: string[] = [];
    if (!(text.includes(EXPECT) && text.includes('S5'))) failures.push(`the Problems panel does not show « ${EXPECT} »`);

    // The SONS picker (the JSON language status item's command, here from the command palette) marks the current
    // choice: automatic detection, « actuel ».
    await page.locator('.editor-group-container .tab', { hasText: FILE }).first().click();
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
    await page.keyboard.type('Choisir le SONS et le type');
    const command = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Choisir le SONS et le type' }).first();
    await command.waitFor({ timeout: 15_000 }).catch(() => failures.push('no « Choisir le SONS et le type » command in the palette'));
    if (await command.count()) {
      await page.keyboard.press('Enter');
      const picker = page.locator('.quick-input-widget');
      await picker.waitFor({ timeout: 15_000 }).catch(() => {});
      let rows = '';
      for (const t1 = Date.now(); Date.now() - t1 < 10_000 && !/Détection automatique/.test(rows); await page.waitForTimeout(100))
        rows = plain(await picker.innerText().catch(() => ''));
      const active = plain(
        await page
          .locator('.quick-input-list .monaco-list-row.focused')
          .first()
          .innerText()
          .catch(() => ''),
      );
      lap(`SONS picker, focused row: ${active.replace(/\n/g, ' ')}`);
      if (!/Détection automatique/.test(active) || !/actuel — IMG-RIS-Va2 solde/.test(active))
        failures.push(`the SONS picker does not mark the current choice (focused row: ${JSON.stringify(active)})`);
      await page.keyboard.press('Escape');
    }

    // The rule code link of the Problems panel opens the rule's section rendered (a webview), not rules.md.
    const link = page.locator('.markers-panel a.monaco-link', { hasText: 'S5' }).first();
    await link.click({ timeout: 15_000 }).catch(() => failures.push('no S5 code link in the Problems panel'));
    const ruleTab = page.locator('.tab', { hasText: 'S5 —' }).first();
    await ruleTab.waitFor({ timeout: 30_000 }).catch(() => failures.push('no « S5 — … » tab after clicking the code link'));
    let ruleText = '';
    for (const t1 = Date.now(); Date.now() - t1 < 20_000 && !ruleText; await page.waitForTimeout(200)) {
      // The webview's own document (an iframe of the workbench), not the workbench around it.
      for (const f of page.frames()) {
        if (f === page.mainFrame() || !/webview/i.test(f.url())) continue;
        const body = await f.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (/S5 — /.test(body) && /Sources/.test(body)) ruleText = plain(body);
      }
    }
    lap(`rule view:\n${ruleText.replace(/^/gm, '    ')}`);
    if (!ruleText) failures.push('the rule view does not show the S5 section');
    else if (!/Balise « balise » : le modèle écrit « nom attendu »/.test(ruleText))
      failures.push('the rule view does not show the S5 message with its stand-ins');
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-rule-view.png') });
    if (/\{\w+\}|<a id=/.test(ruleText)) failures.push('the rule view shows placeholders or raw Markdown');
    if (await page.locator('.tab', { hasText: /rules(\.en)?\.md/ }).count()) failures.push('a rules.md editor was opened');

    // The CodeLens at the top of the file and the error count of the status bar, as a person sees them.
    await page.locator('.editor-group-container .tab', { hasText: FILE }).first().click();
    let lensText = '';
    for (const t1 = Date.now(); Date.now() - t1 < 20_000 && !/demandes/.test(lensText); await page.waitForTimeout(200))
      lensText = plain(
        await page
          .locator('.codelens-decoration')
          .first()
          .innerText()
          .catch(() => ''),
      );
    lap(`CodeLens: ${lensText}`);
    if (!/^3 demandes · [\d ]+,\d\d € HT · 2 erreurs · IMG-RIS-Va2 solde$/.test(lensText))
      failures.push(`the CodeLens does not sum the file up (${JSON.stringify(lensText)})`);
    // The SONS and kind are in the JSON language status now: no status bar item repeats the Problems count.
    const repeated = await page.locator('.statusbar-item', { hasText: /Ségur IMG-RIS-Va2 solde\s+\d+$/ }).count();
    lap(`status bar items repeating the count: ${repeated}`);
    if (repeated > 0) failures.push('a status bar item repeats the Problems count');

    // The getting-started walkthrough, opened from the command palette (« Welcome: Open Walkthrough… »).
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
    await page.keyboard.type('Open Walkthrough');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: /Open Walkthrough/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Démarrer avec Ségur JSON' })
      .first()
      .click({ timeout: 20_000 })
      .catch(() => failures.push('« Démarrer avec Ségur JSON » is not among the walkthroughs'));
    const walk = page.locator('.gettingStartedContainer').first();
    let walkText = '';
    const steps = [
      'Ouvrir ou créer un fichier Ségur',
      'Lire un diagnostic et le corriger',
      "Créer le solde depuis l'avance",
      "Charger le modèle officiel de l'ASP",
      "Tout voir d'un coup d'œil",
      'Préparer le dépôt',
    ];
    for (const t1 = Date.now(); Date.now() - t1 < 20_000 && !steps.every((x) => walkText.includes(x)); await page.waitForTimeout(200))
      walkText = plain(await walk.innerText().catch(() => ''));
    for (const x of steps) if (!walkText.includes(x)) failures.push(`the walkthrough does not show the step « ${x} »`);
    // A step's media (docs/walkthrough/fix.md, rendered in a webview).
    await page
      .locator('.getting-started-step', { hasText: 'Lire un diagnostic et le corriger' })
      .first()
      .click()
      .catch(() => undefined);
    let media = '';
    for (const t1 = Date.now(); Date.now() - t1 < 20_000 && !media; await page.waitForTimeout(200)) {
      for (const f of page.frames()) {
        if (f === page.mainFrame()) continue;
        const body = await f.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (/Lire un diagnostic et le corriger/.test(body) && /FINESGeos/.test(body)) media = plain(body);
      }
    }
    lap(`walkthrough step media: ${media.slice(0, 120).replace(/\n/g, ' ')}…`);
    if (!media) failures.push('the walkthrough step does not show its media (docs/walkthrough/fix.md)');
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-walkthrough.png') });

    return failures;
  },
});
