/**
 * `segur-json check` and segur.config.json (server/src/cli/configs.ts): command-line options win over the file,
 * the file over the defaults; `--config` names one file for every input; each file takes its nearest configuration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'segur-cfg-cli-'));
  mkdirSync(join(dir, 'equipe'));
  writeFileSync(join(dir, 'segur.config.json'), JSON.stringify({ rules: { S1: 'error' }, language: 'en' }));
  writeFileSync(join(dir, 'equipe', 'segur.config.json'), JSON.stringify({ rules: { S1: 'off' } }));
  copyFileSync(join(root, 'test/fixtures/IMG-RIS-Va2/S1-unknown-key.json'), join(dir, 'a.json'));
  copyFileSync(join(root, 'test/fixtures/IMG-RIS-Va2/S1-unknown-key.json'), join(dir, 'equipe', 'a.json'));
  return dir;
}

test('each file takes its nearest configuration; the language comes from it unless --lang', () => {
  const dir = project();
  const r = run(['check', 'a.json', 'equipe/a.json'], dir);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^ {2}11:7 {2}error {2}S1\/unknown-key /m, 'the top configuration: S1 error, in English');
  assert.doesNotMatch(r.stdout.split('equipe')[1], /S1\/unknown-key/, 'the nearer one: S1 off');
  assert.match(run(['check', '--lang', 'fr', 'a.json'], dir).stdout, /erreur {2}S1\/unknown-key/);
});

test('--config names the configuration of every file; --modelled wins over the file', () => {
  const dir = project();
  writeFileSync(join(dir, 'ci.json'), JSON.stringify({ modelled: 'off' }));
  const r = run(['check', '--format', 'json', '--config', 'ci.json', 'a.json', 'equipe/a.json'], dir);
  assert.equal(r.status, 0, r.stderr);
  for (const f of JSON.parse(r.stdout))
    assert.deepEqual(
      f.diagnostics.filter((d: { code: string }) => d.code === 'S1/unknown-key'),
      [],
      'modelled off',
    );
  const flag = run(['check', '--format', 'json', '--config', 'ci.json', '--modelled', 'error', 'a.json'], dir);
  assert.equal(flag.status, 1);
  assert.equal(JSON.parse(flag.stdout)[0].diagnostics.find((d: { code: string }) => d.code === 'S1/unknown-key').severity, 'error');
});
