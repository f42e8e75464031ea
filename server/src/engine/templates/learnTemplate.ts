/**
 * Official templates: derives the structure reference from an official blank template of the ASP (and, optionally,
 * a filled example): keys, nesting, order, which keys are blocks (`[]`) and which are tags (`null`), types from the
 * example. Where the bundled model knows the same key at the same place, its annotations (description, checks,
 * roles, value constraints) are kept so that value checks still apply; any other key (renamed, new, or of a SONS the
 * bundle does not know) gets the annotations its name carries in the vocabulary (schemas/vocabulary.json),
 * confirmed by the example's value (`byMeaning`); everything is marked as learned. The result is used by the
 * engine (options.templates) instead of the bundled model: rules S2–S8 then check against the real template.
 *
 * A template is a user's file, hence untrusted: the blank must have the Ségur header shape (templateFormat.ts), the
 * texts are limited in size, depth and keys (schemas/templates.json), every key is an own property of null-prototype
 * `properties` (`__proto__`, `constructor` are keys like any other), and learning is one pass over the blank (linear in
 * its keys).
 */
import { parseDocument } from '../syntax/parse';
import { getSchema, sonsById, type SchemaNode } from '../schema/schemaData';
import type { Localized } from '../shared/types';
import { parseAnsNumber } from '../check/detect';
import { unknownSonsInfo } from '../schema/learnedSons';
import { BLANK, EXAMPLE, LEARNED, TEMPLATE_LIMITS, blankShapeProblem, checkTemplate, depthProblem, keysProblem, sizeProblem } from '../schema/templateFormat';
import { annotationsForKey } from '../schema/vocabulary';

export class TemplateError extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

