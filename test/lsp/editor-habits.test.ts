/**
 * What users know from ESLint's extension, over a real LSP client on stdio: pulled diagnostics that depend on other
 * files (rules C1–C8, U1–U3 compare files), `segur.validate.run: onSave` honoured when the client pulls, and
 * `segur.language` choosing the language of messages and hover whatever the editor's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, DocumentDiagnosticReport, Hover } from 'vscode-languageserver-protocol/node';
import { check } from '../../server/src/segur.ts';
import { startClient } from '../helpers/lsp-client.ts';
import { EXAMPLE_SOLDE } from '../helpers/six-faults-solde.ts';

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

/** A solde opened clean, then given `Null` without saving, then saved: the S3 findings pulled at each step. */
async function nullCaseAfterEditAndSave(run: 'onType' | 'onSave'): Promise<{ opened: number; edited: number; saved: number }> {
  const client = await startClient({ pull: true, settings: { segur: { validate: { run, debounceMs: 20 } } } });
  try {
    const file = join(mkdtempSync(join(tmpdir(), 'segur-onsave-')), 'solde.json');
    const text = readFileSync(EXAMPLE_SOLDE, 'utf8');
    writeFileSync(file, text);
    const nullCase = (ds: Diagnostic[]) => ds.filter((d) => String(d.code).startsWith('S3/null-case')).length;
    let doc = client.open(file, text);
    const opened = nullCase(await client.pull(doc.uri));
    doc = client.change(doc, text.replace('"impId": null', '"impId": Null'));
    const edited = nullCase(await client.pull(doc.uri));
    const n = client.refreshes();
    writeFileSync(file, doc.getText());
    await client.conn.sendNotification('textDocument/didSave', { textDocument: { uri: doc.uri } });
    if (run === 'onSave') await client.waitRefresh(n + 1);
    const saved = nullCase(await client.pull(doc.uri));
    return { opened, edited, saved };
  } finally {
    await client.stop();
  }
}

test('segur.validate.run: onSave under pull: an unsaved edit keeps the last findings, the save brings fresh ones', async () => {
  assert.deepEqual(await nullCaseAfterEditAndSave('onSave'), { opened: 0, edited: 0, saved: 1 });
  // The same steps with onType: the edit's finding comes at once (the case above is not vacuous).
  assert.deepEqual(await nullCaseAfterEditAndSave('onType'), { opened: 0, edited: 1, saved: 1 });
});

test('segur.validate.run: onSave under pull: a client sending the last resultId is told « unchanged »', async () => {
  const client = await startClient({ pull: true, settings: { segur: { validate: { run: 'onSave', debounceMs: 20 } } } });
  try {
    const file = join(mkdtempSync(join(tmpdir(), 'segur-onsave-')), 'solde.json');
    let doc = client.open(file, readFileSync(EXAMPLE_SOLDE, 'utf8').replace('"impId": null', '"impId": Null'));
    const first = (await client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: doc.uri } })) as DocumentDiagnosticReport;
    assert.equal(first.kind, 'full');
    assert.ok(first.resultId);
    doc = client.change(doc, doc.getText().replace('"impId": Null', '"impId": null'));
    const again = (await client.conn.sendRequest('textDocument/diagnostic', {
      textDocument: { uri: doc.uri },
      previousResultId: first.resultId,
    })) as DocumentDiagnosticReport;
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
  } finally {
    await client.stop();
  }
});

/** The S3 message pulled and the hover of `"impId"` in a solde with `Null`, under a client locale and segur.language. */
async function wordsUnder(locale: string, language: 'auto' | 'fr' | 'en'): Promise<{ message: string; hover: string }> {
  const client = await startClient({ pull: true, locale, settings: { segur: { language, validate: { debounceMs: 20 } } } });
  try {
    const file = join(mkdtempSync(join(tmpdir(), 'segur-language-')), 'solde.json');
    const doc = client.open(file, readFileSync(EXAMPLE_SOLDE, 'utf8').replace('"impId": null', '"impId": Null'));
    const s3 = (await client.pull(doc.uri)).find((d) => String(d.code).startsWith('S3/null-case'));
    assert.ok(s3, 'the S3 finding of `Null`');
    const hover = (await client.conn.sendRequest('textDocument/hover', {
      textDocument: { uri: doc.uri },
      position: { line: 1, character: 4 },
    })) as Hover | null;
    assert.ok(hover, 'a hover on "impId"');
    return { message: typeof s3.message === 'string' ? s3.message : s3.message.value, hover: JSON.stringify(hover.contents) };
  } finally {
    await client.stop();
  }
}

test('segur.language: en under a French client gives English messages and hover, fr under an English client French ones', async () => {
  const french = await wordsUnder('fr', 'auto');
  const english = await wordsUnder('en', 'auto');
  assert.notEqual(french.message, english.message);
  assert.notEqual(french.hover, english.hover);
  const finding = check(readFileSync(EXAMPLE_SOLDE, 'utf8').replace('"impId": null', '"impId": Null'), { fileName: EXAMPLE_SOLDE }).findings.find((f) =>
    f.code.startsWith('S3/null-case'),
  )!;
  assert.equal(english.message, finding.message.en);
  assert.equal(french.message, finding.message.fr);
  assert.deepEqual(await wordsUnder('fr-FR', 'en'), english);
  assert.deepEqual(await wordsUnder('en-US', 'fr'), french);
});
