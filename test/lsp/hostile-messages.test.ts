/**
 * Messages a hostile or buggy client may send, over a real LSP client over stdio (`segur-json lsp --stdio`): none
 * may end the server or leave a document without its own diagnostics.
 * - `$/cancelRequest` with malformed params (missing, null, {}, {"id":null}, a string, an array…): vscode-jsonrpc
 *   reads `params.id` before any handler of ours, so the server filters those messages at its reader;
 * - `segur/setOverride` with params of the wrong shape: an error answer, and the document keeps its diagnostics;
 * - file URIs that cannot be turned into a path by node:url (a host, an encoded slash, a bad escape, a lone
 *   surrogate, Latin-1 bytes): the document gets its diagnostics from its text.
 * After each message, another document's diagnostics are checked: the server still answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { root, startClient, within, type Client } from '../helpers/lsp-client.ts';

/**
 * The example solde with a trailing space in a value: exactly one S8/value finding (hints aside, and the information
 * C8/no-avance that a solde opened without its avance always gets).
 */
const text = readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8').replace(
  '"Centre hospitalier de Fleyriat"',
  '"Centre hospitalier de Fleyriat "',
);
const codes = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.severity !== 4 && d.code !== 'C8/no-avance').map((d) => d.code);

/**
 * Edits `doc` (a new version with the same findings) and waits for its diagnostics: the server is alive and checks.
 * Copies of the solde under other URIs share its identifiers and dossier numbers: U1–U3 and C7 across files are
 * expected and left aside.
 */
async function stillChecks(c: Client, doc: TextDocument, what: string): Promise<TextDocument> {
  assert.equal(c.proc!.exitCode, null, `the server exited after ${what}: ${c.stderr()}`);
  const next = c.change(doc, `${doc.getText()}\n`);
  const p = await within(
    c.waitPush(next.uri, (x) => x.version === next.version),
    `diagnostics after ${what}`,
  );
  assert.deepEqual(
    codes(p).filter((code) => !/^(U\d|C7$)/.test(String(code))),
    ['S8/value'],
    `diagnostics after ${what}`,
  );
  return next;
}

/** One raw JSON-RPC message on the server's input (the client library would not send some of these shapes). */
function raw(c: Client, m: Record<string, unknown>): void {
  const body = JSON.stringify({ jsonrpc: '2.0', ...m });
  c.proc!.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

test('$/cancelRequest with malformed params never ends the server; another document is still checked after each', async () => {
  const c = await startClient({ pull: false });
  try {
    let doc = c.open('file:///segur-tests/cancel/solde.json', text);
    assert.deepEqual(codes(await within(c.waitPush(doc.uri), 'first diagnostics')), ['S8/value']);
    const variants: [string, Record<string, unknown>][] = [
      ['no params', {}],
      ['null', { params: null }],
      ['{}', { params: {} }],
      ['{"id":null}', { params: { id: null } }],
      ['a string', { params: 'x' }],
      ['an array', { params: [] }],
      ['an array with an id', { params: [7] }],
      ['{"id":{}}', { params: { id: {} } }],
      ['{"id":true}', { params: { id: true } }],
      ['an unknown id', { params: { id: 424242 } }],
    ];
    for (const [what, m] of variants) {
      raw(c, { method: '$/cancelRequest', ...m });
      doc = await stillChecks(c, doc, `$/cancelRequest with ${what}`);
    }
    // A well-formed cancel of a request still cancels or lets it answer: the request settles.
    const pending = c.conn.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: 2, character: 5 } });
    raw(c, { method: '$/cancelRequest', params: { id: 1 } });
    await within(
      pending.catch(() => null),
      'a request next to a cancel',
    );
    // Nothing of the document in the log lines.
    assert.doesNotMatch(c.stderr(), /Fleyriat/);
  } finally {
    await c.stop();
  }
});

test('document requests (hover, completion, code actions, code lens, pull diagnostics) with params of the wrong shape: an invalid-params answer, never a crash', async () => {
  const c = await startClient({ pull: false });
  try {
    let doc = c.open('file:///segur-tests/requests/solde.json', text);
    assert.deepEqual(codes(await within(c.waitPush(doc.uri), 'first diagnostics')), ['S8/value']);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const shapes: [string, unknown][] = [
      ['no params', undefined],
      ['null', null],
      ['{}', {}],
      ['textDocument: null', { textDocument: null, position: { line: 0, character: 0 }, range, context: { diagnostics: [] } }],
      ['uri: 42', { textDocument: { uri: 42 }, position: { line: 0, character: 0 }, range, context: { diagnostics: [] } }],
      ['an array', [1, 2]],
    ];
    const positioned: [string, unknown][] = [
      ['position: null', { textDocument: { uri: doc.uri }, position: null }],
      ['position: "x"', { textDocument: { uri: doc.uri }, position: 'x' }],
      ['line: "2"', { textDocument: { uri: doc.uri }, position: { line: '2', character: 0 } }],
    ];
    const requests: [string, [string, unknown][]][] = [
      ['textDocument/hover', [...shapes, ...positioned]],
      ['textDocument/completion', [...shapes, ...positioned]],
      ['textDocument/codeAction', [...shapes, ['range: null', { textDocument: { uri: doc.uri }, range: null, context: { diagnostics: [] } }]]],
      ['textDocument/codeLens', shapes],
    ];
    for (const [method, variants] of requests) {
      for (const [what, params] of variants) {
        const answer = within(c.conn.sendRequest(method, params as object), `${method} with ${what}`);
        await assert.rejects(answer, (e: { code?: number }) => e.code === -32602, `${method} with ${what}: an invalid-params answer`);
        doc = await stillChecks(c, doc, `${method} with ${what}`);
      }
    }
    // Well-formed requests still answer.
    await within(c.conn.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: 2, character: 5 } }), 'a well-formed hover');
    assert.doesNotMatch(c.stderr(), /Fleyriat/);
  } finally {
    await c.stop();
  }
});

