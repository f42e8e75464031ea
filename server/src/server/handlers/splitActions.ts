/**
 * Code actions that split a deposit file (engine/commands/split.ts, the same as `segur-json split`): on an S9
 * finding (more requests than the portal accepts in one file), on an S11 finding (VAT regimes mixed) and on any
 * error (« Extraire les demandes en erreur dans un autre fichier »: source 004's way back after a rejection). The
 * document keeps the first part; each other part is a new file beside it (`splitFileName`; `x.2.json` when that
 * name is taken on disk or by an open document: a creation never replaces a file), made by the one
 * workspace edit (createFile, then its text), so that one undo in the editor takes it all back. Offered only to a
 * client that applies file creations in a workspace edit (`workspace.workspaceEdit.resourceOperations`).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, type ClientCapabilities, type CodeAction, type Diagnostic, type TextDocumentEdit, type CreateFile } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { minimalEdit, splitRequests, splitFileName, SONS_TABLE, SplitError, type SplitOptions } from '../../segur';
import type { Cached, ServerState } from '../shared/state';
import { filePathOf } from '../shared/uris';

const canCreate = new WeakMap<ServerState, boolean>();

/** Whether the client applies workspace edits that create files (read once, at initialize). */
export function noteSplitCapabilities(s: ServerState, capabilities: ClientCapabilities | undefined): void {
  const we = capabilities?.workspace?.workspaceEdit;
  canCreate.set(s, !!we?.documentChanges && !!we.resourceOperations?.includes('create'));
}

/** A file name beside `dir` that no file on disk and no open document has (`x.json`, else `x.2.json`, `x.3.json`…). */
function freeName(s: ServerState, dir: string, name: string, taken: Set<string>): string {
  const stem = name.replace(/\.json$/i, '');
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? name : `${stem}.${n}.json`);
    const uri = pathToFileURL(candidate).href;
    if (!taken.has(candidate) && !existsSync(candidate) && !s.documents.get(uri)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

/** The action that applies `options`' split to the document, or none when there is nothing to split. */
function splitAction(
  s: ServerState,
  doc: TextDocument,
  path: string,
  entry: Cached,
  options: SplitOptions,
  title: (parts: number) => string,
  diagnostics: Diagnostic[],
): CodeAction | undefined {
  const text = doc.getText();
  let result;
  try {
    result = splitRequests(text, { ...options, check: entry.options, result: entry.result });
  } catch (e) {
    if (e instanceof SplitError) return undefined;
    throw e;
  }
  if (result.parts.length < 2) return undefined;
  const taken = new Set<string>();
  const changes: (TextDocumentEdit | CreateFile)[] = [];
  const keep = minimalEdit(text, result.parts[0].text);
  if (keep)
    changes.push({
      textDocument: { uri: doc.uri, version: doc.version },
      edits: [{ range: { start: doc.positionAt(keep.offset), end: doc.positionAt(keep.offset + keep.length) }, newText: keep.newText }],
    });
  for (const part of result.parts.slice(1)) {
    const uri = pathToFileURL(freeName(s, dirname(path), splitFileName(basename(path), part.tags), taken)).href;
    changes.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
    changes.push({
      textDocument: { uri, version: null },
      edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: part.text }],
    });
  }
  return { title: title(result.parts.length - 1), kind: CodeActionKind.QuickFix, diagnostics, edit: { documentChanges: changes } };
}

/** The split actions for the diagnostics of the request, on the result of the document's current text. */
export function splitActions(s: ServerState, doc: TextDocument, entry: Cached, diagnostics: readonly Diagnostic[]): CodeAction[] {
  if (!canCreate.get(s)) return [];
  const path = filePathOf(doc.uri);
  if (!path) return [];
  const ours = diagnostics.filter((d) => d.source === 'segur');
  const fr = s.localeOf(doc.uri) === 'fr';
  const files = (n: number) => (fr ? `${n} nouveau${n > 1 ? 'x' : ''} fichier${n > 1 ? 's' : ''}` : `${n} new file${n > 1 ? 's' : ''}`);
  const actions: CodeAction[] = [];
  const push = (a: CodeAction | undefined) => a && actions.push(a);
  const s9 = ours.filter((d) => d.code === 'S9');
  const max = SONS_TABLE.maxRequestsPerFile;
  if (s9.length > 0)
    push(
      splitAction(
        s,
        doc,
        path,
        entry,
        {},
        (n) => (fr ? `Répartir les demandes en fichiers de ${max} au plus (${files(n)})` : `Split the requests into files of at most ${max} (${files(n)})`),
        s9,
      ),
    );
  const s11 = ours.filter((d) => d.code === 'S11');
  if (s11.length > 0)
    push(
      splitAction(
        s,
        doc,
        path,
        entry,
        { byVat: true },
        (n) => (fr ? `Séparer les demandes par régime de TVA (${files(n)})` : `Split the requests by VAT regime (${files(n)})`),
        s11,
      ),
    );
  // Errors only: a warning does not reject the file.
  const errors = ours.filter((d) => d.severity === 1);
  if (errors.length > 0)
    push(
      splitAction(
        s,
        doc,
        path,
        entry,
        { errors: true, max: Number.MAX_SAFE_INTEGER },
        () => (fr ? 'Extraire les demandes en erreur dans un autre fichier' : 'Move the requests with errors to another file'),
        errors,
      ),
    );
  return actions;
}
