/**
 * The workspace around the open documents: its index built in the background once initialized, workspace folders
 * added or removed, files changed on disk, and settings changed (exclusions included).
 */
import type { DidChangeWatchedFilesParams, WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { filePathOf } from '../shared/uris';
import { inFolder } from '../shared/workspace';
import { excludeSetByUser, resolveExclude } from '../shared/settings';
import { configExcludes } from '../shared/configSettings';
import { CONFIG_FILE_NAME } from '../../config/segurConfig';
import { WorkspaceTrustedNotification } from '../../protocol/protocol';
import { indexProgress } from '../shared/indexProgress';
import type { ServerState } from '../shared/state';
import { recheckAll, refreshSameSons, schedule } from './documentChecks';
import { documentsWatching } from '../shared/attachmentFolder';

/**
 * Indexes the workspace folders in the background (workspace.ts: time slices; a new scan supersedes a running
 * one), with work-done progress; `then` runs once this scan is complete (not when a later one superseded it).
 */
function indexWorkspace(s: ServerState, then: () => void, folders = s.workspaceFolders): Promise<void> {
  const progress = indexProgress(s.connection, s.locale);
  return s.index.scanInBackground(folders, progress.hooks).then(({ superseded }) => {
    progress.end();
    if (!superseded) then();
  });
}

/**
 * What the workspace index leaves out: each folder's `segur.workspace.exclude` and `files.exclude`. Returns a key
 * of the settings read (a rescan is needed when it changes).
 */
async function loadExclude(s: ServerState): Promise<string> {
  const perFolder = await Promise.all(
    s.workspaceFolders.map(async (folder) => {
      const scopeUri = pathToFileURL(folder).href;
      // (A client that does not answer within 5 s gets the defaults: the index is not held up by it.)
      const raw: unknown[] = s.configurationSupport
        ? await Promise.race([
            s.connection.workspace
              .getConfiguration([
                { scopeUri, section: 'segur' },
                { scopeUri, section: 'files.exclude' },
              ])
              .catch(() => []),
            new Promise<unknown[]>((r) => setTimeout(() => r([]), 5000).unref()),
          ])
        : [];
      const segurExclude = (raw[0] as { workspace?: { exclude?: unknown } } | null | undefined)?.workspace?.exclude;
      // segur.config.json's `exclude` applies unless the user set segur.workspace.exclude (settings.ts).
      const own = excludeSetByUser(raw[0]);
      return { folder, own, key: JSON.stringify([segurExclude, raw[1]]), test: resolveExclude(segurExclude, raw[1]) };
    }),
  );
  s.index.setExclude((path, dir) => {
    const hit = inFolder(s.workspaceFolders, path);
    const f = hit && hit.rel !== '' ? perFolder.find((x) => x.folder === hit.folder) : undefined;
    return !!f && (f.test(hit!.rel, dir) || (!f.own && configExcludes(s, path, dir)));
  });
  return perFolder.map((f) => f.key).join('|');
}

/** The open documents whose findings across files changed, published again (or pulled again). */
function refreshAcross(s: ServerState): void {
  if (s.pull) s.refreshPulled();
  else refreshSameSons(s, undefined);
}

/**
 * Workspace folders added or removed: the files of a removed folder leave the index at once; an added folder is
 * indexed in the background (with the files a running scan had not reached yet: it is superseded, not lost).
 */
function onFoldersChanged(s: ServerState, e: WorkspaceFoldersChangeEvent): void {
  const paths = (fs: { uri: string }[]) => fs.map((f) => filePathOf(f.uri)).filter((p): p is string => p !== undefined);
  const removed = new Set(paths(e.removed));
  const added = paths(e.added).filter((f) => !s.workspaceFolders.includes(f));
  s.workspaceFolders = s.workspaceFolders.filter((f) => !removed.has(f)).concat(added);
  const dropped = s.index.forgetOutside(s.workspaceFolders);
  const refresh = () => refreshAcross(s);
  if (dropped) refresh();
  if (added.length > 0)
    void loadExclude(s).then((key) => {
      s.excludeKey = key;
      return indexWorkspace(s, refresh, added);
    });
}

function onWatchedFiles(s: ServerState, p: DidChangeWatchedFilesParams): void {
  const read: Promise<void>[] = [];
  let templates = false;
  // A segur.config.json created, changed or deleted: read again, and everything checked again, as for the settings.
  if (p.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`))) {
    s.configs.clear();
    s.configsTold.clear();
    s.excludeKey = ''; // its `exclude` may have changed: the index is scanned again
    onConfiguration(s);
  }
  const attachmentsChanged = new Set<string>();
  for (const c of p.changes) {
    // An attachment file (not JSON): the open documents whose attachments folder holds it are checked again.
    if (!/\.json$/i.test(c.uri)) {
      const path = filePathOf(c.uri);
      for (const uri of path !== undefined ? documentsWatching(s, path) : []) attachmentsChanged.add(uri);
      continue;
    }
    if (/\.(template|blank|example)\.json$/.test(c.uri)) templates = true;
    if (s.documents.get(c.uri)) {
      // Open documents are indexed from the editor's text, but a file deleted on disk is no longer one of the
      // workspace's files: it leaves the index when the disk confirms it (an editor that saves by writing a
      // temporary file and renaming it over the old one sends a delete for a file that is still there).
      const path = filePathOf(c.uri);
      if (c.type === 3 && path !== undefined && !existsSync(path)) s.index.delete(c.uri);
      continue;
    }
    if (c.type === 3) s.index.delete(c.uri);
    // Read in the background, after the files already queued (during a scan: counted in it, never lost).
    else if (filePathOf(c.uri) !== undefined) read.push(s.index.refreshLater(c.uri, filePathOf(c.uri)!));
  }
  if (templates) {
    // Another official template: every open document is checked again.
    s.templateCache.clear();
    s.cache.clear();
    recheckAll(s);
  }
  for (const uri of templates ? [] : attachmentsChanged) {
    s.cache.delete(uri);
    const d = s.documents.get(uri);
    if (s.pull) s.refreshPulled();
    else if (d) void schedule(s, d, 'open');
  }
  // Once the files are indexed: the open documents whose findings across files changed are published again.
  void Promise.all(read).then(() => refreshSameSons(s, undefined));
}

function onConfiguration(s: ServerState): void {
  s.templateCache.clear();
  s.settingsCache.clear();
  s.cache.clear();
  if (s.pull) s.refreshPulled();
  else for (const d of s.documents.all()) void schedule(s, d, 'open');
  // Another exclude setting: files it now leaves out are dropped at once, files it lets in come with a rescan.
  void loadExclude(s).then((key) => {
    if (key === s.excludeKey) return;
    s.excludeKey = key;
    return indexWorkspace(s, () => {
      s.cache.clear();
      recheckAll(s);
    });
  });
}

/**
 * Trust granted during the session: the settings are read again with it (templates and attachments folders apply
 * now) and every document is checked again, as for a settings change. Trust is never withdrawn without a restart.
 */
function onTrustGranted(s: ServerState): void {
  if (s.trusted) return;
  s.trusted = true;
  onConfiguration(s);
}

export function registerWorkspace(s: ServerState): void {
  const { connection, guard } = s;
  connection.onInitialized(
    guard(
      'initialized',
      () => undefined,
      () => {
        if (s.foldersSupport)
          connection.workspace.onDidChangeWorkspaceFolders(
            guard(
              'didChangeWorkspaceFolders',
              () => undefined,
              (e: WorkspaceFoldersChangeEvent) => onFoldersChanged(s, e),
            ),
          );
        // Index the workspace's Ségur files in the background: a solde is then checked against its avance on disk.
        // Open documents are checked as their messages come, between slices of the index; once it is complete, those
        // whose findings across files changed are published again (a pulling client is asked to pull again).
        setTimeout(() => {
          void loadExclude(s).then((key) => {
            s.excludeKey = key;
            return indexWorkspace(s, () => refreshAcross(s));
          });
        }, 0);
      },
    ),
  );
  connection.onDidChangeWatchedFiles(
    guard(
      'didChangeWatchedFiles',
      () => undefined,
      (p: DidChangeWatchedFilesParams) => onWatchedFiles(s, p),
    ),
  );
  connection.onNotification(
    WorkspaceTrustedNotification.method,
    guard(
      'workspaceTrusted',
      () => undefined,
      () => onTrustGranted(s),
    ),
  );
  connection.onDidChangeConfiguration(
    guard(
      'didChangeConfiguration',
      () => undefined,
      () => onConfiguration(s),
    ),
  );
}
