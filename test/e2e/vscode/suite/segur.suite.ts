/**
 * Runs inside the VS Code (code-server 1.100.3) extension host, against the extension installed from the .vsix,
 * in a throw-away workspace folder prepared by ../run.ts. Uses only the public `vscode` API: what a user's editor
 * sees (diagnostics, code actions, commands, document text).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run the suite through test/e2e/vscode/run.ts)`);
  return v;
};
const repo = env('SEGUR_E2E_REPO');
const fixtureText = readFileSync(join(repo, 'test', 'fixtures', 'IMG-RIS-Va2', 'S5-plural.json'), 'utf8');
const expectedSolde = readFileSync(join(repo, 'examples', 'IMG-RIS-Va2', 'solde.json'), 'utf8');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string | (() => string), probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await sleep(50);
  }
}

const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
const insertTextOf = (i: vscode.CompletionItem) => (typeof i.insertText === 'string' ? i.insertText : (i.insertText?.value ?? ''));
const docOf = (i: vscode.CompletionItem) => (typeof i.documentation === 'string' ? i.documentation : (i.documentation?.value ?? ''));
/**
 * A completion item of ours or of a Ségur snippet (label, its description, detail or documentation say Ségur); the
 * editor's word-based suggestions (kind Text: words of the open documents) are not snippets.
 */
const mentionsSegur = (i: vscode.CompletionItem) =>
  i.kind !== vscode.CompletionItemKind.Text &&
  /s[ée]gur/i.test(
    [
      labelOf(i),
      typeof i.label === 'string' ? '' : (i.label.description ?? ''),
      i.detail ?? '',
      docOf(i),
      typeof i.filterText === 'string' ? i.filterText : '',
    ].join(' '),
  );
const segurDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'segur');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code));
const rangeOf = (r: vscode.Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const show = (ds: readonly vscode.Diagnostic[]) => ds.map((d) => `${codeOf(d)} ${rangeOf(d.range)} ${d.message}`).join('\n');

/** Diagnostics of `uri` from the Ségur server once they match `pred` (they arrive asynchronously and are replaced on each change). */
const waitDiagnostics = (uri: vscode.Uri, what: string, pred: (ds: vscode.Diagnostic[]) => boolean) =>
  waitFor(
    () => `${what}; last seen:\n${show(segurDiagnostics(uri))}`,
    () => {
      const ds = segurDiagnostics(uri);
      return pred(ds) && ds;
    },
  );

suite('Ségur JSON extension (installed from the .vsix) in code-server', () => {
  let folder: vscode.Uri;
  let brokenUri: vscode.Uri;

  suiteSetup(() => {
    assert.ok(vscode.workspace.workspaceFolders?.length, 'a workspace folder is open');
    folder = vscode.workspace.workspaceFolders![0].uri;
    brokenUri = vscode.Uri.joinPath(folder, 'S5-plural.json');
  });

  test('the extension under test is the one installed from the .vsix, in French', async () => {
    const ext = vscode.extensions.getExtension('segur-json.segur-json');
    assert.ok(ext, 'segur-json.segur-json is installed');
    assert.equal(ext.extensionPath, env('SEGUR_E2E_EXTENSION_PATH'));
    assert.ok(ext.extensionPath.startsWith(env('SEGUR_E2E_EXTENSIONS_DIR')), `${ext.extensionPath} is in the fresh extensions folder`);
    assert.equal(vscode.env.language, 'fr', 'display language (sent to the server as the LSP locale)');
  });

  test('the server publishes the two S5 diagnostics of the broken fixture, in French', async () => {
    const doc = await vscode.workspace.openTextDocument(brokenUri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'json');
    assert.equal(doc.getText(), fixtureText);
    const ds = await waitDiagnostics(brokenUri, 'two segur diagnostics', (d) => d.length >= 2);
    assert.ok(vscode.extensions.getExtension('segur-json.segur-json')!.isActive, 'activated on a JSON file');
    ds.sort((a, b) => a.range.start.compareTo(b.range.start));
    assert.deepEqual(ds.map(codeOf), ['S5', 'S5'], show(ds));
    assert.deepEqual(
      ds.map((d) => rangeOf(d.range)),
      ['22:12-22:22', '29:6-29:26'],
    );
    for (const d of ds) assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    // (spaces compared as plain spaces, whether the messages use no-break spaces inside « » or not)
    assert.match(plain(ds[0].message), /le modèle écrit « FINESGeos »/);
    assert.match(plain(ds[1].message), /le modèle écrit « piecesJustificatives »/);
  });

  test("the S5 code link opens the rule's section rendered in a webview, not the raw rules.md", async () => {
    const [d] = segurDiagnostics(brokenUri);
    assert.ok(typeof d.code === 'object' && d.code !== null, `a code with a link: ${JSON.stringify(d.code)}`);
    const target = (d.code as { value: string; target: vscode.Uri }).target;
    // What the Problems panel and the hover open (they allow command links): segur.showRule with the rule id.
    assert.equal(`${target.scheme}:${target.path}`, 'command:segur.showRule', target.toString(true));
    const args = JSON.parse(target.query) as unknown[];
    assert.deepEqual(args, ['S5']);
    const shown = await vscode.commands.executeCommand<{ id: string; title: string; html: string }>(target.path, ...args);
    assert.equal(shown.id, 'S5');
    assert.match(shown.html, /<h2>S5 — /);
    assert.match(plain(shown.html), /Balise « <em>balise<\/em> » : le modèle écrit « <em>nom attendu<\/em> »/);
    assert.doesNotMatch(shown.html, /\{\w+\}|<a id=/, 'no placeholder, no raw Markdown');
    const tab = await waitFor('the rule webview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('segur.rule')),
    );
    assert.match(tab.label, /^S5 — /);
    assert.ok(!vscode.workspace.textDocuments.some((doc) => /rules(\.en)?\.(md|html)$/.test(doc.uri.path)), 'no editor on the docs source');
    await vscode.window.tabGroups.close(tab);
  });

  test('the CodeLens at the top sums the file up (3 demandes · … € HT · 2 erreurs · IMG-RIS-Va2 solde) and opens the Problems panel; the status bar counts the errors', async () => {
    const doc = await vscode.workspace.openTextDocument(brokenUri);
    await vscode.window.showTextDocument(doc);
    const lens = await waitFor('the Ségur CodeLens', async () => {
      const ls = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', brokenUri)) ?? [];
      return ls.find((l) => l.command && /demandes/.test(l.command.title));
    });
    assert.equal(lens.range.start.line, 0);
    assert.match(plain(lens.command!.title), /^3 demandes · [\d ]+,\d\d € HT · 2 erreurs · IMG-RIS-Va2 solde$/);
    assert.equal(lens.command!.command, 'workbench.actions.view.problems');
    const api = vscode.extensions.getExtension('segur-json.segur-json')!.exports as { __test: { statusText(): string | undefined } };
    await waitFor(
      () => `the language status with the SONS and kind, no error count (now: ${api.__test.statusText()})`,
      () => api.__test.statusText() === '$(checklist) IMG-RIS-Va2 solde',
    );
  });

  test('« Documentation de la règle S5 » is offered on the diagnostic and opens the rule', async () => {
    const [first] = segurDiagnostics(brokenUri).sort((a, b) => a.range.start.compareTo(b.range.start));
    let actions: vscode.CodeAction[] = [];
    const docAction = await waitFor(
      () => `the documentation action among: ${actions.map((a) => a.title).join(' | ')}`,
      async () => {
        actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', brokenUri, first.range)) ?? [];
        return actions.find((a) => a.title === 'Documentation de la règle S5');
      },
      10_000,
    );
    assert.equal(docAction.command?.command, 'segur.showRule');
    assert.deepEqual(docAction.command?.arguments, ['S5']);
    assert.ok(!docAction.isPreferred);
    const shown = await vscode.commands.executeCommand<{ id: string }>(docAction.command!.command, ...(docAction.command!.arguments ?? []));
    assert.equal(shown.id, 'S5');
    const tab = await waitFor('the rule webview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('segur.rule')),
    );
    await vscode.window.tabGroups.close(tab);
  });

  test("« Valider l'espace de travail » reports its progress and ends with a summary per SONS and kind", async () => {
    const r = await vscode.commands.executeCommand<{
      files: number;
      errors: number;
      message: string;
      progress: string[];
      bySons: { sons: string; kind: string; files: number; requests: number; errors: number }[];
    }>('segur.validateWorkspace');
    assert.ok(r, 'the command answers');
    // The client's own words (vscode.l10n.t('looking for JSON files…')): French from the .vsix's l10n/bundle.l10n.fr.json.
    assert.equal(r.progress[0], 'recherche des fichiers JSON…');
    assert.ok(
      r.progress.some((p) => /^\d+ fichier\(s\) JSON à vérifier$/.test(p)),
      r.progress.join(' | '),
    );
    assert.ok(
      r.progress.some((p) => /^(\d+) \/ \1 fichier\(s\)$/.test(p)),
      `the last step says all is done: ${r.progress.join(' | ')}`,
    );
    const solde = r.bySons.find((x) => x.sons === 'IMG-RIS-Va2' && x.kind === 'solde');
    assert.deepEqual(solde && [solde.files, solde.requests, solde.errors], [1, 3, 2], JSON.stringify(r.bySons));
    assert.match(plain(r.message), /^Ségur : \d+ fichiers vérifiés, \d+ erreurs\. /);
    assert.match(plain(r.message), /IMG-RIS-Va2 solde : 1 fichier, 3 demandes, [\d ]+,\d\d € HT, 2 erreurs/);
    assert.match(plain(r.message), /HOP-PFI-Va2 avance : 1 fichier, \d+ demandes?, [\d ]+,\d\d € HT \(TTC 20 %\), 0 erreur/);
  });

  // (The walkthrough as rendered, opened from the command palette, is checked in Chromium: test/e2e/ui/problems-panel.ts.)
  test('the getting-started walkthrough, in French: six steps, their media shipped, every linked command known', async () => {
    const ext = vscode.extensions.getExtension('segur-json.segur-json')!;
    const nls = JSON.parse(readFileSync(join(ext.extensionPath, 'package.nls.fr.json'), 'utf8')) as Record<string, string>;
    const local = (v: string) => v.replace(/^%(.+)%$/, (_m, k: string) => nls[k] ?? v);
    const [w] = ext.packageJSON.contributes.walkthroughs as {
      id: string;
      title: string;
      steps: { id: string; title: string; description: string; media: { markdown: string } }[];
    }[];
    assert.equal(local(w.title), 'Démarrer avec Ségur JSON');
    assert.deepEqual(
      w.steps.map((st) => local(st.title)),
      [
        'Ouvrir ou créer un fichier Ségur',
        'Lire un diagnostic et le corriger',
        "Créer le solde depuis l'avance",
        "Charger le modèle officiel de l'ASP",
        "Tout voir d'un coup d'œil",
        'Préparer le dépôt',
      ],
    );
    const known = new Set(await vscode.commands.getCommands(true));
    for (const st of w.steps) {
      const media = readFileSync(join(ext.extensionPath, st.media.markdown), 'utf8');
      assert.match(media, /^# /, `${st.media.markdown} is shipped in the .vsix`);
      const links = [...local(st.description).matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(links.length > 0, `${st.id} links to a command`);
      for (const c of links) assert.ok(known.has(c), `${st.id}: command ${c} exists`);
    }
  });

  test('« Afficher le journal » shows the channel « Ségur JSON », which holds no document content', async () => {
    await vscode.commands.executeCommand('segur.showLog');
    const log = await waitFor(
      () => `the Ségur JSON output document (open: ${vscode.workspace.textDocuments.map((d) => d.uri.toString()).join(', ')})`,
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && /S%C3%A9gur|Ségur/.test(d.uri.toString()) && /démarré/.test(d.getText())),
    );
    const text = log.getText();
    assert.match(text, /Serveur de langage démarré\./);
    assert.match(text, /Espace de travail validé : \d+ fichier\(s\) Ségur/);
    const ids = new Set(fixtureText.match(/\b\d{9,14}\b/g) ?? []);
    assert.ok(ids.size >= 2);
    for (const id of ids) assert.ok(!text.includes(id), `no identifier of the file (${id.slice(0, 2)}…) in the log`);
    assert.doesNotMatch(text, /FINESGeo|Fleyriat/, 'no document content');
  });

  test('« Redémarrer le serveur » restarts it; the diagnostics come back', async () => {
    const doc = await vscode.workspace.openTextDocument(brokenUri);
    await vscode.window.showTextDocument(doc);
    assert.equal(await vscode.commands.executeCommand('segur.restartServer'), true);
    const ds = await waitDiagnostics(brokenUri, 'the two S5 again from the restarted server', (d) => d.length === 2);
    assert.deepEqual(ds.map(codeOf), ['S5', 'S5']);
    const log = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && /démarré/.test(d.getText()));
    await waitFor('« Serveur redémarré. » in the log', () => log && /Serveur redémarré\./.test(log.getText()));
  });

  test('the preferred quick fix of the first S5 renames the key and its diagnostic goes away', async () => {
    const doc = await vscode.workspace.openTextDocument(brokenUri);
    await vscode.window.showTextDocument(doc);
    const [first] = segurDiagnostics(brokenUri).sort((a, b) => a.range.start.compareTo(b.range.start));
    assert.equal(rangeOf(first.range), '22:12-22:22');
    // Asked again until it comes, as the editor's light bulb does: the server answers nothing to a request it finds
    // stale or that fails (the client then shows no action). executeCodeActionProvider does not hand back the
    // actions' `diagnostics`: the fix is the preferred quick fix at the diagnostic's range. Its edit comes from
    // codeAction/resolve, as when the editor applies it: the command resolves the first 10 actions.
    let actions: vscode.CodeAction[] = [];
    let attempts = 0;
    const fix = await waitFor(
      () => `a preferred quick fix for S5 among: ${actions.map((a) => `${a.kind?.value} ${a.isPreferred ? '(preferred) ' : ''}${a.title}`).join(' | ')}`,
      async () => {
        attempts++;
        actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', brokenUri, first.range, undefined, 10)) ?? [];
        return actions.find((a) => a.isPreferred && a.kind?.value === vscode.CodeActionKind.QuickFix.value);
      },
      10_000,
    );
    if (attempts > 1) console.log(`    (quick fix obtained at request #${attempts})`);
    assert.match(fix.title, /FINESGeos/);
    assert.ok(fix.edit, 'the quick fix carries a workspace edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'edit applied');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.equal(doc.getText(), fixtureText.replace('"FINESGeo":', '"FINESGeos":'));
    const left = await waitDiagnostics(brokenUri, 'only the second S5 left', (d) => d.length === 1);
    assert.equal(codeOf(left[0]), 'S5');
    assert.equal(rangeOf(left[0].range), '29:6-29:26');
  });

  test('command segur.fixAll fixes the rest: the text equals examples/IMG-RIS-Va2/solde.json', async () => {
    const doc = await vscode.workspace.openTextDocument(brokenUri);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('segur.fixAll');
    await waitFor('the document to equal examples/IMG-RIS-Va2/solde.json', () => doc.getText() === expectedSolde, 10_000).catch(() => {
      assert.equal(doc.getText(), expectedSolde);
    });
    // Its avance is not in the workspace: what is left is the information that the avance–solde checks were not run.
    await waitDiagnostics(
      brokenUri,
      'no segur diagnostics left but C8/no-avance',
      (d) => d.length === 1 && codeOf(d[0]) === 'C8/no-avance' && d[0].severity === vscode.DiagnosticSeverity.Information,
    );
  });

  test('in the IMG-RIS file, `segur-etab` in Etablissements offers the IMG-RIS beneficiary block only (never the HOP-DPI one)', async () => {
    const doc = await vscode.workspace.openTextDocument(brokenUri);
    const editor = await vscode.window.showTextDocument(doc);
    const before = doc.getText();
    const at = doc.positionAt(before.indexOf('"Etablissements": [') + '"Etablissements": ['.length);
    assert.ok(await editor.edit((e) => e.insert(at, 'segur-etab')));
    try {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        brokenUri,
        at.translate(0, 'segur-etab'.length),
      );
      const segur = list.items.filter(mentionsSegur);
      assert.deepEqual(segur.map(labelOf), ['bloc Etablissements'], segur.map(labelOf).join(' | '));
      const text = insertTextOf(segur[0]);
      assert.match(text, /"FINESGeos"/);
      assert.ok(!list.items.some((i) => /FINESSPMSI/.test(insertTextOf(i))), 'no HOP-DPI block');
    } finally {
      await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), before));
    }
  });

  test('a non-Ségur JSON file (package.json) gets no segur diagnostics', async () => {
    const pkgUri = vscode.Uri.joinPath(folder, 'package.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(pkgUri));
    // The server handles documents in the order they are opened: once a Ségur file opened after package.json has
    // its diagnostics, package.json has been checked too.
    const laterUri = vscode.Uri.joinPath(folder, 'other-segur.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(laterUri));
    await waitDiagnostics(laterUri, 'the diagnostics of a Ségur file opened afterwards', (d) => d.length > 0);
    await sleep(500);
    assert.deepEqual(
      segurDiagnostics(pkgUri).map((d) => d.message),
      [],
    );
  });

  test('typing `seg` in package.json offers no Ségur snippet (as a key, as a value)', async () => {
    const pkgUri = vscode.Uri.joinPath(folder, 'package.json');
    const doc = await vscode.workspace.openTextDocument(pkgUri);
    const editor = await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    try {
      for (const [from, to] of [
        ['"private": true,', '"private": true,\n  seg'],
        ['"private": true,', '"private": seg,'],
      ]) {
        await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original.replace(from, to)));
        const pos = doc.positionAt(doc.getText().indexOf(to) + to.length - (to.endsWith(',') ? 1 : 0));
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', pkgUri, pos);
        assert.deepEqual(list.items.filter(mentionsSegur).map(labelOf), [], `after ${JSON.stringify(to)}`);
      }
    } finally {
      await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original));
      await doc.save();
    }
  });

  test('an empty JSON document is offered the eleven Ségur skeletons by the server; one inserted makes a Ségur file', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 0));
    const skeletons = list.items.filter((i) => /^Ségur \S+ (avance|solde)$/.test(labelOf(i)));
    assert.equal(skeletons.length, 11, list.items.map(labelOf).join(' | '));
    const ris = skeletons.find((i) => labelOf(i) === 'Ségur IMG-RIS-Va2 solde')!;
    assert.ok(ris.insertText instanceof vscode.SnippetString);
    await editor.insertSnippet(ris.insertText, new vscode.Position(0, 0));
    assert.ok(JSON.parse(doc.getText()).lignesImport[0].facture !== undefined, 'a solde skeleton');
    // The server now checks it as a Ségur file (tags left at null to complete).
    await waitDiagnostics(doc.uri, 'segur diagnostics on the inserted skeleton', (d) => d.length > 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test("« Créer le JSON de solde depuis l'avance » proposes <avance>-solde.json beside the avance, writes it and opens it", async () => {
    const api = vscode.extensions.getExtension('segur-json.segur-json')!.exports as {
      __test: { setSaveDialog(fn: (o: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined>): void };
    };
    let asked: vscode.SaveDialogOptions | undefined;
    api.__test.setSaveDialog(async (o) => {
      asked = o;
      return o.defaultUri;
    });
    const avanceUri = vscode.Uri.joinPath(folder, 'demandes', 'pfi-avance.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(avanceUri));
    await vscode.commands.executeCommand('segur.soldeFromAvance');
    const expected = vscode.Uri.joinPath(folder, 'demandes', 'pfi-avance-solde.json');
    assert.equal(asked?.defaultUri?.fsPath, expected.fsPath);
    const written = JSON.parse(readFileSync(expected.fsPath, 'utf8'));
    assert.ok(
      written.lignesImport.every((l: Record<string, unknown>) => 'facture' in l),
      'a solde',
    );
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, expected.fsPath, 'opened');
  });
});

