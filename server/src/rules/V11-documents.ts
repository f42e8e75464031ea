/**
 * V11 — Documents per request: the signed purchase order at the avance (004: « Le bon de commande signé par le client
 * final est un document à joindre obligatoirement à la demande de financement »); in a solde one invoice document
 * (004: « on n'attend qu'un seul document informatique Facture », all invoices concatenated, a summary first page)
 * and at most one VA document (004: « on n'attend qu'un seul document informatique VA »), which a pilot solde does
 * not need (000: « Les demandes de solde avec PV pilotes n'auront pas besoin de VA »). The HT attestation of the HT
 * regime stays V8's.
 *
 * Which attachment types a request carries and how many of each is data, per kind and SONS (schemas/documents.json):
 * a row gives a type code, its minimum and maximum per request line, its provenance and the source's words. The
 * attachments are read by meaning: the array whose items carry a value of role `attachmentType` (schemas/
 * vocabulary.json), whatever the template names it; a type written otherwise (case, blanks) counts as its code (its
 * spelling is S6's, S8's finding). Rows whose code no source shows (VA, MOM) are our model: a warning that says so.
 * No VA is required: a pilot line cannot be told from the JSON (pilots are declared on the portal) and a MOM stands
 * for the VA where the software makes every exchange (004).
 */
import { getPropertyValue, keyWithRole, valueAtHand, type Rule, type Localized, type Provenance, type JsonNode, type SchemaNode } from '../engine/rule-api';
import documents from '../../../schemas/documents.json';
import { L, meaningOf, ownerSpan, pointerOf } from './util';

export interface DocumentRow {
  /** Stable part of the finding codes (`V11/missing-invoice`, `V11/extra-invoice`). */
  id: string;
  /** The attachment type code. */
  type: string;
  min: number;
  max: number;
  provenance: 'source' | 'model';
  sources: string[];
  /** The source's words, exactly (the rule's documentation). */
  stated: Localized;
  /** The reason the message gives when the type is missing, and when there is one too many (short quotes). */
  missing?: Localized;
  extra?: Localized;
  note?: string;
}

type Kind = 'avance' | 'solde';
export interface DocumentTable {
  default: Partial<Record<Kind, DocumentRow[]>>;
  bySons: Record<string, Partial<Record<Kind, DocumentRow[]>>>;
}

/** The rows for a SONS and kind: the SONS's own list for that kind where the table has one, else the default. */
export function documentRows(table: DocumentTable, sons: string | undefined, kind: string | undefined): DocumentRow[] {
  if (kind !== 'avance' && kind !== 'solde') return [];
  return (sons !== undefined ? table.bySons[sons]?.[kind] : undefined) ?? table.default[kind] ?? [];
}

const ATTACHMENT_ROLE = 'attachmentType';
const KIND: Record<Kind, Localized> = { avance: L("d'avance", 'avance'), solde: L('de solde', 'solde') };

/** The type key of an attachments array's items (by role), or undefined when its items carry no type. */
const typeKeyOf = (schema: SchemaNode | undefined): string | undefined => (schema?.items ? keyWithRole(schema.items, ATTACHMENT_ROLE) : undefined);

export const V11: Rule = {
  meta: {
    id: 'V11',
    title: L('Pièces justificatives de chaque demande', 'Documents of each request'),
    sources: ['004', '000', 'csv2json'],
    severity: 'error',
    fixable: false,
    stated: L(
      "« Le bon de commande signé par le client final est un document à joindre obligatoirement à la demande de financement. » ; « on n'attend qu'un seul document informatique Facture » ; « on n'attend qu'un seul document informatique VA » (004) ; « Les demandes de solde avec PV pilotes n'auront pas besoin de VA. » (000) ; codes BON_COMMANDE (csv2json) et FACTURE (000).",
      'The purchase order signed by the end client is a mandatory attachment; only one invoice document and one VA document are expected (004); soldes with pilot reports need no VA (000); codes BON_COMMANDE (csv2json) and FACTURE (000).',
    ),
    modelled: L(
      'Les codes de pièce VA et MOM (aucune source ne les montre) : une pièce en trop de ces types est un avertissement [modélisé]. Le tableau par SONS et par type de demande est dans schemas/documents.json.',
      'The attachment codes VA and MOM (no source shows them): an extra attachment of these types is a [modelled] warning. The table per SONS and kind is schemas/documents.json.',
    ),
    messages: {
      missing: L('Aucune pièce de type « {type} » dans cette demande {kind} : {why}.', 'No attachment of type "{type}" in this {kind} request: {why}.'),
      extra: L(
        'Pièce de type « {type} » en trop dans cette demande ({count} pièces de ce type, {max} au plus) : {why}.',
        'Extra attachment of type "{type}" in this request ({count} of this type, at most {max}): {why}.',
      ),
    },
  },
  stage: 'structure',
  create(ctx) {
    const rows = documentRows(documents as unknown as DocumentTable, ctx.detection.sons, ctx.detection.kind);
    const kind = ctx.detection.kind === 'avance' || ctx.detection.kind === 'solde' ? KIND[ctx.detection.kind] : undefined;
    const wanted = rows.map((r) => meaningOf(r.type));
    return {
      // From the schema node alone (the traversal may keep the answer per schema node): arrays of typed attachments.
      only: { array: (s) => typeKeyOf(s) !== undefined },
      array(v) {
        // The attachments of a request line (not an array of the header).
        if (v.lineIndex === undefined || !kind || rows.length === 0) return;
        const typeKey = typeKeyOf(v.schema);
        if (typeKey === undefined) return;
        // Each item's type by meaning; on the fast path read from JSON.parse's values (no node made for a line that
        // has what it should, the common case).
        const node = v.node;
        const atHand = valueAtHand(node);
        const raws: unknown[] = Array.isArray(atHand)
          ? atHand.map((item) => (item && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>)[typeKey] : undefined))
          : (node.children ?? []).map((item) => getPropertyValue(item, typeKey)?.value);
        const types = raws.map(meaningOf);
        rows.forEach((row, r) => {
          const at: number[] = [];
          types.forEach((t, i) => {
            if (t !== undefined && t === wanted[r]) at.push(i);
          });
          const provenance: Provenance = row.provenance === 'source' ? { kind: 'source', sources: row.sources } : { kind: 'model' };
          const severity = row.provenance === 'source' ? 'error' : 'warning';
          if (at.length < row.min) {
            ctx.report({
              messageId: 'missing',
              slug: `missing-${row.id}`,
              severity,
              provenance,
              args: { type: row.type, kind, why: row.missing ?? row.stated },
              ...ownerSpan(v),
              pointer: pointerOf(v.path) + `#${row.id}`,
            });
          }
          if (at.length > row.max) {
            const items = node.children ?? [];
            const valueOf = (i: number): JsonNode | undefined => getPropertyValue(items[i], typeKey);
            const first = valueOf(at[0]);
            for (const i of at.slice(row.max)) {
              const n = valueOf(i);
              if (!n) continue;
              ctx.report({
                messageId: 'extra',
                slug: `extra-${row.id}`,
                severity,
                provenance,
                args: { type: row.type, count: at.length, max: row.max, why: row.extra ?? row.stated },
                node: n,
                pointer: pointerOf([...v.path, i, typeKey]) + `#${row.id}`,
                related: first
                  ? [{ offset: first.offset, length: first.length, message: L('Première pièce de ce type', 'First attachment of this type') }]
                  : undefined,
              });
            }
          }
        });
      },
    };
  },
};
