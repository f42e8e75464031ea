/**
 * The server's workspace index leaves out what the exclude settings say: at the scan (a left-out
 * folder is not even read), on a file read from disk (watched-file events), on an open document, and when the
 * setting changes (entries it now matches are dropped). Files on disk in a temp folder; the real check().
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, win32 } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceIndex, displayPath, inFolder } from '../../../server/src/server/shared/workspace';
import { resolveExclude } from '../../../server/src/server/shared/settings';
import { check } from '../../../server/src/segur';

const root = join(__dirname, '..', '..', '..');
const AVANCE = readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'avance.json'), 'utf8');

function folder(files: string[]): string {
  const ws = mkdtempSync(join(tmpdir(), 'segur-index-'));
  for (const f of files) {
    mkdirSync(dirname(join(ws, f)), { recursive: true });
    writeFileSync(join(ws, f), AVANCE);
  }
  return ws;
}
const excludeIn = (ws: string, globs?: string[], filesExclude?: Record<string, boolean>) => {
  const t = resolveExclude(globs, filesExclude);
  return (path: string, dir: boolean) => {
    const hit = inFolder([ws], path);
    return !!hit && hit.rel !== '' && t(hit.rel, dir);
  };
};
const rel = (ws: string, index: WorkspaceIndex) =>
  index
    .uris()
    .map((u) => displayPath(u, [ws]))
    .sort();

test('scan: node_modules and .git left out by default; the setting and files.exclude leave out more', async () => {
  const ws = folder(['a/avance.json', 'node_modules/p/avance.json', 'sauvegardes/avance.json', 'tests/avance.json', 'b/avance.bak.json']);
  const index = new WorkspaceIndex(async () => ({}));
  index.setExclude(excludeIn(ws));
  await index.scan([ws]);
  assert.deepEqual(rel(ws, index), ['a/avance.json', 'b/avance.bak.json', 'sauvegardes/avance.json', 'tests/avance.json']);
  // A narrower setting: the entries it now matches are dropped at once.
  index.setExclude(excludeIn(ws, ['**/sauvegardes/**', '**/*.bak.json'], { '**/tests': true }));
  assert.deepEqual(rel(ws, index), ['a/avance.json']);
  const fresh = new WorkspaceIndex(async () => ({}));
  fresh.setExclude(excludeIn(ws, ['**/sauvegardes/**', '**/*.bak.json'], { '**/tests': true }));
  await fresh.scan([ws]);
  assert.deepEqual(rel(ws, fresh), ['a/avance.json', 'node_modules/p/avance.json'], 'the setting replaces the default list');
});

test('a file read from disk (watched-file event) or an open document that is left out is not indexed', async () => {
  const ws = folder(['sauvegardes/avance.json', 'a/avance.json']);
  const index = new WorkspaceIndex(async () => ({}));
  index.setExclude(excludeIn(ws, ['**/sauvegardes/**']));
  const backup = join(ws, 'sauvegardes/avance.json');
  await index.refreshFromDisk(pathToFileURL(backup).href, backup);
  index.set(pathToFileURL(backup).href, check(AVANCE, { fileName: backup }));
  const real = join(ws, 'a/avance.json');
  await index.refreshFromDisk(pathToFileURL(real).href, real);
  assert.deepEqual(rel(ws, index), ['a/avance.json']);
});

test('display path: relative to the workspace folder, with the folder name when several are open', () => {
  const ws = folder([]);
  const other = folder([]);
  const uri = pathToFileURL(join(ws, 'dossiers', 'IMG-RIS', 'solde.json')).href;
  assert.equal(displayPath(uri, [ws]), 'dossiers/IMG-RIS/solde.json');
  assert.equal(displayPath(uri, [other, ws]), `${ws.split(/[\\/]/).pop()}/dossiers/IMG-RIS/solde.json`);
  assert.equal(displayPath(uri, [other]), join(ws, 'dossiers', 'IMG-RIS', 'solde.json'));
  assert.equal(displayPath('untitled:Untitled-1', [ws]), 'untitled:Untitled-1');
});

test('inFolder: a folder named ..x inside the workspace is inside; Windows paths get / separators', () => {
  const ws = folder([]);
  assert.deepEqual(inFolder([ws], join(ws, '..x', 'avance.json')), { folder: ws, rel: '..x/avance.json' });
  assert.equal(displayPath(pathToFileURL(join(ws, '..foo', 'solde.json')).href, [ws]), '..foo/solde.json');
  assert.equal(inFolder([join(ws, 'sub')], join(ws, 'avance.json')), undefined);
  assert.deepEqual(inFolder(['C:\\w', 'C:\\w\\lot'], 'C:\\w\\lot\\..x\\a.json', win32), { folder: 'C:\\w\\lot', rel: '..x/a.json' });
  assert.equal(inFolder(['C:\\w'], 'D:\\w\\a.json', win32), undefined);
});
