/**
 * Help while editing: completion (the engine's keys and values, and the snippets), hover, and the CodeLens at the
 * top of a Ségur file (its overview).
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CodeLens,
  type CodeLensParams,
  type CompletionItem,
  type CompletionParams,
  type Hover,
  type HoverParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { service } from '../../segur';
import { overviewLabel } from '../../protocol/labels';
import { blankTemplateLens } from '../shared/useAsTemplate';
import { snippetItems, withSnippets } from '../shared/snippetItems';
import type { ServerState } from '../shared/state';
import { crossFindings, noteOverview, validate } from './documentChecks';

async function completion(s: ServerState, params: CompletionParams): Promise<CompletionItem[]> {
  const doc = s.documents.get(params.textDocument.uri);
  if (!doc) return [];
  const options = s.optionsFor(doc, await s.settingsFor(doc.uri));
  const snapshot = TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());
  const rangeOf = (e: { offset: number; length: number }) => ({ start: snapshot.positionAt(e.offset), end: snapshot.positionAt(e.offset + e.length) });
  // The edit replaces the key or value being typed and carries its separators (valid JSON once accepted).
  const items = service.complete(s.parsedDoc(doc, snapshot.getText(), options), snapshot.offsetAt(params.position), s.localeOf(doc.uri)).map((c) => ({
    label: c.label,
    kind: c.kind === 'property' ? CompletionItemKind.Property : c.kind === 'value' ? CompletionItemKind.Value : CompletionItemKind.Snippet,
    textEdit: { range: rangeOf(c.range), newText: c.insertSnippet },
    additionalTextEdits: c.additionalEdits?.map((e) => ({ range: rangeOf(e), newText: e.newText })),
    insertTextFormat: InsertTextFormat.Snippet,
    filterText: c.filterText,
    detail: c.detail,
    documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
    sortText: c.sortText,
  }));
  return withSnippets(items, snippetItems(doc, params.position, options, s.localeOf(doc.uri)));
}

async function hover(s: ServerState, params: HoverParams): Promise<Hover | null> {
  const doc = s.documents.get(params.textDocument.uri);
  if (!doc) return null;
  const options = s.optionsFor(doc, await s.settingsFor(doc.uri));
  const h = service.hover(s.parsedDoc(doc, doc.getText(), options), doc.offsetAt(params.position), s.localeOf(doc.uri));
  if (!h) return null;
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: { start: doc.positionAt(h.offset), end: doc.positionAt(h.offset + h.length) } };
}

/**
 * A CodeLens at the top of a Ségur file: « 200 demandes · 1 234 567,89 € HT · 3 erreurs · IMG-RIS-Va2 solde »
 * (engine/assist/overview.ts, the findings across files included); in VS Code a click opens the Problems panel.
 */
async function codeLens(s: ServerState, params: CodeLensParams): Promise<CodeLens[]> {
  const doc = s.documents.get(params.textDocument.uri);
  if (!doc) return [];
  const entry = await validate(s, doc);
  if (!entry || !entry.result.detection.isSegur) return [];
  const blankLens = blankTemplateLens(entry.result.findings, doc.uri, s.localeOf(doc.uri), s.clientCommands);
  if (blankLens) return [blankLens];
  let o = s.overviews.get(doc.uri);
  if (!o || o.stamp !== entry.stamp) {
    noteOverview(s, doc.uri, entry, [...entry.result.findings, ...crossFindings(s, doc.uri, entry.result, entry.options.severities)]);
    o = s.overviews.get(doc.uri);
    if (!o) return [];
  }
  const title = overviewLabel(o.overview, s.localeOf(doc.uri));
  const at = { line: 0, character: 0 };
  return [{ range: { start: at, end: at }, command: { title, command: s.clientCommands ? 'workbench.actions.view.problems' : '' } }];
}

export function registerEditorHelp(s: ServerState): void {
  s.connection.onCompletion(
    s.request(
      'completion',
      { position: true },
      (): CompletionItem[] => [],
      (params: CompletionParams) => completion(s, params),
    ),
  );
  s.connection.onHover(
    s.request(
      'hover',
      { position: true },
      (): Hover | null => null,
      (params: HoverParams) => hover(s, params),
    ),
  );
  s.connection.onCodeLens(
    s.request(
      'codeLens',
      {},
      (): CodeLens[] => [],
      (params: CodeLensParams) => codeLens(s, params),
    ),
  );
}
