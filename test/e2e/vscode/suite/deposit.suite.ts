/**
 * « Préparer le dépôt » and the attachments in the editor (code-server extension host, the extension installed from
 * the .vsix), on the folder `deposit/` that ../run.ts prepares in the workspace: a copy of examples/IMG-DB-Va2/solde.json
 * with a real PDF for each of its six `nomFichier`. With `segur.attachments.folder` set to that folder: each name links
 * to its file (and the file opens), the command writes the package where the test seam says (three ZIPs named from
 * numéro éditeur and numLigne, the JSON, manifest.json), and a name with no file gets its P1 diagnostic on that value.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(what: () => string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await sleep(50);
  }
}
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code));
const rangeOf = (r: vscode.Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const segurDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'segur');

interface Line {
  numLigne: number;
  numeroEditeur: string;
  piecesJustificatives: { nomFichier: string }[];
}

suite('Ségur JSON: « Préparer le dépôt » and the attachments', () => {
  let root: vscode.Uri;
  let folder: string;
  let jsonUri: vscode.Uri;
  let lines: Line[];
  const names = () => lines.flatMap((l) => l.piecesJustificatives.map((p) => p.nomFichier));

  suiteSetup(async () => {
    root = vscode.workspace.workspaceFolders![0].uri;
    folder = join(root.fsPath, 'deposit');
    jsonUri = vscode.Uri.file(join(folder, 'IMG-DB-Va2-solde.json'));
    lines = (JSON.parse(readFileSync(jsonUri.fsPath, 'utf8')) as { lignesImport: Line[] }).lignesImport;
    await vscode.workspace.getConfiguration('segur').update('attachments.folder', 'deposit', vscode.ConfigurationTarget.Workspace);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('segur').update('attachments.folder', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('each nomFichier links to its file (vscode.executeLinkProvider), and the target opens', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(jsonUri));
    const doc = await vscode.workspace.openTextDocument(jsonUri);
    let links: vscode.DocumentLink[] = [];
    await waitFor(
      () => `six links (got ${links.length})`,
      async () => {
        links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', jsonUri)) ?? [];
        return links.length === 6;
      },
    );
    links.sort((a, b) => a.range.start.compareTo(b.range.start));
    assert.deepEqual(
      links.map((l) => doc.getText(l.range)),
      names(),
      'each link on its name, inside the quotes',
    );
    assert.deepEqual(
      links.map((l) => l.target?.fsPath),
      names().map((n) => join(folder, n)),
    );
    const target = links[0].target!;
    await vscode.commands.executeCommand('vscode.open', target);
    await waitFor(
      () => `a tab on ${target.fsPath}`,
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => (t.input as { uri?: vscode.Uri } | undefined)?.uri?.fsPath === target.fsPath),
    );
    assert.equal(
      Buffer.from(await vscode.workspace.fs.readFile(target))
        .subarray(0, 5)
        .toString('latin1'),
      '%PDF-',
      'a PDF',
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('« Préparer le dépôt » proposes depot-IMG-DB-Va2-solde beside the JSON folder and writes the package where chosen', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(jsonUri));
    const api = vscode.extensions.getExtension('segur-json.segur-json')!.exports as {
      __test: { setDepositDialog(fn: (o: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined>): void };
    };
    const out = join(root.fsPath, 'depot-choisi');
    let asked: vscode.SaveDialogOptions | undefined;
    api.__test.setDepositDialog(async (o) => {
      asked = o;
      return vscode.Uri.file(out);
    });
    try {
      const r = await vscode.commands.executeCommand<{ status: string; zips?: number; files?: number; message?: string }>('segur.prepareDeposit');
      assert.equal(asked?.defaultUri?.fsPath, join(root.fsPath, 'depot-IMG-DB-Va2-solde'));
      assert.deepEqual([r?.status, r?.zips, r?.files], ['written', 3, 6], JSON.stringify(r));
      const zips = lines.map((l) => `${l.numeroEditeur}_${l.numLigne}.zip`);
      assert.deepEqual(readdirSync(out).sort(), [...zips, 'IMG-DB-Va2-solde.json', 'manifest.json'].sort());
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { requests: { zip: string; files: { name: string }[] }[] };
      assert.deepEqual(
        manifest.requests.map((m) => [m.zip, m.files.map((f) => f.name)]),
        lines.map((l, i) => [zips[i], l.piecesJustificatives.map((p) => p.nomFichier)]),
      );
      assert.ok(!existsSync(join(folder, 'depot-choisi')), 'nothing in the attachments folder');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('a nomFichier naming a missing file: its P1 diagnostic on exactly that value', async () => {
    const doc = await vscode.workspace.openTextDocument(jsonUri);
    await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const name = names()[0];
    const at = original.indexOf(`"${name}"`);
    const missing = 'IMG-DB-Va2-FAC-absente.pdf';
    const edit = new vscode.WorkspaceEdit();
    edit.replace(jsonUri, new vscode.Range(doc.positionAt(at + 1), doc.positionAt(at + 1 + name.length)), missing);
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const p1 = await waitFor(
        () =>
          `P1/missing (now: ${segurDiagnostics(jsonUri)
            .map((d) => `${codeOf(d)} ${rangeOf(d.range)}`)
            .join(', ')})`,
        () => segurDiagnostics(jsonUri).find((d) => codeOf(d) === 'P1/missing'),
      );
      const start = doc.positionAt(at);
      assert.equal(rangeOf(p1.range), rangeOf(new vscode.Range(start, start.translate(0, missing.length + 2))));
      assert.equal(doc.getText(p1.range), `"${missing}"`);
      assert.equal(p1.severity, vscode.DiagnosticSeverity.Error);
      assert.deepEqual(
        segurDiagnostics(jsonUri)
          .filter((d) => codeOf(d).startsWith('P'))
          .map(codeOf),
        ['P1/missing'],
        'only that name',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
