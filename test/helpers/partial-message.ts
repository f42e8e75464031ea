/**
 * Run as a process by test/helpers/lsp-client.test.ts: a client-side message reader is given the start of a
 * message (its headers and part of its body), as when a server is killed in the middle of a message; then its stream
 * ends. `client`: the tests' reader (clientReader); `plain`: vscode-jsonrpc's reader with a 200 ms partial-message
 * timeout (10 s by default). The reader is disposed, as the tests' client does when it kills its server. The process
 * should then end by itself: nothing is left to do.
 */
import { PassThrough } from 'node:stream';
import { StreamMessageReader } from 'vscode-languageserver-protocol/node';
import { clientReader } from './lsp-client.ts';

const stream = new PassThrough();
let reader: StreamMessageReader;
if (process.argv[2] === 'client') reader = clientReader(stream);
else {
  reader = new StreamMessageReader(stream);
  reader.partialMessageTimeout = 200;
}
reader.listen(() => undefined);
stream.write('Content-Length: 100\r\n\r\n{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","par');
stream.end();
reader.dispose();