test('segur/setOverride with params of the wrong shape: an error answer, the document keeps its own diagnostics', async () => {
  const c = await startClient({ pull: false });
  try {
    let doc = c.open('file:///segur-tests/override/solde.json', text);
    assert.deepEqual(codes(await within(c.waitPush(doc.uri), 'first diagnostics')), ['S8/value']);
    const bad: [string, unknown][] = [
      ['sons: {}', { uri: doc.uri, sons: {} }],
      ['sons: 42', { uri: doc.uri, sons: 42 }],
      ['sons: []', { uri: doc.uri, sons: ['IMG-RIS-Va2'] }],
      ['kind: "other"', { uri: doc.uri, kind: 'other' }],
      ['kind: {}', { uri: doc.uri, sons: 'IMG-RIS-Va2', kind: {} }],
      ['uri: 42', { uri: 42, sons: 'IMG-RIS-Va2' }],
      ['no uri', { sons: 'IMG-RIS-Va2' }],
      ['null', null],
      ['a string', 'x'],
    ];
    for (const [what, params] of bad) {
      await assert.rejects(
        within(c.conn.sendRequest('segur/setOverride', params), `setOverride with ${what}`),
        /invalid|invalide/i,
        `setOverride with ${what} answers an error`,
      );
      doc = await stillChecks(c, doc, `setOverride with ${what}`);
    }
    // Valid params still work: the chosen SONS and kind, then back to detection.
    const chosen = (await c.conn.sendRequest('segur/setOverride', { uri: doc.uri, sons: 'IMG-RIS-Va2', kind: 'solde' })) as { sons?: string; kind?: string };
    assert.equal(chosen.sons, 'IMG-RIS-Va2');
    assert.equal(chosen.kind, 'solde');
    assert.notEqual(await c.conn.sendRequest('segur/setOverride', { uri: doc.uri }), undefined);
    await stillChecks(c, doc, 'a valid setOverride');
  } finally {
    await c.stop();
  }
});

test('file URIs node:url cannot turn into a path: the document gets its diagnostics from its text', async () => {
  const c = await startClient({ pull: false });
  try {
    const other = c.open('file:///segur-tests/uris/other/solde.json', text);
    assert.deepEqual(codes(await within(c.waitPush(other.uri), 'first diagnostics')), ['S8/value']);
    let witness = other;
    const uris = [
      'file://server/share/segur/solde.json',
      'file:///segur-tests/uris/a%2Fb/solde.json',
      'file:///segur-tests/uris/%ZZ/solde.json',
      'file:///segur-tests/uris/%D8%00/solde.json',
      'file:///segur-tests/uris/d%E9p%F4t/solde.json',
    ];
    for (const uri of uris) {
      const doc = c.open(uri, text);
      const p = await within(c.waitPush(uri), `diagnostics of ${uri}`);
      // Its own findings (the witness holds the same requests: U2 across the two files is right).
      assert.deepEqual(
        codes(p).filter((code) => !/^(U\d|C7$)/.test(String(code))),
        ['S8/value'],
        `${uri}: its own diagnostics, not an internal error`,
      );
      // Requests about it answer; the other document is still checked.
      await within(c.conn.sendRequest('segur/soldeFromAvance', { uri }), `soldeFromAvance on ${uri}`);
      await within(c.conn.sendRequest('segur/checkFiles', { uris: [uri, uri.replace('solde.json', 'absent.json')] }), `checkFiles on ${uri}`);
      await within(
        c.conn.sendRequest('segur/useAsTemplate', { uri }).catch(() => null),
        `useAsTemplate on ${uri}`,
      );
      c.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [
          { uri, type: 2 },
          { uri: uri.replace('solde.json', 'x.json'), type: 3 },
        ],
      });
      c.close(doc);
      witness = await stillChecks(c, witness, `the URI ${uri}`);
    }
    assert.doesNotMatch(c.stderr(), /URIError|TypeError/, c.stderr());
  } finally {
    await c.stop();
  }
});
