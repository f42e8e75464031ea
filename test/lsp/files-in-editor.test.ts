/**
 * Only regular files are read, on the server: a FIFO named `x.json` reached through `segur/checkFiles`, a watched-file event,
 * `didClose` or `segur/soldeFromAvance` must not freeze the server (it used to block for ever in readFileSync).
 * Driven over stdio by a real LSP client library (as test/lsp/stdio.test.ts); every wait has a deadline, so that a
 * frozen server fails the test instead of hanging it. Also: a Latin-1 file on disk is checked as decoded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { root, startClient, uriOf, within, type Client } from '../helpers/lsp-client.ts';

const unix = process.platform !== 'win32';
const example = join(root, 'examples/IMG-RIS-Va2/solde.json');

/** Pull mode; every wait has a deadline, and the server is killed rather than shut down (a frozen server would not answer `shutdown`). */
const start = (workspace: string, settings: Record<string, unknown> = {}) =>
  startClient({ pull: true, workspace, settings: { segur: settings }, initializeTimeoutMs: 5000 });

/** The server still works: an open document gets its diagnostics (pull) and a hover. */
async function stillAnswers(s: Client, dir: string) {
  const file = join(dir, 'open-solde.json');
  const text = readFileSync(example, 'utf8').replace('"Centre hospitalier de Fleyriat"', '"Centre hospitalier de Fleyriat "');
  const uri = uriOf(file);
  s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
  const r = await within(
    s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as Promise<{ items: Diagnostic[] }>,
    'textDocument/diagnostic',
  );
  // The document's own findings: the workspace holds a copy of this solde and no avance, which the rules across
  // files say (C7, C8) whether the copy was indexed yet or not.
  assert.deepEqual(
    r.items.filter((d) => d.severity !== 4 && !/^C\d/.test(String(d.code))).map((d) => d.code),
    ['S8/value'],
  );
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('"FINESGeos"'));
  const h = await within(
    s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: lines[line].indexOf('"FINESGeos"') + 3 } }) as Promise<{
      contents: { value: string };
    } | null>,
    'textDocument/hover',
  );
  assert.match(String(h?.contents.value), /FINESGeos/);
}

function workspaceWithFifo(): { dir: string; fifo: string } {
  const dir = mkdtempSync(join(tmpdir(), 'segur-lsp-fifo-'));
  copyFileSync(example, join(dir, 'solde.json'));
  const fifo = join(dir, 'x.json');
  execFileSync('mkfifo', [fifo]);
  return { dir, fifo };
}

test(
  'Why 4: segur/checkFiles with a FIFO uri answers (the FIFO skipped, the regular file checked), then the server still answers',
  { skip: !unix },
  async () => {
    const { dir, fifo } = workspaceWithFifo();
    const s = await start(dir);
    try {
      const r = await within(
        s.conn.sendRequest('segur/checkFiles', { uris: [uriOf(fifo), uriOf(join(dir, 'solde.json'))] }) as Promise<{ files: number; errors: number }>,
        'segur/checkFiles',
      );
      assert.deepEqual({ files: r.files, errors: r.errors }, { files: 1, errors: 0 });
      await stillAnswers(s, dir);
    } finally {
      s.kill();
    }
  },
);

test('Why 4: a watched-file event on a FIFO does not freeze the server', { skip: !unix }, async () => {
  const { dir, fifo } = workspaceWithFifo();
  const s = await start(dir);
  try {
    s.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uriOf(fifo), type: 1 },
        { uri: uriOf(fifo), type: 2 },
      ],
    });
    await stillAnswers(s, dir);
  } finally {
    s.kill();
  }
});

test('Why 4: closing a document whose file on disk is a FIFO does not freeze the server', { skip: !unix }, async () => {
  const { dir, fifo } = workspaceWithFifo();
  const s = await start(dir);
  try {
    const uri = uriOf(fifo);
    s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: readFileSync(example, 'utf8') } });
    s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await stillAnswers(s, dir);
  } finally {
    s.kill();
  }
});

test('Why 4: segur/soldeFromAvance on a FIFO uri answers « fichier illisible »', { skip: !unix }, async () => {
  const { dir, fifo } = workspaceWithFifo();
  const s = await start(dir);
  try {
    const r = await within(s.conn.sendRequest('segur/soldeFromAvance', { uri: uriOf(fifo) }) as Promise<{ error?: string }>, 'segur/soldeFromAvance');
    assert.equal(r.error, 'fichier illisible');
    await stillAnswers(s, dir);
  } finally {
    s.kill();
  }
});

test('segur/checkFiles on a Latin-1 file: checked as decoded, with one S12/encoding warning [modélisé] (no source says which encoding the portal takes)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'segur-lsp-latin1-'));
  const file = join(dir, 'solde.json');
  writeFileSync(file, Buffer.from(readFileSync(example, 'utf8'), 'latin1'));
  const s = await start(dir);
  try {
    const r = await within(s.conn.sendRequest('segur/checkFiles', { uris: [uriOf(file)] }) as Promise<{ files: number; errors: number }>, 'segur/checkFiles');
    assert.deepEqual({ files: r.files, errors: r.errors }, { files: 1, errors: 0 });
    const deadline = Date.now() + 5000;
    while (!s.pushed.get(uriOf(file)) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    const [p] = s.pushed.get(uriOf(file)) ?? [];
    // A solde alone in its workspace: C8's information too, also at the top.
    assert.deepEqual(
      p?.diagnostics.filter((d) => d.severity !== 4).map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`),
      ['S12/encoding 0:0', 'C8/no-avance 0:0'],
    );
    assert.match(String(p.diagnostics[0].message), /n'est pas en UTF-8 \(ISO-8859-1 \?\) : le JSON échangé s'écrit en UTF-8 \(RFC 8259\).*\[modélisé/);
    assert.equal(p.diagnostics[0].severity, 2, 'a warning: it rests on RFC 8259, not on a source about the portal');
  } finally {
    s.kill();
  }
});

test('a FIFO in the segur.templates.folder does not freeze the server (the template is skipped)', { skip: !unix }, async () => {
  const { dir } = workspaceWithFifo();
  execFileSync('mkdir', [join(dir, 'templates')]);
  execFileSync('mkfifo', [join(dir, 'templates', 'IMG-RIS-Va2.solde.template.json')]);
  execFileSync('mkfifo', [join(dir, 'templates', 'IMG-RIS-Va2.avance.blank.json')]);
  const s = await start(dir, { templates: { folder: 'templates' } });
  try {
    await stillAnswers(s, dir);
  } finally {
    s.kill();
  }
});
