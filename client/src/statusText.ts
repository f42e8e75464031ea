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
 * The language status item of a JSON document: `$(checklist) IMG-RIS-Va2 solde` with how it was detected, no error
 * count (the Problems panel has it). `d` undefined: the server has not said yet.
 */
export function languageStatus(d: Pick<Detection, 'isSegur' | 'sons' | 'kind' | 'reason'> | undefined, locale: Locale): LanguageStatusView {
  const fr = locale === 'fr';
  if (!d) return { text: 'Ségur', detail: fr ? 'analyse en cours…' : 'checking…', error: false };
  if (!d.isSegur) {
    return {
      text: fr ? 'Ségur : non détecté' : 'Ségur: not detected',
      detail: d.reason[locale] || (fr ? 'pas un fichier Ségur' : 'not a Ségur file'),
      error: false,
    };
  }
  const kind = d.kind ? kindLabel(d.kind as Kind, locale) : '?';
  if (!d.sons || !d.kind) {
    return {
      text: `$(error) Ségur ${d.sons ?? '?'} ${kind}`,
      detail: fr
        ? 'SONS ou type inconnu : le fichier ne peut pas être vérifié ; choisissez-les'
        : 'SONS or kind unknown: the file cannot be checked; choose them',
      error: true,
    };
  }
  return { text: `$(checklist) ${d.sons} ${kind}`, detail: `${fr ? 'Détecté : ' : 'Detected: '}${d.reason[locale]}`, error: false };
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
