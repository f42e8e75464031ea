/**
 * The attachment files in the editor (server/shared/attachmentFolder.ts, handlers/documentLinks.ts, rules P1–P4), over a real LSP
 * client on stdio: with `segur.attachments.folder` (relative to the workspace folder) each defect of the broken
 * deposit is one diagnostic on its `nomFichier`; a file fixed on disk and told by the watcher checks the document
 * again; each name whose file exists links to it; without the setting nothing is read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import { startClient, uriOf, type Client } from '../helpers/lsp-client.ts';
import { brokenDeposit, goodDeposit, pdfBytes, SOLDE_NAMES, soldeText } from '../helpers/deposit.ts';

const pCodes = (ds: { code?: string | number; range: { start: { line: number } } }[]) =>
  ds.filter((d) => /^P\d/.test(String(d.code))).map((d) => [d.code, d.range.start.line + 1]);

/** The broken deposit's missing invoice written into its folder and told to the server: only its P1 goes. */
async function missingFileAppears(c: Client, uri: string, d: Awaited<ReturnType<typeof brokenDeposit>>): Promise<void> {
  const file = join(d.folder, SOLDE_NAMES[0].name);
  writeFileSync(file, await pdfBytes(1));
  c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 1 }] });
  const again = await c.waitPush(uri, (p) => !p.diagnostics.some((x) => x.code === 'P1/missing'));
  assert.deepEqual(
    pCodes(again.diagnostics),
    d.expected.slice(1).map((e) => [e.code, e.line]),
  );
}

test('the broken deposit: one diagnostic per defect on its nomFichier; fixing a file on disk checks the document again', async () => {
  const d = await brokenDeposit();
  const c = await startClient({ workspace: d.dir, settings: { segur: { validate: { debounceMs: 10 }, attachments: { folder: 'pj' } } } });
  try {
    const { uri } = c.open(d.json, soldeText());
    const first = await c.waitPush(uri, (p) => p.version === 1 && p.diagnostics.some((x) => String(x.code).startsWith('P')));
    assert.deepEqual(
      pCodes(first.diagnostics),
      d.expected.map((e) => [e.code, e.line]),
    );
    const missing = first.diagnostics.find((x) => x.code === 'P1/missing')!;
    assert.deepEqual([missing.range.start.character, missing.range.end.character], [24, 24 + JSON.stringify(SOLDE_NAMES[0].name).length]);
    // The missing invoice appears on disk; the watcher tells the server.
    await missingFileAppears(c, uri, d);
  } finally {
    await c.stop();
  }
});

test('document links: each nomFichier whose file exists links to it, inside its quotes', async () => {
  const d = await brokenDeposit();
  const c = await startClient({ workspace: d.dir, settings: { segur: { validate: { debounceMs: 10 }, attachments: { folder: 'pj' } } } });
  try {
    const { uri } = c.open(d.json, soldeText());
    const links = (await c.conn.sendRequest('textDocument/documentLink', { textDocument: { uri } })) as DocumentLink[];
    // Every name but the missing invoice of line 1 (the other defects are files that exist).
    assert.deepEqual(
      links.map((l) => [l.range.start.line + 1, l.target]),
      SOLDE_NAMES.slice(1).map((n) => [n.line, pathToFileURL(join(d.folder, n.name)).href]),
    );
    const text = soldeText().split('\n');
    for (const [i, l] of links.entries()) assert.equal(text[l.range.start.line].slice(l.range.start.character, l.range.end.character), SOLDE_NAMES[i + 1].name);
  } finally {
    await c.stop();
  }
});

test('everything right: no P diagnostic; without the setting, a JSON kept apart from its files: no disk check and no link', async () => {
  const good = await goodDeposit();
  const c = await startClient({ workspace: good.dir, settings: { segur: { validate: { debounceMs: 10 }, attachments: { folder: 'pj' } } } });
  try {
    const { uri } = c.open(good.json, soldeText());
    assert.deepEqual(pCodes((await c.waitPush(uri, (p) => p.version === 1)).diagnostics), []);
  } finally {
    await c.stop();
  }
  const d = await brokenDeposit();
  const plain = await startClient({ workspace: d.dir, settings: { segur: { validate: { debounceMs: 10 } } } });
  try {
    const { uri } = plain.open(d.json, soldeText());
    assert.deepEqual(pCodes((await plain.waitPush(uri, (p) => p.version === 1)).diagnostics), []);
    assert.deepEqual(await plain.conn.sendRequest('textDocument/documentLink', { textDocument: { uri } }), []);
  } finally {
    await plain.stop();
  }
});

test('without the setting, the files beside the JSON: checked there, as on the command line; a file put there checks again', async () => {
  const d = await brokenDeposit();
  // The JSON moved into its attachments folder: the files are evidently kept beside it.
  const json = join(d.folder, 'IMG-RIS-Va2-solde.json');
  writeFileSync(json, soldeText());
  const c = await startClient({ workspace: d.dir, settings: { segur: { validate: { debounceMs: 10 } } } });
  try {
    const { uri } = c.open(json, soldeText());
    const first = (await c.waitPush(uri, (p) => p.version === 1 && pCodes(p.diagnostics).length > 0)).diagnostics;
    assert.deepEqual(
      pCodes(first),
      d.expected.map((e) => [e.code, e.line]),
    );
    const links = (await c.conn.sendRequest('textDocument/documentLink', { textDocument: { uri } })) as { target: string }[];
    assert.equal(links.length, SOLDE_NAMES.length - 1, 'a link for each name whose file exists');
    assert.ok(links.every((l) => l.target.startsWith(pathToFileURL(d.folder).href)));
    // The missing invoice appears beside the JSON; the watcher tells the server.
    await missingFileAppears(c, uri, d);
  } finally {
    await c.stop();
  }
  // In Restricted Mode nothing is read without the setting.
  const untrusted = await startClient({ workspace: d.dir, initializationOptions: { trusted: false }, settings: { segur: { validate: { debounceMs: 10 } } } });
  try {
    const { uri } = untrusted.open(json, soldeText());
    assert.deepEqual(pCodes((await untrusted.waitPush(uri, (p) => p.version === 1)).diagnostics), []);
  } finally {
    await untrusted.stop();
  }
});
