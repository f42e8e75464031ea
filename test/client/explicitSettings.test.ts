/**
 * The `segur` section the VS Code client answers (its configuration middleware): the keys segur.config.json can also
 * set hold only what the user set (from `inspect`, the most specific scope winning, objects merged as VS Code merges
 * them), absent otherwise; the other settings are VS Code's answer as is; the answer is marked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explicitSegurSection, explicitValue, type Inspected } from '../../client/src/explicitSettings';
import { CONFIG_FILE_SETTINGS, EXPLICIT_SETTINGS } from '../../server/src/protocol/protocol';

test('the value the user set: the most specific scope wins, language-specific forms included; objects merge', () => {
  assert.equal(explicitValue(undefined), undefined);
  assert.equal(explicitValue({}), undefined);
  assert.equal(explicitValue({ globalValue: 'warning' }), 'warning');
  assert.equal(explicitValue({ globalValue: 'off', workspaceValue: 'error', globalLanguageValue: 'hint' }), 'error');
  assert.equal(explicitValue({ workspaceValue: 'error', workspaceFolderLanguageValue: 'information' }), 'information');
  assert.deepEqual(explicitValue({ globalValue: { S1: 'off', S2: 'hint' }, workspaceFolderValue: { S1: 'error' } }), { S1: 'error', S2: 'hint' });
  assert.deepEqual(explicitValue({ globalValue: ['a'], workspaceValue: ['b'] }), ['b']);
});

test("VS Code's answer with only the user's values for what the configuration file can also set, marked", () => {
  // VS Code's answer: every setting, its default when not set.
  const answer = {
    validate: { enable: true, run: 'onSave', debounceMs: 150 },
    language: 'auto',
    rules: {},
    files: {},
    modelled: { severity: 'warning' },
    templates: { folder: '' },
    attachments: { folder: '' },
    workspace: { exclude: ['**/node_modules/**', '**/.git/**'] },
  };
  const set: Record<string, Inspected> = {
    'modelled.severity': { workspaceValue: 'warning' },
    rules: { globalValue: { S1: 'error' } },
  };
  const out = explicitSegurSection(answer, (key) => set[key]);
  assert.deepEqual(out, {
    validate: { enable: true, run: 'onSave', debounceMs: 150 },
    rules: { S1: 'error' },
    modelled: { severity: 'warning' },
    templates: {},
    attachments: {},
    workspace: {},
    [EXPLICIT_SETTINGS]: true,
  });
  assert.equal(answer.language, 'auto', "VS Code's answer is not changed");
  // Nothing set: none of those keys, still marked.
  const none = explicitSegurSection(answer, () => undefined);
  for (const key of CONFIG_FILE_SETTINGS)
    assert.equal(
      key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], none),
      undefined,
      key,
    );
  assert.equal(none[EXPLICIT_SETTINGS], true);
  assert.deepEqual(explicitSegurSection(null, () => ({ globalValue: 'en' })).language, 'en');
});
