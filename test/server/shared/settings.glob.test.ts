/**
 * The small glob matcher of the settings (`segur.files`, `segur.workspace.exclude`, VS Code's `files.exclude`):
 * `**`, `*`, `?`, `{a,b}`, `[…]`, and what the workspace index leaves out by default.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp, resolveExclude, resolveSettings } from '../../../server/src/server/shared/settings';

const anchored = (glob: string, path: string) => globToRegExp(glob, true).test(path);

test('glob: ** spans folders (also none), * and ? stay inside a name', () => {
  assert.ok(anchored('**/node_modules/**', 'node_modules/x/package.json'));
  assert.ok(anchored('**/node_modules/**', 'a/b/node_modules/x.json'));
  assert.ok(!anchored('**/node_modules/**', 'a/my_node_modules/x.json'));
  assert.ok(anchored('**/*.json', 'x.json'));
  assert.ok(anchored('**/*.json', 'a/b/x.json'));
  assert.ok(!anchored('*.json', 'a/x.json'));
  assert.ok(anchored('backup/**', 'backup/2026/solde.json'));
  assert.ok(!anchored('backup/**', 'old/backup/solde.json'), 'relative to the workspace folder');
  assert.ok(anchored('a?c.json', 'abc.json'));
  assert.ok(!anchored('a?c.json', 'a/c.json'));
  assert.ok(anchored('**', 'anything/at/all.json'));
});

test('glob: {a,b} alternatives, [abc] and [!abc] classes, literal dots and parentheses', () => {
  assert.ok(anchored('**/*.{bak,old}.json', 'x/solde.bak.json'));
  assert.ok(anchored('**/*.{bak,old}.json', 'solde.old.json'));
  assert.ok(!anchored('**/*.{bak,old}.json', 'solde.new.json'));
  assert.ok(anchored('**/{test,tests}/**', 'a/tests/solde.json'));
  assert.ok(anchored('copie[0-9].json', 'copie7.json'));
  assert.ok(!anchored('copie[!0-9].json', 'copie7.json'));
  assert.ok(anchored('copie[!0-9].json', 'copieA.json'));
  assert.ok(!anchored('a.json', 'abjson'));
  assert.ok(anchored('solde (1).json', 'solde (1).json'));
});

test('segur.files globs match the end of an absolute path, as before', () => {
  const s = resolveSettings({ files: { '**/ris/*solde*.json': 'IMG-RIS-Va2.solde', 'avance-{dpi,pfi}.json': { sons: 'HOP-DPI-Va2', kind: 'avance' } } }, true);
  assert.deepEqual(s.fileAssociation('/home/u/ris/mon-solde.json'), { sons: 'IMG-RIS-Va2', kind: 'solde' });
  assert.deepEqual(s.fileAssociation('C:\\u\\ris\\mon-solde.json'), { sons: 'IMG-RIS-Va2', kind: 'solde' });
  assert.deepEqual(s.fileAssociation('/home/u/avance-pfi.json'), { sons: 'HOP-DPI-Va2', kind: 'avance' });
  assert.equal(s.fileAssociation('/home/u/oris/mon-solde.json'), undefined);
});

test('workspace exclude: node_modules and .git by default, plus files.exclude entries set to true', () => {
  const def = resolveExclude(undefined, undefined);
  assert.ok(def('node_modules', true));
  assert.ok(def('a/node_modules', true));
  assert.ok(def('.git', true));
  assert.ok(!def('examples/solde.json'));
  const custom = resolveExclude(['**/sauvegardes/**', '**/*.bak.json'], { '**/test-data': true, '**/tmp': false, '**/x': { when: '$(basename).ts' } });
  assert.ok(custom('a/sauvegardes', true));
  assert.ok(custom('a/sauvegardes/solde.json'));
  assert.ok(custom('solde.bak.json'));
  assert.ok(custom('test-data', true), 'files.exclude');
  assert.ok(!custom('tmp', true), 'files.exclude set to false');
  assert.ok(!custom('node_modules', true), 'the setting replaces the default');
  assert.ok(!custom('x', true), 'a `when` clause is not a plain exclusion');
});
