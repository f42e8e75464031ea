/**
 * Rules across files (pure): a solde is checked against its avance (C1–C6), matched by dossier number, else by
 * éditeur number, among files of the same SONS; and uniqueness (U1–U3) across the files of a workspace. Input: the
 * per-file results of `check` (their summaries); output: the extra findings of each file.
 */
import type { CheckResult, Finding, Severity } from './types';
import { sonsById } from './schemaData';
import { format } from './messages';
import type { IndexedLine, ProjectReport, ProjectRule } from '../rules/types';
import { occurrences, roleLabel, type UniquenessEntry } from '../rules/uniquenessRule';
import { PROJECT_RULES, RULES } from '../rules';
import { L } from '../rules/util';

export interface ProjectEntry {
  file: string;
  result: CheckResult;
}

function lines(entry: ProjectEntry): IndexedLine[] {
  const { detection, summary } = entry.result;
  if (!summary || summary.incomplete || !detection.sons) return [];
  const sons = sonsById(detection.sons);
  return summary.lines.filter(Boolean).map((line) => ({ file: entry.file, detection, sons, line }));
}

export function crossCheck(entries: ProjectEntry[], severities: Record<string, Severity | 'off'> = {}): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const push = (rule: { meta: ProjectRule['meta'] }, r: ProjectReport) => {
    const code = r.slug ? `${rule.meta.id}/${r.slug}` : rule.meta.id;
    const level = severities[code] ?? severities[rule.meta.id] ?? r.severity ?? rule.meta.severity;
    if (level === 'off') return;
    const f: Finding = { code, severity: level, message: format(rule.meta.messages[r.messageId], r.args), offset: r.offset ?? 0, length: r.length ?? 1, related: r.related };
    out.set(r.file, [...(out.get(r.file) ?? []), f]);
  };

  // Avance lines by SONS, indexed by dossier and by éditeur number.
  const bySons = new Map<string, { byDossier: Map<string, IndexedLine>; byEditeur: Map<string, IndexedLine> }>();
  const soldes: IndexedLine[] = [];
  for (const e of entries) {
    for (const l of lines(e)) {
      const kind = l.detection.kind;
      if (kind === 'solde') {
        soldes.push(l);
        continue;
      }
      const idx = bySons.get(l.detection.sons!) ?? { byDossier: new Map(), byEditeur: new Map() };
      bySons.set(l.detection.sons!, idx);
      if (typeof l.line.dossier?.value === 'string') idx.byDossier.set(l.line.dossier.value, l);
      if (l.line.editeur) idx.byEditeur.set(l.line.editeur.value.trim(), l);
    }
  }
  for (const s of soldes) {
    const idx = bySons.get(s.detection.sons!);
    if (!idx) continue;
    const dossier = typeof s.line.dossier?.value === 'string' ? s.line.dossier.value : undefined;
    const byDossier = dossier ? idx.byDossier.get(dossier) : undefined;
    const byEditeur = s.line.editeur ? idx.byEditeur.get(s.line.editeur.value.trim()) : undefined;
    const avance = byDossier ?? byEditeur;
    if (!avance) continue;
    const matchedBy = byDossier ? 'dossier' : 'editeur';
    for (const rule of PROJECT_RULES) {
      try {
        rule.pair({ solde: s, avance, matchedBy, report: (r) => push(rule, r) });
      } catch {
        push({ meta: { ...rule.meta, messages: { internal: L(`Erreur interne de la règle ${rule.meta.id}.`, `Internal error in rule ${rule.meta.id}.`) } } }, { file: s.file, messageId: 'internal', slug: 'internal', severity: 'warning' });
      }
    }
  }

  // Uniqueness across files: same SONS and kind, occurrences in different files (within a file: the U rules).
  const groups = new Map<string, ProjectEntry[]>();
  for (const e of entries) {
    const d = e.result.detection;
    if (!e.result.summary || e.result.summary.incomplete || !d.sons || !d.kind) continue;
    const k = `${d.sons}|${d.kind === 'output' ? 'avance' : d.kind}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  for (const [k, group] of groups) {
    if (group.length < 2) continue;
    const entriesU = (sonsById(k.split('|')[0])?.uniqueness ?? []) as UniquenessEntry[];
    const first = new Map<string, { file: string; offset: number; length: number; line: number }>();
    for (const e of [...group].sort((a, b) => a.file.localeCompare(b.file))) {
      const seenHere = new Set<string>();
      for (const o of occurrences(e.result.summary!, entriesU)) {
        const f = first.get(o.key);
        if (!f) {
          first.set(o.key, { file: e.file, offset: o.offset, length: o.length, line: o.line });
          seenHere.add(o.key);
          continue;
        }
        if (f.file === e.file || seenHere.has(o.key)) continue;
        const rule = RULES.find((r) => r.meta.id === o.entry.rule)!;
        const label = roleLabel(o.entry.role);
        push(
          { meta: { ...rule.meta, messages: { otherFile: L('{label} déjà dans une commande d\'un autre fichier ({other}, ligne {line}) : {note}', '{labelEn} already in an order of another file ({other}, line {line}) ({rule}).') } } },
          { file: e.file, messageId: 'otherFile', slug: o.entry.role.replace('id:', ''), args: { label: label.fr, labelEn: label.en, other: f.file.split(/[\\/]/).pop()!, line: f.line + 1, note: o.entry.note ?? '', rule: o.entry.rule }, offset: o.offset, length: o.length, related: [{ file: f.file, offset: f.offset, length: f.length, message: L('Première commande avec cet identifiant', 'First order with this identifier') }] },
        );
      }
    }
  }
  return out;
}
