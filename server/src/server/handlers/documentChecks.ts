/**
 * Checking documents and showing the findings: the engine on a document's text (once per version and text), the
 * findings across files from the workspace index, push (debounced publish) and pull (`textDocument/diagnostic`), and
 * the re-publishing of the other open documents whose findings across files changed.
 */
import {
  CodeLensRefreshRequest,
  type Diagnostic,
  type CancellationToken,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { randomBytes } from 'node:crypto';
import { DetectionNotification, type ParamsOf } from '../../protocol/protocol';
import { attachmentFactsFor } from '../shared/attachmentFolder';
import {
  service,
  overview,
  asBlankTemplate,
  editorInternalFinding,
  editorCrossInternalFinding,
  type ParsedDoc,
  type CheckOptions,
  type CheckResult,
  type Finding,
  type Overview,
} from '../../segur';
import { inTemplatesFolder } from '../../io/templates';
import { positionsOf } from '../shared/positions';
import { failureLine } from '../shared/guards';
import { findingsSignature, internalDiagnostic, toDiagnostic } from '../shared/diagnostics';
import type { Cached, FixRef, ServerState } from '../shared/state';

const STAMP_PREFIX = randomBytes(6).toString('hex');
let stamps = 0;

/**
 * A document's overview (requests, totals, errors, portal answers: engine/assist/overview.ts) from all its findings:
 * told to the client with its detection (`segur/detection`, the status bar) when it changed, and the CodeLens
 * asked again (another file may have changed this one's errors across files).
 */
export function noteOverview(s: ServerState, uri: string, entry: Cached, all: readonly Finding[]): void {
  let o: Overview;
  try {
    o = overview(entry.result, all);
  } catch (e) {
    // The diagnostics do not depend on it: a failure here only leaves the CodeLens and the status count out.
    s.log(failureLine('overview', e));
    return;
  }
  const key = JSON.stringify(o);
  const last = s.overviews.get(uri);
  s.overviews.set(uri, { stamp: entry.stamp, overview: o, key });
  if (last?.key === key) return;
  void s.connection.sendNotification(DetectionNotification.method, { uri, detection: entry.result.detection, overview: o } satisfies ParamsOf<
    typeof DetectionNotification
  >);
  if (last && s.codeLensRefreshSupport && !s.lensRefresh) {
    s.lensRefresh = setTimeout(() => {
      s.lensRefresh = undefined;
      s.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }, 100);
  }
}

/**
 * The engine on one text, isolated: an exception yields one internal finding on this document (S12/internal, the
 * rule is not known), never a failed request.
 */
export function safeCheck(s: ServerState, uri: string, text: string, options: CheckOptions, keep?: (doc: ParsedDoc) => void): CheckResult {
  try {
    s.fault('check', [uri]);
    const doc = service.parse(text, options);
    keep?.({ ...doc, parsed: undefined });
    // A blank official template gets one finding saying so, not the S3 of every tag.
    const dir = [...s.templateCache].find(([, t]) => t === options.templates)?.[0];
    const r = asBlankTemplate(text, options, service.validate(doc, options), inTemplatesFolder(dir));
    s.index.noteBlank(uri, r.blank);
    return r.result;
  } catch (e) {
    s.log(failureLine('check', e));
    return {
      detection: { isSegur: true, reason: { fr: 'vérification interrompue (erreur interne)', en: 'check interrupted (internal error)' } },
      findings: [editorInternalFinding('check')],
    };
  }
}

/** Validates a document's text once; later requests for the same version and the same text reuse the result. */
export async function validate(s: ServerState, doc: TextDocument): Promise<Cached | undefined> {
  const text = doc.getText();
  const hit = s.cache.get(doc.uri);
  if (hit && hit.version === doc.version && hit.text === text) return hit;
  const settings = await s.settingsFor(doc.uri);
  if (!settings.enable) return undefined;
  const current = s.documents.get(doc.uri);
  if (!current || current.version !== doc.version || current.getText() !== text) return undefined; // stale
  const options = s.optionsFor(doc, settings);
  // The attachment files, read first when the setting names their folder (server/shared/attachmentFolder.ts; rules P1–P4).
  const facts = await attachmentFactsFor(s, doc.uri, text, options, settings);
  if (facts) {
    options.attachments = facts;
    const now = s.documents.get(doc.uri);
    if (!now || now.version !== doc.version || now.getText() !== text) return undefined; // changed while reading
  }
  let parsed: ParsedDoc | undefined;
  s.hooks.checked?.(doc.uri);
  const entry: Cached = {
    version: doc.version,
    text,
    stamp: `${STAMP_PREFIX}-${++stamps}`,
    result: safeCheck(s, doc.uri, text, options, (d) => (parsed = d)),
    options,
  };
  // The garbage of a big check is collected once its diagnostics are sent (memory.ts).
  s.idle.afterCheck(text.length);
  entry.doc = parsed;
  s.cache.set(doc.uri, entry);
  s.index.set(doc.uri, entry.result);
  refreshSameSons(s, doc.uri);
  void s.connection.sendNotification(DetectionNotification.method, { uri: doc.uri, detection: entry.result.detection } satisfies ParamsOf<
    typeof DetectionNotification
  >);
  return entry;
}

/**
 * Findings of the rules across files for a document, from the workspace's incremental index (its avance/solde
 * counterparts and the files of the same SONS, n° ANS and SIRET): look-ups, not a run over every file. The
 * signature of what an open document was given is kept, so that another file's change re-publishes it only when
 * they changed: editing one file does not re-publish every open one.
 */
export function crossFindings(s: ServerState, uri: string, result: CheckResult, severities: CheckOptions['severities']): Finding[] {
  const found = crossOf(s, uri, result, severities);
  if (s.documents.get(uri)) s.crossSig.set(uri, findingsSignature(found));
  return found;
}

function crossOf(s: ServerState, uri: string, result: CheckResult, severities: CheckOptions['severities']): Finding[] {
  try {
    s.fault('cross', [uri]);
    return result.summary && result.detection.sons ? s.index.crossFindings(uri, severities) : [];
  } catch (e) {
    // The index isolates each pair and group; this is the last guard: the document keeps its own findings.
    s.log(failureLine('cross', e));
    return [editorCrossInternalFinding()];
  }
}

async function diagnosticsOf(s: ServerState, doc: TextDocument): Promise<Diagnostic[]> {
  let entry: Cached | undefined;
  let all: Finding[];
  try {
    entry = await validate(s, doc);
    if (!entry) return [];
    all = [...entry.result.findings, ...crossFindings(s, doc.uri, entry.result, entry.options.severities)];
    noteOverview(s, doc.uri, entry, all);
  } catch (e) {
    s.log(failureLine('diagnostics', e));
    return [internalDiagnostic(s, editorInternalFinding('check'))];
  }
  // A finding that cannot be converted is replaced by one internal finding of its rule; the others are shown.
  const out: Diagnostic[] = [];
  const failed = new Set<string>();
  const own = entry.result.findings.length;
  // The positions of this text's findings in one pass on a big text (positions.ts), not its whole line table.
  const offsets: number[] = [];
  for (const f of all) {
    offsets.push(f.offset, f.offset + f.length);
    for (const r of f.related ?? []) if (!r.file || r.file === doc.uri) offsets.push(r.offset, r.offset + r.length);
  }
  const at = positionsOf(entry.text, offsets, (o) => doc.positionAt(o));
  for (const [i, f] of all.entries()) {
    try {
      s.fault('diagnostic', [doc.uri], f.code);
      const ref: FixRef | undefined = f.fix && i < own ? { version: entry.version, stamp: entry.stamp, index: i } : undefined;
      out.push(toDiagnostic(s, doc, f, ref, at));
    } catch (e) {
      const rule = String(f.code).split('/')[0] || 'S12';
      if (failed.has(rule)) continue;
      failed.add(rule);
      s.log(failureLine('diagnostic', e));
      out.push(internalDiagnostic(s, editorInternalFinding('diagnostic', rule)));
    }
  }
  return out;
}

/**
 * A file changed: the open files whose findings across files changed (the index says which files share a number
 * or identifier with it; each one's new findings are compared with the signature of what it was given) are
 * re-published (push) or re-pulled (one refresh).
 */
export function refreshSameSons(s: ServerState, uri: string | undefined): void {
  try {
    refreshAffected(s, uri);
  } catch {
    // Never fails the validation of the document that changed; the others refresh at their next change.
  }
}

function refreshAffected(s: ServerState, uri: string | undefined): void {
  const affected = uri === undefined ? undefined : s.index.takeAffected(uri);
  const candidates = affected ? [...affected] : s.documents.all().map((d) => d.uri);
  let changed = false;
  for (const other of candidates) {
    if (other === uri || !s.documents.get(other)) continue;
    const c = s.cache.get(other);
    if (!c) continue; // not validated yet: its own validation publishes it
    if (s.crossSig.get(other) === findingsSignature(crossOf(s, other, c.result, c.options.severities))) continue;
    changed = true;
    if (!s.pull) void publish(s, other);
  }
  for (const u of s.crossSig.keys()) if (!s.documents.get(u)) s.crossSig.delete(u);
  if (s.pull && changed) s.refreshPulled();
}

export async function publish(s: ServerState, uri: string): Promise<void> {
  try {
    await publishNow(s, uri);
  } finally {
    s.checkFirst.delete(uri);
  }
}

async function publishNow(s: ServerState, uri: string): Promise<void> {
  const doc = s.documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  const text = doc.getText();
  const diagnostics = await diagnosticsOf(s, doc);
  // A newer version, or other text under the same version number, is on its way.
  if (s.documents.get(uri)?.version !== version || s.documents.get(uri)?.getText() !== text) return;
  void s.connection.sendDiagnostics({ uri, version, diagnostics });
}

/** Push: a publish after the debounce of a change, at once on open and save; nothing when the client pulls. */
export async function schedule(s: ServerState, doc: TextDocument, reason: 'open' | 'change' | 'save'): Promise<void> {
  const settings = await s.settingsFor(doc.uri);
  if (s.pull) {
    // The client pulls (and decides when), on each change but not on save (as VS Code does by default): with
    // `onSave`, the saved text's findings are asked for.
    if (reason === 'save' && settings.run === 'onSave') s.refreshPulled();
    return;
  }
  if (reason === 'change' && settings.run === 'onSave') return;
  clearTimeout(s.timers.get(doc.uri));
  const delay = reason === 'change' ? settings.debounceMs : 0;
  s.timers.set(
    doc.uri,
    setTimeout(() => {
      s.timers.delete(doc.uri);
      void publish(s, doc.uri);
    }, delay),
  );
}

/** Every open document published again (push) or pulled again (one refresh), after what they all depend on changed. */
export function recheckAll(s: ServerState): void {
  if (s.pull) s.refreshPulled();
  else for (const d of s.documents.all()) void publish(s, d.uri);
}

export function registerDiagnostics(s: ServerState): void {
  s.connection.languages.diagnostics.on(
    s.request(
      'pullDiagnostics',
      {},
      (): DocumentDiagnosticReport => ({ kind: 'full', items: [] }),
      async (params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> => {
        const doc = s.documents.get(params.textDocument.uri);
        if (!doc || token.isCancellationRequested) return { kind: 'full', items: [] };
        // `segur.validate.run: onSave`: an unsaved edit keeps the findings of the text last opened or saved (as
        // ESLint's onSave), the client moving them with the edits; fresh findings come with the save.
        const last = s.pulled.get(doc.uri);
        if (last && s.savedVersion.get(doc.uri) !== doc.version && (await s.settingsFor(doc.uri)).run === 'onSave')
          return params.previousResultId === last.resultId ? { kind: 'unchanged', resultId: last.resultId } : { kind: 'full', ...last };
        const version = doc.version;
        const items = await diagnosticsOf(s, doc);
        // Kept only as the findings of the version asked for (a change may have come meanwhile).
        if (s.documents.get(doc.uri)?.version !== version) return { kind: 'full', items };
        const resultId = `${STAMP_PREFIX}-${++stamps}`;
        s.pulled.set(doc.uri, { resultId, items });
        return { kind: 'full', resultId, items };
      },
    ),
  );
}
