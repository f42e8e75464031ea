/**
 * Limits of what the engine reports for one file, whatever schema or template checks it: a hostile template (an
 * `enum` of 80 000 values, 50 000 keys in a request line) must not turn one check into a report of hundreds of
 * megabytes. The limits of a template file itself (size, depth, keys, pattern length) are data too, in
 * schemas/templates.json (templateFormat.ts TEMPLATE_LIMITS). Both are documented in docs/schema-format.md (« Limits »).
 */

/**
 * Most findings of one file: past it, the first ones (in the order the checks find them, then by position) are kept
 * and one last finding says how many more there are (runner.ts). Far above a real file (200 requests with every
 * tag wrong give a few thousand), low enough that an editor and a report stay usable.
 */
export const MAX_FINDINGS_PER_FILE = 10_000;

/** Most values a message (or a hover) lists from an `enum`: the others are counted (« … et 79 990 autres »). */
export const MAX_LISTED_VALUES = 10;

/** An `enum` as a message lists it: at most MAX_LISTED_VALUES values, JSON-quoted, then how many more. */
export function listValues(values: readonly unknown[], lang: 'fr' | 'en', quote: (s: string) => string = (s) => s): string {
  const shown = values
    .slice(0, MAX_LISTED_VALUES)
    .map((v) => quote(JSON.stringify(v)))
    .join(', ');
  const more = values.length - MAX_LISTED_VALUES;
  if (more <= 0) return shown;
  const n = more.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US');
  return lang === 'fr' ? `${shown}, … et ${n} autre${more > 1 ? 's' : ''}` : `${shown}, … and ${n} more`;
}
