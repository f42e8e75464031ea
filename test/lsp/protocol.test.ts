/**
 * One typed protocol: every custom message of segur-json is declared once, in
 * server/src/protocol/protocol.ts, and both sides use those declarations. Checked two ways: the server, run in process with a
 * real client, registers and sends only declared messages (and every declared request is registered, every declared
 * notification of the server is sent when its event happens); and neither the server's modules (server.ts and its
 * handlers) nor the VS Code client writes a method name of its own (each call names a declaration: `X.method` of protocol.ts, or a library's `X.type`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/server/server';
import {
  PROTOCOL,
  CheckFilesRequest,
  SetOverrideRequest,
  SoldeFromAvanceRequest,
  WorkspaceTrustedNotification,
  type ResultOf,
} from '../../server/src/protocol/protocol';
import { root, startClient, uriOf } from '../helpers/lsp-client.ts';

const declared = new Map(Object.values(PROTOCOL).map((d) => [d.method, d.kind]));
// The notifications the client sends (the server registers them); the server sends the others.
const fromClient = new Set<string>([WorkspaceTrustedNotification.method]);
const methodOf = (m: unknown) => (typeof m === 'string' ? m : ((m as { method?: string } | undefined)?.method ?? '?'));

test('the declarations: ten messages, each method once, under segur/', () => {
  assert.deepEqual([...declared.keys()].sort(), [
    'segur/checkFiles',
    'segur/checkFilesProgress',
    'segur/detection',
    'segur/learnedSons',
    'segur/mergePdf',
    'segur/prepareDeposit',
    'segur/setOverride',
    'segur/soldeFromAvance',
    'segur/useAsTemplate',
    'segur/workspaceTrusted',
  ]);
  assert.equal(declared.size, Object.keys(PROTOCOL).length, 'no method declared twice');
  for (const [name, d] of Object.entries(PROTOCOL)) assert.equal(name.endsWith('Request') ? 'request' : 'notification', d.kind, name);
});

test('the server registers and sends only declared custom messages, and all of them', async () => {
  const registered: string[] = [];
  const sent: string[] = [];
  const spy = (conn: Connection): Connection => {
    const onRequest = conn.onRequest.bind(conn) as (...a: unknown[]) => unknown;
    const onNotification = conn.onNotification.bind(conn) as (...a: unknown[]) => unknown;
    const sendRequest = conn.sendRequest.bind(conn) as (...a: unknown[]) => unknown;
    const sendNotification = conn.sendNotification.bind(conn) as (...a: unknown[]) => unknown;
    Object.assign(conn, {
      onRequest: (...a: unknown[]) => (registered.push(methodOf(a[0])), onRequest(...a)),
      onNotification: (...a: unknown[]) => (registered.push(methodOf(a[0])), onNotification(...a)),
      sendRequest: (...a: unknown[]) => (sent.push(methodOf(a[0])), sendRequest(...a)),
      sendNotification: (...a: unknown[]) => (sent.push(methodOf(a[0])), sendNotification(...a)),
    });
    return conn;
  };
  const ws = mkdtempSync(join(tmpdir(), 'segur-protocol-'));
  const avance = join(ws, 'avance.json');
  writeFileSync(avance, readFileSync(join(root, 'examples', 'IMG-RIS-Va2', 'avance.json'), 'utf8'));
  const c = await startClient({
    workspace: ws,
    serve: (reader, writer) => void startServer(spy(createConnection(ProposedFeatures.all, reader, writer)), { log: () => undefined }),
  });
  try {
    const doc = c.open(avance);
    await c.waitPush(doc.uri);
    // Each custom request answers what its declaration says.
    const detection = (await c.conn.sendRequest(SetOverrideRequest.method, { uri: doc.uri, sons: 'IMG-RIS-Va2', kind: 'avance' })) as ResultOf<
      typeof SetOverrideRequest
    >;
    assert.equal(detection?.sons, 'IMG-RIS-Va2');
    const solde = (await c.conn.sendRequest(SoldeFromAvanceRequest.method, { uri: doc.uri })) as ResultOf<typeof SoldeFromAvanceRequest>;
    assert.equal(solde.sons, 'IMG-RIS-Va2');
    assert.match(solde.text ?? '', /"lignesImport"/);
    const progress: unknown[] = [];
    c.conn.onNotification('segur/checkFilesProgress', (p) => void progress.push(p));
    const checked = (await c.conn.sendRequest(CheckFilesRequest.method, { uris: [uriOf(avance)], progress: 'p1' })) as ResultOf<typeof CheckFilesRequest>;
    assert.equal(checked.bySons?.[0]?.sons, 'IMG-RIS-Va2');
    assert.deepEqual(progress.at(-1), { progress: 'p1', done: 1, total: 1 });
    assert.ok((c.detections.get(doc.uri) ?? []).length > 0, 'segur/detection told');
  } finally {
    await c.stop();
  }
  const custom = (list: string[]) => [...new Set(list.filter((m) => m.startsWith('segur/') || declared.has(m)))].sort();
  // Registered by a string method name: only ours (the library registers the standard ones by their type objects).
  const byString = [...new Set(registered.filter((m) => !m.includes('/') || m.startsWith('segur/')))];
  assert.deepEqual(
    byString.filter((m) => !declared.has(m)),
    [],
    'undeclared methods registered',
  );
  assert.deepEqual(
    custom(registered),
    [...declared]
      .filter(([m, k]) => k === 'request' || fromClient.has(m))
      .map(([m]) => m)
      .sort(),
    'every declared request and notification of the client registered',
  );
  assert.deepEqual(
    custom(sent),
    [...declared]
      .filter(([m, k]) => k === 'notification' && !fromClient.has(m))
      .map(([m]) => m)
      .sort(),
    'the server sends the declared notifications, and no other of ours',
  );
});

test('neither the server nor the VS Code client writes a method name: every call names a declaration', () => {
  const calls = /\b(onRequest|onNotification|sendRequest|sendNotification)\s*(?:<[^()]*>)?\(\s*([^,)]+)/g;
  let seen = 0;
  // Every module of the server (the handlers register and send most messages) and the client's extension.
  const serverFiles = readdirSync(join(root, 'server/src/server'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `server/src/server/${f.replaceAll('\\', '/')}`);
  for (const file of [...serverFiles, 'client/src/extension.ts']) {
    // The code without its comment lines (a comment may name a message).
    const src = readFileSync(join(root, file), 'utf8')
      .split('\n')
      .filter((l) => !/^\s*(\*|\/\*|\/\/)/.test(l))
      .join('\n');
    assert.doesNotMatch(src, /['"`]segur\/[A-Za-z]/, `${file} spells a segur/ method name`);
    for (const [, call, arg] of src.matchAll(calls)) {
      seen++;
      const m = /^(\w+)\.(method|type)$/.exec(arg.trim());
      assert.ok(m, `${file}: ${call}(${arg.trim()}, …) names no declaration`);
      if (m[2] === 'method') assert.ok(m[1] in PROTOCOL, `${file}: ${m[1]} is not in server/src/protocol/protocol.ts`);
    }
  }
  assert.ok(seen >= 10, `${seen} calls checked`);
});