/**
 * A server that dies (here killed; a framing error makes it exit with code 1) is restarted by the
 * client, and diagnostics come back. Runs last: it kills the server the other tests use. The server is the child of
 * this extension host (vscode-languageclient forks dist/server.js with --node-ipc), found in /proc (Linux).
 */
suite('Ségur JSON: the client restarts a server that dies', () => {
  /** Pids of this extension host's children running the extension's dist/server.js. */
  const serverPids = (): number[] => {
    const out: number[] = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
        if (ppid === process.pid && cmd.some((a) => a.endsWith(join('dist', 'server.js')))) out.push(Number(name));
      } catch {
        // a process that ended meanwhile
      }
    }
    return out;
  };

  test('killed, the server is started again and a new finding gets its diagnostic', async () => {
    const [pid] = await waitFor('the language server process (a child of the extension host running dist/server.js)', () => {
      const p = serverPids();
      return p.length === 1 && p;
    });
    process.kill(pid, 'SIGKILL');
    const [again] = await waitFor(
      () => `a new server process (the killed one was ${pid}; now: ${serverPids().join(', ') || 'none'})`,
      () => {
        const p = serverPids().filter((x) => x !== pid);
        return p.length === 1 && p;
      },
    );
    assert.notEqual(again, pid);
    // A finding that did not exist before the kill: only a live (restarted) server can report it.
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'S5-plural.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const at = doc.getText().indexOf('"FINESGeos":');
    assert.ok(at > 0, 'the fixed text (previous tests) has the FINESGeos key');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"FINESGeos"'.length)), '"FINESGeo"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const ds = await waitDiagnostics(uri, 'the S5 of the renamed key, from the restarted server', (d) => d.some((x) => codeOf(x) === 'S5'));
    assert.match(plain(ds.find((x) => codeOf(x) === 'S5')!.message), /le modèle écrit « FINESGeos »/);
  });
});
