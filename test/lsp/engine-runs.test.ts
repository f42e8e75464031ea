/**
 * In the server, the engine runs once per text of an open document (the open's publish, the CodeLens, code
 * actions, hover and a pull reuse that result), and a big document's diagnostics (positions computed in one pass,
 * server/src/server/shared/positions.ts) are the engine's findings at the engine's positions, LF or CRLF. In process over
 * in-memory streams (startServer with its `checked` hook, which counts the engine's runs on open documents).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { startServer } from '../../server/src/server/server';
import { check, LineIndex } from '../../server/src/segur';
import { BIG_TEXT_CHARS } from '../../server/src/server/shared/memory';
import { root, startClient, type Client } from '../helpers/lsp-client.ts';

async function counted(pull: boolean): Promise<{ c: Client; runs: Map<string, number> }> {
  const runs = new Map<string, number>();
  const c = await startClient({
    pull,
    serve: (reader, writer) =>
      void startServer(createConnection(ProposedFeatures.all, reader, writer), { checked: (uri) => void runs.set(uri, (runs.get(uri) ?? 0) + 1) }),
  });
  return { c, runs };
}

const example = join(root, 'examples', 'HOP-DPI-Va2', 'avance.json');
const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

test('push: opening a document runs the engine once; the CodeLens, hover and code actions of that text reuse it; an edit runs it once more', async () => {
  const { c, runs } = await counted(false);
  try {
    const doc = c.open(example);
    const first = await c.waitPush(doc.uri, (p) => p.version === 1);
    await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: doc.uri } });
    await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: 3, character: 6 } });
    await c.codeActions(doc, top, first.diagnostics);
    await c.settle(200);
    assert.equal(runs.get(doc.uri), 1);
    const edited = c.change(doc, doc.getText().replace('"numLigne": 1', '"numLigne": 7'));
    await c.waitPush(doc.uri, (p) => p.version === edited.version);
    await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: doc.uri } });
    await c.settle(200);
    assert.equal(runs.get(doc.uri), 2);
  } finally {
    await c.stop();
  }
});

test('pull: opening then pulling twice and asking for the CodeLens runs the engine once', async () => {
  const { c, runs } = await counted(true);
  try {
    const doc = c.open(example);
    const a = await c.pull(doc.uri);
    await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: doc.uri } });
    const b = await c.pull(doc.uri);
    assert.deepEqual(b, a);
    assert.equal(runs.get(doc.uri), 1);
  } finally {
    await c.stop();
  }
});

/** A valid example's request lines repeated past BIG_TEXT_CHARS, every 300th without its `typeAction` (S3). */
function bigText(eol: string): string {
  const doc = JSON.parse(readFileSync(example, 'utf8'));
  const base = doc.lignesImport;
  const per = JSON.stringify(base[0], null, 2).length;
  doc.lignesImport = Array.from({ length: Math.ceil((BIG_TEXT_CHARS * 1.05) / per) }, (_, i) => {
    const line = { ...structuredClone(base[i % base.length]), numLigne: i + 1 };
    if (i % 300 === 7) delete line.typeAction;
    return line;
  });
  return (JSON.stringify(doc, null, 2) + '\n').replace(/\n/g, eol);
}

const shapeOf = (ds: Diagnostic[]) =>
  ds.map(
    (d) =>
      `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${(d.relatedInformation ?? []).map((r) => `${r.location.range.start.line}:${r.location.range.start.character}`).join(',')}`,
  );

for (const [name, eol] of [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
] as const) {
  test(`a big document (${name}, over ${BIG_TEXT_CHARS} characters): its diagnostics are the engine's findings at the engine's positions, from one run`, async () => {
    const text = bigText(eol);
    assert.ok(text.length >= BIG_TEXT_CHARS);
    const { c, runs } = await counted(false);
    try {
      const doc = c.open(join(root, 'test', 'HOP-DPI-Va2-avance-big.json'), text);
      const got = (await c.waitPush(doc.uri, (p) => p.version === 1, 60_000)).diagnostics;
      const result = check(text, { fileName: fileURLToPath(doc.uri), client: 'editor' });
      const lines = new LineIndex(text);
      const expected = result.findings.map(
        (f) =>
          `${f.code} ${((r) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`)(lines.range(f.offset, f.length))} ${(f.related ?? [])
            .filter((r) => !r.file)
            .map((r) => ((p) => `${p.line}:${p.character}`)(lines.position(r.offset)))
            .join(',')}`,
      );
      assert.ok(expected.filter((e) => e.startsWith('S3')).length >= 8, 'findings spread over the file');
      assert.deepEqual(shapeOf(got), expected);
      assert.equal(runs.get(doc.uri), 1);
    } finally {
      await c.stop();
    }
  });
}

test('an open is checked at once, never debounced: the content event TextDocuments fires with each open is not an edit', async () => {
  // With the longest debounce (5 s), the open's diagnostics come long before it: before, the open's own content event
  // replaced its immediate check by the debounced one, so every open waited the debounce (150 ms by default). A real
  // edit is still debounced.
  const c = await startClient({ settings: { segur: { validate: { debounceMs: 5000 } } } });
  try {
    const doc = c.open(example);
    const first = await c.waitPush(doc.uri, (p) => p.version === 1, 2500);
    assert.ok(Array.isArray(first.diagnostics));
    const edited = c.change(doc, doc.getText().replace('"numLigne": 1', '"numLigne": 7'));
    let pushed = false;
    const next = c
      .waitPush(doc.uri, (p) => p.version === edited.version)
      .then(() => {
        pushed = true;
      });
    await c.settle(300);
    assert.equal(pushed, false, 'an edit waits its debounce');
    // Saving checks at once.
    c.conn.sendNotification('textDocument/didSave', { textDocument: { uri: doc.uri } });
    await next;
  } finally {
    await c.stop();
  }
});
