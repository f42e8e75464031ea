/**
 * VS Code client: starts the language server (dist/server.js) for JSON files, shows the detected SONS and kind in a
 * language status item (the Problems panel counts the errors), offers the commands (restart, log, validate the workspace with progress…), and shows the
 * rule documentation a diagnostic links to. Nothing else: every check and fix is the server's (the engine's). Its
 * log (« Ségur : Afficher le journal ») holds the server's stderr lines and the client's own, never document content.
 */
import * as vscode from 'vscode';
import { existsSync, readFileSync } from 'node:fs';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  vsdiag,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import sonsTable from '../../schemas/sons.json';
import { ruleCommandLink, ruleIdFromHref, ruleList, ruleSection, ruleWebviewHtml, SHOW_RULE_COMMAND } from './ruleView';
import { soldePathFor, writeSolde } from './solde';
import { sonsPickItems } from './sonsPicker';
import { registerMergePdf } from './mergePdfCommand';
import { languageStatus, workspaceSummary } from './statusText';
// The custom messages, with their types, shared with the server (no runtime dependency: names and types only).
import {
  CheckFilesProgressNotification,
  CheckFilesRequest,
  DetectionNotification,
  WorkspaceTrustedNotification,
  SetOverrideRequest,
  SoldeFromAvanceRequest,
  UseAsTemplateRequest,
  LearnedSonsRequest,
  type Detection,
  type ParamsOf,
  type ResultOf,
} from '../../server/src/protocol/protocol';

let client: LanguageClient | undefined;
const detections = new Map<string, Detection>();
/** The SONS and kind chosen with the picker, by document (absent: automatic detection). */
const overrides = new Map<string, { sons: string; kind: string }>();
// segur.language, else the editor's display language (the server reads the same setting for its messages).
const en = () => {
  const chosen = vscode.workspace.getConfiguration('segur').get<string>('language');
  return chosen === 'en' || (chosen !== 'fr' && vscode.env.language.toLowerCase().startsWith('en'));
};
const t = (fr: string, english: string) => (en() ? english : fr);

