/**
 * Longer than 500 lines on purpose: the index's promise (every change of findings announced, file by file) holds only
 * while one class owns all its maps; what each rule checks lives in its rule file.
 *
 * The rules across files, incremental (pure; many open files stay fast): an index of the files checked together where
 * each avance line is indexed once by its dossier and éditeur numbers, and each identifier governed by a uniqueness
 * rule (U1–U3, `uniqueness` of schemas/sons.json) once by its key. `set(file, result)` updates that file's entries
 * only; `findings(file)` costs about the size of that file (look-ups, not a run over every file).
 *
 * Scope (an avance of another editor or software is not the solde's avance): only files of the same SONS, n° ANS and
 * SIRET (header values, read into the summary) are compared, for the pairs avance ↔ solde (C1–C6) and for uniqueness
 * across files (same kind too). A file whose header lacks one of them, whose structure could not be summarised, or
 * whose summary is incomplete, is compared with nothing.
 *
 * One solde per avance (C7, 004): the solde lines of a group are indexed by dossier number too; a number held by
 * several solde lines is reported on each, and an avance line is compared with one of them only (the first, in file
 * then line order, whose éditeur number is the avance line's; else the first): the others are compared with nothing,
 * so that a mistyped dossier number does not cascade into C1–C6 findings against an avance that is not theirs.
 *
 * Said, never silent (C8): a solde whose group holds no avance is told which checks did not run; the avances of its
 * SONS are indexed by dossier and éditeur number across groups, to name one that shares a number with it under
 * another SIRET or n° ANS.
 *
 * Isolation (one file's failure never affects another): a failure while indexing a file, or checking one pair or one
 * occurrence, yields one internal finding on the file concerned, naming the rule (no identifier), and the rest runs.
 */
import type { CheckResult, Finding, Severity, Localized } from '../shared/types';
import { sonsById, type SonsInfo } from '../schema/schemaData';
import { format } from '../check/messages';
import { textOf, type FileSummary, type LineSummary } from '../check/summary';
import type { Catalogue, HeaderSpan, IndexedLine, NearAvance, ProjectReport, RuleMeta } from '../shared/types';
import { occurrences, roleLabel, type Occurrence, type UniquenessEntry } from './uniqueness';
import { findingLevel, messageFor, ruleProvenance, toolProvenance, withModelledNote } from '../schema/provenance';

/** What the index needs of a file's check: its detection and summary. */
export type CrossInput = Pick<CheckResult, 'detection' | 'summary'>;
export type Severities = Record<string, Severity | 'off'>;

const L = (fr: string, en: string): Localized => ({ fr, en });

/** Normalised header values: n° ANS upper-cased, SIRET without spaces. */
const normAns = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toUpperCase() : undefined);
const normSiret = (v: unknown) => (typeof v === 'string' && v.replace(/\s+/g, '') !== '' ? v.replace(/\s+/g, '') : undefined);

/** Files in a stable order (the first file of a uniqueness key holds it; ties of localeCompare broken by code unit). */
const byFile = (a: string, b: string) => a.localeCompare(b) || (a < b ? -1 : a > b ? 1 : 0);
const byLine = (a: IndexedLine, b: IndexedLine) => byFile(a.file, b.file) || lineIndex(a.line) - lineIndex(b.line);
const lineIndex = (l: LineSummary) => (typeof l.index === 'number' ? l.index : 0);

interface FileRecord {
  file: string;
  /** `SONS|n° ANS|SIRET`, absent when the file is compared with nothing. */
  group?: string;
  /** The parts of the group (normalised header values), and where the header values are written. */
  sons?: string;
  ans?: string;
  siret?: string;
  at?: { numeroAns?: HeaderSpan; siret?: HeaderSpan };
  side?: 'avance' | 'solde';
  /** `group|kind` for uniqueness across files (an output JSON counts as an avance). */
  uniqueness?: string;
  /** Avance: its indexed lines; solde: the lines to match. */
  lines: IndexedLine[];
  /** `d:<dossier>` / `e:<éditeur>` keys: an avance's keys in the group's index, a solde's look-ups. */
  keys: Set<string>;
  /** Uniqueness occurrences in document order, and the first occurrence of each key in this file. */
  occurrences: Occurrence[];
  first: Map<string, Occurrence>;
  /** Rules whose indexing of this file failed (one internal finding each). */
  failed: string[];
}

