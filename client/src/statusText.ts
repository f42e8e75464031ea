/**
 * Pure helpers of the client for « see the state at a glance »: the language status item of a JSON document (SONS and
 * kind detected; the Problems panel already counts the errors) and the message that ends « Valider l'espace de travail » (per SONS and kind: files, requests, total
 * excl. VAT per VAT regime, errors). Figures only: never a value of a document.
 */
import { kindLabel, totalsLabel } from '../../server/src/protocol/labels';
import type { Detection, Kind, Locale } from '../../server/src/protocol/protocol';

/** The `segur/checkFiles` answer and one of its rows: declared once, in the protocol shared with the server. */
export type { CheckFilesResult as CheckFilesAnswer, SonsSummary } from '../../server/src/protocol/protocol';
import type { CheckFilesResult as CheckFilesAnswer } from '../../server/src/protocol/protocol';

/** What the language status item shows: its text, the line under it, and whether it is an error. */
export interface LanguageStatusView {
  text: string;
  detail: string;
  /** Only when the file cannot be checked: a Ségur file whose SONS or kind is unknown has no schema to be checked with. */
  error: boolean;
}

/**
 * How the client speaks: `t` is vscode.l10n.t in the extension (English, French in l10n/bundle.l10n.fr.json);
 * `locale` the same language for the words and figures protocol/labels.ts shapes (kinds, amounts).
 */
export interface ClientL10n {
  t(message: string, ...args: Array<string | number>): string;
  locale: Locale;
}

/**
 * The language status item of a JSON document: `$(checklist) IMG-RIS-Va2 solde` with how it was detected, no error
 * count (the Problems panel has it). `d` undefined: the server has not said yet.
 */
export function languageStatus(d: Pick<Detection, 'isSegur' | 'sons' | 'kind' | 'reason'> | undefined, l10n: ClientL10n): LanguageStatusView {
  const locale = l10n.locale;
  if (!d) return { text: 'Ségur', detail: l10n.t('checking…'), error: false };
  if (!d.isSegur) return { text: l10n.t('Ségur: not detected'), detail: d.reason[locale] || l10n.t('not a Ségur file'), error: false };
  const kind = d.kind ? kindLabel(d.kind as Kind, locale) : '?';
  if (!d.sons || !d.kind) {
    return {
      text: `$(error) Ségur ${d.sons ?? '?'} ${kind}`,
      detail: l10n.t('SONS or kind unknown: the file cannot be checked; choose them'),
      error: true,
    };
  }
  return { text: `$(checklist) ${d.sons} ${kind}`, detail: l10n.t('Detected: {0}', d.reason[locale]), error: false };
}

/** `count` with the singular or the plural form (French: 0 and 1 are singular; English: only 1). */
const n = (l10n: ClientL10n, count: number, one: string, many: string) => (count === 1 || (l10n.locale === 'fr' && count === 0) ? one : many);

/**
 * « Ségur : 5 fichiers vérifiés, 3 erreurs. IMG-RIS-Va2 avance : 2 fichiers, 6 demandes, 148 966,66 € HT (TTC 20 %),
 * 1 erreur ; … » — the rows in the order of the answer (by SONS, then kind).
 */
export function workspaceSummary(r: CheckFilesAnswer, l10n: ClientL10n): string {
  const rows = r.bySons ?? [];
  const files = rows.length ? rows.reduce((s, x) => s + x.files, 0) : r.files;
  const errors = rows.length ? rows.reduce((s, x) => s + x.errors, 0) : r.errors;
  const errorCount = (c: number) => n(l10n, c, l10n.t('{0} error', c), l10n.t('{0} errors', c));
  const head = l10n.t('Ségur: {0}, {1}.', n(l10n, files, l10n.t('{0} file checked', files), l10n.t('{0} files checked', files)), errorCount(errors));
  if (rows.length === 0) return head;
  const parts = rows.map((x) => {
    const what = [
      n(l10n, x.files, l10n.t('{0} file', x.files), l10n.t('{0} files', x.files)),
      x.requests !== undefined ? n(l10n, x.requests, l10n.t('{0} request', x.requests), l10n.t('{0} requests', x.requests)) : undefined,
      totalsLabel(x.totals, l10n.locale, true) || undefined,
      errorCount(x.errors),
    ].filter(Boolean);
    return l10n.t('{0} {1}: {2}', x.sons ?? '?', kindLabel(x.kind, l10n.locale), what.join(', '));
  });
  return `${head} ${parts.reduce((a, b) => l10n.t('{0}; {1}', a, b))}.`;
}
