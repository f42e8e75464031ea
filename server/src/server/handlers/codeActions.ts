/**
 * Code actions: quick fixes (their edit inline, or left to `codeAction/resolve` for a client that resolves),
 * « Corriger tous les problèmes Sx », the SONS picker, the rule's documentation, and `source.fixAll.segur`.
 */
import {
  CodeActionKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { selectFixes, applyEdits, fixAll, isStrictJson, type Finding } from '../../segur';
import { fixAllEdits } from '../shared/fixEdits';
import { blankTemplateActions } from '../shared/useAsTemplate';
import type { ActionData, Cached, FixRef, SegurDiagnosticData, ServerState } from '../shared/state';
import { validate } from './documentChecks';
import { splitActions } from './splitActions';
import { mergePdfActions } from './mergePdfRequest';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.segur`;

/** A quick fix's finding in a cached result, if the reference is to this very result (else stale: none). */
function findingOf(entry: Cached, ref: FixRef): Finding | undefined {
  if (typeof ref !== 'object' || ref === null || ref.stamp !== entry.stamp || ref.version !== entry.version || !Number.isInteger(ref.index)) return undefined;
  return entry.result.findings[ref.index];
}
/** One pass of one rule's fixes (« Corriger tous les problèmes Sx »), from a result's own findings. */
const ruleFixes = (entry: Cached, rule: string) => selectFixes(entry.result.findings, (f) => f.code.split('/')[0] === rule);
/** Engine edits (offsets) as a workspace edit of a document whose text they were computed on. */
const editOf = (doc: TextDocument, edits: readonly { offset: number; length: number; newText: string }[]): WorkspaceEdit => ({
  changes: { [doc.uri]: edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.newText })) },
});

/**
 * codeAction/resolve: the edit of a quick fix (or of « Corriger tous les problèmes Sx ») offered without it, from
 * the cached result, if the document still has the text of that result (same version, same stamp). Otherwise the
 * action comes back without an edit: a stale action is never applied.
 */
function resolveAction(s: ServerState, action: CodeAction): CodeAction {
  const data = action.data as ActionData | undefined;
  if (!data || typeof data !== 'object' || typeof data.uri !== 'string') return action;
  const doc = s.documents.get(data.uri);
  const entry = s.cache.get(data.uri);
  if (!doc || !entry || entry.version !== doc.version || entry.text !== doc.getText()) return action;
  if ('fix' in data) {
    const f = findingOf(entry, data.fix);
    if (f?.fix) action.edit = editOf(doc, f.fix.edits);
  } else if (typeof data.rule === 'string' && data.stamp === entry.stamp && data.version === entry.version) {
    const sel = ruleFixes(entry, data.rule);
    if (sel.chosen.length > 0) action.edit = editOf(doc, sel.edits);
  }
  return action;
}

async function codeActions(s: ServerState, params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
  const doc = s.documents.get(params.textDocument.uri);
  if (!doc || token.isCancellationRequested) return [];
  // The text the actions are computed on (the document object is updated in place by later changes).
  const snapshot = TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  if (wants(CodeActionKind.QuickFix)) {
    const byRule = new Map<string, number>();
    const validated = await validate(s, doc);
    // The result of the very text the actions are computed on, else none (the client will ask again).
    const current = validated && validated.version === snapshot.version && validated.text === snapshot.getText() ? validated : undefined;
    let undetected: Diagnostic | undefined;
    for (const d of params.context.diagnostics) {
      if (d.source !== 'segur') continue;
      // Every diagnostic has `data` (its provenance); one with a fix has a reference to it there (`fix`).
      const ref = (d.data as SegurDiagnosticData | undefined)?.fix;
      // S1 on a file whose SONS or kind is unknown: the client's picker (status bar) chooses them.
      if (d.code === 'S1' && !ref) undetected = d;
      if (!ref) continue;
      // Stale unless computed from the current text (its result's stamp), whatever the version number says.
      const f = current ? findingOf(current, ref) : undefined;
      if (!f?.fix) continue;
      const action: CodeAction = { title: f.fix.title[s.localeOf(doc.uri)], kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: f.fix.safe };
      if (s.resolveEdits) action.data = { uri: doc.uri, fix: ref } satisfies ActionData;
      else action.edit = editOf(snapshot, f.fix.edits);
      actions.push(action);
      const rule = String(d.code).split('/')[0];
      byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    }
    const entry = byRule.size > 0 || undetected ? current : undefined;
    if (entry) {
      if (undetected && (!entry.result.detection.sons || !entry.result.detection.kind)) {
        const title = s.localeOf(doc.uri) === 'fr' ? 'Choisir le SONS et le type' : 'Choose the SONS and kind';
        actions.push({
          title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [undetected],
          isPreferred: true,
          command: { title, command: 'segur.chooseSons', arguments: [doc.uri] },
        });
      }
      const text = snapshot.getText();
      for (const rule of byRule.keys()) {
        const sel = ruleFixes(entry, rule);
        if (sel.chosen.length < 2) continue;
        // One pass of this rule's fixes; never offered when it would leave broken JSON.
        let fixed: string;
        try {
          fixed = applyEdits(text, sel.edits);
        } catch {
          continue;
        }
        if (isStrictJson(text) && !isStrictJson(fixed)) continue;
        const action: CodeAction = {
          title:
            s.localeOf(doc.uri) === 'fr' ? `Corriger tous les problèmes ${rule} (${sel.chosen.length})` : `Fix all ${rule} problems (${sel.chosen.length})`,
          kind: CodeActionKind.QuickFix,
        };
        if (s.resolveEdits) action.data = { uri: doc.uri, rule, version: entry.version, stamp: entry.stamp } satisfies ActionData;
        else action.edit = editOf(snapshot, sel.edits);
        actions.push(action);
      }
    }
    // Split the file (S9, S11, the requests with errors): handlers/splitActions.ts.
    if (current) actions.push(...splitActions(s, snapshot, current, params.context.diagnostics));
  }
  // « Fusionner des PDF » on a part's nomFichier (handlers/mergePdf.ts).
  if (wants(CodeActionKind.RefactorRewrite)) actions.push(...mergePdfActions(s, snapshot, params));
  // « Utiliser ce fichier comme modèle officiel » on a blank official template (a client that runs the command).
  if (s.clientCommands && wants(CodeActionKind.QuickFix)) actions.push(...blankTemplateActions(params.context.diagnostics, doc.uri, s.localeOf(doc.uri)));
  // « Documentation de la règle S5 » on every Ségur diagnostic, once per rule (a client that runs segur.showRule).
  if (s.clientCommands && wants(CodeActionKind.QuickFix)) {
    const seen = new Set<string>();
    for (const d of params.context.diagnostics) {
      const rule = d.source === 'segur' ? String(d.code ?? '').split('/')[0] : '';
      if (!/^[A-Z]\d+$/.test(rule) || seen.has(rule)) continue;
      seen.add(rule);
      const title = s.localeOf(doc.uri) === 'fr' ? `Documentation de la règle ${rule}` : `Rule documentation ${rule}`;
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command: 'segur.showRule', arguments: [rule] } });
    }
  }
  if (only && only.some((k) => FIX_ALL_KIND.startsWith(k) && k !== '')) {
    const entry = await validate(s, doc);
    if (entry && entry.version === snapshot.version) {
      // The same text as `segur-json check --fix`: the engine passes until no safe fix is left; the client gets one
      // small edit per change (shared/fixEdits.ts), so that the cursor, the folds and the undo history stay put.
      const text = snapshot.getText();
      const edits = fixAllEdits(text, fixAll(text, entry.options, undefined, entry.result).text, selectFixes(entry.result.findings).edits);
      // Its edit stays inline, even for a client that resolves: it is asked for explicitly (only this kind), is
      // computed here anyway (whether there is anything to fix decides the action), and the client's
      // « Ségur : corriger tous les problèmes » reads it from vscode.executeCodeActionProvider, which resolves nothing.
      if (edits.length > 0) {
        actions.push({
          title: s.localeOf(doc.uri) === 'fr' ? 'Ségur : corriger tous les problèmes' : 'Ségur: fix all problems',
          kind: FIX_ALL_KIND,
          edit: editOf(snapshot, edits),
        });
      }
    }
  }
  return actions;
}

export function registerCodeActions(s: ServerState): void {
  s.connection.onCodeActionResolve((action: CodeAction) =>
    s.guard(
      'codeActionResolve',
      () => action,
      (a: CodeAction) => resolveAction(s, a),
    )(action),
  );
  s.connection.onCodeAction(
    s.request(
      'codeAction',
      { range: true },
      (): CodeAction[] => [],
      (params: CodeActionParams, token: CancellationToken) => codeActions(s, params, token),
    ),
  );
}