interface Group {
  avances: Set<string>;
  soldes: Set<string>;
  /** Avance lines by `d:`/`e:` key, in file then line order (the first one is the match). */
  lines: Map<string, IndexedLine[]>;
  /** Solde files by the keys they look up (to know which soldes a change of an avance may affect). */
  lookups: Holders;
  /** Solde lines by dossier number, in file then line order (C7: more than one is a duplicate). */
  soldeDossiers: Map<string, IndexedLine[]>;
}

/** Per SONS, across groups (C8): avance files and solde files by the `d:`/`e:` keys of their lines. */
interface SonsKeys {
  avances: Holders;
  soldes: Holders;
}

/** Inserts `l` into a list kept in file then line order. */
function insertByLine(list: IndexedLine[], l: IndexedLine): void {
  let i = list.length;
  while (i > 0 && byLine(list[i - 1], l) > 0) i--;
  list.splice(i, 0, l);
}

function keysOf(line: LineSummary): { dossier?: string; editeur?: string } {
  return { dossier: textOf(line.dossier), editeur: textOf(line.editeur) };
}

/**
 * The files holding each key. Almost every key (a dossier or éditeur number) is held by one file: that file's name
 * stands alone, and a set is made only for a second holder (a set per key of 120 000 request lines weighed tens of MB).
 */
type Holders = Map<string, string | Set<string>>;

function addTo(m: Holders, k: string, file: string): void {
  const h = m.get(k);
  if (h === undefined) m.set(k, file);
  else if (typeof h === 'string') {
    if (h !== file) m.set(k, new Set([h, file]));
  } else h.add(file);
}

function deleteFrom(m: Holders, k: string, file: string): void {
  const h = m.get(k);
  if (h === undefined) return;
  if (typeof h === 'string') {
    if (h === file) m.delete(k);
    return;
  }
  h.delete(file);
  if (h.size === 1) m.set(k, h.values().next().value!);
  else if (h.size === 0) m.delete(k);
}

const NONE: readonly string[] = [];
/** The files holding `k` (none, one, or several). */
function holdersOf(m: Holders, k: string): Iterable<string> {
  const h = m.get(k);
  return h === undefined ? NONE : typeof h === 'string' ? [h] : h;
}

/** The avance line a solde line is compared with: same dossier number, else same éditeur number. */
interface Match {
  avance: IndexedLine;
  by: 'dossier' | 'editeur';
}

function matchOf(g: Group, s: IndexedLine): Match | undefined {
  const k = keysOf(s.line);
  const byDossier = k.dossier !== undefined ? g.lines.get(`d:${k.dossier}`)?.[0] : undefined;
  if (byDossier) return { avance: byDossier, by: 'dossier' };
  const byEditeur = k.editeur !== undefined ? g.lines.get(`e:${k.editeur}`)?.[0] : undefined;
  return byEditeur ? { avance: byEditeur, by: 'editeur' } : undefined;
}

/**
 * Whether solde line `s` is compared with its match (C7): always, unless its dossier number is held by other solde
 * lines matched to the same avance line; then only the first of them (file then line order) whose éditeur number is
 * the avance line's, else the first, is. A line left out is compared with no avance (C7 says where the other is).
 */
function takes(g: Group, s: IndexedLine, m: Match | undefined): boolean {
  // A line matching no avance line says so itself (C1/no-avance-line): nothing of another line's.
  if (!m) return true;
  const d = keysOf(s.line).dossier;
  const holders = d !== undefined ? g.soldeDossiers.get(d) : undefined;
  if (!holders || holders.length < 2) return true;
  const rivals = holders.filter((h) => h === s || matchOf(g, h)?.avance === m.avance);
  const editeur = keysOf(m.avance.line).editeur;
  const first = (editeur !== undefined ? rivals.find((h) => keysOf(h.line).editeur === editeur) : undefined) ?? rivals[0];
  return first === s;
}

function internalMeta(rule: RuleMeta): RuleMeta {
  return {
    ...rule,
    messages: {
      internal: L(
        `Erreur interne de la règle ${rule.id} entre fichiers : elle n'a pas pu comparer ce fichier aux autres (les autres règles l'ont fait).`,
        `Internal error in rule ${rule.id} across files: it could not compare this file with the others (the other rules did).`,
      ),
    },
  };
}

const OTHER_FILE = L(
  "{label} déjà dans une commande d'un autre fichier ({other}, ligne {line}) : {note}",
  '{labelEn} already in an order of another file ({other}, line {line}) ({rule}).',
);

