/**
 * The editor's side of the attachment files (rules P1–P4): the setting `segur.attachments.folder` (a path relative to
 * the document's workspace folder, else to the document's own folder; absolute paths as they are) says where they
 * are; without it, the document's own folder when it holds at least one of the files the document names (as the
 * command line: io/attachmentFacts.ts attachmentFactsBeside), in a trusted workspace only; else nothing is read. The facts are read before a check (server/src/io/attachmentFacts.ts) and given to it
 * as CheckOptions.attachments. The folder of each open document is remembered, so that a file changed there checks
 * the document again (handlers/workspaceChanges.ts), and so that document links (handlers/documentLinks.ts) point at
 * the files that exist.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { filePathOf } from './uris';
import { inFolder } from './workspace';
import type { SegurSettings } from './settings';
import type { ServerState } from './state';
import type { AttachmentFact, CheckOptions } from '../../segur';
import { attachmentFactsBeside, attachmentFactsOf } from '../../io/attachmentFacts';
import { isStrictlyInside } from '../../io/paths';

/** Each open document's attachments folder (absolute), by URI, per server. */
const FOLDERS = new WeakMap<ServerState, Map<string, string>>();

function foldersOf(s: ServerState): Map<string, string> {
  let m = FOLDERS.get(s);
  if (!m) FOLDERS.set(s, (m = new Map()));
  return m;
}

/** The attachments folder of a document, or undefined when the setting is not set (or the document is not a file). */
export function attachmentsFolderOf(s: ServerState, uri: string, settings: SegurSettings): string | undefined {
  const path = filePathOf(uri);
  if (!settings.attachmentsFolder || path === undefined) return undefined;
  if (isAbsolute(settings.attachmentsFolder)) return resolve(settings.attachmentsFolder);
  const base = inFolder(s.workspaceFolders, path)?.folder ?? dirname(path);
  return resolve(base, settings.attachmentsFolder);
}

/**
 * The facts of the document's attachments, read in its folder; undefined (no disk check) without the setting or when
 * the folder cannot be listed (told once in the server's log, without its path).
 */
export async function attachmentFactsFor(
  s: ServerState,
  uri: string,
  text: string,
  options: CheckOptions,
  settings: SegurSettings,
): Promise<AttachmentFact[] | undefined> {
  const folder = attachmentsFolderOf(s, uri, settings);
  const m = foldersOf(s);
  if (folder === undefined) {
    const path = filePathOf(uri);
    // Without the setting: the JSON's own folder, watched so that a file put there checks the document again.
    if (path === undefined || !settings.explicit.trusted) {
      m.delete(uri);
      return undefined;
    }
    m.set(uri, dirname(path));
    try {
      return (await attachmentFactsBeside(text, options, path))?.facts;
    } catch {
      return undefined;
    }
  }
  m.set(uri, folder);
  try {
    return await attachmentFactsOf(text, options, folder);
  } catch {
    s.log('segur.attachments.folder : dossier illisible / folder unreadable');
    return undefined;
  }
}

/** The folder the last check of a document read its attachments in (undefined: none read). */
export function checkedAttachmentsFolder(s: ServerState, uri: string): string | undefined {
  return foldersOf(s).get(uri);
}

/** The open documents whose attachments folder holds this file (a file changed there: check them again). */
export function documentsWatching(s: ServerState, changedPath: string): string[] {
  const out: string[] = [];
  for (const [uri, folder] of foldersOf(s)) {
    if (isStrictlyInside(folder, changedPath)) out.push(uri);
  }
  return out;
}

/** A document closed: its folder is forgotten. */
export function forgetAttachments(s: ServerState, uri: string): void {
  foldersOf(s).delete(uri);
}
