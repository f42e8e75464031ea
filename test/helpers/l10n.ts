/**
 * vscode.l10n.t as the extension host gives it to the client (English in the code, French from
 * l10n/bundle.l10n.fr.json, `{0}` placeholders), for the client's pure helpers tested without vscode.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../../server/src/protocol/protocol';

const bundle = JSON.parse(readFileSync(join(__dirname, '..', '..', 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;

export function clientL10n(locale: Locale): { t(message: string, ...args: Array<string | number>): string; locale: Locale } {
  return {
    locale,
    t: (message, ...args) =>
      (locale === 'fr' ? (bundle[message] ?? message) : message).replace(/\{(\d+)\}/g, (hole, i: string) => (i in args ? String(args[+i]) : hole)),
  };
}
