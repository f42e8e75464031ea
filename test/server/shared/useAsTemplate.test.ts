/**
 * What « Utiliser ce fichier comme modèle officiel » does on disk (server/src/server/shared/useAsTemplate.ts
 * useAsTemplate), the paths the LSP test (test/lsp/blank-template-in-editor.test.ts) does not take: no folder set and a name
 * that does not fit (copied beside itself), a file outside the workspace (absolute folder), the same file already
 * at the target (nothing written, no question), Restricted Mode, a SONS outside the bundle. The reading of a blank
 * itself (asBlankTemplate) is tested beside its module, test/engine/templates/blankTemplate.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useAsTemplate, type UseAsTemplateContext } from '../../../server/src/server/shared/useAsTemplate.ts';

const root = join(__dirname, '..', '..', '..');
const IMG = join(root, 'test', 'templates', 'official-like', 'IMG-RIS-Va2.solde.blank.json');
const BIO = join(root, 'test', 'templates', 'unknown-sons', 'BIO-SGL-Va2.avance.blank.json');
const ctx = (path: string, ws: string, extra: Partial<UseAsTemplateContext> = {}): UseAsTemplateContext => ({
  path,
  text: readFileSync(path, 'utf8'),
  workspaceFolders: [ws],
  trusted: true,
  locale: 'fr',
  ...extra,
});

test('no folder set, a name that does not fit: copied beside itself as <SONS>.<kind>.blank.json, its folder to set (workspace-relative)', () => {
  const ws = mkdtempSync(join(tmpdir(), 'segur-use-'));
  mkdirSync(join(ws, 'dl', 'asp'), { recursive: true });
  const file = join(ws, 'dl', 'asp', 'Modele JSON IMG-RIS-Va2 solde.json');
  copyFileSync(IMG, file);
  const a = useAsTemplate({ uri: 'file://x' }, ctx(file, ws));
  const target = join(ws, 'dl', 'asp', 'IMG-RIS-Va2.solde.blank.json');
  assert.deepEqual(a, {
    status: 'done',
    key: 'IMG-RIS-Va2.solde',
    folder: 'dl/asp',
    setFolder: true,
    copiedTo: target,
    message: `Modèle officiel IMG-RIS-Va2 solde (copié en ${target}) : segur.templates.folder = dl/asp. Les fichiers de ce SONS et de ce type sont maintenant vérifiés sur lui.`,
  });
  assert.equal(readFileSync(target, 'utf8'), readFileSync(IMG, 'utf8'));
  // Again: the same content is at the target, nothing is written and nothing asked.
  const mtime = statSync(target).mtimeMs;
  const again = useAsTemplate({ uri: 'file://x' }, ctx(file, ws));
  assert.equal(again.status, 'done');
  assert.equal((again as { copiedTo?: string }).copiedTo, undefined);
  assert.equal(statSync(target).mtimeMs, mtime);
});

test('a file outside the workspace: the folder is given as an absolute path; the workspace folder itself as « . »', () => {
  const ws = mkdtempSync(join(tmpdir(), 'segur-use-ws-'));
  const out = mkdtempSync(join(tmpdir(), 'segur-use-out-'));
  copyFileSync(IMG, join(out, 'IMG-RIS-Va2.solde.blank.json'));
  const a = useAsTemplate({ uri: 'file://x' }, ctx(join(out, 'IMG-RIS-Va2.solde.blank.json'), ws)) as { status: string; folder: string; copiedTo?: string };
  assert.deepEqual([a.status, a.folder, a.copiedTo], ['done', out, undefined]);
  copyFileSync(IMG, join(ws, 'IMG-RIS-Va2.solde.blank.json'));
  assert.equal((useAsTemplate({ uri: 'file://x' }, ctx(join(ws, 'IMG-RIS-Va2.solde.blank.json'), ws)) as { folder: string }).folder, '.');
});

test('Restricted Mode: refused, nothing written; a SONS outside the bundle named by the file: its key', () => {
  const ws = mkdtempSync(join(tmpdir(), 'segur-use-'));
  const file = join(ws, 'modele IMG-RIS-Va2 solde.json');
  copyFileSync(IMG, file);
  const r = useAsTemplate({ uri: 'file://x' }, ctx(file, ws, { trusted: false }));
  assert.equal(r.status, 'error');
  assert.match((r as { message: string }).message, /^Mode restreint/);
  assert.equal(existsSync(join(ws, 'IMG-RIS-Va2.solde.blank.json')), false);
  const bio = join(ws, 'BIO-SGL-Va2.avance.blank.json');
  copyFileSync(BIO, bio);
  const b = useAsTemplate({ uri: 'file://x' }, ctx(bio, ws)) as { status: string; key: string; setFolder: boolean; folder: string };
  assert.deepEqual([b.status, b.key, b.setFolder, b.folder], ['done', 'BIO-SGL-Va2.avance', true, '.']);
});

test('a template that cannot be written: an error naming the file and the reason, nothing half written', () => {
  const ws = mkdtempSync(join(tmpdir(), 'segur-use-'));
  const file = join(ws, 'modele IMG-RIS-Va2 solde.json');
  copyFileSync(IMG, file);
  // The templates folder set to a path that is a file: neither the folder nor the template can be made.
  writeFileSync(join(ws, 'not-a-folder'), 'x');
  const r = useAsTemplate({ uri: 'file://x' }, ctx(file, ws, { folderSetting: 'not-a-folder' }));
  assert.equal(r.status, 'error');
  assert.match((r as { message: string }).message, /^impossible d'écrire .*not-a-folder.*IMG-RIS-Va2\.solde\.blank\.json : .* \(E[A-Z]+\)$/);
  assert.equal(readFileSync(join(ws, 'not-a-folder'), 'utf8'), 'x');
});
