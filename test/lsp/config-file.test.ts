/**
 * segur.config.json gives the same findings in the editor and in the pipeline: one folder with one configuration
 * (rules, modelled, files, exclude), checked by `segur-json check` and by a real LSP client over stdio against
 * `segur-json lsp --stdio`. Also: the user's own settings win over the file (personal overrides), a change of the
 * file is read again (a watched-file event), and a bad file is one message naming it, never a crash.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { cli, root, startClient, uriOf, within, type Client } from '../helpers/lsp-client.ts';

const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };
const CONFIG = {
  rules: { S1: 'error', 'S3/null-case': 'off' },
  modelled: 'error',
  files: { 'lot/demande.json': 'IMG-RIS-Va2.solde' },
  exclude: ['lot/ancien/**'],
};

/** A folder: the configuration, a file with a modelled warning (S1), one with an S3 fix, one known only by its name. */
function project(config: unknown = CONFIG): string {
  const dir = mkdtempSync(join(tmpdir(), 'segur-config-'));
  mkdirSync(join(dir, 'lot', 'ancien'), { recursive: true });
  writeFileSync(join(dir, 'segur.config.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  copyFileSync(join(root, 'test/fixtures/IMG-RIS-Va2/S1-unknown-key.json'), join(dir, 'lot', 'a.json'));
  copyFileSync(join(root, 'test/fixtures/IMG-RIS-Va2/S3-null-case.json'), join(dir, 'lot', 'b.json'));
  writeFileSync(join(dir, 'lot', 'demande.json'), '{"lignesImport": []}\n');
  copyFileSync(join(root, 'test/fixtures/IMG-RIS-Va2/S5-plural.json'), join(dir, 'lot', 'ancien', 'c.json'));
  return dir;
}

const FILES = ['lot/a.json', 'lot/b.json', 'lot/demande.json'];

/** A finding as both sides can say it: code, severity, range (the rules across files and hints left out). */
const own = (code: string, severity: number) => !/^C\d/.test(code) && severity !== 4;
const key = (code: string, severity: number, r: Diagnostic['range']) =>
  `${code} ${severity} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

function cliFindings(dir: string, args: string[] = ['lot']): Map<string, string[]> {
  const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const out = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; severity: string; range: Diagnostic['range'] }[] }[];
  return new Map(
    out.map((f) => [
      f.file.split('\\').join('/'),
      f.diagnostics.filter((d) => own(d.code, SEVERITY[d.severity])).map((d) => key(d.code, SEVERITY[d.severity], d.range)),
    ]),
  );
}

async function editorFindings(s: Client, dir: string, file: string): Promise<string[]> {
  const uri = uriOf(join(dir, file));
  s.open(join(dir, file));
  const r = await within(
    s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as Promise<{ items: Diagnostic[] }>,
    'textDocument/diagnostic',
    20_000,
  );
  return r.items.filter((d) => own(String(d.code), d.severity ?? 1)).map((d) => key(String(d.code), d.severity ?? 1, d.range));
}

test('one folder, one segur.config.json: the same findings through the CLI and a real LSP client', async () => {
  const dir = project();
  const fromCli = cliFindings(dir);
  // `exclude`: the folder walk leaves lot/ancien out.
  assert.deepEqual([...fromCli.keys()], FILES);
  // The configuration applies: S1 as an error, S3/null-case off, the SONS and kind of lot/demande.json by its name.
  assert.ok(
    fromCli.get('lot/a.json')!.some((k) => k.startsWith('S1/unknown-key 1 ')),
    fromCli.get('lot/a.json')!.join('\n'),
  );
  assert.ok(!fromCli.get('lot/b.json')!.some((k) => k.startsWith('S3/null-case ')));
  assert.ok(
    fromCli.get('lot/demande.json')!.some((k) => k.startsWith('S3/missing-tag 1 ')),
    'modelled: error',
  );
  const s = await startClient({ pull: true, workspace: dir, settings: { segur: { validate: { debounceMs: 20 } } } });
  try {
    for (const file of FILES) assert.deepEqual(await editorFindings(s, dir, file), fromCli.get(file), file);
    assert.doesNotMatch(s.stderr(), /Centre hospitalier|commentaire/, 'no content in the log');
  } finally {
    await s.stop();
  }
  // Without the configuration, the findings differ (the test can fail).
  writeFileSync(join(dir, 'empty.config.json'), '{}');
  const bare = cliFindings(dir, ['--config', 'empty.config.json', 'lot']);
  assert.notDeepEqual(bare.get('lot/a.json'), fromCli.get('lot/a.json'));
});

test("the user's settings win over segur.config.json; a changed file is read again", async () => {
  const dir = project();
  const s = await startClient({ pull: true, workspace: dir, settings: { segur: { validate: { debounceMs: 20 }, rules: { S1: 'information' } } } });
  try {
    assert.ok(
      (await editorFindings(s, dir, 'lot/a.json')).some((k) => k.startsWith('S1/unknown-key 3 ')),
      'the setting wins',
    );
    assert.ok(
      (await editorFindings(s, dir, 'lot/b.json')).every((k) => !k.startsWith('S3/null-case ')),
      'the file applies where the settings say nothing',
    );
    // The file changes: S3/null-case back on.
    writeFileSync(join(dir, 'segur.config.json'), JSON.stringify({ ...CONFIG, rules: { S1: 'error' } }));
    s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(dir, 'segur.config.json')), type: 2 }] });
    let again: string[] = [];
    for (let i = 0; i < 100 && !again.some((k) => k.startsWith('S3/null-case ')); i++) {
      const r = await within(
        s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uriOf(join(dir, 'lot/b.json')) } }) as Promise<{ items: Diagnostic[] }>,
        'textDocument/diagnostic',
        20_000,
      );
      again = r.items.map((d) => key(String(d.code), d.severity ?? 1, d.range));
      if (!again.some((k) => k.startsWith('S3/null-case '))) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(
      again.some((k) => k.startsWith('S3/null-case ')),
      again.join('\n'),
    );
  } finally {
    await s.stop();
  }
});

test('a bad segur.config.json: one message naming the file and the problem, the valid part applies, no crash', async () => {
  const dir = project({ ...CONFIG, rules: { S1: 'loud', 'S3/null-case': 'off' }, colour: 'blue' });
  const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', 'lot'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^segur-json: segur\.config\.json : .* \/ segur\.config\.json: /);
  assert.match(lines[0], /« rules\.S1 » : error, warning, information, hint, off attendu/);
  assert.match(lines[0], /unknown key "colour" ignored/);
  const files = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string }[] }[];
  assert.ok(!files.find((f) => f.file.endsWith('b.json'))!.diagnostics.some((d) => d.code === 'S3/null-case'), 'the valid part applies');
  const s = await startClient({ pull: true, workspace: dir, settings: { segur: { validate: { debounceMs: 20 } } } });
  try {
    await editorFindings(s, dir, 'lot/a.json');
    await editorFindings(s, dir, 'lot/b.json');
    const told = s.messages.filter((m) => m.message.includes('segur.config.json'));
    assert.equal(told.length, 1, JSON.stringify(s.messages));
    assert.match(told[0].message, /rules\.S1/);
  } finally {
    await s.stop();
  }
  const broken = project('{ "rules": ');
  const b = spawnSync(process.execPath, [cli, 'check', 'lot'], { cwd: broken, encoding: 'utf8', timeout: 120_000 });
  assert.ok(b.status === 0 || b.status === 1, b.stderr);
  assert.match(b.stderr, /segur\.config\.json : ce n'est pas du JSON valide/);
  const missing = spawnSync(process.execPath, [cli, 'check', '--config', 'nope.json', 'lot'], { cwd: broken, encoding: 'utf8', timeout: 120_000 });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--config nope\.json/);
});
