/**
 * The benches' LSP connection to a server process over stdio. Its reader has no partial-message timer: when a server
 * is killed in the middle of a message, vscode-jsonrpc's timer re-arms itself for ever (even after `dispose`) and the
 * bench process would never end (the same fix as test/helpers/lsp-client.ts `clientReader`).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

export function connect(proc) {
  const reader = new StreamMessageReader(proc.stdout);
  reader.partialMessageTimeout = 0;
  return createProtocolConnection(reader, new StreamMessageWriter(proc.stdin));
}
