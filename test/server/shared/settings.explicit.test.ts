/**
 * Which settings the user set (they win over segur.config.json): from a marked answer (the VS Code client sends only
 * what the user set), the keys present; from an unmarked one (Neovim…), a value equal to the default is taken as not set.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excludeSetByUser, resolveSettings } from '../../../server/src/server/shared/settings';
import { EXPLICIT_SETTINGS } from '../../../server/src/protocol/protocol';

test('modelled.severity: set to the default on purpose counts in a marked answer, not in an unmarked one', () => {
  assert.equal(resolveSettings({ modelled: { severity: 'warning' }, [EXPLICIT_SETTINGS]: true }, true).explicit.modelledSeverity, true);
  assert.equal(resolveSettings({ [EXPLICIT_SETTINGS]: true }, true).explicit.modelledSeverity, false);
  assert.equal(resolveSettings({ modelled: { severity: 'warning' } }, true).explicit.modelledSeverity, false);
  assert.equal(resolveSettings({ modelled: { severity: 'off' } }, true).explicit.modelledSeverity, true);
  assert.equal(resolveSettings({ modelled: { severity: 'loud' }, [EXPLICIT_SETTINGS]: true }, true).explicit.modelledSeverity, false);
});

test('language: fr or en is set, auto is not', () => {
  assert.equal(resolveSettings({ language: 'fr' }, true).explicit.language, true);
  assert.equal(resolveSettings({ language: 'en', [EXPLICIT_SETTINGS]: true }, true).explicit.language, true);
  assert.equal(resolveSettings({ language: 'auto', [EXPLICIT_SETTINGS]: true }, true).explicit.language, false);
  assert.equal(resolveSettings(undefined, true).explicit.language, false);
});

test('workspace.exclude: present in a marked answer is set, even equal to the default', () => {
  const defaults = ['**/node_modules/**', '**/.git/**'];
  assert.equal(excludeSetByUser({ workspace: { exclude: defaults }, [EXPLICIT_SETTINGS]: true }), true);
  assert.equal(excludeSetByUser({ [EXPLICIT_SETTINGS]: true }), false);
  assert.equal(excludeSetByUser({ workspace: { exclude: defaults } }), false);
  assert.equal(excludeSetByUser({ workspace: { exclude: ['**/old/**'] } }), true);
  assert.equal(excludeSetByUser(null), false);
});