/** How a message names another file (default: its base name; the server gives a workspace-relative path). */
export type FileNamer = (file: string) => string;
const baseName: FileNamer = (file) => file.split(/[\\/]/).pop()!;

/**
 * The index of the files checked together. The rules are given (`catalogue`: the core imports no rule; the composition
 * root segur.ts binds the catalogue of rules/catalogue.ts).
 */
export class CrossIndex {
  constructor(
    private readonly catalogue: Catalogue,
    private readonly nameOf: FileNamer = baseName,
  ) {}

  private readonly files = new Map<string, FileRecord>();
  private readonly groups = new Map<string, Group>();
  private readonly bySons = new Map<string, SonsKeys>();
  /** Uniqueness key → file → first occurrence there, per `group|kind`. */
  private readonly unique = new Map<string, Map<string, Map<string, Occurrence>>>();

  /**
   * Indexes (or re-indexes) a file. Returns the other files whose findings across files may have changed (those
   * sharing a dossier / éditeur number or a uniqueness key with the old or new content, or every solde of the group
   * when its first avance comes or its last goes).
   */
  set(file: string, result: CrossInput | undefined): Set<string> {
    const affected = new Set<string>();
    const old = this.files.get(file);
    if (old) this.remove(old, affected);
    const rec = build(file, result, this.catalogue);
    this.files.set(file, rec);
    this.add(rec, affected);
    affected.delete(file);
    return affected;
  }

