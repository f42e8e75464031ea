/**
 * Memory after a big check. Checking a 10 MB document allocates about ten times its size (the JSON-RPC
 * message, its string and the document's new text; the engine's check about 110 MB, measured with --trace-gc, of which
 * the JSON.parse value is only 8 MB); V8 collects the part that outlived its young generation only when the old
 * generation has grown by a factor, so that each edit of a big document raised the server's peak by the garbage of the
 * check before (measured: 150 MB after opening the 10 MB file, 240 MB after 2 edits, 330 MB after 6, 440 MB
 * after 20). A full collection when the server is idle after a big check gives that memory back before the next one:
 * the peak stays one document and one check.
 *
 * A full collection of the server's heap with a 10 MB document open costs some tens of milliseconds: it runs only
 * after checks of big texts, never after the check of a 200-request file (0.2 MB), and never in the middle of a check.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A text of at least this many characters is big (the portal's 200-request file is about 0.2–0.3 MB). */
export const BIG_TEXT_CHARS = 2_000_000;

let collector: (() => void) | null | undefined;

/**
 * V8's full collection: `global.gc` when node was started with `--expose-gc`, else the same function taken from a
 * new context once the flag is set (the flag only exposes `gc` to contexts created after it); null if neither works.
 */
export function fullCollector(): (() => void) | null {
  if (collector !== undefined) return collector;
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return (collector = exposed as () => void);
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    collector = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collector = null;
  } finally {
    // Later contexts get no `gc` again: only this module holds it.
    setFlagsFromString('--no-expose-gc');
  }
  return collector;
}

/**
 * Runs a full collection once the event loop is free, after the check of a text of `chars` characters if it is big
 * (the diagnostics of that check are sent first: the caller is still in the same turn). Several big checks in the
 * same turn ask for one collection.
 *
 * After every big check, not every few: a check left uncollected makes V8 grow the heap by that check's garbage, and
 * a collection later does not give those pages back (measured with collections made only once the resident size had
 * grown: 155, 185, 233, 282 then 333 MB right after each of them, over 21 checks). The price: the next check of the big text starts on a smaller heap and pays
 * its growth again (about +50 % on the 10 MB file, plus the collection itself, 40–100 ms on the shared VM).
 */
export class IdleCollector {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * @param collect the full collection (default: fullCollector(), taken at the first big check, so that a server that
   *   never sees a big text never creates the context it comes from); null: never collect.
   */
  constructor(
    private collect?: (() => void) | null,
    private readonly threshold = BIG_TEXT_CHARS,
  ) {}

  afterCheck(chars: number): void {
    if (chars < this.threshold || this.timer) return;
    if (this.collect === undefined) this.collect = fullCollector();
    const collect = this.collect;
    if (!collect) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      collect();
    }, 0);
    // Never keeps the process alive on its own.
    this.timer.unref?.();
  }
}
