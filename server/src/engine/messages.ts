import type { Localized } from './types';

/** A message template cut at its `{name}` placeholders: literal parts at even indices, names at odd ones. */
type Parts = string[];
const PLACEHOLDER = /\{(\w+)\}/;
const cut = new Map<string, Parts>();

function partsOf(s: string): Parts {
  let p = cut.get(s);
  if (p === undefined) {
    p = s.split(PLACEHOLDER);
    // Templates are the rules' own messages (a bounded set); keep the cache bounded anyway.
    if (cut.size > 4096) cut.clear();
    cut.set(s, p);
  }
  return p;
}

function fill(s: string, args: Record<string, string | number>): string {
  const p = partsOf(s);
  if (p.length === 1) return s;
  let out = p[0];
  for (let i = 1; i < p.length; i += 2) out += (Object.hasOwn(args, p[i]) ? String(args[p[i]]) : `{${p[i]}}`) + p[i + 1];
  return out;
}

/**
 * Replaces `{name}` placeholders in both languages (a placeholder without an argument stays as written). Each
 * template is cut once: the same message on 200 lines is not scanned 200 times.
 */
export function format(msg: Localized, args?: Record<string, string | number>): Localized {
  if (!args) return msg;
  return { fr: fill(msg.fr, args), en: fill(msg.en, args) };
}
