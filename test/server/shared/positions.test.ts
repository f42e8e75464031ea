/**
 * The server's own helpers for big documents: positionsOf (the positions of a publish in one pass, equal to
 * TextDocument.positionAt) and IdleCollector (one full collection after a big check, once the turn is over).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { positionsOf } from '../../../server/src/server/shared/positions';
import { IdleCollector, fullCollector, BIG_TEXT_CHARS } from '../../../server/src/server/shared/memory';

const turn = () => new Promise((r) => setTimeout(r, 5));

test('positionsOf gives the positions TextDocument.positionAt gives, for every offset asked (lines, line ends, ends of text, out of range)', () => {
  const text = '{\n  "a": 1,\n\n  "b": [\n    "x"\n  ]\n}\n';
  const doc = TextDocument.create('file:///t.json', 'json', 1, text);
  const offsets = [...Array(text.length + 3).keys()].map((i) => i - 1).concat([text.length, 0, 5]);
  // threshold 0: the one-pass path even on a small text.
  const at = positionsOf(text, offsets, () => assert.fail('no fallback for an offset asked'), 0);
  for (const o of offsets) assert.deepEqual(at(o), doc.positionAt(o), `offset ${o}`);
  // An offset not asked: the document's own positionAt.
  const other = positionsOf(text, [3], (o) => doc.positionAt(o), 0);
  assert.deepEqual(other(9), doc.positionAt(9));
});

test('positionsOf keeps positionAt for a small text, a text with \\r (CRLF or a lone CR) and no offset', () => {
  const fallback = (o: number) => ({ line: -1, character: o });
  assert.equal(positionsOf('{}\n', [1], fallback), fallback, 'under the threshold');
  assert.equal(positionsOf('{\r\n}\r\n', [3], fallback, 0), fallback, 'CRLF');
  assert.equal(positionsOf('{\r}', [2], fallback, 0), fallback, 'lone CR');
  assert.equal(positionsOf('{\n}', [], fallback, 0), fallback, 'nothing asked');
  assert.ok(BIG_TEXT_CHARS > 300_000, 'the 200-request file (0.2–0.3 MB) is never big');
});

test('IdleCollector: one collection after a big check, once the turn is over; none after a small one', async () => {
  let n = 0;
  const idle = new IdleCollector(() => void n++, 1000);
  idle.afterCheck(999);
  await turn();
  assert.equal(n, 0, 'small text: no collection');
  idle.afterCheck(1000);
  idle.afterCheck(5000);
  assert.equal(n, 0, 'never in the turn of the check (its diagnostics go first)');
  await turn();
  assert.equal(n, 1, 'two big checks in one turn: one collection');
  idle.afterCheck(1000);
  await turn();
  assert.equal(n, 2, 'the next big check: another one');
  const none = new IdleCollector(null, 0);
  none.afterCheck(10);
  await turn();
});

test('fullCollector is a working full collection, and gc stays hidden from other contexts', () => {
  const gc = fullCollector();
  assert.equal(typeof gc, 'function');
  gc!();
  assert.equal(fullCollector(), gc, 'taken once');
  assert.equal(runInNewContext('typeof gc'), 'undefined');
});
