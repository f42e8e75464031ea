/**
 * Shared shape of the uniqueness rules U1–U3: the identifiers that must appear in one order only are data
 * (`uniqueness` of schemas/sons.json: role of the identifier, optional `per` attribute). Within a file, a second
 * occurrence is reported with `relatedInformation` on the first; across the files of a workspace see
 * server/src/engine/project/project.ts (same tables).
 */
import { Occurrence, occurrences, roleLabel, type Rule, type Localized, type FileSummary, type UniquenessEntry } from '../engine/rule-api';
import { L } from './util';

// The occurrences of a uniqueness entry are core (engine/project/uniqueness.ts): the index across files reads them too.
export { Occurrence, occurrences, roleLabel, type UniquenessEntry } from '../engine/rule-api';

/**
 * Occurrences of every uniqueness entry of a SONS in a file, computed once for U1, U2 and U3 (each keeps its own).
 */
/**
 * The occurrences of a check, shared by U1–U3 and dropped once each rule named by the entries has read them (they were
 * kept as long as the result: 10 000 lines of occurrences and keys with the cached result of a big file). A rule
 * that runs alone (a table test) leaves them in the WeakMap, which drops them with the summary.
 */
const perSummary = new WeakMap<FileSummary, { entries: UniquenessEntry[]; all: Occurrence[]; readers: Set<string> }>();
function occurrencesOnce(summary: FileSummary, entries: UniquenessEntry[], reader: string): Occurrence[] {
  let c = perSummary.get(summary);
  if (!c || c.entries !== entries) {
    c = { entries, all: occurrences(summary, entries), readers: new Set(entries.map((e) => e.rule)) };
    perSummary.set(summary, c);
  }
  c.readers.delete(reader);
  if (c.readers.size === 0) perSummary.delete(summary);
  return c.all;
}

export function uniquenessRule(id: 'U1' | 'U2' | 'U3', title: Localized, sources: string[], notes: { stated: Localized; modelled?: Localized }): Rule {
  return {
    meta: {
      id,
      title,
      sources,
      severity: 'error',
      fixable: false,
      ...notes,
      messages: {
        duplicate: L('{label} déjà présent ligne {other} : {note}', '{labelEn} already on line {other}: one order only for it ({rule}).'),
      },
    },
    stage: 'structure',
    create(ctx) {
      const all = (ctx.sons?.uniqueness ?? []) as UniquenessEntry[];
      const entries = all.filter((e) => e.rule === id);
      return {
        end() {
          const summary = ctx.summary();
          if (!summary || entries.length === 0) return;
          const first = new Map<string, Occurrence>();
          for (const o of occurrencesOnce(summary, all, id)) {
            if (o.entry.rule !== id) continue;
            const f = first.get(o.key);
            if (!f) {
              first.set(o.key, o);
              continue;
            }
            const label = roleLabel(o.entry.role);
            ctx.report({
              messageId: 'duplicate',
              slug: o.entry.role.replace('id:', ''),
              args: { label: label.fr, labelEn: label.en, other: f.line + 1, note: o.entry.note ?? '', rule: id },
              offset: o.offset,
              length: o.length,
              // Each uniqueness entry of schemas/sons.json names the source that states it.
              provenance: o.entry.source ? { kind: 'source', sources: [o.entry.source] } : undefined,
              related: [{ offset: f.offset, length: f.length, message: L('Première commande avec cet identifiant', 'First order with this identifier') }],
            });
          }
        },
      };
    },
  };
}
