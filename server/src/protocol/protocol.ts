/**
 * The custom LSP messages of segur-json, shared by the server (server/src/server/server.ts) and the VS Code client
 * (client/src/extension.ts): each one's method name with the types of its params and result. Any
 * other client (Neovim, Helix…) may use them too; the standard LSP messages are the libraries' own.
 *
 * No runtime dependency: the client bundle (esbuild, from client/src) and the server bundle each import this module
 * and nothing else comes with it (the types of the engine are erased). A request is `{ method }` with phantom
 * types, used as `connection.onRequest(X.method, (p: ParamsOf<typeof X>) => …)` and
 * `client.sendRequest<ResultOf<typeof X>>(X.method, params)`; test/lsp/protocol.test.ts checks that the server
 * registers and sends only messages declared here, and that neither side writes a method name itself.
 */
import type { Detection } from '../engine/shared/types';
import type { Overview } from '../engine/assist/overview';
import type { TemplateKind } from '../engine/templates/blankTemplate';
import type { WorkspaceEdit } from 'vscode-languageserver-types';

/** The engine's types the client needs, type-only (erased from the client's bundle, which imports no engine code). */
export type { Detection, Kind, Locale, Localized } from '../engine/shared/types';
export type { Overview, RegimeTotal } from '../engine/assist/overview';

/** A request of ours: its method, with the types of its params and result (never set at run time). */
export interface RequestDef<P, R> {
  readonly kind: 'request';
  readonly method: string;
  readonly __types?: { params: P; result: R };
}

/** A notification of ours: its method, with the type of its params (never set at run time). */
export interface NotificationDef<P> {
  readonly kind: 'notification';
  readonly method: string;
  readonly __types?: { params: P };
}

export type ParamsOf<T> = T extends RequestDef<infer P, unknown> ? P : T extends NotificationDef<infer P> ? P : never;
export type ResultOf<T> = T extends RequestDef<unknown, infer R> ? R : never;

const request = <P, R>(method: string): RequestDef<P, R> => ({ kind: 'request', method });
const notification = <P>(method: string): NotificationDef<P> => ({ kind: 'notification', method });

/** Params of `segur/setOverride`: the SONS and kind chosen for a document (both absent: back to detection). */
export interface SetOverrideParams {
  uri: string;
  sons?: string;
  kind?: 'avance' | 'solde';
}

/** Client → server: « Choisir le SONS et le type »; answers the document's detection then (null: not open). */
export const SetOverrideRequest = request<SetOverrideParams, Detection | null>('segur/setOverride');

/** The answer of `segur/soldeFromAvance`: the solde skeleton's text and SONS, or why it could not be made. */
export type SoldeFromAvanceResult = { text: string; sons: string; error?: undefined } | { text?: undefined; sons?: undefined; error: string };

/** Client → server: « Créer le JSON de solde depuis l'avance » for a document (open, else read from disk). */
export const SoldeFromAvanceRequest = request<{ uri: string }, SoldeFromAvanceResult>('segur/soldeFromAvance');

/** Params of `segur/checkFiles`: the files to check, and an id of the client's to be told the progress with. */
export interface CheckFilesParams {
  uris: string[];
  progress?: string | number;
}

/** One row of the `segur/checkFiles` answer: the overview of the files of one SONS and kind. */
export interface SonsSummary extends Overview {
  files: number;
}

/** The answer of `segur/checkFiles`: Ségur files checked, their errors, and one row per SONS and kind. */
export interface CheckFilesResult {
  files: number;
  errors: number;
  bySons?: SonsSummary[];
}

/** Client → server: « Valider l'espace de travail » on files (those not open get their diagnostics pushed). */
export const CheckFilesRequest = request<CheckFilesParams, CheckFilesResult>('segur/checkFiles');

/** Server → client, during `segur/checkFiles` with a `progress` id: how many of the files are done. */
export const CheckFilesProgressNotification = notification<{ progress: string | number; done: number; total: number }>('segur/checkFilesProgress');

/** Params of `segur/detection`: a document's detection (status bar) and, once known, its overview (error count…). */
export interface DetectionParams {
  uri: string;
  detection: Detection;
  overview?: Overview;
}

/** Server → client: a document's SONS, kind and overview changed (the status bar). */
export const DetectionNotification = notification<DetectionParams>('segur/detection');

export interface UseAsTemplateParams {
  uri: string;
  /** The SONS and kind chosen by the user (when the file's name does not give them). */
  sons?: string;
  kind?: TemplateKind;
  /** Replace a different file already at the target (the user said so). */
  overwrite?: boolean;
}

