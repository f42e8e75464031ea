/**
 * What keeps one bad message from hurting the others: handlers that never throw (`guard`), params checked before a
 * document request runs (`request`, `documentParamsProblem`, `validOverride`), a reader that drops malformed
 * cancellations (`guardReader`), and failure lines that never quote a document.
 */
import { ResponseError, ErrorCodes, type Position, type MessageReader, type Message, type NotificationMessage } from 'vscode-languageserver/node';
import type { ParamsOf, SetOverrideRequest } from '../../protocol/protocol';

/**
 * Test seam: called at the start of each stage (`check`, `cross`, `diagnostic`, or a handler's name) with the
 * documents concerned; a test makes it throw to check that a failure stays on the document concerned.
 */
export type FaultHook = (stage: string, uris: string[], code?: string) => void;

export interface ServerHooks {
  fault?: FaultHook;
  /** Where the one-line failure reports go (default: stderr). Never document content. */
  log?: (line: string) => void;
  /** Told each run of the engine on an open document's text (tests count them: one per text, never two). */
  checked?: (uri: string) => void;
}

/**
 * One line on a failure, without its message (it could quote a value of the document): the error's name and where
 * it was thrown (file base name, line and column of the first frame, read after the message).
 */
export function failureLine(where: string, e: unknown): string {
  const name = e instanceof Error ? e.name.replace(/[^\w.$-]/g, '') : typeof e;
  let place = '';
  if (e instanceof Error && typeof e.stack === 'string') {
    const at = e.message ? e.stack.indexOf(e.message) : -1;
    const frames = at >= 0 ? e.stack.slice(at + e.message.length) : e.stack;
    const first = /\n\s*at [^\n]*?([^\s\\/()]+:\d+:\d+)\)?\s*(?:\n|$)/.exec(frames);
    if (first) place = ` (${first[1]})`;
  }
  return `segur-json: erreur interne dans ${where} / internal error in ${where}: ${name}${place}\n`;
}

/** Whether `segur/setOverride` params have the shape of SetOverrideParams (a client's bug must not stick to a document). */
export function validOverride(p: unknown): p is ParamsOf<typeof SetOverrideRequest> {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return false;
  const o = p as Record<string, unknown>;
  return (
    typeof o.uri === 'string' &&
    (o.sons === undefined || o.sons === null || typeof o.sons === 'string') &&
    (o.kind === undefined || o.kind === null || o.kind === 'avance' || o.kind === 'solde')
  );
}

/**
 * What is wrong with the params of a document request (a client's bug), or undefined: `textDocument.uri` a string,
 * `position` (hover, completion) two numbers, `range` (code actions) two positions. The answer is then an
 * invalid-params error, as the protocol asks, rather than an exception inside a handler.
 */
export function documentParamsProblem(p: unknown, needs: { position?: boolean; range?: boolean } = {}): string | undefined {
  const isPosition = (x: unknown) =>
    typeof x === 'object' && x !== null && typeof (x as Position).line === 'number' && typeof (x as Position).character === 'number';
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return 'params';
  const o = p as { textDocument?: { uri?: unknown } | null; position?: unknown; range?: { start?: unknown; end?: unknown } | null };
  if (typeof o.textDocument !== 'object' || o.textDocument === null || typeof o.textDocument.uri !== 'string') return 'textDocument.uri';
  if (needs.position && !isPosition(o.position)) return 'position';
  if (needs.range && (typeof o.range !== 'object' || o.range === null || !isPosition(o.range.start) || !isPosition(o.range.end))) return 'range';
  return undefined;
}

