/**
 * Workspace trust granted during the session (segur/workspaceTrusted, sent by the VS Code client on
 * onDidGrantWorkspaceTrust): a server started untrusted ignores `segur.templates.folder`, then applies it once told,
 * without a restart. Real LSP client over stdio.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceTrustedNotification } from '../../server/src/protocol/protocol';
import { root, startClient } from '../helpers/lsp-client.ts';

type Told = { detection: { sons?: string } };

test('untrusted: the templates folder is ignored; after segur/workspaceTrusted it applies and the document is checked again', async () => {
  const folder = join(root, 'test', 'templates', 'unknown-sons');
  const c = await startClient({
    initializationOptions: { trusted: false },
    settings: { segur: { validate: { debounceMs: 10 }, templates: { folder } } },
  });
  try {
    const text = readFileSync(join(folder, 'BIO-SGL-Va2.avance.example.json'), 'utf8');
    const { uri } = c.open('untitled:demande-bio', text);
    await c.waitPush(uri, (p) => p.version === 1);
    await c.settle(200);
    const before = c.detections.get(uri)?.at(-1) as Told | undefined;
    assert.notEqual(before?.detection.sons, 'BIO-SGL-Va2', 'the learned SONS is unknown while untrusted');
    const pushes = c.pushed.get(uri)?.length ?? 0;
    void c.conn.sendNotification(WorkspaceTrustedNotification.method, {});
    await c.waitPush(uri, () => (c.pushed.get(uri)?.length ?? 0) > pushes, 5000);
    await c.settle(200);
    const after = c.detections.get(uri)?.at(-1) as Told | undefined;
    assert.equal(after?.detection.sons, 'BIO-SGL-Va2', 'the templates folder applies once trusted');
    assert.deepEqual(
      c.pushed
        .get(uri)!
        .at(-1)!
        .diagnostics.filter((d) => /^S[2-8]/.test(String(d.code))),
      [],
    );
  } finally {
    await c.stop();
  }
});