export type UseAsTemplateAnswer =
  /** Ask the user the SONS and kind (the picker), then ask again with them. */
  | { status: 'choose'; guess?: { sons?: string; kind?: string }; message: string }
  /** A different file is at `target`: ask before replacing it, then ask again with `overwrite`. */
  | { status: 'exists'; target: string; message: string }
  /**
   * Done on the server's side. `setFolder`: the client writes `folder` in `segur.templates.folder` (the file's
   * folder, workspace-relative when it can be); otherwise the folder already set holds the template now.
   */
  | { status: 'done'; key: string; folder: string; setFolder: boolean; copiedTo?: string; message: string }
  | { status: 'error'; message: string };

/** Client → server: « Utiliser ce fichier comme modèle officiel » for a blank template (server/src/server/shared/useAsTemplate.ts). */
export const UseAsTemplateRequest = request<UseAsTemplateParams, UseAsTemplateAnswer>('segur/useAsTemplate');

/** A SONS that learned templates add to the bundle's (the SONS picker). */
export interface LearnedSonsItem {
  id: string;
  corridor: string;
  kinds: string[];
}

/** Client → server: the SONS the learned templates of a document's settings add to the bundle's. */
export const LearnedSonsRequest = request<{ uri: string }, LearnedSonsItem[]>('segur/learnedSons');

/**
 * Client → server: the user trusted the workspace during the session (VS Code's onDidGrantWorkspaceTrust). The server
 * reads the settings again with trust (those pointing at files: templates, attachments) and checks everything again.
 */
export const WorkspaceTrustedNotification = notification<Record<string, never>>('segur/workspaceTrusted');

/**
 * Params of `segur/prepareDeposit`: the JSON (a file on disk: the deposit copies its bytes) and, once chosen, where the
 * package goes (a file-system path that must not exist). Without `target`, the server only checks and proposes one.
 */
export interface PrepareDepositParams {
  uri: string;
  target?: string;
}

/** An error that blocks the deposit: where it is (0-based), its code, its message, the attachment it names (P1–P4). */
export interface DepositBlocker {
  line: number;
  character: number;
  code: string;
  message: string;
  attachment?: string;
}

export type PrepareDepositResult =
  /** No error: where the server proposes to write the package (beside the JSON's folder, outside the attachments'). */
  | { status: 'choose'; proposed: string; message?: undefined }
  /** Errors remain (in the JSON or its attachments): nothing written. */
  | { status: 'blocked'; blockers: DepositBlocker[]; message: string }
  /** Written: the folder, its ZIPs and the attachments they hold. */
  | { status: 'written'; target: string; zips: number; files: number; message: string }
  | { status: 'error'; message: string };

/** Client → server: « Préparer le dépôt » for a saved Ségur JSON (server/src/server/handlers/depositCommand.ts). */
export const PrepareDepositRequest = request<PrepareDepositParams, PrepareDepositResult>('segur/prepareDeposit');

/** Params of `segur/mergePdf`: the document, where the cursor is (a part's nomFichier), and the merged PDF's name. */
export interface MergePdfParams {
  uri: string;
  position: { line: number; character: number };
  /** Absent: the server proposes one (answer `name`); present: the server merges under it. */
  name?: string;
}

export type MergePdfAnswer =
  /** Ask the user the name (`proposed` first); `message` says why the last one was refused. */
  | { status: 'name'; proposed: string; parts: string[]; message?: string }
  /** The PDF written beside its parts (`pdf`, a path), and the JSON change, each edit annotated to be confirmed. */
  | { status: 'done'; pdf: string; pages: number; edit: WorkspaceEdit; message: string }
  | { status: 'error'; message: string };

/** Client → server: « Fusionner des PDF » on the parts of one type a request names (server/src/server/handlers/mergePdfRequest.ts). */
export const MergePdfRequest = request<MergePdfParams, MergePdfAnswer>('segur/mergePdf');

/** Every custom message, by name (test/lsp/protocol.test.ts). */
export const PROTOCOL = {
  SetOverrideRequest,
  SoldeFromAvanceRequest,
  CheckFilesRequest,
  CheckFilesProgressNotification,
  DetectionNotification,
  UseAsTemplateRequest,
  LearnedSonsRequest,
  WorkspaceTrustedNotification,
  PrepareDepositRequest,
  MergePdfRequest,
} as const;

/**
 * The settings segur.config.json can also set (`segur.` left out). The VS Code client answers workspace/configuration's
 * `segur` section with these keys only when the user set them (client/src/explicitSettings.ts), and says so with
 * EXPLICIT_SETTINGS: VS Code would send a setting's default when it is not set, and the user's own value must win over
 * the configuration file even when it equals the default. A client without the marker (Neovim…) sends what its user
 * wrote; the server then takes a value equal to the default as not set (server/src/server/shared/settings.ts).
 */
export const CONFIG_FILE_SETTINGS = ['rules', 'files', 'modelled.severity', 'templates.folder', 'attachments.folder', 'workspace.exclude', 'language'] as const;
export const EXPLICIT_SETTINGS = '$explicitOnly';
