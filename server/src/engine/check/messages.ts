import type { Localized } from '../shared/types';

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

/** A message argument: the same text in both languages, or one per language (a number as each language writes it). */
export type MessageArg = string | number | Localized;

function fill(s: string, args: Record<string, MessageArg>, lang: 'fr' | 'en'): string {
  const p = partsOf(s);
  if (p.length === 1) return s;
  let out = p[0];
  for (let i = 1; i < p.length; i += 2) {
    const a = Object.hasOwn(args, p[i]) ? args[p[i]] : undefined;
    out += (a === undefined ? `{${p[i]}}` : typeof a === 'object' ? a[lang] : String(a)) + p[i + 1];
  }
  return out;
}

/**
 * A number the message states itself (a ceiling, a rate, a computed amount), as each language writes it: French
 * groups thousands with a space and writes a decimal comma (« 43 800,00 », « 8,5 »), English a comma and a point
 * ("43,800.00", "8.5"). `decimals`: a fixed count (amounts in euros: 2), else as many as the value has. An amount
 * quoted from the file is not one of these: it is shown as written there (rules/util.ts amountText).
 */
export function numberText(value: number, decimals?: number): Localized {
  const s = decimals === undefined ? String(value) : value.toFixed(decimals);
  if (!/^-?\d+(\.\d+)?$/.test(s)) return { fr: s, en: s };
  const [int, dec] = s.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  // Both languages group from four digits (« 4 012,50 », "4,012.50").
  const group = (sep: string) => digits.replace(/\B(?=(\d{3})+$)/g, sep);
  return {
    fr: sign + group(' ') + (dec !== undefined ? ',' + dec : ''),
    en: sign + group(',') + (dec !== undefined ? '.' + dec : ''),
  };
}

/**
 * Replaces `{name}` placeholders in both languages (a placeholder without an argument stays as written). Each
 * template is cut once: the same message on 200 lines is not scanned 200 times.
 */
export function format(msg: Localized, args?: Record<string, MessageArg>): Localized {
  if (!args) return msg;
  return { fr: fill(msg.fr, args, 'fr'), en: fill(msg.en, args, 'en') };
}