// `x-list-separator` (I5: a list of RPPS in one tag) and `x-null-for-pilot` (S3/pilot-va) say how a value is read:
// a learned key at the model's place keeps them, and the model's value constraints (templateValues.ts checks them).
const VALUES = ['enum', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const;
const KEEP = ['description', 'x-en', 'x-check', 'x-role', 'x-rule', 'x-pilot', 'x-list-separator', 'x-null-for-pilot', ...VALUES, 'errorMessage'] as const;
/** What a renamed key takes from the model key of the same meaning at its place (not its texts, which name that key). */
const BY_MEANING = ['x-list-separator', 'x-null-for-pilot', ...VALUES] as const;

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** An own property only: `constructor` of a plain object is not a value of the template. */
const own = <T>(o: Record<string, T> | undefined, k: string): T | undefined => (o !== undefined && Object.hasOwn(o, k) ? o[k] : undefined);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const valueNode = (n: SchemaNode): SchemaNode => (n.items !== undefined && !n.items.properties ? n.items : n);
const statusOf = (p: unknown): string | undefined => (typeof p === 'string' ? p : isObj(p) && typeof p.status === 'string' ? p.status : undefined);

/**
 * A key the model does not know at this place (renamed, like `finessGeographique` for `FINESGeos`, or new) gets the
 * annotations its name carries in the vocabulary (schemas/vocabulary.json), kept only when the example's value has
 * the meaning's shape; and from the model key of the same meaning at this place that the blank does not have (the
 * key it renames), its value constraints (enumeration, pattern, bounds), which rest on the model
 * (`x-provenance-values`).
 */
function byMeaning(key: string, node: SchemaNode, example: unknown, modelProps: Record<string, SchemaNode> | undefined, blank: Record<string, unknown>): void {
  const a = annotationsForKey(key, node, example);
  Object.assign(node, a.node);
  if (Object.keys(a.items).length > 0 && node.items) Object.assign(node.items, a.items);
  const mine = valueNode(node);
  const check = mine['x-check'];
  const role = mine['x-role'];
  if (!modelProps || (check === undefined && role === undefined)) return;
  for (const mk of Object.keys(modelProps)) {
    if (Object.hasOwn(blank, mk)) continue;
    const theirs = valueNode(modelProps[mk]);
    if (theirs['x-check'] !== check || theirs['x-role'] !== role) continue;
    let kept = false;
    for (const k of BY_MEANING) {
      if (theirs[k] !== undefined && mine[k] === undefined) {
        (mine as Record<string, unknown>)[k] = theirs[k];
        kept = true;
      }
    }
    if (kept && (mine.enum !== undefined || mine.pattern !== undefined))
      mine['x-provenance-values'] = theirs['x-provenance-values'] ?? statusOf(theirs['x-provenance']) ?? statusOf(modelProps[mk]['x-provenance']) ?? 'modelled';
    return;
  }
}

function learner(source: string) {
  let keys = 0;
  /**
   * `modelProvenance`: the bundled model's `x-provenance` at this place (inherited from its closest ancestor): the
   * values a learned key keeps from the model (enumeration, pattern) still rest on the model, and say so
   * (`x-provenance-values`, engine/schema/provenance.ts).
   */
  const learn = (blank: unknown, example: unknown, model: SchemaNode | undefined, modelProvenance?: unknown): SchemaNode => {
    const s: SchemaNode = {};
    if (model) for (const k of KEEP) if (model[k] !== undefined) (s as Record<string, unknown>)[k] = model[k];
    s['x-provenance'] = `learned:${source}`;
    const mine = model?.['x-provenance'];
    const here = typeof mine === 'string' ? mine : mine && typeof mine === 'object' && typeof mine.status === 'string' ? mine.status : modelProvenance;
    // Enumerations and patterns are our model's (x-provenance-values); the bounds kept (numLigne ≥ 1, 200 lines, a
    // 50-character file name) come with their sources, and a type from the example stays the template's.
    if (model && (model.enum !== undefined || model.pattern !== undefined))
      s['x-provenance-values'] = model['x-provenance-values'] ?? (typeof here === 'string' ? here : 'modelled');
    else if (model?.['x-provenance-values'] !== undefined) s['x-provenance-values'] = model['x-provenance-values'];
    if (isObj(blank)) {
      s.type = 'object';
      const props: Record<string, SchemaNode> = Object.create(null);
      const ex = isObj(example) ? example : undefined;
      const modelProps = isObj(model?.properties) ? model.properties : undefined;
      for (const k of Object.keys(blank)) {
        if (++keys > TEMPLATE_LIMITS.maxKeys) throw new TemplateError(keysProblem(BLANK));
        const modelChild = own(modelProps, k);
        props[k] = learn(blank[k], own(ex, k), modelChild, here);
        if (modelChild === undefined) byMeaning(k, props[k], own(ex, k), modelProps, blank);
      }
      s.properties = props;
      s.required = Object.keys(props);
      s.additionalProperties = false;
      return s;
    }
    if (Array.isArray(blank)) {
      s.type = 'array';
      const itemBlank = blank[0] ?? (Array.isArray(example) ? example[0] : undefined);
      const itemExample = Array.isArray(example) ? example[0] : undefined;
      if (itemBlank !== undefined) s.items = learn(itemBlank, itemExample, model?.items, here);
      else if (model?.items) s.items = model.items;
      return s;
    }
    if (blank === null) {
      // A tag: null in the blank template; its type comes from the example, else from the model, else any scalar.
      const t = example !== undefined && example !== null ? typeOf(example) : undefined;
      if (t === 'object' || t === 'array') return { ...learn(example, example, model, modelProvenance), type: [t, 'null'] };
      const modelTypes = model?.type === undefined ? [] : Array.isArray(model.type) ? model.type : [model.type];
      s.type = t
        ? [t === 'integer' && modelTypes.includes('number') ? 'number' : t, 'null']
        : modelTypes.length
          ? [...new Set([...modelTypes, 'null'])]
          : ['string', 'number', 'boolean', 'null'];
      return s;
    }
    s.type = typeOf(blank);
    return s;
  };
  return learn;
}

/** Parses a blank or an example within the template limits; a TemplateError says what is wrong. */
function parseTemplateText(text: string, what: Localized): unknown {
  const size = sizeProblem(text.length, what);
  if (size) throw new TemplateError(size);
  const parsed = parseDocument(text, TEMPLATE_LIMITS.maxDepth);
  if (parsed.problems.some((p) => p.kind === 'too-deep')) throw new TemplateError(depthProblem(what));
  if (parsed.problems.some((p) => p.kind === 'duplicate-key') && parsed.value !== undefined) {
    throw new TemplateError({ fr: `${what.fr} a une balise en double dans un même bloc`, en: `${what.en} has a duplicate key in one block` });
  }
  if (!parsed.strict || parsed.value === undefined) throw new TemplateError({ fr: `${what.fr} n'est pas du JSON valide`, en: `${what.en} is not valid JSON` });
  return parsed.value;
}

/**
 * `corridor`: for a SONS that schemas/sons.json does not know, its corridor (else the id's first
 * part, `BIO` of `BIO-SGL-Va2`); such a template also records its vague and the software code of the example's
 * n° ANS (`SGL` of `CVA2SGL001`) at its root (`x-corridor`, `x-vague`, `x-ans-code`) for detection (learnedSons.ts).
 * An id that cannot be a SONS is a TemplateError saying what is expected.
 */
export function learnTemplate(
  blankText: string,
  exampleText: string | undefined,
  sons: string,
  kind: 'avance' | 'solde',
  source = 'modèle officiel',
  corridor?: string,
): SchemaNode {
  const known = sonsById(sons);
  const unknown = known ? undefined : unknownSonsInfo(sons, corridor);
  if (unknown && 'problem' in unknown) throw new TemplateError(unknown.problem);
  const blank = parseTemplateText(blankText, BLANK);
  const example = exampleText !== undefined ? parseTemplateText(exampleText, EXAMPLE) : undefined;
  const shape = blankShapeProblem(blank, example);
  if (shape) throw new TemplateError(shape);
  const id = known?.id ?? sons;
  const schema = learner(source)(blank, example, getSchema(id, kind));
  schema.$id = `segur-learned:${id}.${kind}`;
  schema['x-sons'] = id;
  schema['x-kind'] = kind;
  if (unknown) {
    schema['x-corridor'] = unknown.corridor;
    // The n° ANS of the example (else of the blank, when filled) names the software code and, maybe, the vague.
    const ansOf = (v: unknown) => (isObj(v) && typeof v.numeroAns === 'string' ? parseAnsNumber(v.numeroAns.trim()) : {});
    const ans = ansOf(example).software ? ansOf(example) : ansOf(blank);
    const vague = unknown.vague ?? ans.vague;
    if (vague !== undefined) schema['x-vague'] = vague;
    if (ans.software) schema['x-ans-code'] = ans.software;
  }
  schema.title = `${id} ${kind} — appris du modèle officiel (${source})`;
  // What the engine then accepts (templateFormat.ts): the model's blocks a blank leaves empty add keys, so a blank
  // within maxKeys can learn a template over it; and every pattern must run in linear time.
  const c = checkTemplate(schema, true);
  if (!c.template) throw new TemplateError(c.problem);
  return schema;
}

/**
 * The text of a learned template file, as `learn-template` writes it, only if the loader (server/src/io/templates.ts)
 * would take it: the learned-template format and the size limit. A blank within the limits can learn a template over
 * them (each key is written twice: its schema and `required`); it used to be written, then ignored by every load.
 */
export function learnedTemplateText(schema: SchemaNode): string {
  const text = JSON.stringify(schema, null, 2) + '\n';
  const size = sizeProblem(new TextEncoder().encode(text).length, LEARNED);
  if (size) throw new TemplateError(size);
  const c = checkTemplate(JSON.parse(text), true);
  if (!c.template) throw new TemplateError(c.problem);
  return text;
}
