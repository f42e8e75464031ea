/**
 * How a file's overview reads (engine/assist/overview.ts computes the figures): the words of the status bar, the
 * CodeLens, « Valider l'espace de travail » and the CLI's report. Shared by the client and the server, so it lives
 * beside the protocol: pure text, and only the types of the engine (erased from the client's bundle).
 */
import type { Kind, Locale } from '../engine/shared/types';
import type { Overview, RegimeTotal } from '../engine/assist/overview';

const group = (digits: string, sep: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);

/**
 * An amount in euros as people read it: `1 234 567,89 €` in French (narrow no-break space between thousands,
 * no-break space before €), `€1,234,567.89` in English. Written out here (no Intl): the same text on any Node build.
 */
export function formatEuros(amount: number, locale: Locale): string {
  const negative = amount < 0;
  const cents = Math.round(Math.abs(amount) * 100);
  const int = String(Math.floor(cents / 100));
  const dec = String(cents % 100).padStart(2, '0');
  const grouped = group(int, locale === 'fr' ? '\u202f' : ',');
  const sign = negative ? '-' : '';
  return locale === 'fr' ? `${sign}${grouped},${dec}\u00a0€` : `${sign}€${grouped}.${dec}`;
}

/** `TTC 20 %` / `TTC 20%`, `HT`, or '' when the line has no VAT regime. */
export function regimeLabel(t: Pick<RegimeTotal, 'regime' | 'rate'>, locale: Locale): string {
  const rate = t.rate === undefined ? '' : locale === 'fr' ? `${String(t.rate).replace('.', ',')}\u00a0%` : `${t.rate}%`;
  return [t.regime ?? '', rate].filter(Boolean).join(' ');
}

/** French: 0 and 1 take the singular (« 0 erreur »); English: only 1. */
const plural = (n: number, one: string, many: string) => `${group(String(n), '\u202f')} ${n === 0 || n === 1 ? one : many}`;
const pluralEn = (n: number, one: string, many: string) => `${group(String(n), ',')} ${n === 1 ? one : many}`;

/**
 * The amounts part: `1 234 567,89 € HT`, per regime when the file has several (`… € HT (TTC 20 %) + …`) or when
 * `regimes` asks for it.
 */
export function totalsLabel(totals: readonly RegimeTotal[], locale: Locale, regimes = false): string {
  const ht = locale === 'fr' ? 'HT' : 'excl. VAT';
  if (totals.length === 0) return '';
  if (totals.length === 1 && !regimes) return `${formatEuros(totals[0].totalHT, locale)} ${ht}`;
  return totals.map((t) => `${formatEuros(t.totalHT, locale)} ${ht}${regimeLabel(t, locale) ? ` (${regimeLabel(t, locale)})` : ''}`).join(' + ');
}

const KIND_LABEL: Record<Kind, { fr: string; en: string }> = {
  avance: { fr: 'avance', en: 'avance' },
  solde: { fr: 'solde', en: 'solde' },
  output: { fr: 'avance (JSON de sortie)', en: 'avance (output JSON)' },
};

/** `avance`, `solde`, `avance (JSON de sortie)`. */
export const kindLabel = (kind: Kind | undefined, locale: Locale): string => (kind ? KIND_LABEL[kind][locale] : '?');

/**
 * One line: « 200 demandes · 1 234 567,89 € HT · 3 erreurs · IMG-RIS-Va2 solde » (English: « 200 requests ·
 * €1,234,567.89 excl. VAT · 3 errors · IMG-RIS-Va2 solde »), with « 2 réponses du portail » when the portal answered.
 */
export function overviewLabel(o: Overview, locale: Locale): string {
  const fr = locale === 'fr';
  const parts: string[] = [];
  if (o.requests !== undefined) parts.push(fr ? plural(o.requests, 'demande', 'demandes') : pluralEn(o.requests, 'request', 'requests'));
  const totals = totalsLabel(o.totals, locale);
  if (totals) parts.push(totals);
  parts.push(fr ? plural(o.errors, 'erreur', 'erreurs') : pluralEn(o.errors, 'error', 'errors'));
  if (o.portalAnswers > 0)
    parts.push(fr ? plural(o.portalAnswers, 'réponse du portail', 'réponses du portail') : pluralEn(o.portalAnswers, 'portal answer', 'portal answers'));
  const what = [o.sons, o.kind ? KIND_LABEL[o.kind][locale] : undefined].filter(Boolean).join(' ');
  if (what) parts.push(what);
  return parts.join(' · ');
}
