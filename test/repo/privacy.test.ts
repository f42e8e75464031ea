/**
 * Privacy and security: the CLI and the language server work with every network access made to throw;
 * the shipped bundles contain no eval / new Function; what the server writes (stderr, log messages) contains no
 * identifier of the document (FINESS, SIREN, SIRET, RPPS… are health data).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { clientReader } from '../helpers/lsp-client.ts';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');
const noNet = join(root, 'test', 'helpers', 'no-network.cjs');

test('the no-network helper really makes network access throw', () => {
  const r = spawnSync(process.execPath, ['--require', noNet, '-e', "require('node:https').get('https://example.org')"], { encoding: 'utf8', timeout: 120_000 });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /network access attempted/);
});

test('CLI without network: check, --fix, solde-from-avance, learn-template all work', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['--require', noNet, cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(run('check', 'examples').status, 0);
  assert.equal(run('check', 'test/fixtures').status, 1);
  assert.equal(run('solde-from-avance', 'examples/HOP-PFI-Va2/avance.json').status, 0);
  const dir = mkdtempSync(join(tmpdir(), 'segur-nonet-'));
  assert.equal(
    run(
      'learn-template',
      'test/templates/official-like/IMG-RIS-Va2.solde.blank.json',
      '--sons',
      'IMG-RIS-Va2',
      '--kind',
      'solde',
      '-o',
      join(dir, 't.template.json'),
    ).status,
    0,
  );
});

test('the shipped bundles contain no eval / new Function', () => {
  // The global eval, called: not a member call (`.eval(`) nor a class method of that name (re2js's prefilter nodes
  // have an `eval(input, pos) {` method that evaluates a regular expression's prefilter, not code).
  const evalCall = /(?<![.\w$])eval\((?![^()]*\)\s*\{)|new Function\(/;
  assert.match('x = eval(text);', evalCall);
  assert.match('f(new Function("return 1"))', evalCall);
  assert.doesNotMatch('  eval(input, pos) {', evalCall);
  assert.doesNotMatch('if (!this.prefilter.eval(input, pos)) return null;', evalCall);
  for (const f of readdirSync(join(root, 'dist')).filter((x) => x.endsWith('.js'))) {
    const code = readFileSync(join(root, 'dist', f), 'utf8');
    assert.doesNotMatch(code, evalCall, f);
  }
});

test('language server without network, and no identifier of the document in anything it writes', async () => {
  const proc = spawn(process.execPath, ['--require', noNet, cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const conn = createProtocolConnection(clientReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const logs: string[] = [];
  conn.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  conn.onNotification('window/showMessage', (p: { message: string }) => void logs.push(p.message));
  conn.onNotification('telemetry/event', (p: unknown) => void logs.push(JSON.stringify(p)));
  let diagnostics = 0;
  const got = new Promise<void>((resolve) =>
    conn.onNotification('textDocument/publishDiagnostics', (p: { diagnostics: unknown[] }) => {
      diagnostics += p.diagnostics.length;
      if (p.diagnostics.length) resolve();
    }),
  );
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {} });
  conn.sendNotification('initialized', {});
  const files = ['test/fixtures/IMG-RIS-Va2/I1-finess.json', 'test/fixtures/HOP-PFI-Va2/I5-ident-dmp.json', 'test/fixtures/IMG-RIS-Va2/I4-rpps.json'];
  for (const f of files)
    conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: pathToFileURL(join(root, f)).href, languageId: 'json', version: 1, text: readFileSync(join(root, f), 'utf8') },
    });
  await got;
  await new Promise((r) => setTimeout(r, 300));
  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  await new Promise((r) => proc.once('exit', r));
  conn.dispose();
  assert.ok(diagnostics > 0, 'diagnostics were published without network');
  const written = stderr + logs.join('\n');
  const ids = new Set(files.flatMap((f) => readFileSync(join(root, f), 'utf8').match(/\b\d{9,15}\b/g) ?? []));
  assert.ok(ids.size > 10);
  for (const id of ids) assert.ok(!written.includes(id), `identifier ${id.slice(0, 2)}… found in the server's output`);
  assert.doesNotMatch(written, /network access attempted/);
});
