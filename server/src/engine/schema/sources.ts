/**
 * The public documents the rules and schemas cite, as data (schemas/sources.json): what the user is shown for a
 * source id (`000` → « webinaire ANS/ASP du 28/04/2026 … ») in the rule catalogue and on hover.
 */
import table from '../../../../schemas/sources.json';
import type { Locale } from '../shared/types';

/**
 * `seed`: a public ANS/ASP document; `public`: a public generator that is not one (csv2json, named with its commit);
 * `reference`: a public standard outside those documents (the check keys of FINESS, SIREN/SIRET, RPPS).
 */
export type SourceKind = 'seed' | 'public' | 'reference';

export interface SourceEntry {
  kind: SourceKind;
  fr: string;
  en: string;
  /** A reference: the standard it is (who publishes it, which text). */
  standard?: string;
  /** A public generator: where it is, and the commit read. */
  repository?: string;
  commit?: string;
}

const SOURCES = (table as unknown as { sources: Record<string, SourceEntry> }).sources;

/**
 * For each rule, what each document it cites says: verbatim quotes of a seed (one or several), what a generator's
 * code does.
 */
export const STATEMENTS = (table as unknown as { statements: Record<string, Record<string, string | string[]>> }).statements;

/** The document's name and date; the id itself for an id the table does not know. */
export function sourceName(id: string, lang: Locale): string {
  return SOURCES[id]?.[lang] ?? id;
}

/** What kind of source an id is (undefined for an id the table does not know). */
export function sourceKind(id: string): SourceKind | undefined {
  return SOURCES[id]?.kind;
}

/** Known source ids (tests check that every cited id is in the table). */
export const SOURCE_IDS: readonly string[] = Object.keys(SOURCES);

/**
 * A schema's `x-provenance` for the user, in the words of the findings that rest on it (engine/schema/provenance.ts):
 * `confirmed:000` → « confirmée par la source « webinaire ANS/ASP du 28/04/2026 … » »; `modelled` → « modélisée :
 * à vérifier sur le modèle officiel de l'ASP » and how to load it; `learned:<file>` → the official template loaded.
 */
export function provenanceText(provenance: string, lang: Locale): string {
  if (provenance.startsWith('learned:')) {
    const file = provenance.slice('learned:'.length);
    return lang === 'fr' ? `**modèle officiel** chargé (« ${file} »)` : `**official template** loaded ("${file}")`;
  }
  if (!provenance.startsWith('confirmed:')) {
    return lang === 'fr'
      ? "**modélisée** (absente des sources publiques) : à vérifier sur le modèle officiel de l'ASP — `segur-json learn-template`, réglage `segur.templates.folder` ; les diagnostics qui n'en dépendent que sont des avertissements marqués [modélisé]"
      : '**modelled** (not in public sources): check against the official ASP template — `segur-json learn-template`, setting `segur.templates.folder`; the findings that rest only on it are warnings marked [modelled]';
  }
  const names = provenanceLabel(provenance, lang);
  return lang === 'fr' ? `confirmée par la source « ${names} »` : `confirmed by the source "${names}"`;
}

/** A short label of a provenance (completion detail): the documents' names. */
export function provenanceLabel(provenance: string, lang: Locale): string {
  if (provenance.startsWith('learned:')) return lang === 'fr' ? 'modèle officiel' : 'official template';
  if (!provenance.startsWith('confirmed:')) return lang === 'fr' ? 'modélisé' : 'modelled';
  return provenance
    .replace(/^confirmed:/, '')
    .split(/[,+]/)
    .map((x) => sourceName(x.trim(), lang))
    .join(lang === 'fr' ? ' ; ' : '; ');
}
