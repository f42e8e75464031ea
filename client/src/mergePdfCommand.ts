/**
 * « Fusionner des PDF » / "Merge PDFs" (segur.mergePdf): from a part's nomFichier in a Ségur JSON (the server's code
 * action, or the palette at the cursor), the server proposes a name, the user confirms it in an input box (asked again
 * while V8's rule or an existing file refuses it), the server writes the merged PDF beside the parts and answers the
 * JSON change, applied as a workspace edit whose change annotation needs confirmation: VS Code shows it in the
 * refactor preview before anything changes in the JSON.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MergePdfRequest, type MergePdfAnswer, type MergePdfParams } from '../../server/src/protocol/protocol';

export const MERGE_PDF_COMMAND = 'segur.mergePdf';

export function registerMergePdf(context: vscode.ExtensionContext, clientOf: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(MERGE_PDF_COMMAND, async (uri?: string, position?: { line: number; character: number }) => {
      const client = clientOf();
      const editor = vscode.window.activeTextEditor;
      const target = uri ?? editor?.document.uri.toString();
      const at = position ?? (editor ? { line: editor.selection.active.line, character: editor.selection.active.character } : undefined);
      if (!client || !target || !at) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Ségur: open a Ségur JSON and put the cursor on an attachment name.'));
        return;
      }
      const ask = (name?: string) => client.sendRequest<MergePdfAnswer>(MergePdfRequest.method, { uri: target, position: at, name } satisfies MergePdfParams);
      let answer = await ask();
      while (answer.status === 'name') {
        const name = await vscode.window.showInputBox({
          title: vscode.l10n.t('Merge PDFs: {0}', answer.parts.join(', ')),
          prompt: answer.message ?? vscode.l10n.t('Name of the merged PDF, written beside the parts (50 characters at most, no accent)'),
          value: answer.proposed,
          ignoreFocusOut: true,
        });
        if (name === undefined) return;
        answer = await ask(name.trim());
      }
      if (answer.status === 'error') {
        void vscode.window.showErrorMessage(vscode.l10n.t('Ségur: cannot merge the PDFs ({0}).', answer.message));
        return;
      }
      const edit = await client.protocol2CodeConverter.asWorkspaceEdit(answer.edit);
      const applied = await vscode.workspace.applyEdit(edit);
      void vscode.window.showInformationMessage(applied ? answer.message : vscode.l10n.t('Ségur: {0} written; the JSON was left as it was.', answer.pdf));
    }),
  );
}
