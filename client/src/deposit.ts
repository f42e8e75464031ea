/**
 * « Préparer le dépôt » (segur.prepareDeposit): the folder to upload to the ASP portal from the active Ségur JSON (or
 * the file given), by the rules of `segur-json package`, decided and written by the server (`segur/prepareDeposit`,
 * server/src/server/handlers/depositCommand.ts). The JSON on disk is what is deposited: an unsaved document is saved
 * first. While errors remain (in the JSON or its attachments) nothing is written: an error message with their count,
 * each one's place and code in the log (never a message, a name or a value of the file), the Problems panel on
 * request. Else the user chooses a folder that does not exist yet (the server proposes one beside the JSON's folder),
 * and a message gives the number of ZIPs with a button to reveal it.
 */
import * as vscode from 'vscode';
import { PrepareDepositRequest, type ParamsOf, type ResultOf } from '../../server/src/protocol/protocol';

type Answer = ResultOf<typeof PrepareDepositRequest>;
export type DepositDialog = (options: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined>;

interface Sender {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

/** Registers the command; answers the test seam that replaces the folder dialog (a dialog cannot be driven in tests). */
export function registerPrepareDeposit(
  context: vscode.ExtensionContext,
  client: () => Sender | undefined,
  log: vscode.LogOutputChannel,
): { setDialog(fn: DepositDialog): void } {
  let dialog: DepositDialog = (o) => vscode.window.showSaveDialog(o);

  const ask = (c: Sender, params: ParamsOf<typeof PrepareDepositRequest>) => c.sendRequest<Answer>(PrepareDepositRequest.method, params);

  const refused = (a: Extract<Answer, { status: 'blocked' }>): void => {
    log.warn(vscode.l10n.t('Deposit refused: {0} error(s) to fix first.', a.blockers.length));
    for (const b of a.blockers) log.warn(vscode.l10n.t('  line {0}, column {1}: {2}', b.line + 1, b.character + 1, b.code));
    const showLog = vscode.l10n.t('Show the log');
    const showProblems = vscode.l10n.t('Show the problems');
    void vscode.window
      .showErrorMessage(
        vscode.l10n.t('Ségur: {0} error(s) block the deposit; nothing is written. Fix them first (listed in the log).', a.blockers.length),
        showProblems,
        showLog,
      )
      .then((choice) => {
        if (choice === showLog) log.show(true);
        if (choice === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
  };

  const failed = (message: string): void => {
    void vscode.window.showErrorMessage(vscode.l10n.t('Ségur: cannot prepare the deposit ({0}).', message));
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('segur.prepareDeposit', async (target?: vscode.Uri): Promise<Answer | undefined> => {
      const c = client();
      const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
      if (!c || !uri) return undefined;
      if (uri.scheme !== 'file') {
        failed(vscode.l10n.t('save the file to disk first'));
        return undefined;
      }
      // What is deposited is the file on disk: the document's edits are saved first.
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open?.isDirty && !(await open.save())) {
        failed(vscode.l10n.t('the file could not be saved'));
        return undefined;
      }
      const first = await ask(c, { uri: uri.toString() });
      if (first.status === 'blocked') refused(first);
      if (first.status === 'error') failed(first.message);
      if (first.status !== 'choose') return first;
      const chosen = await dialog({
        defaultUri: vscode.Uri.file(first.proposed),
        title: vscode.l10n.t('Prepare the deposit: a new folder for the JSON, its ZIPs and manifest.json'),
        saveLabel: vscode.l10n.t('Write the deposit here'),
      });
      if (!chosen) return undefined;
      if (chosen.scheme !== 'file') {
        failed(vscode.l10n.t('choose a folder on this computer'));
        return undefined;
      }
      const done = await ask(c, { uri: uri.toString(), target: chosen.fsPath });
      if (done.status === 'blocked') refused(done);
      if (done.status === 'error') failed(done.message);
      if (done.status !== 'written') return done;
      log.info(vscode.l10n.t('Deposit prepared: {0} ZIP, {1} attachment(s).', done.zips, done.files));
      const reveal = vscode.l10n.t('Reveal the folder');
      void vscode.window
        .showInformationMessage(vscode.l10n.t('Ségur: deposit prepared, {0} ZIP ({1} attachments), the JSON and manifest.json.', done.zips, done.files), reveal)
        .then((choice) => {
          if (choice !== reveal) return;
          const folder = vscode.Uri.file(done.target);
          // In the Explorer when the folder is in the workspace, else in the system's file manager.
          void vscode.commands.executeCommand(vscode.workspace.getWorkspaceFolder(folder) ? 'revealInExplorer' : 'revealFileInOS', folder);
        });
      return done;
    }),
  );
  return { setDialog: (fn) => (dialog = fn) };
}
