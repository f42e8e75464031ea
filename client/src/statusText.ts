/**
 * Pure helpers of the client for « see the state at a glance »: the status bar's text (SONS, kind,
 * error count) and the message that ends « Valider l'espace de travail » (per SONS and kind: files, requests, total
 * excl. VAT per VAT regime, errors). Figures only: never a value of a document.
 */
import { kindLabel, totalsLabel } from '../../server/src/protocol/labels';
import type { Kind, Locale, Overview } from '../../server/src/protocol/protocol';

/** The `segur/checkFiles` answer and one of its rows: declared once, in the protocol shared with the server. */
export type { CheckFilesResult as CheckFilesAnswer, SonsSummary } from '../../server/src/protocol/protocol';
import type { CheckFilesResult as CheckFilesAnswer } from '../../server/src/protocol/protocol';

/** `$(checklist) Ségur IMG-RIS-Va2 solde $(error) 3` (the icon of an error count of 0: `$(pass)`). */
export function statusText(d: { sons?: string; kind?: string }, o: Pick<Overview, 'errors'> | undefined, locale: Locale): string {
  const base = `$(checklist) Ségur ${d.sons ?? '?'} ${d.kind ? kindLabel(d.kind as Kind, locale) : '?'}`;
  if (!o) return base;
  return `${base} ${o.errors > 0 ? '$(error)' : '$(pass)'} ${o.errors}`;
}

const n = (count: number, fr: [string, string], en: [string, string], locale: Locale) =>
  `${count} ${locale === 'fr' ? (count > 1 ? fr[1] : fr[0]) : count === 1 ? en[0] : en[1]}`;

/**
 * « Ségur : 5 fichiers vérifiés, 3 erreurs. IMG-RIS-Va2 avance : 2 fichiers, 6 demandes, 148 966,66 € HT (TTC 20 %),
 * 1 erreur ; … » — the rows in the order of the answer (by SONS, then kind).
 */
export function workspaceSummary(r: CheckFilesAnswer, locale: Locale): string {
  const rows = r.bySons ?? [];
  const files = rows.length ? rows.reduce((s, x) => s + x.files, 0) : r.files;
  const errors = rows.length ? rows.reduce((s, x) => s + x.errors, 0) : r.errors;
  const fr = locale === 'fr';
  const head = fr
    ? `Ségur : ${n(files, ['fichier vérifié', 'fichiers vérifiés'], ['', ''], locale)}, ${n(errors, ['erreur', 'erreurs'], ['', ''], locale)}.`
    : `Ségur: ${n(files, ['', ''], ['file checked', 'files checked'], locale)}, ${n(errors, ['', ''], ['error', 'errors'], locale)}.`;
  if (rows.length === 0) return head;
  const parts = rows.map((x) => {
    const what = [
      n(x.files, ['fichier', 'fichiers'], ['file', 'files'], locale),
      x.requests !== undefined ? n(x.requests, ['demande', 'demandes'], ['request', 'requests'], locale) : undefined,
      totalsLabel(x.totals, locale, true) || undefined,
      n(x.errors, ['erreur', 'erreurs'], ['error', 'errors'], locale),
    ].filter(Boolean);
    return `${x.sons ?? '?'} ${kindLabel(x.kind, locale)}${fr ? ' :' : ':'} ${what.join(', ')}`;
  });
  return `${head} ${parts.join(fr ? ' ; ' : '; ')}.`;
}
