/**
 * What users know from ESLint's extension, over a real LSP client on stdio: pulled diagnostics that depend on other
 * files (rules C1–C8, U1–U3 compare files), `segur.validate.run: onSave` honoured when the client pulls, and
 * `segur.language` choosing the language of messages and hover whatever the editor's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startClient } from '../helpers/lsp-client.ts';

test('pull diagnostics say they depend on other files (interFileDependencies)', async () => {
  const client = await startClient({ pull: true });
  try {
    const provider = client.initialized.capabilities.diagnosticProvider;
    assert.ok(provider && typeof provider === 'object', 'a diagnostic provider');
    assert.equal((provider as { interFileDependencies: boolean }).interFileDependencies, true);
  } finally {
    await client.stop();
  }
});
