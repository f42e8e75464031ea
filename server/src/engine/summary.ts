/**
 * What the rules across lines and files need from a document, collected during the single traversal from the
 * schema's `x-role` annotations (docs/schema-format.md): per request line, the éditeur and dossier numbers, the
 * amount, the prestation type, the VAT regime, the client's representative (`nomClient`), the portal's answer
 * (`codeTraitement` / `libelleTraitement` of an output JSON, roles `portalCode` / `portalLabel`), and the
 * beneficiaries with their identifiers and named attributes (`structureName`). Positions are kept
 * so that findings can point at the value.
 */
import type { BeneficiarySummary, FileSummary, LineSummary, RuleVisitors, Spanned, Visit } from './types';

// The summary's shapes are core vocabulary (types.ts: the rule API names them); re-exported here.
export type { BeneficiarySummary, FileSummary, LineSummary, LineValue, Spanned } from './types';
import { LINES_KEY } from './schemaData';
import type { JsonNode } from './tree';
import { positionOf, type Position } from './tape';
import { spanOfVisit } from './walk';
import { keyMeans } from './vocabulary';

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

/**
 * The summary with every position read and nothing else kept: what an index of many files stores (the spans of
 * `summaryCollector` keep the document's text and tape).
 */
export function settleSummary(summary: FileSummary): FileSummary {
  return {
    incomplete: summary.incomplete,
    numeroAns: summary.numeroAns,
    siret: summary.siret,
    lines: summary.lines.map((l) => {
      const out: LineSummary = { index: l.index, offset: l.offset, beneficiaries: l.beneficiaries.map((b) => ({ group: b.group, index: b.index, offset: b.offset, ids: b.ids.map((id) => ({ ...settle(id), role: id.role })), attributes: b.attributes })) };
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

const LINE_ROLES = new Set(['editeur', 'dossier', 'amount', 'prestation', 'vatRegime', 'vatRate', 'representative', 'portalCode', 'portalLabel']);

/** The role values of a line (`editeur`, `amount`…) are set by the collector: the interface declares them. */
interface LineEntry extends Omit<LineSummary, 'index' | 'offset' | 'beneficiaries'> {}
class LineEntry implements LineSummary {
  beneficiaries: BeneficiarySummary[] = [];
  private readonly node: Position;
  constructor(readonly index: number, node: JsonNode) {
    this.node = positionOf(node);
  }
  get offset(): number {
    return this.node.offset;
  }
}

class BeneficiaryEntry implements BeneficiarySummary {
  ids: (Spanned<string> & { role: string })[] = [];
  attributes: Record<string, string> = {};
  /** `node`: the first value of the beneficiary met by the traversal (where its findings point). */
  private readonly node: Position;
  constructor(readonly group: string, readonly index: number, node: JsonNode) {
    this.node = positionOf(node);
  }
  get offset(): number {
    return this.node.offset;
  }
}

export function summaryCollector(summary: FileSummary): RuleVisitors {
  const lineOf = (v: Visit): LineSummary | undefined => {
    const i = v.lineIndex;
    if (i === undefined || !v.line) return undefined;
    let l = summary.lines[i];
    if (!l) {
      l = new LineEntry(i, v.line);
      summary.lines[i] = l;
    }
    return l;
  };
  // The traversal meets a beneficiary's values one after the other: the last one found is kept at hand.
  let last: BeneficiarySummary | undefined;
  let lastLine: LineSummary | undefined;
  const beneficiaryOf = (v: Visit, line: LineSummary): BeneficiarySummary | undefined => {
    // lignesImport / i / beneficiaires / <group> / [j] / …
    const p = v.path;
    if (p.length < 5 || p[0] !== LINES_KEY || typeof p[2] !== 'string' || !keyMeans(p[2], 'beneficiaries')) return undefined;
    const group = String(p[3]);
    const index = typeof p[4] === 'number' ? p[4] : 0;
    if (last !== undefined && lastLine === line && last.group === group && last.index === index) return last;
    let b: BeneficiarySummary | undefined;
    for (const x of line.beneficiaries) if (x.group === group && x.index === index) b = x;
    if (!b) {
      b = new BeneficiaryEntry(group, index, v.node);
      line.beneficiaries.push(b);
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
        if (t !== undefined) summary[h] = t;
        else delete summary[h];
        return;
      }
      const line = lineOf(v);
      if (!line) return;
      const type = v.type;
      // Items of an identifier array (FINESGeos) carry their array's role (copied onto `items` by the build).
      const r = v.schema?.['x-role'] as string | undefined;
      if (r && LINE_ROLES.has(r)) {
        if (type === 'string' || type === 'number' || type === 'null') (line as unknown as Record<string, Spanned<unknown>>)[r] = spanOfVisit(v, v.value);
        return;
      }
      const b = beneficiaryOf(v, line);
      if (!b || type !== 'string') return;
      const value = v.value as string;
      if (r?.startsWith('id:')) {
        if (value.trim() !== '') b.ids.push(spanOfVisit(v, value.trim(), r));
      } else if (typeof v.path[v.path.length - 1] === 'string') b.attributes[r ?? (v.path[v.path.length - 1] as string)] = value;
    },
  };
}

