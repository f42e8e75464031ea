/**
 * What the rules across lines and files need from a document, collected during the single traversal from the
 * schema's `x-role` annotations (docs/schema-format.md): per request line, the éditeur and dossier numbers, the
 * amount, the prestation type, the VAT regime, the client's representative (`nomClient`), the portal's answer
 * (`codeTraitement` / `libelleTraitement` of an output JSON, roles `portalCode` / `portalLabel`), and the
 * beneficiaries with their identifiers and named attributes (`structureName`). Positions are kept
 * so that findings can point at the value.
 */
import type { BeneficiarySummary, FileSummary, LineSummary, RuleVisitors, Spanned, Visit } from '../shared/types';

// The summary's shapes are core vocabulary (types.ts: the rule API names them); re-exported here.
export type { BeneficiarySummary, FileSummary, LineSummary, LineValue, Spanned } from '../shared/types';
import { LINES_KEY } from '../schema/schemaData';
import type { JsonNode } from '../syntax/tree';
import { positionOf, tokenSpan, TapeNode, type TapeDoc } from '../syntax/tape';
import { spanOfVisit, tokenOfVisit } from './walk';
import { keyMeans } from '../schema/vocabulary';

/** The trimmed text of a value, if it is a non-empty string (null, numbers, blanks and absent values: undefined). */
export function textOf(s: { value?: unknown } | null | undefined): string | undefined {
  const v = s?.value;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** The value, if it is a finite number. */
export function numberOf(s: { value?: unknown } | null | undefined): number | undefined {
  const v = s?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The beneficiaries of a line and their identifiers, whatever the summary holds (a missing list is empty). */
export function beneficiariesOf(line: LineSummary | null | undefined): BeneficiarySummary[] {
  const bs = line?.beneficiaries;
  return Array.isArray(bs) ? bs.filter((b) => b && typeof b === 'object' && Array.isArray(b.ids)) : [];
}

// Spans are made by `spanOfVisit` (walk.ts): read when a rule reports (on the engine's fast path a position costs a scan
// of the text, which a clean file never needs), keeping the position and not the node, so that a cached result does
// not keep the document's value alive. `settleSummary` turns them into plain numbers.
const settle = <T>(s: Spanned<T>): Spanned<T> => ({ value: s.value, offset: s.offset, length: s.length });
// An object literal of fixed keys, not `{ ...settle(id), role }`: the spread gave every identifier of every file a hidden
// class of its own (measured: 600 settled files of 200 requests held 365 MB of heap, 164 MB with literals).
const settleId = (id: Spanned<string> & { role: string }): Spanned<string> & { role: string } => ({
  value: id.value,
  offset: id.offset,
  length: id.length,
  role: id.role,
});

function settleHeader(h: NonNullable<FileSummary['headerSpans']>): NonNullable<FileSummary['headerSpans']> {
  const out: NonNullable<FileSummary['headerSpans']> = {};
  if (h.numeroAns) out.numeroAns = { offset: h.numeroAns.offset, length: h.numeroAns.length };
  if (h.siret) out.siret = { offset: h.siret.offset, length: h.siret.length };
  return out;
}

/**
 * The summary with every position read and nothing else kept: what an index of many files stores (the spans of
 * `summaryCollector` keep the document's text and tape).
 */
export function settleSummary(summary: FileSummary): FileSummary {
  return {
    incomplete: summary.incomplete,
    numeroAns: summary.numeroAns,
    siret: summary.siret,
    ...(summary.headerSpans ? { headerSpans: settleHeader(summary.headerSpans) } : {}),
    lines: summary.lines.map((l) => {
      const out: LineSummary = {
        index: l.index,
        offset: l.offset,
        beneficiaries: l.beneficiaries.map((b) => ({ group: b.group, index: b.index, offset: b.offset, ids: b.ids.map(settleId), attributes: b.attributes })),
      };
      for (const r of LINE_ROLES) {
        const v = (l as unknown as Record<string, Spanned<unknown> | undefined>)[r];
        if (v) (out as unknown as Record<string, Spanned<unknown>>)[r] = settle(v);
      }
      return out;
    }),
  };
}

/**
 * Header values read into the summary, by the meaning of their key (schemas/vocabulary.json: its patterns are
 * case-insensitive, so a key written `NumeroAns` or ` siret` still counts, as detection does).
 */
const HEADER_ROLES = ['numeroAns', 'siret'] as const;
const headerRole = (key: string) => HEADER_ROLES.find((m) => keyMeans(key.trim(), m));

/** The role values a line keeps, in a fixed order (the slots of `LineEntry`). */
const LINE_ROLE_LIST = ['editeur', 'dossier', 'amount', 'prestation', 'vatRegime', 'vatRate', 'representative', 'portalCode', 'portalLabel'] as const;
const LINE_ROLES = new Set<string>(LINE_ROLE_LIST);
const ROLE_SLOT = new Map<string, number>(LINE_ROLE_LIST.map((r, i) => [r, i]));

/**
 * A line of the summary. A file of 10 000 requests keeps 10 000 of them during its check (and in its result): they are
 * compact, because what survives a scavenge is copied (twice, until promoted). On the fast path a role value is kept as
 * its value and its token on the tape, in one array per line, and its span object is made when a rule reads it (a
 * span per role value kept 9 objects per line); the line's own position is its token, not a position object.
 */
interface LineEntry extends Omit<LineSummary, 'index' | 'offset' | 'beneficiaries'> {}
class LineEntry implements LineSummary {
  beneficiaries: BeneficiarySummary[] = [];
  /** Slot 2r: the value of role r; 2r + 1: its token on `doc`'s tape (a number), else its span. Made on first need. */
  private roles: unknown[] | undefined = undefined;
  /** The tape of the line's token `at`; undefined on the jsonc-parser tree, where `at` is the line's offset. */
  readonly doc: TapeDoc | undefined;
  private readonly at: number;
  constructor(
    readonly index: number,
    node: JsonNode,
  ) {
    if (node instanceof TapeNode) {
      this.doc = node.doc;
      this.at = node.index;
    } else {
      this.doc = undefined;
      this.at = node.offset;
    }
  }
  get offset(): number {
    return this.doc !== undefined ? this.doc.startOf(this.at) : this.at;
  }
  /** Keeps the visited value as role `slot` (a span read later: its token when on the tape). */
  keep(slot: number, v: Visit): void {
    const roles = (this.roles ??= new Array(LINE_ROLE_LIST.length * 2));
    const t = this.doc !== undefined ? tokenOfVisit(v, this.doc) : -1;
    roles[2 * slot] = v.value;
    roles[2 * slot + 1] = t >= 0 ? t : spanOfVisit(v, v.value);
  }
  /** The span of role `slot`, if the line has it (a new object on the fast path: read it once and keep it). */
  role(slot: number): Spanned<unknown> | undefined {
    const roles = this.roles;
    const t = roles?.[2 * slot + 1];
    if (t === undefined) return undefined;
    return typeof t === 'number' ? tokenSpan(roles![2 * slot], this.doc!, t) : (t as Spanned<unknown>);
  }
  /** A role set by assignment (a plain span). */
  assign(slot: number, span: Spanned<unknown> | undefined): void {
    const roles = (this.roles ??= new Array(LINE_ROLE_LIST.length * 2));
    roles[2 * slot] = span?.value;
    roles[2 * slot + 1] = span;
  }
}
LINE_ROLE_LIST.forEach((r, slot) => {
  Object.defineProperty(LineEntry.prototype, r, {
    get(this: LineEntry) {
      return this.role(slot);
    },
    set(this: LineEntry, span: Spanned<unknown> | undefined) {
      this.assign(slot, span);
    },
    enumerable: true,
    configurable: true,
  });
});

class BeneficiaryEntry implements BeneficiarySummary {
  ids: (Spanned<string> & { role: string })[] = [];
  attributes: Record<string, string> = {};
  /** The first value of the beneficiary met by the traversal (where its findings point): its token on `doc`'s tape, else its offset. */
  private readonly doc: TapeDoc | undefined;
  private readonly at: number;
  constructor(
    readonly group: string,
    readonly index: number,
    v: Visit,
    doc: TapeDoc | undefined,
  ) {
    const t = doc !== undefined ? tokenOfVisit(v, doc) : -1;
    this.doc = t >= 0 ? doc : undefined;
    this.at = t >= 0 ? t : positionOf(v.node).offset;
  }
  get offset(): number {
    return this.doc !== undefined ? this.doc.startOf(this.at) : this.at;
  }
}

/**
 * `list` with `x` at its end: a copy of its exact size while it is short, else `list` itself grown by a push (a push
 * on a short array reserves 17 slots, kept with the line for the whole check and in its result).
 */
export function appended<T>(list: T[], x: T): T[] {
  if (list.length >= 8) {
    list.push(x);
    return list;
  }
  const out = new Array<T>(list.length + 1);
  for (let k = 0; k < list.length; k++) out[k] = list[k];
  out[list.length] = x;
  return out;
}

export function summaryCollector(summary: FileSummary): RuleVisitors {
  const lineOf = (v: Visit): LineEntry | undefined => {
    const i = v.lineIndex;
    if (i === undefined || !v.line) return undefined;
    let l = summary.lines[i] as LineEntry | undefined;
    if (!l) {
      l = new LineEntry(i, v.line);
      summary.lines[i] = l;
    }
    return l;
  };
  // The traversal meets a beneficiary's values one after the other: the last one found is kept at hand.
  let last: BeneficiarySummary | undefined;
  let lastLine: LineSummary | undefined;
  const beneficiaryOf = (v: Visit, line: LineEntry): BeneficiarySummary | undefined => {
    // lignesImport / i / beneficiaires / <group> / [j] / …
    const p = v.path;
    if (p.length < 5 || p[0] !== LINES_KEY || typeof p[2] !== 'string' || !keyMeans(p[2], 'beneficiaries')) return undefined;
    const group = String(p[3]);
    const index = typeof p[4] === 'number' ? p[4] : 0;
    if (last !== undefined && lastLine === line && last.group === group && last.index === index) return last;
    let b: BeneficiarySummary | undefined;
    for (const x of line.beneficiaries) if (x.group === group && x.index === index) b = x;
    if (!b) {
      b = new BeneficiaryEntry(group, index, v, line.doc);
      line.beneficiaries = appended(line.beneficiaries, b);
    }
    last = b;
    lastLine = line;
    return b;
  };
  return {
    only: { object: 'keys-differ' },
    object(v) {
      if (v.keys.unknown.length > 0 || v.keys.missing.length > 0) summary.incomplete = true;
    },
    scalar(v) {
      if (v.path.length === 1 && typeof v.path[0] === 'string') {
        const h = headerRole(v.path[0]);
        if (!h) return;
        // A siret written as a number is still the same SIRET for matching (S-rules report its type).
        const raw = typeof v.value === 'number' && Number.isInteger(v.value) ? String(v.value) : v.value;
        const t = textOf({ value: raw });
        if (t !== undefined) {
          summary[h] = t;
          // Its place, read only if a rule reports there (a span on the tape until then).
          (summary.headerSpans ??= {})[h] = spanOfVisit(v, v.value);
        } else {
          delete summary[h];
          if (summary.headerSpans) delete summary.headerSpans[h];
        }
        return;
      }
      const line = lineOf(v);
      if (!line) return;
      const type = v.type;
      // Items of an identifier array (FINESGeos) carry their array's role (copied onto `items` by the build).
      const r = v.schema?.['x-role'] as string | undefined;
      if (r && LINE_ROLES.has(r)) {
        if (type === 'string' || type === 'number' || type === 'null') line.keep(ROLE_SLOT.get(r)!, v);
        return;
      }
      const b = beneficiaryOf(v, line);
      if (!b || type !== 'string') return;
      const value = v.value as string;
      if (r?.startsWith('id:')) {
        const id = value.trim();
        if (id !== '') {
          const span = spanOfVisit(v, id, r);
          b.ids = appended(b.ids, span);
        }
      } else if (typeof v.path[v.path.length - 1] === 'string') b.attributes[r ?? (v.path[v.path.length - 1] as string)] = value;
    },
  };
}
