/**
 * The tests' LSP client never keeps a test process alive. CI hung for its whole 90 minutes after
 * test/lsp/files-in-editor.test.ts had passed: its tests kill their servers, and when a server dies in the middle of a message
 * vscode-jsonrpc's reader arms a partial-message timer that re-arms itself for ever, even after `dispose`, so the
 * process never ended and the runner waited for it (reproduced here in 4 of 66 runs of that file with a cold tsx cache, as in a
 * fresh clone). The tests' reader (test/helpers/lsp-client.ts `clientReader`) has no such timer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const script = join(__dirname, '..', 'helpers', 'partial-message.ts');

/** Runs the script; resolves true if it still runs after `ms` (it is then killed), false once it has ended. */
function stillAlive(kind: 'client' | 'plain', ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', script, kind], { stdio: ['ignore', 'inherit', 'inherit'] });
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      resolve(true);
    }, ms);
    p.on('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

test("the reproduction: vscode-jsonrpc's reader, given half a message, keeps its process alive (its timer re-arms)", async () => {
  // Its timer (200 ms here) has fired and re-armed more than ten times; the script is the same as below but for it.
  assert.equal(await stillAlive('plain', 3000), true, 'the process should still run');
});

test("the tests' reader, given half a message, lets its process end", async () => {
  assert.equal(await stillAlive('client', 20_000), false, 'the process should have ended');
});
