/**
 * The language server: the connection and its table of handlers. Every check, fix, completion and hover comes from
 * server/src/engine; the handlers (handlers/) schedule (debounce, versions, cancellation), convert ranges and read
 * settings, sharing one state (state.ts). Logs never contain document content (identifiers are health data).
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  CodeActionKind,
  type Connection,
  type InitializeParams,
  StreamMessageReader,
  StreamMessageWriter,
  IPCMessageReader,
  IPCMessageWriter,
  createServerSocketTransport,
  createServerPipeTransport,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { filePathOf } from './shared/uris';
import { failureLine, guardReader, readFailure, type ServerHooks } from './shared/guards';
import { ServerState } from './shared/state';
import { registerDocuments } from './handlers/documents';
import { registerDiagnostics } from './handlers/documentChecks';
import { FIX_ALL_KIND, registerCodeActions } from './handlers/codeActions';
import { noteSplitCapabilities } from './handlers/splitActions';
import { registerEditorHelp } from './handlers/editorHelp';
import { registerCommands } from './handlers/commands';
import { registerWorkspace } from './handlers/workspaceChanges';
import { registerDocumentLinks } from './handlers/documentLinks';
import { registerDeposit } from './handlers/depositCommand';
import { registerMergePdf } from './handlers/mergePdfRequest';

// What the tests, the CLI and the client read from the server module.
export { failureLine, guardReader, readFailure, validOverride, documentParamsProblem, type FaultHook, type ServerHooks } from './shared/guards';
export { MODELLED_MARK, findingsSignature } from './shared/diagnostics';
export type { ActionData, FixRef, SegurDiagnosticData } from './shared/state';
export { FIX_ALL_KIND } from './handlers/codeActions';

export function startServer(connection: Connection = createConnection(ProposedFeatures.all), hooks: ServerHooks = {}): Connection {
  const s = new ServerState(connection, hooks);

  connection.onInitialize((params: InitializeParams) => {
    s.locale = s.clientLocale = params.locale?.toLowerCase().startsWith('en') ? 'en' : 'fr';
    s.pull = !!params.capabilities.textDocument?.diagnostic;
    s.configurationSupport = !!params.capabilities.workspace?.configuration;
    s.refreshSupport = !!params.capabilities.workspace?.diagnostics?.refreshSupport;
    s.foldersSupport = !!params.capabilities.workspace?.workspaceFolders;
    s.workspaceFolders = (params.workspaceFolders ?? [])
      .map((f) => f.uri)
      .concat(params.workspaceFolders ? [] : params.rootUri ? [params.rootUri] : [])
      .map((u) => filePathOf(u))
      .filter((p): p is string => p !== undefined);
    const init = params.initializationOptions as { trusted?: boolean; docsUri?: string; pull?: boolean; commands?: boolean } | undefined;
    if (init?.trusted === false) s.trusted = false;
    s.clientCommands = init?.commands === true;
    s.codeLensRefreshSupport = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    // Quick fixes without their edit, filled in by codeAction/resolve: only for a client that keeps an action's
    // `data` and resolves its `edit` (VS Code, Neovim); any other gets the edits inline.
    const codeAction = params.capabilities.textDocument?.codeAction;
    s.resolveEdits = !!codeAction?.dataSupport && !!codeAction.resolveSupport?.properties?.includes('edit');
    noteSplitCapabilities(s, params.capabilities);
    if (init?.pull === false) s.pull = false;
    // The rendered page (one anchor per rule), never the Markdown source: a client opens the link at the rule.
    s.docsUri = init?.docsUri ?? pathToFileURL(join(__dirname, '..', 'docs', s.locale === 'en' ? 'rules.en.html' : 'rules.html')).href;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND], resolveProvider: true },
        completionProvider: { triggerCharacters: ['"', ':', '['] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentLinkProvider: { resolveProvider: false },
        // Rules compare files (C1–C8, U1–U3): an edit of one file may change another's findings.
        ...(s.pull ? { diagnosticProvider: { identifier: 'segur', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        // Folders added or removed: the index follows (handlers/workspaceChanges.ts).
        ...(s.foldersSupport ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'segur-json', version: '0.1.0' },
    };
  });

  // The handler table: each family registers its requests and notifications on the connection.
  registerWorkspace(s);
  registerDocuments(s);
  registerDiagnostics(s);
  registerCodeActions(s);
  registerEditorHelp(s);
  registerCommands(s);
  registerDocumentLinks(s);
  registerDeposit(s);
  registerMergePdf(s);

  s.documents.listen(connection);
  connection.listen();
  return connection;
}

/** Exit codes: 0 after shutdown; 1 when the client went away or the transport broke (the client restarts us). */
function stop(code: number, why?: { fr: string; en: string }): never {
  if (why) process.stderr.write(`segur-json: ${why.fr} / ${why.en}\n`);
  process.exit(code);
}

