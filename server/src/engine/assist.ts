/**
 * Editor assistance computed from the same schemas as validation (pure, no LSP): completion of keys in template
 * order (only the missing ones), of enumerated values and of whole blocks, and hover text for a key.
 */
import { getLocation, parseTree, findNodeAtLocation, type Node } from 'jsonc-parser';
import { parseDocument } from './parse';
import { detect } from './detect';
import { getSchema, isBlock, isType, schemaAt, type SchemaNode } from './schemaData';
import type { CheckOptions, Detection, Locale } from './types';
import { templateValue, textStyle } from '../rules/util';

export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value' | 'snippet';
  /** Snippet syntax (`${1:…}` tab stops). */
  insertSnippet: string;
  detail?: string;
  documentation?: string;
  sortText: string;
}

export interface HoverInfo {
  markdown: string;
  offset: number;
  length: number;
}

function context(text: string, options: CheckOptions): { detection: Detection; schema?: SchemaNode } {
  const parsed = parseDocument(text);
  const detection = detect(parsed.root, parsed.value, options);
  const schema = detection.sons && detection.kind ? getSchema(detection.sons, detection.kind) : undefined;
  return { detection, schema };
}

/** Turns a template value (`null`, `[]`, skeleton) into a snippet with numbered tab stops on the leaves. */
function toSnippet(json: string): string {
  let n = 0;
  return json.replace(/\$/g, '\\$').replace(/: (null|\[\])/g, (_m, v: string) => `: \${${++n}:${v}}`);
}

export function describe(schema: SchemaNode, lang: Locale): string {
  const parts: string[] = [];
  const desc = lang === 'en' ? schema['x-en'] ?? schema.description : schema.description;
  if (desc) parts.push(desc);
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type;
  const rows: string[] = [];
  if (type) rows.push(`${lang === 'fr' ? 'Type' : 'Type'} : \`${type}\`${isBlock(schema) ? (lang === 'fr' ? ' — bloc : `[]` s\'il ne s\'applique pas' : ' — block: `[]` when it does not apply') : isType(schema, 'null') ? (lang === 'fr' ? ' — `null` si non concernée' : ' — `null` when it does not apply') : ''}`);
  if (schema.enum) rows.push(`${lang === 'fr' ? 'Valeurs' : 'Values'} : ${schema.enum.map((e) => `\`${JSON.stringify(e)}\``).join(', ')}`);
  if (schema['x-check']) rows.push(`${lang === 'fr' ? 'Contrôle' : 'Check'} : \`${schema['x-check']}\``);
  const prov = schema['x-provenance'];
  if (typeof prov === 'string') {
    const modelled = prov === 'modelled';
    rows.push(`${lang === 'fr' ? 'Provenance' : 'Provenance'} : ${modelled ? (lang === 'fr' ? '**modélisée** (absente des sources publiques : à vérifier sur le modèle officiel ASP)' : '**modelled** (not in public sources: check against the official ASP template)') : `${lang === 'fr' ? 'confirmée par' : 'confirmed by'} ${prov.replace(/^confirmed:/, '')}`}`);
  }
  if (schema['x-note']) rows.push(`_${schema['x-note']}_`);
  return [...parts, rows.map((r) => `- ${r}`).join('\n')].filter(Boolean).join('\n\n');
}

export function complete(text: string, offset: number, options: CheckOptions, lang: Locale = 'fr'): CompletionEntry[] {
  const { schema } = context(text, options);
  if (!schema) return [];
  const loc = getLocation(text, offset);
  const style = textStyle(text);
  const out: CompletionEntry[] = [];
  if (loc.isAtPropertyKey || (loc.path.length > 0 && loc.path[loc.path.length - 1] === '' )) {
    const objPath = loc.path.slice(0, -1);
    const objSchema = schemaAt(schema, objPath);
    if (!objSchema?.properties) return [];
    const tree = parseTree(text) as Node | undefined;
    const obj = tree ? findNodeAtLocation(tree, objPath) : undefined;
    const present = new Set((obj?.type === 'object' ? obj.children ?? [] : []).map((p) => p.children?.[0]?.value as string));
    const typed = loc.path[loc.path.length - 1];
    if (typeof typed === 'string' && typed !== '') present.delete(typed);
    Object.entries(objSchema.properties).forEach(([key, s], i) => {
      if (present.has(key)) return;
      out.push({
        label: key,
        kind: 'property',
        insertSnippet: `"${key}": ${toSnippet(': ' + templateValue(s, '', style)).slice(2)}`,
        detail: s['x-provenance'] === 'modelled' ? (lang === 'fr' ? 'modélisé' : 'modelled') : typeof s['x-provenance'] === 'string' ? s['x-provenance'] : undefined,
        documentation: describe(s, lang),
        sortText: String(i).padStart(4, '0'),
      });
    });
    return out;
  }
  const valueSchema = schemaAt(schema, loc.path);
  if (!valueSchema) return [];
  // Inside an array: offer a whole item (a beneficiary, a pièce justificative, a request line).
  if (typeof loc.path[loc.path.length - 1] === 'number' && valueSchema.properties) {
    const itemText = templateValue(valueSchema, '', style);
    const parent = loc.path[loc.path.length - 2];
    out.push({ label: `${lang === 'fr' ? 'bloc' : 'block'} ${String(parent)}`, kind: 'snippet', insertSnippet: toSnippet(itemText), documentation: describe(valueSchema, lang), sortText: '0000' });
    return out;
  }
  (valueSchema.enum ?? []).forEach((e, i) => out.push({ label: JSON.stringify(e), kind: 'value', insertSnippet: JSON.stringify(e), sortText: String(i).padStart(4, '0') }));
  if (isType(valueSchema, 'boolean')) ['true', 'false'].forEach((b, i) => out.push({ label: b, kind: 'value', insertSnippet: b, sortText: `1${i}` }));
  if (isType(valueSchema, 'null')) out.push({ label: 'null', kind: 'value', insertSnippet: 'null', documentation: lang === 'fr' ? 'Balise non concernée (règle S3)' : 'Tag that does not apply (rule S3)', sortText: '2000' });
  if (isBlock(valueSchema)) out.push({ label: '[]', kind: 'value', insertSnippet: '[]', documentation: lang === 'fr' ? 'Bloc non concerné (règle S2)' : 'Block that does not apply (rule S2)', sortText: '2001' });
  return out;
}

export function hover(text: string, offset: number, options: CheckOptions, lang: Locale = 'fr'): HoverInfo | undefined {
  const { schema } = context(text, options);
  if (!schema) return undefined;
  const loc = getLocation(text, offset);
  const node = loc.previousNode;
  if (!node || !loc.isAtPropertyKey && node.type !== 'string' && node.type !== 'number' && node.type !== 'boolean' && node.type !== 'null') return undefined;
  const s = schemaAt(schema, loc.path);
  if (!s) return undefined;
  const key = loc.path[loc.path.length - 1];
  return { markdown: `**${String(key)}**\n\n${describe(s, lang)}`, offset: node.offset, length: node.length };
}
