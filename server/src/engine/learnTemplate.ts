/**
 * Official templates: derives the structure reference from an official blank template of the ASP (and, optionally,
 * a filled example): keys, nesting, order, which keys are blocks (`[]`) and which are tags (`null`), types from the
 * example. Where the bundled model knows the same key at the same place, its annotations (description, checks,
 * roles) are kept so that value checks still apply; everything else is marked as learned. The result is used by the
 * engine (options.templates) instead of the bundled model: rules S2–S8 then check against the real template.
 */
import { parseDocument } from './parse';
import { getSchema, type SchemaNode } from './schemaData';
import type { Localized } from './types';

export class TemplateError extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

const KEEP = ['description', 'x-en', 'x-check', 'x-role', 'x-rule', 'x-pilot', 'enum', 'pattern', 'errorMessage'] as const;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/**
 * `modelProvenance`: the bundled model's `x-provenance` at this place (inherited from its closest ancestor): the values
 * a learned key keeps from the model (enumeration, pattern) still rest on the model, and say so (`x-provenance-values`).
 */
function learn(blank: unknown, example: unknown, model: SchemaNode | undefined, source: string, modelProvenance?: unknown): SchemaNode {
  const s: SchemaNode = {};
  if (model) for (const k of KEEP) if (model[k] !== undefined) (s as Record<string, unknown>)[k] = model[k];
  s['x-provenance'] = `learned:${source}`;
  const own = model?.['x-provenance'];
  const here = typeof own === 'string' ? own : own && typeof own === 'object' && typeof own.status === 'string' ? own.status : modelProvenance;
  if (model && (model.enum !== undefined || model.pattern !== undefined)) s['x-provenance-values'] = model['x-provenance-values'] ?? (typeof here === 'string' ? here : 'modelled');
  else if (model?.['x-provenance-values'] !== undefined) s['x-provenance-values'] = model['x-provenance-values'];
  if (blank !== null && typeof blank === 'object' && !Array.isArray(blank)) {
    s.type = 'object';
    s.properties = {};
    const ex = example && typeof example === 'object' && !Array.isArray(example) ? (example as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(blank as Record<string, unknown>)) s.properties[k] = learn(v, ex[k], model?.properties?.[k], source, here);
    s.required = Object.keys(s.properties);
    s.additionalProperties = false;
    return s;
  }
  if (Array.isArray(blank)) {
    s.type = 'array';
    const itemBlank = blank[0] ?? (Array.isArray(example) ? example[0] : undefined);
    const itemExample = Array.isArray(example) ? example[0] : undefined;
    if (itemBlank !== undefined) s.items = learn(itemBlank, itemExample, model?.items, source, here);
    else if (model?.items) s.items = model.items;
    return s;
  }
  if (blank === null) {
    // A tag: null in the blank template; its type comes from the example, else from the model, else any scalar.
    const t = example !== undefined && example !== null ? typeOf(example) : undefined;
    if (t === 'object' || t === 'array') return { ...learn(example, example, model, source, modelProvenance), type: [t, 'null'] };
    const modelTypes = model?.type === undefined ? [] : Array.isArray(model.type) ? model.type : [model.type];
    s.type = t ? [t === 'integer' && modelTypes.includes('number') ? 'number' : t, 'null'] : modelTypes.length ? [...new Set([...modelTypes, 'null'])] : ['string', 'number', 'boolean', 'null'];
    return s;
  }
  s.type = typeOf(blank);
  return s;
}

export function learnTemplate(blankText: string, exampleText: string | undefined, sons: string, kind: 'avance' | 'solde', source = 'modèle officiel'): SchemaNode {
  const blank = parseDocument(blankText);
  if (!blank.strict || blank.value === undefined) throw new TemplateError({ fr: 'le modèle vierge n\'est pas du JSON valide', en: 'the blank template is not valid JSON' });
  let example: unknown;
  if (exampleText !== undefined) {
    const ex = parseDocument(exampleText);
    if (!ex.strict) throw new TemplateError({ fr: 'l\'exemple n\'est pas du JSON valide', en: 'the example is not valid JSON' });
    example = ex.value;
  }
  const schema = learn(blank.value, example, getSchema(sons, kind), source);
  schema.$id = `segur-learned:${sons}.${kind}`;
  schema['x-sons'] = sons;
  schema['x-kind'] = kind;
  schema.title = `${sons} ${kind} — appris du modèle officiel (${source})`;
  return schema;
}
