/**
 * What an official template may look like before the engine uses it (a user's file, hence untrusted): the Ségur header
 * shape of a blank template, the learned-template format (docs/schema-format.md, « Learned templates »), and the limits
 * of schemas/templates.json. A template that breaks them is refused with a message (French and English) that names the
 * place in the template, never a value of a document; the bundled model then applies. Everything is linear in the size
 * of the template, and nothing here trusts a key: the properties of a checked template are null-prototype objects, so
 * that `__proto__` or `constructor` are ordinary keys.
 */
import data from '../../../../schemas/templates.json';
import { LINES_KEY, type SchemaNode } from './schemaData';
import type { Localized } from '../shared/types';
import { RE2JS } from 're2js';
import { compilePattern } from './patterns';

export interface TemplateLimits {
  /** Largest template file (blank, example or learned template), in bytes. */
  maxBytes: number;
  /** Deepest nesting of objects and arrays in a blank or an example (a learned template: one level more). */
  maxDepth: number;
  /** Most keys in all (every object of the template). */
  maxKeys: number;
  /** Longest `pattern` (characters): re2js runs in time linear in the text, times the size of the pattern. */
  maxPatternLength: number;
}

export const TEMPLATE_LIMITS: TemplateLimits = data.limits;
/** The header tags every blank and every learned template has, before the request lines (LINES_KEY). */
export const HEADER_TAGS: readonly string[] = data.header.tags;

const L = (fr: string, en: string): Localized => ({ fr, en });
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What a JSON value is, in words (for messages: never the value itself). */
export function kindOf(v: unknown): Localized {
  if (v === null) return L('null', 'null');
  if (Array.isArray(v)) return L('un tableau', 'an array');
  switch (typeof v) {
    case 'string':
      return L('une chaîne', 'a string');
    case 'number':
      return L('un nombre', 'a number');
    case 'boolean':
      return L('un booléen', 'a boolean');
    case 'object':
      return L('un objet', 'an object');
    default:
      return L('une valeur non JSON', 'a non-JSON value');
  }
}