  /** Forgets a file; returns the other files whose findings may have changed. */
  delete(file: string): Set<string> {
    const affected = new Set<string>();
    const old = this.files.get(file);
    if (old) {
      this.remove(old, affected);
      this.files.delete(file);
    }
    affected.delete(file);
    return affected;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  get size(): number {
    return this.files.size;
  }

  /** The findings across files of one file (C1–C8 on a solde, uniqueness across files on any). */
  findings(file: string, severities: Severities = {}, modelled?: Severity | 'off'): Finding[] {
    const rec = this.files.get(file);
    if (!rec) return [];
    const out: Finding[] = [];
    const internal = new Set<string>();
    const push = (meta: RuleMeta, r: ProjectReport) => {
      if (r.file !== file) return; // rules across files report on the solde (C1–C8 all do)
      const code = r.slug ? `${meta.id}/${r.slug}` : meta.id;
      // The rules across files compare values the sources say must match: their provenance is their sources
      // (a uniqueness entry of schemas/sons.json names its own), unless a rule says otherwise.
      const provenance = r.provenance ?? ruleProvenance(meta.sources);
      const level = findingLevel(code, meta.id, r.severity ?? meta.severity, provenance, severities, modelled);
      if (level === 'off') return;
      const message = format(messageFor(meta.messages, r.messageId, provenance)!, r.args);
      // A rule's fix (C2: the avance's dossier number, offered one by one) goes with its finding, as within a file.
      out.push({
        code,
        severity: level,
        message: provenance.kind === 'model' ? withModelledNote(message) : message,
        offset: r.offset ?? 0,
        length: r.length ?? 1,
        ...(r.fix ? { fix: r.fix } : {}),
        related: r.related,
        provenance,
      });
    };
    const fail = (meta: RuleMeta) => {
      if (internal.has(meta.id)) return;
      internal.add(meta.id);
      push(internalMeta(meta), { file, messageId: 'internal', slug: 'internal', severity: 'warning', provenance: toolProvenance() });
    };
    for (const id of rec.failed) fail(metaOf(this.catalogue, id));

    const g = rec.side === 'solde' && rec.group ? this.groups.get(rec.group) : undefined;

    // C7: a dossier number held by other solde lines of the group (this file's or other files').
    if (g) {
      for (const s of rec.lines) {
        let others: IndexedLine[] = [];
        try {
          const d = keysOf(s.line).dossier;
          const holders = d !== undefined ? g.soldeDossiers.get(d) : undefined;
          if (holders && holders.length > 1) others = holders.filter((h) => h !== s);
        } catch {
          fail(metaOf(this.catalogue, FIRST_PROJECT_RULE));
          continue;
        }
        if (others.length === 0) continue;
        for (const rule of this.catalogue.projectRules) {
          if (!rule.duplicate) continue;
          try {
            rule.duplicate({ solde: s, others, nameOf: this.nameOf, report: (r) => push(rule.meta, r) });
          } catch {
            fail(rule.meta);
          }
        }
      }
    }

    // C1–C6: each solde line against the avance line of the same dossier number, else of the same éditeur number;
    // an avance line is compared with one holder of a duplicated dossier number only (C7).
    if (g && g.avances.size > 0) {
      for (const s of rec.lines) {
        let m: Match | undefined;
        try {
          m = matchOf(g, s);
          if (!takes(g, s, m)) continue;
        } catch {
          fail(metaOf(this.catalogue, FIRST_PROJECT_RULE));
          continue;
        }
        for (const rule of this.catalogue.projectRules) {
          try {
            if (m) rule.pair?.({ solde: s, avance: m.avance, matchedBy: m.by, report: (r) => push(rule.meta, r) });
            else rule.unmatched?.({ solde: s, report: (r) => push(rule.meta, r) });
          } catch {
            fail(rule.meta);
          }
        }
      }
    }

    // C8: no avance of the solde's group among the files: which checks did not run, and an avance of another SIRET
    // or n° ANS that shares a number with it.
    if (g && g.avances.size === 0 && rec.sons) {
      let near: NearAvance[] = [];
      try {
        near = this.nearAvances(rec);
      } catch {
        near = [];
      }
      const notRun = this.catalogue.projectRules.filter((r) => r.pair).map((r) => r.meta);
      for (const rule of this.catalogue.projectRules) {
        if (!rule.noAvance) continue;
        try {
          rule.noAvance({
            file,
            sons: rec.sons,
            siret: rec.at?.siret,
            numeroAns: rec.at?.numeroAns,
            notRun,
            near,
            nameOf: this.nameOf,
            report: (r) => push(rule.meta, r),
          });
        } catch {
          fail(rule.meta);
        }
      }
    }

    // Uniqueness across files: an identifier already in an order of another file (the first file by name holds it).
    const u = rec.uniqueness ? this.unique.get(rec.uniqueness) : undefined;
    if (u) {
      for (const o of rec.occurrences) {
        let meta: RuleMeta | undefined;
        try {
          meta = metaOf(this.catalogue, o.entry.rule);
          const holders = u.get(o.key);
          if (!holders || holders.size < 2) continue;
          let firstFile: string | undefined;
          for (const f of holders.keys()) if (firstFile === undefined || byFile(f, firstFile) < 0) firstFile = f;
          if (firstFile === undefined || firstFile === file) continue;
          const f = holders.get(firstFile)!;
          const label = roleLabel(o.entry.role);
          push(
            { ...meta, messages: { otherFile: OTHER_FILE } },
            {
              file,
              messageId: 'otherFile',
              slug: o.entry.role.replace('id:', ''),
              args: { label: label.fr, labelEn: label.en, other: this.nameOf(firstFile), line: f.line + 1, note: o.entry.note ?? '', rule: o.entry.rule },
              offset: o.offset,
              length: o.length,
              provenance: o.entry.source ? ruleProvenance([o.entry.source]) : undefined,
              related: [
                {
                  file: firstFile,
                  offset: f.offset,
                  length: f.length,
                  message: L('Première commande avec cet identifiant', 'First order with this identifier'),
                },
              ],
            },
          );
        } catch {
          fail(meta ?? metaOf(this.catalogue, 'U1'));
        }
      }
    }
    return out;
  }

  private groupOf(key: string): Group {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { avances: new Set(), soldes: new Set(), lines: new Map(), lookups: new Map(), soldeDossiers: new Map() }));
    return g;
  }

  private sonsOf(sons: string): SonsKeys {
    let k = this.bySons.get(sons);
    if (!k) this.bySons.set(sons, (k = { avances: new Map(), soldes: new Map() }));
    return k;
  }

  /** The avances of the solde's SONS in other groups sharing a dossier or éditeur number with it (by file name). */
  private nearAvances(rec: FileRecord): NearAvance[] {
    const k = rec.sons ? this.bySons.get(rec.sons) : undefined;
    if (!k) return [];
    const by = new Map<string, 'dossier' | 'editeur'>();
    for (const key of rec.keys) {
      for (const f of holdersOf(k.avances, key)) {
        const a = this.files.get(f);
        if (!a || a.group === rec.group) continue;
        if (key.startsWith('d:') || !by.has(f)) by.set(f, key.startsWith('d:') ? 'dossier' : 'editeur');
      }
    }
    return [...by.keys()].sort(byFile).map((f) => {
      const a = this.files.get(f)!;
      return { file: f, otherSiret: a.siret !== rec.siret, otherAns: a.ans !== rec.ans, by: by.get(f)! };
    });
  }

  /** The solde files holding a dossier number of these soldes' duplicated ones (their C7 and pairing depend on each other). */
  private coHolders(g: Group, soldes: Iterable<string>, affected: Set<string>): void {
    for (const f of [...soldes]) {
      const rec = this.files.get(f);
      if (!rec) continue;
      for (const key of rec.keys) {
        if (!key.startsWith('d:')) continue;
        for (const h of g.soldeDossiers.get(key.slice(2)) ?? []) affected.add(h.file);
      }
    }
  }

  private add(rec: FileRecord, affected: Set<string>): void {
    if (rec.group) {
      const g = this.groupOf(rec.group);
      const bySons = this.sonsOf(rec.sons!);
      if (rec.side === 'avance') {
        g.avances.add(rec.file);
        if (g.avances.size === 1) for (const s of g.soldes) affected.add(s);
        for (const l of rec.lines) {
          const k = keysOf(l.line);
          for (const key of [k.dossier !== undefined ? `d:${k.dossier}` : undefined, k.editeur !== undefined ? `e:${k.editeur}` : undefined]) {
            if (!key) continue;
            let list = g.lines.get(key);
            if (!list) g.lines.set(key, (list = []));
            insertByLine(list, l);
          }
        }
        const soldes = new Set<string>();
        for (const key of rec.keys) for (const s of holdersOf(g.lookups, key)) soldes.add(s);
        this.coHolders(g, soldes, affected);
        for (const s of soldes) affected.add(s);
        // C8: the soldes of other groups of this SONS that share a number with it.
        for (const key of rec.keys) {
          addTo(bySons.avances, key, rec.file);
          for (const s of holdersOf(bySons.soldes, key)) affected.add(s);
        }
      } else {
        g.soldes.add(rec.file);
        for (const key of rec.keys) {
          addTo(g.lookups, key, rec.file);
          addTo(bySons.soldes, key, rec.file);
        }
        for (const l of rec.lines) {
          const d = keysOf(l.line).dossier;
          if (d === undefined) continue;
          let list = g.soldeDossiers.get(d);
          if (!list) g.soldeDossiers.set(d, (list = []));
          for (const h of list) affected.add(h.file);
          insertByLine(list, l);
        }
      }
    }
    if (rec.uniqueness) {
      let u = this.unique.get(rec.uniqueness);
      if (!u) this.unique.set(rec.uniqueness, (u = new Map()));
      for (const [key, o] of rec.first) {
        let holders = u.get(key);
        if (!holders) u.set(key, (holders = new Map()));
        for (const f of holders.keys()) affected.add(f);
        holders.set(rec.file, o);
      }
    }
  }

  private remove(rec: FileRecord, affected: Set<string>): void {
    if (rec.group) {
      const g = this.groups.get(rec.group);
      if (g) {
        const bySons = this.sonsOf(rec.sons!);
        if (rec.side === 'avance') {
          g.avances.delete(rec.file);
          if (g.avances.size === 0) for (const s of g.soldes) affected.add(s);
          const soldes = new Set<string>();
          for (const key of rec.keys) {
            const list = g.lines.get(key)?.filter((l) => l.file !== rec.file);
            if (list && list.length > 0) g.lines.set(key, list);
            else g.lines.delete(key);
            for (const s of holdersOf(g.lookups, key)) soldes.add(s);
            deleteFrom(bySons.avances, key, rec.file);
            for (const s of holdersOf(bySons.soldes, key)) affected.add(s);
          }
          this.coHolders(g, soldes, affected);
          for (const s of soldes) affected.add(s);
        } else {
          g.soldes.delete(rec.file);
          for (const key of rec.keys) {
            deleteFrom(g.lookups, key, rec.file);
            deleteFrom(bySons.soldes, key, rec.file);
          }
          for (const l of rec.lines) {
            const d = keysOf(l.line).dossier;
            if (d === undefined) continue;
            const list = g.soldeDossiers.get(d)?.filter((h) => h.file !== rec.file);
            for (const h of list ?? []) affected.add(h.file);
            if (list && list.length > 0) g.soldeDossiers.set(d, list);
            else g.soldeDossiers.delete(d);
          }
        }
        if (g.avances.size === 0 && g.soldes.size === 0) this.groups.delete(rec.group);
        if (bySons.avances.size === 0 && bySons.soldes.size === 0) this.bySons.delete(rec.sons!);
      }
    }
    if (rec.uniqueness) {
      const u = this.unique.get(rec.uniqueness);
      if (u) {
        for (const key of rec.first.keys()) {
          const holders = u.get(key);
          if (!holders) continue;
          holders.delete(rec.file);
          for (const f of holders.keys()) affected.add(f);
          if (holders.size === 0) u.delete(key);
        }
        if (u.size === 0) this.unique.delete(rec.uniqueness);
      }
    }
  }
}

