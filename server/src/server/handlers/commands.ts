/**
 * The client's commands (the requests of server/src/protocol/protocol.ts): choose the SONS and kind, use a file as an
 * official template, the SONS the learned templates add, the solde skeleton from an avance, and checking files on
 * disk (« Valider l'espace de travail »).
 */
import { ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CheckFilesProgressNotification,
  CheckFilesRequest,
  LearnedSonsRequest,
  SetOverrideRequest,
  SoldeFromAvanceRequest,
  UseAsTemplateRequest,
  type ParamsOf,
  type ResultOf,
} from '../../protocol/protocol';
import { soldeFromAvance, SoldeFromAvanceError, overview, addOverviews, learnedSonsOf, type CheckOptions, type CheckResult, type Overview } from '../../segur';
import { readRegularFile } from '../../io/files';
import { filePathOf } from '../shared/uris';
import { useAsTemplate, type UseAsTemplateParams } from '../shared/useAsTemplate';
import { validOverride } from '../shared/guards';
import { toDiagnostic } from '../shared/diagnostics';
import type { ServerState } from '../shared/state';
import { crossFindings, publish, recheckAll, safeCheck, validate } from './documentChecks';

/**
 * "Valider l'espace de travail": checks files on disk that are not open, results pushed as diagnostics. Answers
 * `files` / `errors` of those files and `bySons`: per SONS and kind, the files, requests, total excl. VAT per VAT
 * regime, errors and portal answers of every Ségur file of the list (engine/assist/overview.ts; an open document from its
 * current text). With `progress` (an id of the client's),
 * tells `segur/checkFilesProgress` { progress, done, total } as it goes, yielding to other messages meanwhile.
 */