/** The `guard` and `request` wrappers of one server, reporting to its fault hook and its log. */
export function makeGuards(fault: FaultHook, log: (line: string) => void) {
  /**
   * A handler that never fails: an exception answers `empty()` and logs one line (no content). The client then
   * shows nothing for that request instead of an error toast, and the other documents are not concerned.
   */
  const guard =
    <A extends unknown[], R>(name: string, empty: () => R, fn: (...a: A) => R | Promise<R>) =>
    async (...a: A): Promise<R> => {
      try {
        const uri = a[0] as { textDocument?: { uri?: unknown }; document?: { uri?: unknown }; uri?: unknown } | undefined;
        const u = uri?.textDocument?.uri ?? uri?.document?.uri ?? uri?.uri;
        fault(name, typeof u === 'string' ? [u] : []);
        return await fn(...a);
      } catch (e) {
        // A deliberate error answer (invalid params) goes to the client as is.
        if (e instanceof ResponseError) throw e;
        log(failureLine(name, e));
        return empty();
      }
    };
  /** A document request: params of the wrong shape get an invalid-params answer before the handler runs. */
  const request = <P, R, X extends unknown[]>(
    name: string,
    needs: { position?: boolean; range?: boolean },
    empty: () => R,
    fn: (p: P, ...rest: X) => R | Promise<R>,
  ) =>
    guard(name, empty, (p: P, ...rest: X) => {
      const problem = documentParamsProblem(p, needs);
      if (problem) throw new ResponseError(ErrorCodes.InvalidParams, `${name} : paramètre « ${problem} » invalide / invalid param "${problem}"`);
      return fn(p, ...rest);
    });
  return { guard, request };
}

/**
 * Why a read failed, in words of our own: the library's messages quote the bytes received (a header, a body cut
 * at a wrong Content-Length), which may be a document's content.
 */
export function readFailure(e: unknown): { fr: string; en: string } {
  const m = e instanceof Error ? e.message : '';
  const base = { fr: 'erreur de transport LSP, arrêt du serveur', en: 'LSP transport error, server stopping' };
  const what = /must provide a Content-Length/.test(m)
    ? { fr: 'en-tête sans Content-Length', en: 'header without Content-Length' }
    : /Content-Length value must be a number/.test(m)
      ? { fr: 'Content-Length non numérique', en: 'Content-Length is not a number' }
      : /header must separate key and value/.test(m)
        ? { fr: 'en-tête mal formé (octets hors protocole ?)', en: 'malformed header (bytes outside the protocol?)' }
        : e instanceof SyntaxError
          ? { fr: "corps de message qui n'est pas du JSON (Content-Length faux ?)", en: 'message body is not JSON (wrong Content-Length?)' }
          : { fr: `lecture impossible (${e instanceof Error ? e.name : typeof e})`, en: `cannot read (${e instanceof Error ? e.name : typeof e})` };
  return { fr: `${base.fr} : ${what.fr}`, en: `${base.en}: ${what.en}` };
}

/** Whether `$/cancelRequest` params name a request as the protocol says: an object whose `id` is a number or a string. */
function validCancel(params: unknown): boolean {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return false;
  const id = (params as { id?: unknown }).id;
  return (typeof id === 'number' && Number.isFinite(id)) || typeof id === 'string';
}

/**
 * The reader the connection listens to, with two guards before vscode-jsonrpc sees a message. That library reads
 * `params.id` of a `$/cancelRequest` in its reader callback, before any handler: params missing, null, a string, an
 * array or an id null threw there, the reader reported it as a read error, and the server stopped. Such a cancel
 * names no request, so it is dropped (one log line, no content). And whatever else the callback throws on one
 * message loses that message only (logged the same way), never the connection.
 */
export function guardReader(reader: MessageReader, log: (line: string) => void): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    dispose: () => reader.dispose(),
    listen: (callback) =>
      reader.listen((message: Message) => {
        const m = message as Partial<NotificationMessage>;
        if (m.method === '$/cancelRequest' && !validCancel(m.params)) {
          log('segur-json: $/cancelRequest ignoré (paramètres invalides) / ignored (invalid params)\n');
          return;
        }
        try {
          callback(message);
        } catch (e) {
          log(failureLine(typeof m.method === 'string' && /^[\w$/.-]{1,80}$/.test(m.method) ? m.method : 'message', e));
        }
      }),
  };
}