/** The rule a failure to read a file's lines is charged to (C1: the pairing of avance and solde lines). */
const FIRST_PROJECT_RULE = 'C1';

function metaOf(catalogue: Catalogue, id: string): RuleMeta {
  const meta = catalogue.projectRules.find((r) => r.meta.id === id)?.meta ?? catalogue.rules.find((r) => r.meta.id === id)?.meta;
  return meta ?? { id, title: L(id, id), sources: [], severity: 'error', fixable: false, messages: {} };
}

/** What a file brings to the index, read defensively: any failure leaves that part empty and is remembered. */
function build(file: string, result: CrossInput | undefined, catalogue: Catalogue): FileRecord {
  const rec: FileRecord = { file, lines: [], keys: new Set(), occurrences: [], first: new Map(), failed: [] };
  let summary: FileSummary | undefined;
  let sons: SonsInfo | undefined;
  try {
    const d = result?.detection;
    summary = result?.summary;
    if (!d || !summary || typeof summary !== 'object' || summary.incomplete || !d.sons || !d.kind) return rec;
    const ans = normAns(summary.numeroAns);
    const siret = normSiret(summary.siret);
    if (!ans || !siret) return rec;
    sons = sonsById(d.sons);
    rec.group = `${d.sons}|${ans}|${siret}`;
    rec.sons = d.sons;
    rec.ans = ans;
    rec.siret = siret;
    const at = summary.headerSpans;
    if (at && typeof at === 'object') rec.at = { numeroAns: at.numeroAns, siret: at.siret };
    rec.side = d.kind === 'solde' ? 'solde' : 'avance';
    rec.uniqueness = `${rec.group}|${rec.side}`;
    const lines = Array.isArray(summary.lines) ? summary.lines : [];
    for (const line of lines) {
      if (!line || typeof line !== 'object') continue;
      rec.lines.push({ file, detection: d, sons, line });
      const k = keysOf(line);
      if (k.dossier !== undefined) rec.keys.add(`d:${k.dossier}`);
      if (k.editeur !== undefined) rec.keys.add(`e:${k.editeur}`);
    }
  } catch {
    rec.failed.push(catalogue.projectRules[0]?.meta.id ?? FIRST_PROJECT_RULE);
    rec.lines = [];
    rec.keys.clear();
    rec.group = undefined;
    rec.sons = undefined;
  }
  if (!rec.uniqueness || !summary) return rec;
  const entries = (Array.isArray(sons?.uniqueness) ? sons!.uniqueness : []) as UniquenessEntry[];
  if (entries.length === 0) return rec;
  try {
    rec.occurrences = occurrences(summary, entries);
  } catch {
    // Which rule failed: each one on its own (the others keep their occurrences).
    rec.occurrences = [];
    for (const id of [...new Set(entries.map((e) => e.rule))]) {
      try {
        rec.occurrences.push(
          ...occurrences(
            summary,
            entries.filter((e) => e.rule === id),
          ),
        );
      } catch {
        rec.failed.push(id);
      }
    }
  }
  for (const o of rec.occurrences) if (!rec.first.has(o.key)) rec.first.set(o.key, o);
  return rec;
}

/** All files checked together (the CLI): the same findings as a CrossIndex holding them. */
export function crossCheckAll(
  catalogue: Catalogue,
  entries: { file: string; result: CrossInput }[],
  severities: Severities = {},
  modelled?: Severity | 'off',
  nameOf?: FileNamer,
): Map<string, Finding[]> {
  const index = new CrossIndex(catalogue, nameOf);
  for (const e of entries) index.set(e.file, e.result);
  const out = new Map<string, Finding[]>();
  for (const file of new Set(entries.map((e) => e.file))) {
    const f = index.findings(file, severities, modelled);
    if (f.length > 0) out.set(file, f);
  }
  return out;
}
