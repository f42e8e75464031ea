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
import { explicitSegurSection } from './explicitSettings';
import { soldePathFor, writeSolde } from './solde';
import { registerPrepareDeposit, type DepositDialog } from './deposit';
import { sonsPickItems } from './sonsPicker';
import { registerMergePdf } from './mergePdfCommand';
import { languageStatus, workspaceSummary, type ClientL10n } from './statusText';
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
  type Locale,
  type ParamsOf,
  type ResultOf,
} from '../../server/src/protocol/protocol';

let client: LanguageClient | undefined;
const detections = new Map<string, Detection>();
/** The SONS and kind chosen with the picker, by document (absent: automatic detection). */
const overrides = new Map<string, { sons: string; kind: string }>();
/**
 * The client speaks the editor's display language through vscode.l10n: English in the code, French in
 * l10n/bundle.l10n.fr.json. `locale` is that language for what the shared modules word themselves (kinds and amounts
 * in protocol/labels.ts, write failures in io/) and for the rule pages. `segur.language` is the setting of the
 * server's messages (README « Priorité / precedence »), not of the editor's own texts.
 */
const uiLocale = (): Locale => (vscode.env.language.toLowerCase().startsWith('fr') ? 'fr' : 'en');
const speech = (): ClientL10n => ({ t: (message, ...args) => vscode.l10n.t(message, ...args), locale: uiLocale() });

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
  __test: { setSaveDialog(fn: typeof saveDialog): void; statusText(): string | undefined; setDepositDialog(fn: DepositDialog): void };
}

