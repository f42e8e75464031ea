/**
 * A file at a glance: how many requests, the total amount excl. VAT per VAT regime, how many errors, and how many
 * lines carry the portal's answer — what the editor's CodeLens, the status bar, « Valider l'espace de travail » and
 * the HTML report show. Read by meaning from the engine's per-line summary (summary.ts: `x-role` `amount`,
 * `vatRegime`, `vatRate`, `portalCode`, `portalLabel` of schemas/), never from a path. Pure: no I/O.
 */
import type { CheckResult, Finding, Kind } from '../shared/types';
import type { LineSummary } from '../check/summary';

export interface RegimeTotal {
  /** `TTC`, `HT`… as written in the file (absent: the file has no VAT regime, e.g. a solde). */
  regime?: string;
  /** VAT rate in % as written (absent when the file has none). */
  rate?: number;
  /** Sum of the numeric amounts excl. VAT of the lines of this regime, in euros (summed in cents). */
  totalHT: number;
  /** Lines counted in this regime (with a numeric amount). */
  lines: number;
}

export interface Overview {
  sons?: string;
  kind?: Kind;
  /** Request lines (items of lignesImport); absent when the structure could not be read (broken syntax). */
  requests?: number;
  /** One entry per VAT regime met, in the order of the file (rule S11 wants only one). */
  totals: RegimeTotal[];
  errors: number;
  warnings: number;
  /** Lines whose `codeTraitement` or `libelleTraitement` is filled: the portal answered on them (S13/portal-answer). */
  portalAnswers: number;
}

/** A string or number that is really there (not null, not blank). */
export const filled = (v: unknown): boolean => (typeof v === 'string' ? v.trim() !== '' : typeof v === 'number');

/**
 * A processing code or label the portal filled in: a non-blank string or a number, but not `"null"` written as a
 * string (rule S3/null-string says it is a null misspelt, not an answer).
 */
export const answered = (v: unknown): boolean => filled(v) && !(typeof v === 'string' && /^null$/i.test(v.trim()));

/** True when the portal answered on this line (its processing code or label is filled). */
export const hasPortalAnswer = (l: LineSummary): boolean => answered(l.portalCode?.value) || answered(l.portalLabel?.value);

/**
 * The overview of one checked file. `findings`: all the file's findings (the engine's and those across files);
 * defaults to the engine's own.
 */
export function overview(result: CheckResult, findings: readonly Finding[] = result.findings): Overview {
  const lines = result.summary?.lines.filter(Boolean) ?? [];
  const totals: (RegimeTotal & { cents: number })[] = [];
  let portalAnswers = 0;
  for (const l of lines) {
    if (hasPortalAnswer(l)) portalAnswers++;
    const amount = l.amount?.value;
    if (typeof amount !== 'number' || !Number.isFinite(amount)) continue;
    const regime = typeof l.vatRegime?.value === 'string' ? l.vatRegime.value.trim() : undefined;
    const rate = typeof l.vatRate?.value === 'number' ? l.vatRate.value : undefined;
    let t = totals.find((x) => x.regime === regime && x.rate === rate);
    if (!t) {
      t = { regime, rate, totalHT: 0, lines: 0, cents: 0 };
      totals.push(t);
    }
    t.cents += Math.round(amount * 100);
    t.lines++;
  }
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  return {
    sons: result.detection.sons,
    kind: result.detection.kind,
    requests: result.summary ? lines.length : undefined,
    totals: totals.map(({ cents, ...t }) => ({ ...t, totalHT: cents / 100 })),
    errors,
    warnings,
    portalAnswers,
  };
}

/** Adds overviews up (several files of one SONS): totals of the same regime are summed. */
export function addOverviews(list: readonly Overview[]): Overview {
  const out: Overview = { totals: [], errors: 0, warnings: 0, portalAnswers: 0 };
  const cents = new Map<RegimeTotal, number>();
  for (const o of list) {
    out.sons ??= o.sons;
    if (o.requests !== undefined) out.requests = (out.requests ?? 0) + o.requests;
    out.errors += o.errors;
    out.warnings += o.warnings;
    out.portalAnswers += o.portalAnswers;
    for (const t of o.totals) {
      let x = out.totals.find((y) => y.regime === t.regime && y.rate === t.rate);
      if (!x) {
        x = { regime: t.regime, rate: t.rate, totalHT: 0, lines: 0 };
        out.totals.push(x);
      }
      cents.set(x, (cents.get(x) ?? 0) + Math.round(t.totalHT * 100));
      x.lines += t.lines;
    }
  }
  for (const t of out.totals) t.totalHT = (cents.get(t) ?? 0) / 100;
  return out;
}
