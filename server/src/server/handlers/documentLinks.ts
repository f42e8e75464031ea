/**
 * Document links (LSP `textDocument/documentLink`): each `nomFichier` value whose file exists in the document's
 * attachments folder (`segur.attachments.folder`, else the JSON's own folder when it holds them:
 * server/shared/attachmentFolder.ts) links to that file; a click opens it. The facts are those of the document's last
 * check (rules P1–P4): only a regular file of exactly that name inside the folder gets a link. No folder read, no link.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver/node';
import type { ServerState } from '../shared/state';
import { attachmentNamesOf } from '../../io/attachmentFacts';
import { checkedAttachmentsFolder } from '../shared/attachmentFolder';
import { validate } from './documentChecks';

async function documentLinks(s: ServerState, params: DocumentLinkParams): Promise<DocumentLink[]> {
  const doc = s.documents.get(params.textDocument.uri);
  if (!doc) return [];
  const entry = await validate(s, doc);
  const facts = entry?.options.attachments;
  const folder = checkedAttachmentsFolder(s, doc.uri);
  if (!entry || !facts || folder === undefined) return [];
  const found = new Set(facts.filter((f) => f.state === 'found').map((f) => f.name));
  const links: DocumentLink[] = [];
  for (const n of attachmentNamesOf(entry.text, entry.options)) {
    if (!found.has(n.name) || n.length < 2) continue;
    // The name inside its quotes.
    links.push({
      range: { start: doc.positionAt(n.offset + 1), end: doc.positionAt(n.offset + n.length - 1) },
      target: pathToFileURL(join(folder, n.name)).href,
    });
  }
  return links;
}

export function registerDocumentLinks(s: ServerState): void {
  s.connection.onDocumentLinks(
    s.request(
      'documentLinks',
      {},
      (): DocumentLink[] => [],
      (params: DocumentLinkParams) => documentLinks(s, params),
    ),
  );
}