export async function activate(context: vscode.ExtensionContext): Promise<SegurApi> {
  // The log of « Ségur : Afficher le journal »: the server's stderr (one line per failure, never content) and the
  // client's own lines (events and counts, never a file name, a value or an identifier).
  const log = vscode.window.createOutputChannel('Ségur JSON', { log: true });
  context.subscriptions.push(log);
  registerMergePdf(context, () => client);
  const note = (line: string) => log.info(line);
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
      docsUri: vscode.Uri.file(context.asAbsolutePath(uiLocale() === 'en' ? 'docs/rules.en.html' : 'docs/rules.html')).toString(),
    }),
    // The code link of a diagnostic opens the rule's section rendered (segur.showRule), whether pushed or pulled.
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(linkToRuleView)),
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report && report.kind === vsdiag.DocumentDiagnosticReportKind.full) report.items.forEach(linkToRuleView);
        return report;
      },
      // The `segur` section carries only the settings the user set among those segur.config.json can also set (with
      // their language-specific forms for JSON), marked so: a value the user set wins over the file even when it is
      // the default (explicitSettings.ts).
      workspace: {
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return answers.map((answer, i) => {
            const item = params.items[i];
            if (item?.section !== 'segur') return answer;
            const scope = item.scopeUri ? { uri: vscode.Uri.parse(item.scopeUri), languageId: 'json' } : undefined;
            const config = vscode.workspace.getConfiguration('segur', scope);
            return explicitSegurSection(answer, (key) => config.inspect(key));
          });
        },
      },
    },
  };
  client = new LanguageClient('segur', 'Ségur JSON', serverOptions, clientOptions);
  const deposit = registerPrepareDeposit(context, () => client, log);

  // In the JSON language status (the `{}` beside the language mode), not a second count beside the Problems one.
  const status = vscode.languages.createLanguageStatusItem('segur.detection', [{ language: 'json' }, { language: 'jsonc' }]);
  status.name = 'Ségur';
  context.subscriptions.push(status);
  const refreshStatus = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const d = doc ? detections.get(doc.uri.toString()) : undefined;
    const view = languageStatus(d, speech());
    status.text = view.text;
    status.detail = view.detail;
    status.severity = view.error ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    status.command = { title: vscode.l10n.t('Choose the SONS'), command: 'segur.chooseSons' };
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
      const items = sonsPickItems(await sonsFor(uri), { override: overrides.get(uri), detected: detections.get(uri) }, speech());
      const choice = await pickOne(
        vscode.l10n.t('SONS and kind of this file'),
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
                description: guessed ? vscode.l10n.t('suggested by the content') : undefined,
                picked: guessed,
                sons: s.id,
                sonsKind: k as 'avance' | 'solde',
              };
            }),
          );
          const choice = await pickOne(
            vscode.l10n.t('SONS and kind of this blank template (a SONS not listed: name the file <SONS>.<kind>.blank.json)'),
            items,
          );
          if (!choice?.sons || !choice.sonsKind) return a;
          params.sons = choice.sons;
          params.kind = choice.sonsKind;
          continue;
        }
        if (a.status === 'exists') {
          const replace = vscode.l10n.t('Replace');
          if ((await vscode.window.showWarningMessage(vscode.l10n.t('Ségur: {0}', a.message), { modal: true }, replace)) !== replace) return a;
          params.overwrite = true;
          continue;
        }
        if (a.status === 'error') {
          void vscode.window.showErrorMessage(vscode.l10n.t('Ségur: {0}', a.message));
          return a;
        }
        if (a.setFolder) {
          const scope = vscode.Uri.parse(uri);
          const where = vscode.workspace.getWorkspaceFolder(scope) ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
          await vscode.workspace.getConfiguration('segur', scope).update('templates.folder', a.folder, where);
        }
        note(vscode.l10n.t('Blank official template in use.'));
        void vscode.window.showInformationMessage(vscode.l10n.t('Ségur: {0}', a.message));
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
      else void vscode.window.showInformationMessage(vscode.l10n.t('Ségur: no automatic fix to apply.'));
    }),
    vscode.commands.registerCommand('segur.soldeFromAvance', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || !client) return;
      const r = await client.sendRequest<ResultOf<typeof SoldeFromAvanceRequest>>(SoldeFromAvanceRequest.method, { uri: doc.uri.toString() } satisfies ParamsOf<
        typeof SoldeFromAvanceRequest
      >);
      if (!r.text) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Ségur: cannot create the solde ({0}).', r.error ?? ''));
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
        saveLabel: vscode.l10n.t('Create the solde'),
        title: vscode.l10n.t('Create the solde JSON'),
      });
      if (!target) return;
      const failed = await writeSolde(
        target,
        r.text,
        (bytes) => vscode.workspace.fs.writeFile(target, bytes),
        speech(),
        doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined,
      );
      if (failed) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Ségur: {0}.', failed));
        return;
      }
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} solde created: fill in the null keys (invoice, VA, attachments).', r.sons ?? ''));
    }),
    vscode.commands.registerCommand(SHOW_RULE_COMMAND, async (id?: string) => {
      const l10n = speech();
      let html: string;
      try {
        html = readFileSync(context.asAbsolutePath(l10n.locale === 'en' ? 'docs/rules.en.html' : 'docs/rules.html'), 'utf8');
      } catch {
        return undefined;
      }
      if (typeof id !== 'string') {
        const pick = await vscode.window.showQuickPick(
          ruleList(html).map((r) => ({ label: r.id, description: r.title })),
          { placeHolder: vscode.l10n.t('Rule') },
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
      rulePanel.webview.html = ruleWebviewHtml(section, l10n, rulePanel.webview.cspSource);
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
          title: vscode.l10n.t('Ségur: validating the workspace'),
          cancellable: false,
        },
        async (progress) => {
          const report = (message: string, increment?: number) => {
            reported.push(message);
            progress.report({ message, increment });
          };
          report(vscode.l10n.t('looking for JSON files…'));
          // The files the workspace index leaves out (segur.workspace.exclude, files.exclude) are not validated either.
          const exclude = [
            ...vscode.workspace.getConfiguration('segur').get<string[]>('workspace.exclude', ['**/node_modules/**', '**/.git/**']),
            ...Object.entries(vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude', {}))
              .filter(([, v]) => v === true)
              .map(([k]) => k),
          ];
          const files = await vscode.workspace.findFiles('**/*.json', exclude.length ? `{${exclude.join(',')}}` : null);
          report(vscode.l10n.t('{0} JSON file(s) to check', files.length));
          // The server tells how far it is (segur/checkFilesProgress, for this request's id).
          const id = `${started}-${Math.random().toString(36).slice(2)}`;
          let done = 0;
          const sub = c.onNotification(CheckFilesProgressNotification.method, (p: ParamsOf<typeof CheckFilesProgressNotification>) => {
            if (p.progress !== id || p.total === 0) return;
            const increment = ((p.done - done) / p.total) * 100;
            done = p.done;
            report(vscode.l10n.t('{0} / {1} file(s)', p.done, p.total), increment);
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
      const message = workspaceSummary(r, speech());
      note(vscode.l10n.t('Workspace validated: {0} Ségur file(s) in {1} ms.', r.bySons?.reduce((s, x) => s + x.files, 0) ?? r.files, Date.now() - started));
      void vscode.window.showInformationMessage(message);
      void vscode.commands.executeCommand('workbench.actions.view.problems');
      return { ...r, message, progress: reported };
    }),
    vscode.commands.registerCommand('segur.showLog', () => log.show(true)),
    vscode.commands.registerCommand('segur.restartServer', async () => {
      if (!client) return false;
      note(vscode.l10n.t('Server restart requested.'));
      detections.clear();
      await client.restart();
      note(vscode.l10n.t('Server restarted.'));
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
  note(vscode.l10n.t('Language server started.'));
  refreshStatus();
  return { __test: { setSaveDialog: (fn) => (saveDialog = fn), statusText: () => status.text, setDepositDialog: deposit.setDialog } };
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
          message: vscode.l10n.t(
            'The Ségur server stopped several times in a row; it is not restarted (command « Developer: Reload Window » to start it again).',
          ),
        };
      }
      restarts.push(t);
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
