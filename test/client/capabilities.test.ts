/**
 * What the extension's manifest (package.json) tells VS Code: virtual workspaces not supported (the server reads
 * the files from disk), Restricted Mode kept as it was, and `segur.language` declared with its descriptions in
 * French and English.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const read = (name: string) => JSON.parse(readFileSync(join(root, name), 'utf8'));
const manifest = read('package.json');
const nls: Record<string, string> = read('package.nls.json');
const nlsFr: Record<string, string> = read('package.nls.fr.json');
/** A `%key%` description in both languages, French differing from English. */
function described(value: string): void {
  const key = /^%(.+)%$/.exec(value)?.[1];
  assert.ok(key, `${value} is a localized description`);
  assert.ok(nls[key] && nlsFr[key], `${key} in package.nls.json and package.nls.fr.json`);
  assert.notEqual(nls[key], nlsFr[key], `${key} translated`);
}

test('virtual workspaces: not supported, with a reason; Restricted Mode: limited as before', () => {
  const { virtualWorkspaces, untrustedWorkspaces } = manifest.capabilities;
  assert.equal(virtualWorkspaces.supported, false);
  described(virtualWorkspaces.description);
  assert.equal(untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(untrustedWorkspaces.restrictedConfigurations, ['segur.templates.folder', 'segur.attachments.folder']);
});

test('segur.language: auto, fr or en, auto by default, one value for the whole editor, described in both languages', () => {
  const setting = manifest.contributes.configuration.properties['segur.language'];
  assert.deepEqual(setting.enum, ['auto', 'fr', 'en']);
  assert.equal(setting.default, 'auto');
  assert.equal(setting.scope, 'application');
  described(setting.description);
  for (const d of setting.enumDescriptions) described(d);
});
