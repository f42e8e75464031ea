/**
 * Uniqueness (U1–U3): the identifiers that must appear in one order only are data (`uniqueness` of
 * schemas/sons.json). The occurrences of a file, read from its summary, serve the rules of one file
 * (rules/uniquenessRule.ts) and the index across files (crossIndex.ts). Core: imports no rule.
 */
import type { FileSummary, Localized, Spanned } from '../shared/types';
import { beneficiariesOf } from '../check/summary';

const loc = (fr: string, en: string): Localized => ({ fr, en });

export interface UniquenessEntry {
  rule: string;
  role: string;
  per?: string;
  source?: string;
  note?: string;
}

/** One identifier occurrence; its span is read only when reported (a position may cost a scan of the text). */
export class Occurrence {
  constructor(
    readonly key: string,
    readonly entry: UniquenessEntry,
    readonly line: number,
    private readonly span: Spanned<string>,
  ) {}
  get offset(): number {
    return this.span.offset;
  }
  get length(): number {
    return this.span.length;
  }
}

const ROLE_LABEL: Record<string, Localized> = {
  'id:finessPmsi': loc('FINESS PMSI', 'FINESS PMSI'),
  'id:finessGeo': loc('FINESS géographique', 'geographic FINESS'),
  'id:finessJuridique': loc('FINESS juridique', 'legal FINESS'),
  'id:siren': loc('SIREN client', 'client SIREN'),
  'id:am': loc('n° Assurance Maladie', 'Assurance Maladie number'),
  'id:rpps': loc('RPPS', 'RPPS'),
};

export const roleLabel = (role: string): Localized => ROLE_LABEL[role] ?? loc(role, role);

/** Every identifier occurrence of a file that a uniqueness entry of `rule` governs (one per line and key). */
export function occurrences(summary: FileSummary, entries: UniquenessEntry[]): Occurrence[] {
  const out: Occurrence[] = [];
  // Read defensively (a file being filled in): lines that are not objects and ids that are not strings are
  // skipped.
  const lines = Array.isArray(summary?.lines) ? summary.lines : [];
  // The keys of one line (a few): a list reused from line to line rather than a Set made for each line; a Set past
  // 16 keys (a line with many identifiers stays linear).
  const seenInLine: string[] = [];
  // `rule|role|` of each entry, made once (not for every identifier).
  const prefixes = new Map<UniquenessEntry, string>();
  let seenSet: Set<string> | undefined;
  const seen = (key: string): boolean => {
    if (seenSet !== undefined) {
      if (seenSet.has(key)) return true;
      seenSet.add(key);
      return false;
    }
    if (seenInLine.includes(key)) return true;
    seenInLine.push(key);
    if (seenInLine.length > 16) seenSet = new Set(seenInLine);
    return false;
  };
  for (const line of lines) {
    if (!line || typeof line !== 'object') continue;
    seenInLine.length = 0;
    seenSet = undefined;
    for (const b of beneficiariesOf(line)) {
      for (const id of b.ids) {
        if (!id || typeof id.value !== 'string') continue;
        for (const entry of entries) {
          if (id.role !== entry.role) continue;
          const per = entry.per ? b.attributes?.[entry.per] : undefined;
          let prefix = prefixes.get(entry);
          if (prefix === undefined) prefixes.set(entry, (prefix = `${entry.rule}|${entry.role}|`));
          const key = entry.per ? `${prefix}${id.value}|${typeof per === 'string' ? per : ''}` : prefix + id.value;
          if (seen(key)) continue;
          out.push(new Occurrence(key, entry, typeof line.index === 'number' ? line.index : 0, id));
        }
      }
    }
  }
  return out;
}
