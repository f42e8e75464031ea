import type { Localized } from './types';

/** Replaces `{name}` placeholders in both languages. */
export function format(msg: Localized, args?: Record<string, string | number>): Localized {
  if (!args) return msg;
  const sub = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
  return { fr: sub(msg.fr), en: sub(msg.en) };
}