/**
 * The transport of the command line (--stdio, --node-ipc, --socket=N, --pipe=NAME), watched: the server never
 * goes deaf. A framing error (garbage bytes, a wrong Content-Length, a body that is not JSON), a write failure or a
 * message left incomplete (a Content-Length too large) makes it exit with code 1 and one line on stderr saying why
 * (never the bytes received), so that the client restarts it. It also exits when its input closes (code 0 after a
 * `shutdown`, else 1); the parent-process watch of vscode-languageserver (`processId`, `--clientProcessId`) stays.
 */
export function connectFromArgs(argv = process.argv.slice(2)): Connection {
  let shutdown = false;
  const closed = () => stop(shutdown ? 0 : 1, shutdown ? undefined : { fr: 'le client a fermé la connexion', en: 'the client closed the connection' });
  const value = (name: string) => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    return argv[i].includes('=') ? argv[i].slice(name.length + 1) : (argv[i + 1] ?? '');
  };
  let reader: MessageReader;
  let writer: MessageWriter;
  if (argv.includes('--stdio')) {
    reader = new StreamMessageReader(process.stdin);
    writer = new StreamMessageWriter(process.stdout);
    process.stdin.on('end', closed);
    process.stdin.on('close', closed);
    // stdout is the protocol: whatever a library prints goes to stderr, an error object by its name only.
    const toStderr = (...args: unknown[]) =>
      void process.stderr.write(`${args.map((a) => (a instanceof Error ? a.name : typeof a === 'string' ? a : typeof a)).join(' ')}\n`);
    console.log = console.info = console.warn = console.error = console.debug = console.trace = toStderr;
  } else if (argv.includes('--node-ipc')) {
    reader = new IPCMessageReader(process);
    writer = new IPCMessageWriter(process);
    process.on('disconnect', closed);
  } else if (value('--socket') !== undefined) {
    [reader, writer] = createServerSocketTransport(Number.parseInt(value('--socket')!, 10));
  } else if (value('--pipe') !== undefined) {
    [reader, writer] = createServerPipeTransport(value('--pipe')!);
  } else {
    return createConnection(ProposedFeatures.all); // the library's own message on a missing transport
  }
  reader.onError((e) => stop(1, readFailure(e)));
  reader.onClose(closed);
  writer.onError(() => stop(1, { fr: 'écriture vers le client impossible, arrêt du serveur', en: 'cannot write to the client, server stopping' }));
  writer.onClose(closed);
  // A message body still incomplete after two periods without a byte (default 10 s each): its Content-Length was
  // larger than what was sent. Two, so that a long check blocking the event loop once is not taken for it.
  const period = Number(process.env.SEGUR_LSP_STALL_MS) > 0 ? Number(process.env.SEGUR_LSP_STALL_MS) : 10_000;
  if (reader instanceof StreamMessageReader) reader.partialMessageTimeout = period;
  let strikes = 0;
  if (argv.includes('--stdio')) process.stdin.on('data', () => (strikes = 0));
  reader.onPartialMessage(() => {
    if (++strikes >= 2)
      stop(1, {
        fr: 'message incomplet (Content-Length trop grand ?), arrêt du serveur',
        en: 'incomplete message (Content-Length too large?), server stopping',
      });
  });
  const connection = createConnection(
    ProposedFeatures.all,
    guardReader(reader, (line) => void process.stderr.write(line)),
    writer,
  );
  connection.onShutdown(() => {
    shutdown = true;
  });
  return connection;
}

/**
 * Process-wide guards: an unexpected rejection is logged (one line, no content) and the server goes on; an uncaught
 * exception is logged the same way and ends the process with code 1 (its state is unknown; the client restarts it).
 */
function keepAlive(): void {
  process.on('unhandledRejection', (e) => void process.stderr.write(failureLine('promise', e)));
  process.on('uncaughtException', (e) => {
    process.stderr.write(failureLine('process', e));
    process.exit(1);
  });
}

/** `segur-json lsp --stdio` and dist/server.js: the server on the transport of the command line. */
export function runServer(): Connection {
  keepAlive();
  return startServer(connectFromArgs());
}

// Started directly (dist/server.js) by the VS Code client.
if (require.main === module) runServer();