/** The save dialog of « Créer le JSON de solde »; the e2e suite replaces it (a dialog cannot be driven there). */
let rulePanel: vscode.WebviewPanel | undefined;
let saveDialog: (options: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined> = (o) => vscode.window.showSaveDialog(o);

/** A Ségur diagnostic's link to docs/rules.html#s5 opens the rule's section in a webview instead (changed in place). */
function linkToRuleView(d: vscode.Diagnostic): vscode.Diagnostic {
  if (d.source !== 'segur' || typeof d.code !== 'object' || d.code === null) return d;
  const id = ruleIdFromHref(d.code.target.toString(true));
  if (id) d.code = { value: d.code.value, target: vscode.Uri.parse(ruleCommandLink(id)) };
  return d;
}

/**
 * An output channel that keeps nothing: the language client's protocol trace (`segur.trace.server`) would hold the
 * documents' text, so it is never written anywhere.
 */
const nothing = () => undefined;
const discard: vscode.LogOutputChannel = {
  name: 'Ségur JSON (trace)',
  logLevel: vscode.LogLevel.Off,
  onDidChangeLogLevel: () => ({ dispose: nothing }),
  trace: nothing,
  debug: nothing,
  info: nothing,
  warn: nothing,
  error: nothing,
  append: nothing,
  appendLine: nothing,
  replace: nothing,
  clear: nothing,
  show: nothing,
  hide: nothing,
  dispose: nothing,
};

/** What the extension hands to other extensions: only a hook for its end-to-end tests. */
export interface SegurApi {
  __test: { setSaveDialog(fn: typeof saveDialog): void; statusText(): string | undefined };
}

export async function activate(context: vscode.ExtensionContext): Promise<SegurApi> {
  // The log of « Ségur : Afficher le journal »: the server's stderr (one line per failure, never content) and the
  // client's own lines (events and counts, never a file name, a value or an identifier).
  const log = vscode.window.createOutputChannel('Ségur JSON', { log: true });
  context.subscriptions.push(log);
  registerMergePdf(context, () => client);
  const note = (fr: string, english: string) => log.info(t(fr, english));
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'json', scheme: 'file' },
      { language: 'json', scheme: 'untitled' },
    ],
    // The server indexes the workspace's Ségur files (a solde is checked against its avance): it hears of changes on disk.
    // (files.exclude too: with segur.workspace.exclude it says which files the index leaves out.)
    synchronize: {
      configurationSection: ['segur', 'files.exclude'],
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.json'),
        // The attachment files (segur.attachments.folder): a change checks again the documents that name them.
        vscode.workspace.createFileSystemWatcher('**/*.{pdf,PDF,jpg,JPG,jpeg,JPEG,png,PNG}'),
      ],
    },
    // A server that exits (a framing error makes it exit with code 1, see server.ts connectFromArgs) or crashes is
    // restarted: up to 4 times within 3 minutes (the library's default error handler, kept; stated here so that it is
    // not lost to a custom errorHandler). Covered by test/e2e/vscode/suite/segur.suite.ts (the server killed).
    connectionOptions: { maxRestartCount: 4 },
    errorHandler: restartingErrorHandler(4, 3 * 60 * 1000),
    outputChannel: log,
    traceOutputChannel: discard,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // A function: read again at each (re)start, so a server restarted after trust was granted starts trusted.
    initializationOptions: () => ({
      trusted: vscode.workspace.isTrusted,
      // This client runs segur.showRule and opens the Problems panel: the server offers them (code action, CodeLens).
      commands: true,
      docsUri: vscode.Uri.file(context.asAbsolutePath(en() ? 'docs/rules.en.html' : 'docs/rules.html')).toString(),
    }),
    // The code link of a diagnostic opens the rule's section rendered (segur.showRule), whether pushed or pulled.
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(linkToRuleView)),
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report && report.kind === vsdiag.DocumentDiagnosticReportKind.full) report.items.forEach(linkToRuleView);
        return report;
      },
    },
  };
  client = new LanguageClient('segur', 'Ségur JSON', serverOptions, clientOptions);

  // In the JSON language status (the `{}` beside the language mode), not a second count beside the Problems one.
  const status = vscode.languages.createLanguageStatusItem('segur.detection', [{ language: 'json' }, { language: 'jsonc' }]);
  status.name = 'Ségur';
  context.subscriptions.push(status);
  const refreshStatus = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const d = doc ? detections.get(doc.uri.toString()) : undefined;
    const view = languageStatus(d, en() ? 'en' : 'fr');
    status.text = view.text;
    status.detail = view.detail;
    status.severity = view.error ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    status.command = { title: t('Choisir le SONS', 'Choose the SONS'), command: 'segur.chooseSons' };
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(refreshStatus));

  /**
   * The SONS of the bundle and those only a learned template of this document's templates folder knows
   * (`segur/learnedSons`), for the pickers.
   */
  const sonsFor = async (uri: string): Promise<{ id: string; kinds: string[] }[]> => {
    let learned: { id: string; kinds: string[] }[] = [];
    try {
      learned =
        (await client?.sendRequest<ResultOf<typeof LearnedSonsRequest>>(LearnedSonsRequest.method, { uri } satisfies ParamsOf<typeof LearnedSonsRequest>)) ??
        [];
    } catch {
      learned = [];
    }
    const known = new Set(sonsTable.sons.map((s) => s.id.toLowerCase()));
    return [...sonsTable.sons, ...learned.filter((s) => !known.has(s.id.toLowerCase()))];
  };
  type SonsItem = vscode.QuickPickItem & { sons?: string; sonsKind?: 'avance' | 'solde' };
  const pickOne = async (placeholder: string, items: SonsItem[]): Promise<SonsItem | undefined> => {
    const pick = vscode.window.createQuickPick<SonsItem>();
    pick.placeholder = placeholder;
    pick.items = items;
    pick.activeItems = pick.items.filter((i) => i.picked);
    const choice = await new Promise<SonsItem | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    pick.dispose();
    return choice;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('segur.chooseSons', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || !client) return;
      const uri = doc.uri.toString();
      const items = sonsPickItems(await sonsFor(uri), { override: overrides.get(uri), detected: detections.get(uri) }, en() ? 'en' : 'fr');
      const choice = await pickOne(
        t('SONS et type de ce fichier', 'SONS and kind of this file'),
        items.map((i) => ({ label: i.label, description: i.description, picked: i.current, sons: i.sons, sonsKind: i.kind })),
      );
      if (!choice) return;
      if (choice.sons && choice.sonsKind) overrides.set(uri, { sons: choice.sons, kind: choice.sonsKind });
      else overrides.delete(uri);
      const detection = await client.sendRequest<ResultOf<typeof SetOverrideRequest>>(SetOverrideRequest.method, {
        uri,
        sons: choice.sons,
        kind: choice.sonsKind,
      } satisfies ParamsOf<typeof SetOverrideRequest>);
      if (detection) detections.set(uri, detection);
      refreshStatus();
    }),
    /**
     * « Utiliser ce fichier comme modèle officiel »: the server decides and copies
     * (server/src/server/shared/useAsTemplate.ts); this asks the user what only they can say (the SONS and kind when the
     * file's name does not give them, whether to replace a different file) and writes segur.templates.folder.
     */
    vscode.commands.registerCommand('segur.useAsTemplate', async (target?: string | vscode.Uri) => {
      const uri = target === undefined ? vscode.window.activeTextEditor?.document.uri.toString() : target.toString();
      if (!uri || !client) return undefined;
      const params: ParamsOf<typeof UseAsTemplateRequest> = { uri };
      for (let step = 0; step < 4; step++) {
        const a = await client.sendRequest<ResultOf<typeof UseAsTemplateRequest>>(UseAsTemplateRequest.method, params);
        if (a.status === 'choose') {
          const items: SonsItem[] = (await sonsFor(uri)).flatMap((s) =>
            s.kinds.map((k) => {
              const guessed = a.guess?.sons === s.id && (!a.guess.kind || a.guess.kind === k);
              return {
                label: `${s.id} ${k}`,
                description: guessed ? t('suggéré par le contenu', 'suggested by the content') : undefined,
                picked: guessed,
                sons: s.id,
                sonsKind: k as 'avance' | 'solde',
              };
            }),
          );
          const choice = await pickOne(
            t(
              'SONS et type de ce modèle vierge (un SONS hors liste : nommez le fichier <SONS>.<type>.blank.json)',
              'SONS and kind of this blank template (a SONS not listed: name the file <SONS>.<kind>.blank.json)',
            ),
            items,
          );
          if (!choice?.sons || !choice.sonsKind) return a;
          params.sons = choice.sons;
          params.kind = choice.sonsKind;
          continue;
        }
        if (a.status === 'exists') {
          const replace = t('Remplacer', 'Replace');
          if ((await vscode.window.showWarningMessage(`Ségur : ${a.message}`, { modal: true }, replace)) !== replace) return a;
          params.overwrite = true;
          continue;
        }
        if (a.status === 'error') {
          void vscode.window.showErrorMessage(`Ségur : ${a.message}`);
          return a;
        }
        if (a.setFolder) {
          const scope = vscode.Uri.parse(uri);
          const where = vscode.workspace.getWorkspaceFolder(scope) ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
          await vscode.workspace.getConfiguration('segur', scope).update('templates.folder', a.folder, where);
        }
        note('Modèle officiel vierge utilisé.', 'Blank official template in use.');
        void vscode.window.showInformationMessage(`Ségur : ${a.message}`);
        return a;
      }
      return undefined;
    }),
    vscode.commands.registerCommand('segur.fixAll', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc) return;
      // The server answers nothing to a request it finds stale (the document changed meanwhile): ask again a few
      // times, as the editor's light bulb does, before saying there is nothing to fix.
      let edit: vscode.WorkspaceEdit | undefined;
      for (let attempt = 0; attempt < 4 && !edit; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 250));
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          new vscode.Range(0, 0, 0, 0),
          'source.fixAll.segur',
        );
        edit = actions?.find((a) => a.kind?.value === 'source.fixAll.segur')?.edit;
      }
      if (edit) await vscode.workspace.applyEdit(edit);
      else void vscode.window.showInformationMessage(t('Ségur : aucune correction automatique à appliquer.', 'Ségur: no automatic fix to apply.'));
    }),
    vscode.commands.registerCommand('segur.soldeFromAvance', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || !client) return;
      const r = await client.sendRequest<ResultOf<typeof SoldeFromAvanceRequest>>(SoldeFromAvanceRequest.method, { uri: doc.uri.toString() } satisfies ParamsOf<
        typeof SoldeFromAvanceRequest
      >);
      if (!r.text) {
        void vscode.window.showErrorMessage(t(`Ségur : impossible de créer le solde (${r.error}).`, `Ségur: cannot create the solde (${r.error}).`));
        return;
      }
      // Proposed: <avance name>-solde.json beside the avance (an unsaved avance: solde.json in the workspace folder).
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const exists = (p: string) => vscode.workspace.textDocuments.some((d) => d.uri.fsPath === p) || existsSync(p);
      const defaultUri =
        doc.uri.scheme === 'file' ? vscode.Uri.file(soldePathFor(doc.uri.fsPath, exists)) : folder ? vscode.Uri.joinPath(folder, 'solde.json') : undefined;
      const target = await saveDialog({
        defaultUri,
        filters: { JSON: ['json'] },
        saveLabel: t('Créer le solde', 'Create the solde'),
        title: t('Créer le JSON de solde', 'Create the solde JSON'),
      });
      if (!target) return;
      const failed = await writeSolde(
        target,
        r.text,
        (bytes) => vscode.workspace.fs.writeFile(target, bytes),
        doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined,
      );
      if (failed) {
        void vscode.window.showErrorMessage(t(`Ségur : ${failed.fr}.`, `Ségur: ${failed.en}.`));
        return;
      }
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
      void vscode.window.showInformationMessage(
        t(
          `Solde ${r.sons} créé : complétez les balises à null (facture, VA, pièces justificatives).`,
          `${r.sons} solde created: fill in the null keys (invoice, VA, attachments).`,
        ),
      );
    }),
    vscode.commands.registerCommand(SHOW_RULE_COMMAND, async (id?: string) => {
      const lang = en() ? 'en' : 'fr';
      let html: string;
      try {
        html = readFileSync(context.asAbsolutePath(lang === 'en' ? 'docs/rules.en.html' : 'docs/rules.html'), 'utf8');
      } catch {
        return undefined;
      }
      if (typeof id !== 'string') {
        const pick = await vscode.window.showQuickPick(
          ruleList(html).map((r) => ({ label: r.id, description: r.title })),
          { placeHolder: t('Règle', 'Rule') },
        );
        id = pick?.label;
      }
      const section = id ? ruleSection(html, id) : undefined;
      if (!id || !section) return undefined;
      const title = `${id} — ${ruleList(section)[0]?.title ?? ''}`;
      if (!rulePanel) {
        rulePanel = vscode.window.createWebviewPanel(
          'segur.rule',
          title,
          { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
          { enableScripts: false, enableFindWidget: true, localResourceRoots: [] },
        );
        rulePanel.onDidDispose(() => (rulePanel = undefined));
      }
      rulePanel.title = title;
      rulePanel.webview.html = ruleWebviewHtml(section, lang, rulePanel.webview.cspSource);
      rulePanel.reveal(undefined, false);
      return { id, title, html: rulePanel.webview.html };
    }),
    vscode.commands.registerCommand('segur.validateWorkspace', async () => {
      if (!client) return undefined;
      const c = client;
      const reported: string[] = [];
      const started = Date.now();
      const r = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: t("Ségur : validation de l'espace de travail", 'Ségur: validating the workspace'),
          cancellable: false,
        },
        async (progress) => {
          const report = (message: string, increment?: number) => {
            reported.push(message);
            progress.report({ message, increment });
          };
          report(t('recherche des fichiers JSON…', 'looking for JSON files…'));
          // The files the workspace index leaves out (segur.workspace.exclude, files.exclude) are not validated either.
          const exclude = [
            ...vscode.workspace.getConfiguration('segur').get<string[]>('workspace.exclude', ['**/node_modules/**', '**/.git/**']),
            ...Object.entries(vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude', {}))
              .filter(([, v]) => v === true)
              .map(([k]) => k),
          ];
          const files = await vscode.workspace.findFiles('**/*.json', exclude.length ? `{${exclude.join(',')}}` : null);
          report(t(`${files.length} fichier(s) JSON à vérifier`, `${files.length} JSON file(s) to check`));
          // The server tells how far it is (segur/checkFilesProgress, for this request's id).
          const id = `${started}-${Math.random().toString(36).slice(2)}`;
          let done = 0;
          const sub = c.onNotification(CheckFilesProgressNotification.method, (p: ParamsOf<typeof CheckFilesProgressNotification>) => {
            if (p.progress !== id || p.total === 0) return;
            const increment = ((p.done - done) / p.total) * 100;
            done = p.done;
            report(t(`${p.done} / ${p.total} fichier(s)`, `${p.done} / ${p.total} file(s)`), increment);
          });
          try {
            return await c.sendRequest<ResultOf<typeof CheckFilesRequest>>(CheckFilesRequest.method, {
              uris: files.map((f) => f.toString()),
              progress: id,
            } satisfies ParamsOf<typeof CheckFilesRequest>);
          } finally {
            sub.dispose();
          }
        },
      );
      const message = workspaceSummary(r, en() ? 'en' : 'fr');
      note(
        `Espace de travail validé : ${r.bySons?.reduce((s, x) => s + x.files, 0) ?? r.files} fichier(s) Ségur en ${Date.now() - started} ms.`,
        `Workspace validated: ${r.bySons?.reduce((s, x) => s + x.files, 0) ?? r.files} Ségur file(s) in ${Date.now() - started} ms.`,
      );
      void vscode.window.showInformationMessage(message);
      void vscode.commands.executeCommand('workbench.actions.view.problems');
      return { ...r, message, progress: reported };
    }),
    vscode.commands.registerCommand('segur.showLog', () => log.show(true)),
    vscode.commands.registerCommand('segur.restartServer', async () => {
      if (!client) return false;
      note('Redémarrage du serveur demandé.', 'Server restart requested.');
      detections.clear();
      await client.restart();
      note('Serveur redémarré.', 'Server restarted.');
      refreshStatus();
      return true;
    }),
  );

  await client.start();
  context.subscriptions.push(
    client.onNotification(DetectionNotification.method, (p: ParamsOf<typeof DetectionNotification>) => {
      detections.set(p.uri, p.detection);
      refreshStatus();
    }),
    // Trust granted mid-session: the server applies the settings that point at files without a restart.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (client?.isRunning()) void client.sendNotification(WorkspaceTrustedNotification.method, {});
    }),
  );
  note('Serveur de langage démarré.', 'Language server started.');
  refreshStatus();
  return { __test: { setSaveDialog: (fn) => (saveDialog = fn), statusText: () => status.text } };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/**
 * The server is restarted when it exits (up to `max` times within `windowMs`). Errors on the connection itself (a
 * message written after the server died: each open document, setting or watched file can cause one) never shut the
 * client down: the library's default handler does after 3 of them, and then never restarts the server.
 */
export function restartingErrorHandler(max: number, windowMs: number, now = () => Date.now()): ErrorHandler {
  const restarts: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue, handled: true }),
    closed: () => {
      const t = now();
      while (restarts.length > 0 && t - restarts[0] > windowMs) restarts.shift();
      if (restarts.length >= max) {
        return {
          action: CloseAction.DoNotRestart,
          message: en()
            ? 'The Ségur server stopped several times in a row; it is not restarted (command « Developer: Reload Window » to start it again).'
            : "Le serveur Ségur s'est arrêté plusieurs fois de suite ; il n'est plus redémarré (commande « Developer: Reload Window » pour le relancer).",
        };
      }
      restarts.push(t);
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
