/**
 * The server with a broken template in `segur.templates.folder` (issue 9, "Why" 8): the document still gets the
 * diagnostics of the bundled model (it was left without any), and the file left out is reported once, by one
 * window/showMessage warning naming it, not again on each edit. Real LSP client over stdio.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'segur-json.js');

test('a learned template with "properties": null: the bundled model applies, one warning names the file', async () => {
  const folder = join(root, 'test', 'templates', 'hostile', 'properties-null');
  const proc = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const pushed: PublishDiagnosticsParams[] = [];
  const messages: { type: number; message: string }[] = [];
  let wake = () => {};
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    pushed.push(p);
    wake();
  });
  conn.onNotification('window/showMessage', (m: { type: number; message: string }) => {
    messages.push(m);
  });
  const logs: string[] = [];
  conn.onNotification('window/logMessage', (m: { message: string }) => {
    logs.push(m.message);
  });
  conn.onNotification('segur/detection', () => {});
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ validate: { debounceMs: 10 }, templates: { folder } })));
  conn.listen();
  const until = (pred: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching diagnostics')), 10000);
      const check = () => {
        if (pred()) {
          clearTimeout(timer);
          resolve();
        }
      };
      wake = check;
      check();
    });
  try {
    const workspace = mkdtempSync(join(tmpdir(), 'segur-lsp-tpl-'));
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(workspace).href, capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });
    conn.sendNotification('initialized', {});
    const file = join(root, 'test', 'fixtures', 'IMG-RIS-Va2', 'S2-null-block.json');
    const uri = pathToFileURL(file).href;
    let text = readFileSync(file, 'utf8');
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    await until(() => pushed.some((p) => p.version === 1));
    assert.deepEqual(pushed.find((p) => p.version === 1)!.diagnostics.map((d) => d.code), ['S2/null-block']);
    for (let v = 2; v <= 4; v++) {
      text += ' ';
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
      await new Promise((r) => setTimeout(r, 30));
    }
    await until(() => pushed.some((p) => p.version === 4));
    assert.deepEqual(pushed.find((p) => p.version === 4)!.diagnostics.map((d) => d.code), ['S2/null-block']);
    assert.equal(messages.length, 1, JSON.stringify(messages));
    assert.equal(messages[0].type, 2, 'a warning');
    assert.equal(logs.filter((l) => l.includes('IMG-RIS-Va2.solde.template.json')).length, 1, 'one log line');
    assert.match(messages[0].message, /^Modèles officiels \(segur\.templates\.folder\) ignorés : .*properties-null\/IMG-RIS-Va2\.solde\.template\.json : le modèle appris, à \/properties\/lignesImport\/items\/properties : /);
  } finally {
    await conn.sendRequest('shutdown').catch(() => undefined);
    conn.sendNotification('exit');
    await new Promise((r) => proc.once('exit', r));
    conn.dispose();
  }
});
