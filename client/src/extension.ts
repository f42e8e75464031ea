/**
 * VS Code client: starts the language server (dist/server.js) for JSON files, shows the detected SONS and kind in
 * the status bar, and offers three commands. Nothing else: every check and fix is the server's (the engine's).
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import sonsTable from '../../schemas/sons.json';

interface Detection {
  isSegur: boolean;
  kind?: string;
  sons?: string;
  reason: { fr: string; en: string };
}

let client: LanguageClient | undefined;
const detections = new Map<string, Detection>();
const en = () => vscode.env.language.toLowerCase().startsWith('en');
const t = (fr: string, english: string) => (en() ? english : fr);

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'json', scheme: 'file' }, { language: 'json', scheme: 'untitled' }],
    // The server indexes the workspace's Ségur files (a solde is checked against its avance): it hears of changes on disk.
    synchronize: { configurationSection: 'segur', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.json') },
    // A server that exits (a framing error makes it exit with code 1, see server.ts connectFromArgs) or crashes is
    // restarted: up to 4 times within 3 minutes (the library's default error handler, kept; stated here so that it is
    // not lost to a custom errorHandler). Covered by test/e2e/vscode/suite/segur.suite.ts (the server killed).
    connectionOptions: { maxRestartCount: 4 },
    initializationOptions: {
      trusted: vscode.workspace.isTrusted,
      docsUri: vscode.Uri.file(context.asAbsolutePath(en() ? 'docs/rules.en.md' : 'docs/rules.md')).toString(),
    },
  };
  client = new LanguageClient('segur', 'Ségur JSON', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.command = 'segur.chooseSons';
  context.subscriptions.push(status);
  const refreshStatus = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const d = doc ? detections.get(doc.uri.toString()) : undefined;
    if (!d || !d.isSegur) {
      status.hide();
      return;
    }
    status.text = `$(checklist) Ségur ${d.sons ?? '?'} ${d.kind ?? '?'}`;
    status.tooltip = `${t('Détecté : ', 'Detected: ')}${d.reason[en() ? 'en' : 'fr']}\n${t('Cliquer pour choisir le SONS et le type', 'Click to choose the SONS and kind')}`;
    status.show();
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(refreshStatus));

  context.subscriptions.push(
    vscode.commands.registerCommand('segur.chooseSons', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || !client) return;
      const auto = t('Détection automatique', 'Automatic detection');
      const picks = [auto, ...sonsTable.sons.flatMap((s) => s.kinds.map((k) => `${s.id} ${k}`))];
      const choice = await vscode.window.showQuickPick(picks, { placeHolder: t('SONS et type de ce fichier', 'SONS and kind of this file') });
      if (!choice) return;
      const [sons, kind] = choice === auto ? [undefined, undefined] : choice.split(' ');
      const detection = await client.sendRequest<Detection | null>('segur/setOverride', { uri: doc.uri.toString(), sons, kind });
      if (detection) detections.set(doc.uri.toString(), detection);
      refreshStatus();
    }),
    vscode.commands.registerCommand('segur.fixAll', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc) return;
      // The server answers nothing to a request it finds stale (the document changed meanwhile): ask again a few
      // times, as the editor's light bulb does, before saying there is nothing to fix.
      let edit: vscode.WorkspaceEdit | undefined;
      for (let attempt = 0; attempt < 4 && !edit; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 250));
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.segur');
        edit = actions?.find((a) => a.kind?.value === 'source.fixAll.segur')?.edit;
      }
      if (edit) await vscode.workspace.applyEdit(edit);
      else void vscode.window.showInformationMessage(t('Ségur : aucune correction automatique à appliquer.', 'Ségur: no automatic fix to apply.'));
    }),
    vscode.commands.registerCommand('segur.soldeFromAvance', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || !client) return;
      const r = await client.sendRequest<{ text?: string; sons?: string; error?: string }>('segur/soldeFromAvance', { uri: doc.uri.toString() });
      if (!r.text) {
        void vscode.window.showErrorMessage(t(`Ségur : impossible de créer le solde (${r.error}).`, `Ségur: cannot create the solde (${r.error}).`));
        return;
      }
      const solde = await vscode.workspace.openTextDocument({ language: 'json', content: r.text });
      await vscode.window.showTextDocument(solde);
      void vscode.window.showInformationMessage(t(`Solde ${r.sons} créé : complétez les balises à null (facture, VA, pièces justificatives).`, `${r.sons} solde created: fill in the null keys (invoice, VA, attachments).`));
    }),
    vscode.commands.registerCommand('segur.validateWorkspace', async () => {
      if (!client) return;
      const files = await vscode.workspace.findFiles('**/*.json', '**/node_modules/**');
      const r = await client.sendRequest<{ files: number; errors: number }>('segur/checkFiles', { uris: files.map((f) => f.toString()) });
      void vscode.window.showInformationMessage(t(`Ségur : ${r.files} fichier(s) vérifié(s), ${r.errors} erreur(s) (panneau Problèmes).`, `Ségur: ${r.files} file(s) checked, ${r.errors} error(s) (Problems panel).`));
      void vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
  );

  await client.start();
  context.subscriptions.push(
    client.onNotification('segur/detection', (p: { uri: string; detection: Detection }) => {
      detections.set(p.uri, p.detection);
      refreshStatus();
    }),
  );
  refreshStatus();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