async function checkFiles(s: ServerState, p: ParamsOf<typeof CheckFilesRequest>): Promise<ResultOf<typeof CheckFilesRequest>> {
  let segur = 0;
  let errors = 0;
  const checked: { uri: string; doc: TextDocument; result: CheckResult; severities: CheckOptions['severities'] }[] = [];
  const summaries: Overview[] = [];
  const total = p.uris.length;
  let lastTold = 0;
  const tell = async (done: number) => {
    if (p.progress === undefined || (done < total && Date.now() - lastTold < 100)) return;
    lastTold = Date.now();
    void s.connection.sendNotification(CheckFilesProgressNotification.method, { progress: p.progress, done, total } satisfies ParamsOf<
      typeof CheckFilesProgressNotification
    >);
    await new Promise((r) => setImmediate(r));
  };
  for (const [i, uri] of p.uris.entries()) {
    await tell(i);
    const open = s.documents.get(uri);
    if (open) {
      const entry = await validate(s, open);
      if (entry?.result.detection.isSegur) {
        const all = [...entry.result.findings, ...crossFindings(s, uri, entry.result, entry.options.severities)];
        summaries.push(overview(entry.result, all));
      }
      continue;
    }
    let text: string;
    let encoding: CheckOptions['encoding'];
    try {
      // Regular files only: a FIFO, socket or device is skipped, never opened.
      const path = filePathOf(uri);
      if (path === undefined) continue;
      ({ text, encoding } = readRegularFile(path));
    } catch {
      continue;
    }
    const doc = TextDocument.create(uri, 'json', 0, text);
    const settings = await s.settingsFor(uri);
    if (!settings.enable) continue;
    const result = safeCheck(s, uri, text, { ...s.optionsFor(doc, settings), encoding });
    s.index.set(uri, result);
    if (!result.detection.isSegur) continue;
    checked.push({ uri, doc, result, severities: settings.rules });
  }
  for (const c of checked) {
    const all = [...c.result.findings, ...crossFindings(s, c.uri, c.result, c.severities)];
    segur++;
    errors += all.filter((f) => f.severity === 'error').length;
    summaries.push(overview(c.result, all));
    // Files not open: no cached result, so their fixes are offered once they are opened (a stamp no result has).
    void s.connection.sendDiagnostics({
      uri: c.uri,
      diagnostics: all.map((f, i) => toDiagnostic(s, c.doc, f, i < c.result.findings.length ? { version: 0, stamp: '', index: i } : undefined)),
    });
  }
  await tell(total);
  const groups = new Map<string, Overview[]>();
  for (const o of summaries) {
    const k = `${o.sons ?? ''}|${o.kind ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), o]);
  }
  const bySons = [...groups.values()]
    .map((os) => ({ ...addOverviews(os), kind: os[0].kind, files: os.length }))
    .sort((a, b) => `${a.sons} ${a.kind}`.localeCompare(`${b.sons} ${b.kind}`));
  return { files: segur, errors, bySons };
}

export function registerCommands(s: ServerState): void {
  const { connection, documents, guard } = s;

  /** The client's "choose SONS and kind" command. */
  connection.onRequest(
    SetOverrideRequest.method,
    guard(
      SetOverrideRequest.method,
      (): ResultOf<typeof SetOverrideRequest> => null,
      (p: ParamsOf<typeof SetOverrideRequest>): ResultOf<typeof SetOverrideRequest> | Promise<ResultOf<typeof SetOverrideRequest>> => {
        // Checked before it is kept: a SONS that is not a string would fail every later check of the document.
        if (!validOverride(p))
          throw new ResponseError(
            ErrorCodes.InvalidParams,
            `${SetOverrideRequest.method} : paramètres invalides (uri texte, sons texte, kind « avance » ou « solde ») / invalid params (uri string, sons string, kind "avance" or "solde")`,
          );
        if (p.sons || p.kind) s.overrides.set(p.uri, { sons: p.sons ?? undefined, kind: p.kind ?? undefined });
        else s.overrides.delete(p.uri);
        s.cache.delete(p.uri);
        if (s.pull) s.refreshPulled();
        else void publish(s, p.uri);
        const doc = documents.get(p.uri);
        return doc ? validate(s, doc).then((e) => e?.result.detection ?? null) : null;
      },
    ),
  );

  /**
   * « Utiliser ce fichier comme modèle officiel » (the client's segur.useAsTemplate): see
   * useAsTemplate.ts. Once a template file is written, the templates are read again and the documents re-checked.
   */
  connection.onRequest(
    UseAsTemplateRequest.method,
    guard(
      UseAsTemplateRequest.method,
      () => ({ status: 'error', message: s.locale === 'fr' ? 'erreur interne' : 'internal error' }),
      async (p: UseAsTemplateParams) => {
        // Answered in the document's language, as its diagnostics (segur.language, else its segur.config.json).
        const locale = s.localeOf(p.uri);
        const doc = documents.get(p.uri) ?? s.textOf(p.uri);
        const path = filePathOf(p.uri);
        if (!doc || path === undefined) return { status: 'error', message: locale === 'fr' ? "enregistrez d'abord ce fichier" : 'save this file first' };
        const settings = await s.settingsFor(p.uri);
        const answer = useAsTemplate(p, {
          path,
          text: doc.getText(),
          folderSetting: settings.templatesFolder,
          workspaceFolders: s.workspaceFolders,
          trusted: s.trusted,
          templates: s.templatesIn(settings.templatesFolder),
          locale,
        });
        if (answer.status === 'done') {
          s.templateCache.clear();
          s.cache.clear();
          recheckAll(s);
        }
        return answer;
      },
    ),
  );

  /** The SONS the learned templates of a document's settings add to the bundle's (the client's SONS picker). */
  connection.onRequest(
    LearnedSonsRequest.method,
    guard(
      LearnedSonsRequest.method,
      () => [],
      async (p: ParamsOf<typeof LearnedSonsRequest>): Promise<ResultOf<typeof LearnedSonsRequest>> => {
        const settings = await s.settingsFor(p.uri);
        return learnedSonsOf(s.templatesIn(settings.templatesFolder)).map((l) => ({ id: l.id, corridor: l.corridor, kinds: l.kinds }));
      },
    ),
  );

  /** "Créer le JSON de solde depuis l'avance": the text of the solde skeleton (the client opens it). */
  connection.onRequest(
    SoldeFromAvanceRequest.method,
    guard(
      SoldeFromAvanceRequest.method,
      (): ResultOf<typeof SoldeFromAvanceRequest> => ({ error: s.locale === 'fr' ? 'erreur interne' : 'internal error' }),
      async (p: ParamsOf<typeof SoldeFromAvanceRequest>): Promise<ResultOf<typeof SoldeFromAvanceRequest>> => {
        const locale = s.localeOf(p.uri);
        const doc = documents.get(p.uri) ?? s.textOf(p.uri);
        if (!doc) return { error: locale === 'fr' ? 'fichier illisible' : 'unreadable file' };
        try {
          const options = s.optionsForUri(p.uri, await s.settingsFor(p.uri));
          return soldeFromAvance(doc.getText(), { fileName: options.fileName, sons: options.sons });
        } catch (e) {
          if (e instanceof SoldeFromAvanceError) return { error: e.reason[locale] };
          return { error: locale === 'fr' ? 'erreur interne' : 'internal error' };
        }
      },
    ),
  );

  connection.onRequest(
    CheckFilesRequest.method,
    guard(
      CheckFilesRequest.method,
      (): ResultOf<typeof CheckFilesRequest> => ({ files: 0, errors: 0 }),
      (p: ParamsOf<typeof CheckFilesRequest>) => checkFiles(s, p),
    ),
  );
}