/** A key quoted in a message, cut when long (a hostile template may have keys of a megabyte). */
export function quoteKey(k: string): string {
  return k.length > 60 ? `${k.slice(0, 57)}…` : k;
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** `what` (« le modèle vierge », …) is over the size limit. */
export function sizeProblem(bytes: number, what: Localized): Localized | undefined {
  if (bytes <= TEMPLATE_LIMITS.maxBytes) return undefined;
  const max = mb(TEMPLATE_LIMITS.maxBytes);
  return L(`${what.fr} fait ${mb(bytes)} Mo : un modèle est limité à ${max} Mo`, `${what.en} is ${mb(bytes)} MB: a template is limited to ${max} MB`);
}

export function depthProblem(what: Localized): Localized {
  const n = TEMPLATE_LIMITS.maxDepth;
  return L(`${what.fr} est imbriqué sur plus de ${n} niveaux (limite des modèles)`, `${what.en} nests more than ${n} levels (the template limit)`);
}

export function keysProblem(what: Localized): Localized {
  const n = TEMPLATE_LIMITS.maxKeys;
  return L(`${what.fr} a plus de ${n} balises (limite des modèles)`, `${what.en} has more than ${n} keys (the template limit)`);
}

export const BLANK = L('le modèle vierge', 'the blank template');
export const EXAMPLE = L("l'exemple", 'the example');
export const LEARNED = L('le modèle appris', 'the learned template');

/**
 * The Ségur header shape of a blank template (and of its example): an object with the header tags (as tags: null or
 * a scalar) and `lignesImport`, an array of request lines that are objects; the blank or the example has at least
 * one line, from which the line structure is learned.
 */
export function blankShapeProblem(blank: unknown, example: unknown): Localized | undefined {
  const shape = (v: unknown, what: Localized): Localized | undefined => {
    if (!isObj(v)) {
      const k = kindOf(v);
      return L(
        `${what.fr} doit être un objet JSON avec l'en-tête Ségur (${HEADER_TAGS.join(', ')}, ${LINES_KEY}) ; c'est ${k.fr}`,
        `${what.en} must be a JSON object with the Ségur header (${HEADER_TAGS.join(', ')}, ${LINES_KEY}); it is ${k.en}`,
      );
    }
    const missing = [...HEADER_TAGS, LINES_KEY].filter((k) => !Object.hasOwn(v, k));
    if (missing.length) {
      const list = missing.map((k) => `« ${k} »`).join(', ');
      return L(
        `${what.fr} n'a pas l'en-tête Ségur : il manque ${list}`,
        `${what.en} does not have the Ségur header: ${missing.map((k) => `"${k}"`).join(', ')} missing`,
      );
    }
    for (const t of HEADER_TAGS) {
      if (v[t] !== null && typeof v[t] === 'object') {
        const k = kindOf(v[t]);
        return L(
          `${what.fr} : la balise d'en-tête « ${t} » doit être null ou une valeur, pas ${k.fr}`,
          `${what.en}: the header tag "${t}" must be null or a value, not ${k.en}`,
        );
      }
    }
    const lines = v[LINES_KEY];
    if (!Array.isArray(lines)) {
      const k = kindOf(lines);
      return L(
        `${what.fr} : « ${LINES_KEY} » doit être le tableau des lignes de demande, pas ${k.fr}`,
        `${what.en}: "${LINES_KEY}" must be the array of request lines, not ${k.en}`,
      );
    }
    for (let i = 0; i < lines.length; i++) {
      if (!isObj(lines[i])) {
        const k = kindOf(lines[i]);
        return L(
          `${what.fr} : la ligne de demande n° ${i + 1} de « ${LINES_KEY} » doit être un objet, pas ${k.fr}`,
          `${what.en}: request line ${i + 1} of "${LINES_KEY}" must be an object, not ${k.en}`,
        );
      }
    }
    return undefined;
  };
  const b = shape(blank, BLANK);
  if (b) return b;
  if (example !== undefined) {
    const e = shape(example, EXAMPLE);
    if (e) return e;
  }
  const hasLine = (v: unknown) => isObj(v) && Array.isArray(v[LINES_KEY]) && (v[LINES_KEY] as unknown[]).length > 0;
  if (!hasLine(blank) && !hasLine(example)) {
    return L(
      `${BLANK.fr} n'a aucune ligne de demande dans « ${LINES_KEY} » (ni l'exemple) : la structure d'une ligne ne peut pas en être tirée`,
      `${BLANK.en} has no request line in "${LINES_KEY}" (nor has the example): the structure of a line cannot be learned from it`,
    );
  }
  return undefined;
}

class Invalid extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

const JSON_TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

type Kw = 'string' | 'pattern' | 'count' | 'type' | 'properties' | 'items' | 'strings' | 'boolean' | 'enum' | 'provenance' | 'errorMessage';
/** The keywords of the learned-template format and what each holds (a Map: no key reaches Object.prototype). */
const KEYWORDS = new Map<string, Kw>([
  ['$id', 'string'],
  ['$schema', 'string'],
  ['$comment', 'string'],
  ['title', 'string'],
  ['description', 'string'],
  ['x-en', 'string'],
  ['x-note', 'string'],
  ['x-check', 'string'],
  ['x-rule', 'string'],
  ['x-pilot', 'string'],
  ['x-role', 'string'],
  ['x-provenance-values', 'string'],
  ['x-template', 'string'],
  ['x-sons', 'string'],
  ['x-kind', 'string'],
  ['pattern', 'pattern'],
  ['x-corridor', 'string'],
  ['x-ans-code', 'string'],
  ['x-vague', 'count'],
  ['minItems', 'count'],
  ['maxItems', 'count'],
  ['minLength', 'count'],
  ['maxLength', 'count'],
  ['minimum', 'count'],
  ['maximum', 'count'],
  ['type', 'type'],
  ['properties', 'properties'],
  ['items', 'items'],
  ['required', 'strings'],
  ['x-optional', 'strings'],
  ['x-optional-in', 'strings'],
  ['x-list-separator', 'string'],
  ['x-null-for-pilot', 'boolean'],
  ['additionalProperties', 'boolean'],
  ['enum', 'enum'],
  ['x-provenance', 'provenance'],
  ['errorMessage', 'errorMessage'],
]);

const escapePointer = (k: string) => quoteKey(k).replace(/~/g, '~0').replace(/\//g, '~1');

export type TemplateCheck = { template: SchemaNode; problem?: undefined } | { template?: undefined; problem: Localized };

/**
 * Checks a template schema against the learned-template format and returns a copy the engine can trust: only the
 * keywords of the format, each of the right type, `properties` as null-prototype objects, at most maxDepth + 1
 * levels and maxKeys keys. `learned`: also the root of a learned template file (`x-sons`, `x-kind`, the Ségur header
 * shape). One pass over the template.
 */
export function checkTemplate(value: unknown, learned: boolean): TemplateCheck {
  let keys = 0;
  const bad = (at: string, fr: string, en: string) => new Invalid(L(`${LEARNED.fr}, à ${at || '/'} : ${fr}`, `${LEARNED.en}, at ${at || '/'}: ${en}`));
  const node = (v: unknown, at: string, depth: number): SchemaNode => {
    if (!isObj(v)) {
      const k = kindOf(v);
      throw bad(at, `un schéma doit être un objet, pas ${k.fr}`, `a schema must be an object, not ${k.en}`);
    }
    if (depth > TEMPLATE_LIMITS.maxDepth + 1) throw new Invalid(depthProblem(LEARNED));
    const out: SchemaNode = {};
    for (const k of Object.keys(v)) {
      const x = v[k];
      const here = `${at}/${escapePointer(k)}`;
      const kw = KEYWORDS.get(k);
      const want = (ok: boolean, fr: string, en: string) => {
        if (!ok) {
          const got = kindOf(x);
          throw bad(here, `${fr} (c'est ${got.fr})`, `${en} (it is ${got.en})`);
        }
      };
      switch (kw) {
        case undefined:
          throw bad(
            here,
            `« ${quoteKey(k)} » n'est pas un mot-clé du format des modèles appris`,
            `"${quoteKey(k)}" is not a keyword of the learned-template format`,
          );
        case 'string':
          want(typeof x === 'string', 'une chaîne est attendue', 'a string is expected');
          out[k] = x;
          break;
        case 'pattern': {
          want(typeof x === 'string', 'une chaîne est attendue', 'a string is expected');
          // Run by a linear-time engine (patterns.ts): one it cannot compile is refused here, never run.
          const re = compilePattern(x as string);
          if (!(re instanceof RE2JS)) throw bad(here, re.fr, re.en);
          out[k] = x;
          break;
        }
        case 'count':
          want(typeof x === 'number' && Number.isFinite(x), 'un nombre est attendu', 'a number is expected');
          out[k] = x;
          break;
        case 'boolean':
          want(typeof x === 'boolean', 'un booléen est attendu', 'a boolean is expected');
          out[k] = x;
          break;
        case 'type': {
          const list = Array.isArray(x) ? x : [x];
          const ok = list.length > 0 && list.every((t) => typeof t === 'string' && JSON_TYPES.has(t)) && new Set(list).size === list.length;
          want(
            ok,
            `un type JSON (${[...JSON_TYPES].join(', ')}) ou une liste de types distincts est attendu`,
            `a JSON type (${[...JSON_TYPES].join(', ')}) or a list of distinct types is expected`,
          );
          out.type = Array.isArray(x) ? [...(x as string[])] : (x as string);
          break;
        }
        case 'strings':
          want(Array.isArray(x) && x.every((s) => typeof s === 'string'), 'une liste de chaînes est attendue', 'a list of strings is expected');
          out[k] = [...(x as string[])];
          break;
        case 'enum':
          want(
            Array.isArray(x) && x.every((e) => e === null || typeof e !== 'object'),
            'une liste de valeurs (chaînes, nombres, booléens, null) est attendue',
            'a list of values (strings, numbers, booleans, null) is expected',
          );
          out.enum = [...(x as unknown[])];
          break;
        case 'provenance':
          want(typeof x === 'string' || isObj(x), 'une chaîne (ou, à la racine, un objet) est attendue', 'a string (or, at the root, an object) is expected');
          out[k] = x;
          break;
        case 'errorMessage':
          want(
            typeof x === 'string' || (isObj(x) && Object.values(x).every((m) => typeof m === 'string')),
            'une chaîne ou un objet de chaînes est attendu',
            'a string or an object of strings is expected',
          );
          out[k] = x;
          break;
        case 'items':
          out.items = node(x, here, depth + 1);
          break;
        case 'properties': {
          want(isObj(x), 'un objet (balise → schéma) est attendu', 'an object (key → schema) is expected');
          const props: Record<string, SchemaNode> = Object.create(null);
          const px = x as Record<string, unknown>;
          for (const key of Object.keys(px)) {
            if (++keys > TEMPLATE_LIMITS.maxKeys) throw new Invalid(keysProblem(LEARNED));
            props[key] = node(px[key], `${here}/${escapePointer(key)}`, depth + 1);
          }
          out.properties = props;
          break;
        }
      }
    }
    return out;
  };
  try {
    const template = node(value, '', 1);
    if (learned) rootProblem(template);
    return { template };
  } catch (e) {
    if (e instanceof Invalid) return { problem: e.reason };
    if (e instanceof RangeError) return { problem: depthProblem(LEARNED) };
    throw e;
  }
}

const hasType = (s: SchemaNode | undefined, t: string) => s !== undefined && (Array.isArray(s.type) ? s.type.includes(t) : s.type === t);

/** The root of a learned template file: what it is for (`x-sons`, `x-kind`) and the Ségur header shape. */
function rootProblem(t: SchemaNode): void {
  const bad = (fr: string, en: string) => new Invalid(L(`${LEARNED.fr} : ${fr}`, `${LEARNED.en}: ${en}`));
  if (typeof t['x-sons'] !== 'string' || t['x-sons'].trim() === '')
    throw bad('« x-sons » (le SONS du modèle) manque', '"x-sons" (the SONS of the template) is missing');
  if (t['x-kind'] !== 'avance' && t['x-kind'] !== 'solde') throw bad('« x-kind » doit valoir « avance » ou « solde »', '"x-kind" must be "avance" or "solde"');
  const props = t.properties;
  if (!hasType(t, 'object') || !props)
    throw bad('la racine doit être un objet (« type »: « object », « properties »)', 'the root must be an object ("type": "object", "properties")');
  const missing = [...HEADER_TAGS, LINES_KEY].filter((k) => !Object.hasOwn(props, k));
  if (missing.length)
    throw bad(
      `il manque l'en-tête Ségur ${missing.map((k) => `« ${k} »`).join(', ')}`,
      `the Ségur header ${missing.map((k) => `"${k}"`).join(', ')} is missing`,
    );
  const lines = props[LINES_KEY];
  if (!hasType(lines, 'array') || !lines.items || !lines.items.properties || !hasType(lines.items, 'object')) {
    throw bad(
      `« ${LINES_KEY} » doit être un tableau de lignes de demande décrites par leurs balises (« type »: « array », « items » avec « properties »)`,
      `"${LINES_KEY}" must be an array of request lines described by their keys ("type": "array", "items" with "properties")`,
    );
  }
}

const checked = new WeakMap<object, TemplateCheck>();

/**
 * The engine's guard: a template given in the options (`template`, `templates`) is checked once (cached by object)
 * against the format, without the root requirements of a learned file.
 */
export function usableTemplate(t: SchemaNode): TemplateCheck {
  if (t === null || typeof t !== 'object') return checkTemplate(t, false);
  let c = checked.get(t);
  if (!c) {
    c = checkTemplate(t, false);
    checked.set(t, c);
    // A checked copy given back to the engine is not checked again.
    if (c.template) checked.set(c.template, c);
  }
  return c;
}
