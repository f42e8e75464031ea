/**
 * The engine's snippets (server/src/engine/assist/snippets.ts) as LSP completion items: a text edit replacing the word
 * being typed, in snippet syntax, inserted as is (the engine already indents it like the document).
 */
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { snippetCompletions, type CheckOptions, type Locale } from '../../segur';

export function snippetItems(doc: TextDocument, position: Position, options: CheckOptions, locale: Locale): CompletionItem[] {
  return snippetCompletions(doc.getText(), doc.offsetAt(position), options, locale).map((s) => ({
    label: s.label,
    kind: CompletionItemKind.Snippet,
    detail: s.detail,
    documentation: { kind: MarkupKind.Markdown, value: s.documentation },
    filterText: s.filterText,
    sortText: s.sortText,
    preselect: s.preselect,
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range: { start: doc.positionAt(s.offset), end: doc.positionAt(s.offset + s.length) }, newText: s.newSnippet },
    data: { segurSnippet: s.type },
  }));
}

/**
 * Merges the snippets into the completion result: when a block snippet is offered, another snippet item at the
 * same place (the assistant's whole-item completion) is the same block and is left out.
 */
export function withSnippets<T extends { kind?: CompletionItemKind }>(items: T[], snippets: CompletionItem[]): (T | CompletionItem)[] {
  const block = snippets.some((s) => (s.data as { segurSnippet?: string } | undefined)?.segurSnippet === 'block');
  return [...(block ? items.filter((i) => i.kind !== CompletionItemKind.Snippet) : items), ...snippets];
}
