/**
 * The cross-file index follows the disk, over a real LSP client over stdio: a generated solde (a copy of the example
 * solde: every request of it is a duplicate, U2 on both files) is open beside the solde; it is deleted on disk.
 * - the client's watcher tells it (`workspace/didChangeWatchedFiles`, deleted) while its tab is still open: the
 *   other solde loses the U2 findings naming it at once, and after the tab is closed;
 * - a client without a watcher only closes the tab: a document whose file no longer exists leaves the index.
 * Each time, the other solde stays without those findings after an edit of its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { root, startClient, uriOf, within, type Client } from '../helpers/lsp-client.ts';

const example = join(root, 'examples/IMG-RIS-Va2/solde.json');
const u2 = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => String(d.code).startsWith('U2'));

async function scenario(watcher: boolean): Promise<void> {
  const ws = mkdtempSync(join(tmpdir(), 'segur-lsp-deleted-'));
  const solde = join(ws, 'solde.json');
  const copy = join(ws, 'solde-genere.json');
  copyFileSync(example, solde);
  copyFileSync(example, copy);
  const c: Client = await startClient({ pull: false, workspace: ws, settings: { segur: { validate: { debounceMs: 0 } } } });
  try {
    const kept = c.open(solde);
    const generated = c.open(copy);
    const before = await within(
      c.waitPush(kept.uri, (p) => u2(p).length > 0, 15000),
      'U2 on the solde',
      16000,
    );
    assert.ok(
      u2(before).every((d) => d.relatedInformation?.some((r) => r.location.uri === uriOf(copy))),
      'the U2 findings name the generated solde',
    );
    const seen = c.pushed.get(kept.uri)!.length;
    const fresh = (p: PublishDiagnosticsParams) => c.pushed.get(kept.uri)!.indexOf(p) >= seen;
    rmSync(copy);
    if (watcher) {
      c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(copy), type: 3 }] });
      await within(
        c.waitPush(kept.uri, (p) => fresh(p) && u2(p).length === 0, 10000),
        'the solde without U2 after the watched delete',
        11000,
      );
    }
    c.close(generated);
    if (!watcher)
      await within(
        c.waitPush(kept.uri, (p) => fresh(p) && u2(p).length === 0, 10000),
        'the solde without U2 after the close',
        11000,
      );
    // An edit of the solde: still no finding naming the deleted file.
    const edited = c.change(kept, `${readFileSync(solde, 'utf8')}\n`);
    const after = await within(
      c.waitPush(kept.uri, (p) => p.version === edited.version, 10000),
      'the solde after an edit',
      11000,
    );
    assert.deepEqual(u2(after), []);
    assert.ok(after.diagnostics.every((d) => !d.relatedInformation?.some((r) => r.location.uri === uriOf(copy))));
  } finally {
    await c.stop();
  }
}

test('a generated solde deleted on disk while open, told by the watcher: the other solde loses its U2 findings', () => scenario(true));

test('a generated solde deleted on disk, its tab then closed (no watcher): the other solde loses its U2 findings', () => scenario(false));
