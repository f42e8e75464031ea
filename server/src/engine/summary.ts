/**
 * What the rules across lines and files need from a document, collected during the single traversal from the
 * schema's `x-role` annotations (docs/schema-format.md): per request line, the éditeur and dossier numbers, the
 * amount, the prestation type, the VAT regime, and the beneficiaries with their identifiers. Positions are kept
 * so that findings can point at the value.
 */
import type { RuleVisitors, Visit } from '../rules/types';
import { LINES_KEY } from './schemaData';

/** Key of the beneficiaries block in every line (confirmed: csv2json, seed 000). */
export const BENEFICIARIES_KEY = 'beneficiaires';

export interface Spanned<T> {
  value: T;
  offset: number;
  length: number;
}

export interface BeneficiarySummary {
  /** Array (or object) of the beneficiaries block it belongs to, e.g. `Etablissements`, `medecinsLiberaux`. */
  group: string;
  index: number;
  offset: number;
  /** Identifiers by role (`id:siren`, `id:finessGeo`…), in document order. */
  ids: (Spanned<string> & { role: string })[];
  /** Other values of the beneficiary that uniqueness rules may need (e.g. `typeActivite`). */
  attributes: Record<string, string>;
}

export interface LineSummary {
  index: number;
  offset: number;
  editeur?: Spanned<string>;
  dossier?: Spanned<string | null>;
  amount?: Spanned<number>;
  prestation?: Spanned<string>;
  vatRegime?: Spanned<string>;
  vatRate?: Spanned<number>;
  beneficiaries: BeneficiarySummary[];
}

export interface FileSummary {
  lines: LineSummary[];
  /**
   * True when some object has keys the template does not know or misses some: the values of those keys are not in
   * the summary, so the rules across files do not use it (they would report beneficiaries as removed, say).
   */
  incomplete?: boolean;
}

const LINE_ROLES = new Set(['editeur', 'dossier', 'amount', 'prestation', 'vatRegime', 'vatRate']);

export function summaryCollector(summary: FileSummary): RuleVisitors {
  const lineOf = (v: Visit): LineSummary | undefined => {
    if (v.lineIndex === undefined || !v.line) return undefined;
    let l = summary.lines[v.lineIndex];
    if (!l) {
      l = { index: v.lineIndex, offset: v.line.offset, beneficiaries: [] };
      summary.lines[v.lineIndex] = l;
    }
    return l;
  };
  const beneficiaryOf = (v: Visit, line: LineSummary): BeneficiarySummary | undefined => {
    // lignesImport / i / beneficiaires / <group> / [j] / …
    const p = v.path;
    if (p[0] !== LINES_KEY || p[2] !== BENEFICIARIES_KEY || p.length < 5) return undefined;
    const group = String(p[3]);
    const index = typeof p[4] === 'number' ? p[4] : 0;
    let b = line.beneficiaries.find((x) => x.group === group && x.index === index);
    if (!b) {
      b = { group, index, offset: v.node.offset, ids: [], attributes: {} };
      line.beneficiaries.push(b);
    }
    return b;
  };
  return {
    object(v) {
      if (v.keys.unknown.length > 0 || v.keys.missing.length > 0) summary.incomplete = true;
    },
    scalar(v) {
      const line = lineOf(v);
      if (!line) return;
      const n = v.node;
      // Items of an identifier array (FINESGeos) carry their array's role (copied onto `items` by the build).
      const r = v.schema?.['x-role'] as string | undefined;
      if (r && LINE_ROLES.has(r)) {
        if (n.type === 'string' || n.type === 'number' || n.type === 'null') (line as unknown as Record<string, Spanned<unknown>>)[r] = { value: n.value, offset: n.offset, length: n.length };
        return;
      }
      const b = beneficiaryOf(v, line);
      if (!b) return;
      if (r?.startsWith('id:') && n.type === 'string' && (n.value as string).trim() !== '') b.ids.push({ role: r, value: (n.value as string).trim(), offset: n.offset, length: n.length });
      else if (!r && v.prop && n.type === 'string') b.attributes[String(v.path[v.path.length - 1])] = n.value as string;
    },
  };
}

