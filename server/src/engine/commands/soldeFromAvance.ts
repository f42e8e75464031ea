/**
 * "Créer le JSON de solde depuis l'avance" (pure): a solde skeleton of the same SONS, built from the solde
 * template, that carries over every value the solde must repeat (header, `numeroASP`, `numeroEditeur`,
 * beneficiaries, prestation type) and leaves the rest as the template wants (`null` for a tag, `[]` for a block):
 * the invoice, the VA, the pièces justificatives, the amounts and dates of the solde are to fill in.
 * Values are copied by key where the solde template has the same key, and by `x-role` for the prestation type.
 */
import { parseDocument } from '../syntax/parse';
import { detect } from '../check/detect';
import { getSchema, isBlock, isType, sonsById, LINES_KEY, type SchemaNode } from '../schema/schemaData';
import { keyMeans } from '../schema/vocabulary';
import type { CheckOptions, Localized } from '../shared/types';

/** Tags the portal fills in the output JSON: never carried over into a new deposit. */
const PORTAL_TAGS = new Set(['impId', 'codeTraitement', 'libelleTraitement']);
/** Blocks the solde has its own content for (the solde's pièces are the invoice and the VA, not the purchase order). */
const FRESH_BLOCKS = new Set(['piecesJustificatives']);

export class SoldeFromAvanceError extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function empty(schema: SchemaNode | undefined): Json {
  if (schema && isType(schema, 'object') && schema.properties && !isType(schema, 'null')) {
    const o: Record<string, Json> = {};
    for (const [k, s] of Object.entries(schema.properties)) o[k] = empty(s);
    return o;
  }
  return isBlock(schema) ? [] : null;
}

/** First value in `obj` (any depth) whose key has the given role in `schema`. */
function byRole(value: unknown, schema: SchemaNode | undefined, role: string): Json | undefined {
  if (!schema || !value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  for (const [k, s] of Object.entries(schema.properties ?? {})) {
    const v = (value as Record<string, unknown>)[k];
    if (s['x-role'] === role && v !== undefined) return v as Json;
    const deeper = byRole(v, s, role);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}

function compatible(schema: SchemaNode | undefined, v: unknown): boolean {
  if (!schema || schema.type === undefined) return false;
  if (v === null) return isType(schema, 'null');
  if (Array.isArray(v)) return isType(schema, 'array');
  if (typeof v === 'object') return isType(schema, 'object');
  if (typeof v === 'number') return isType(schema, 'number') || (isType(schema, 'integer') && Number.isInteger(v));
  return isType(schema, typeof v);
}

/** Carries `value` over into the shape of `schema` (keys of the template only, in its order). */
function carry(schema: SchemaNode | undefined, value: unknown): Json {
  if (schema && isType(schema, 'object') && schema.properties && value && typeof value === 'object' && !Array.isArray(value)) {
    const o: Record<string, Json> = {};
    for (const [k, s] of Object.entries(schema.properties)) o[k] = k in (value as object) ? carry(s, (value as Record<string, unknown>)[k]) : empty(s);
    return o;
  }
  if (schema && isType(schema, 'array') && Array.isArray(value)) return value.map((item) => carry(schema.items, item));
  return compatible(schema, value) ? (value as Json) : empty(schema);
}

export interface SoldeFromAvance {
  text: string;
  sons: string;
}

export function soldeFromAvance(avanceText: string, options: CheckOptions = {}): SoldeFromAvance {
  const parsed = parseDocument(avanceText);
  if (!parsed.strict || parsed.value === undefined)
    throw new SoldeFromAvanceError({
      fr: "le JSON d'avance n'est pas du JSON valide : corrigez d'abord la syntaxe",
      en: 'the avance JSON is not valid JSON: fix its syntax first',
    });
  const detection = detect(parsed.root, parsed.value, { ...options, kind: options.kind ?? undefined });
  if (!detection.isSegur || !detection.sons)
    throw new SoldeFromAvanceError({ fr: 'fichier Ségur non reconnu (précisez --sons)', en: 'Ségur file not recognised (use --sons)' });
  if (detection.kind === 'solde')
    throw new SoldeFromAvanceError({ fr: 'ce fichier est déjà une demande de solde', en: 'this file is already a solde request' });
  const avanceSchema = getSchema(detection.sons, 'avance');
  const soldeSchema = getSchema(detection.sons, 'solde');
  if (!soldeSchema || !sonsById(detection.sons)?.kinds.includes('solde'))
    throw new SoldeFromAvanceError({ fr: `pas de modèle de solde pour ${detection.sons}`, en: `no solde template for ${detection.sons}` });

  const avance = parsed.value as Record<string, unknown>;
  const out: Record<string, Json> = {};
  for (const [k, s] of Object.entries(soldeSchema.properties ?? {})) {
    if (k === LINES_KEY) continue;
    out[k] = PORTAL_TAGS.has(k) ? empty(s) : carry(s, avance[k]);
  }
  const lineSchema = soldeSchema.properties?.[LINES_KEY]?.items;
  const avanceLines = Array.isArray(avance[LINES_KEY]) ? (avance[LINES_KEY] as Record<string, unknown>[]) : [];
  out[LINES_KEY] = avanceLines.map((line) => {
    const o: Record<string, Json> = {};
    for (const [k, s] of Object.entries(lineSchema?.properties ?? {})) {
      if (PORTAL_TAGS.has(k) || FRESH_BLOCKS.has(k)) o[k] = empty(s);
      else if (keyMeans(k, 'beneficiaries') || !(s.properties && isType(s, 'object'))) o[k] = k in line ? carry(s, line[k]) : empty(s);
      else {
        // A block of the solde only (facture, VA…): empty, with the values found by role in the avance line.
        const block = empty(s) as Record<string, Json>;
        for (const [bk, bs] of Object.entries(s.properties)) {
          const role = bs['x-role'];
          if (role === 'prestation') {
            const v = byRole(line, avanceSchema?.properties?.[LINES_KEY]?.items, role);
            if (v !== undefined && compatible(bs, v)) block[bk] = v;
          }
        }
        o[k] = block;
      }
    }
    return o;
  });
  // Pretty-printed like the examples (arrays of identifiers on one line); amounts and dates are left to fill in.
  const text = JSON.stringify(out, null, 2).replace(
    /\[\n\s+("(?:[^"\\\n]|\\.)*"|-?[\d.eE+-]+)((?:,\n\s+(?:"(?:[^"\\\n]|\\.)*"|-?[\d.eE+-]+))*)\n\s*\]/g,
    (_m, first: string, rest: string) => `[${[first, ...rest.split(/,\n\s+/).filter(Boolean)].join(', ')}]`,
  );
  return { text: text + '\n', sons: detection.sons };
}
