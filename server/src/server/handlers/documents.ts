/**
 * The document notifications: open (checked at once, before the index goes on), change (debounced), save, close
 * (back to the file on disk for the findings across files).
 */
import type { TextDocumentChangeEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { filePathOf } from '../shared/uris';
import type { ServerState } from '../shared/state';
import { refreshSameSons, schedule } from './documentChecks';

export function registerDocuments(s: ServerState): void {
  const { documents, guard } = s;
  // TextDocuments fires a content change right after each open, for the same version: it is the open itself, not an
  // edit. Scheduled as a change, it replaced the open's immediate check by the debounced one (every open waited
  // `segur.validate.debounceMs`, 150 ms by default).
  documents.onDidOpen(
    guard(
      'didOpen',
      () => undefined,
      (e: TextDocumentChangeEvent<TextDocument>) => {
        if (!s.pull) s.checkFirst.add(e.document.uri);
        s.openedVersion.set(e.document.uri, e.document.version);
        s.savedVersion.set(e.document.uri, e.document.version);
        return schedule(s, e.document, 'open');
      },
    ),
  );
  documents.onDidChangeContent(
    guard(
      'didChange',
      () => undefined,
      (e: TextDocumentChangeEvent<TextDocument>) => {
        const opened = s.openedVersion.get(e.document.uri);
        s.openedVersion.delete(e.document.uri);
        if (opened === e.document.version) return;
        return schedule(s, e.document, 'change');
      },
    ),
  );
  documents.onDidSave(
    guard(
      'didSave',
      () => undefined,
      (e: TextDocumentChangeEvent<TextDocument>) => {
        s.savedVersion.set(e.document.uri, e.document.version);
        return schedule(s, e.document, 'save');
      },
    ),
  );
  documents.onDidClose(
    guard(
      'didClose',
      () => undefined,
      (e: TextDocumentChangeEvent<TextDocument>) => {
        s.openedVersion.delete(e.document.uri);
        s.savedVersion.delete(e.document.uri);
        s.pulled.delete(e.document.uri);
        clearTimeout(s.timers.get(e.document.uri));
        s.cache.delete(e.document.uri);
        s.overviews.delete(e.document.uri);
        // Back to the file on disk (the editor's unsaved text is gone).
        // The other open documents then lose (or get) the findings across files of its unsaved text; a file that no
        // longer exists on disk leaves the index.
        const path = filePathOf(e.document.uri);
        const uri = e.document.uri;
        if (path !== undefined)
          void s.index.refreshFromDisk(uri, path).then(
            () => refreshSameSons(s, uri),
            () => refreshSameSons(s, undefined),
          );
        else {
          s.index.delete(uri);
          refreshSameSons(s, uri);
        }
        s.settingsCache.delete(e.document.uri);
        if (!s.pull) void s.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      },
    ),
  );
}
