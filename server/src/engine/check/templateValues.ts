/**
 * Value checks of a template: the bundled schemas are checked by their precompiled validator
 * (runner.ts `schemaStage`); a template (learned by `learn-template`, or given in the options) has none, so this
 * module interprets the value keywords of the learned-template format (docs/schema-format.md, templateFormat.ts):
 * `type`, `enum`, `pattern`, `minLength` / `maxLength`, `minimum` / `maximum`, `minItems` / `maxItems`, along
 * `properties` and `items`. Structure (`required`, `additionalProperties`, order) is the rules' (S2–S8).
 * Findings are those of the bundled path: code `<x-rule>/schema` or `S1/schema` (rule S1, docs/rules.md#s1),
 * the same message (schemaMessages.ts, the node's `errorMessage` first), no finding on a pointer a rule already
 * reported (`covered`), and the provenance of provenance.ts: `template`, or `model` for a value constraint the
 * learned template kept from our model (`x-provenance-values`).
 * No code is generated or evaluated: one walk over the document nodes the template describes (linear in the
 * document; a pattern is compiled once per template string, by re2js: patterns.ts). Pure: no I/O.
 */
import type { JsonNode } from '../syntax/tree';
import type { AjvError, SchemaNode } from '../schema/schemaData';
import type { Finding, Severity } from '../shared/types';
import { schemaFallbackMessage } from '../schema/schemaMessages';
import { schemaErrorCode } from './engineFindings';
import { findingLevel, provenanceAt, ruleProvenance, withModelledNote } from '../schema/provenance';
import { RE2JS } from 're2js';
import { compilePattern, matchesPattern } from '../schema/patterns';

export interface TemplateValueOptions {
  covered: Set<string>;
  overrides: Record<string, Severity | 'off'>;
  modelled: Severity | 'off' | undefined;
  /** The sources of a rule id (for a `source` provenance; a template finding is `template` or `model`). */
  sourcesOf: (ruleId: string) => readonly string[];
}

/** An enum's values as a set (cached per template array): a template's enum may hold tens of thousands. */
const enumSets = new WeakMap<readonly unknown[], Set<unknown>>();
function enumSet(values: readonly unknown[]): Set<unknown> {
  let set = enumSets.get(values);
  if (!set) {
    set = new Set(values);
    enumSets.set(values, set);
  }
  return set;
}

const escape = (k: string | number) => String(k).replace(/~/g, '~0').replace(/\//g, '~1');

/** Length in code points, as JSON Schema counts it (ajv's ucs2length). */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function matchesType(node: JsonNode, t: string): boolean {
  switch (t) {
    case 'integer':
      return node.type === 'number' && Number.isInteger(node.value);
    case 'number':
    case 'string':
    case 'boolean':
    case 'null':
    case 'object':
    case 'array':
      return node.type === t;
    default:
      return false;
  }
}

/**
 * Checks the document `root` (tree or tape nodes) against the value keywords of `template`; pushes the findings.
 */
export function templateValueFindings(root: JsonNode, template: SchemaNode, findings: Finding[], o: TemplateValueOptions): void {
  const path: (string | number)[] = [];

  const report = (node: JsonNode, schema: SchemaNode, keyword: string, params: Record<string, unknown>) => {
    const pointer = path.map((s) => `/${escape(s)}`).join('');
    if (o.covered.has(pointer)) return;
    const rule = typeof schema['x-rule'] === 'string' ? schema['x-rule'] : undefined;
    const { code, ruleId } = schemaErrorCode(rule);
    const provenance = provenanceAt(template, path, 'value', true, ruleProvenance(o.sourcesOf(ruleId)));
    const level = findingLevel(code, ruleId, 'error', provenance, o.overrides, o.modelled);
    if (level === 'off') return;
    const inner: AjvError = { instancePath: pointer, keyword, params: params as AjvError['params'], schemaPath: '' };
    // The node's errorMessage (ajv-errors on the bundled path): a string, or one per keyword.
    const em = schema.errorMessage;
    const custom = typeof em === 'string' ? em : em && typeof em === 'object' ? (em as Record<string, unknown>)[keyword] : undefined;
    const e: AjvError = typeof custom === 'string' ? { ...inner, keyword: 'errorMessage', message: custom, params: { errors: [inner] } } : inner;
    const fallback = schemaFallbackMessage(e, schema);
    const message = provenance.kind === 'model' ? withModelledNote(fallback) : fallback;
    const length = node.type === 'object' || node.type === 'array' ? 1 : node.length;
    findings.push({ code, severity: level, message, offset: node.offset, length, pointer, provenance });
  };

  const visit = (node: JsonNode, schema: SchemaNode) => {
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some((t) => matchesType(node, t))) {
        report(node, schema, 'type', { type: Array.isArray(schema.type) ? schema.type.join(',') : schema.type });
        return;
      }
    }
    const v = node.value;
    if (Array.isArray(schema.enum)) {
      // A learned tag is null in the blank template, so its type lists null: an empty tag is the rules' (S3), not a value.
      const nullable = node.type === 'null' && (Array.isArray(schema.type) ? schema.type.includes('null') : schema.type === 'null');
      const scalar = node.type !== 'object' && node.type !== 'array';
      if (!nullable && (!scalar || !enumSet(schema.enum).has(v))) report(node, schema, 'enum', { allowedValues: schema.enum });
    }
    if (node.type === 'string' && typeof v === 'string') {
      if (typeof schema.pattern === 'string') {
        // re2js, linear in the value (patterns.ts); a pattern it cannot compile was refused with the template.
        const r = compilePattern(schema.pattern);
        if (r instanceof RE2JS && !matchesPattern(r, v)) report(node, schema, 'pattern', { pattern: schema.pattern });
      }
      const min = schema.minLength;
      const max = schema.maxLength;
      if (typeof min === 'number' || typeof max === 'number') {
        const n = codePoints(v);
        if (typeof max === 'number' && n > max) report(node, schema, 'maxLength', { limit: max });
        if (typeof min === 'number' && n < min) report(node, schema, 'minLength', { limit: min });
      }
    } else if (node.type === 'number' && typeof v === 'number') {
      if (typeof schema.maximum === 'number' && v > schema.maximum) report(node, schema, 'maximum', { limit: schema.maximum, comparison: '<=' });
      if (typeof schema.minimum === 'number' && v < schema.minimum) report(node, schema, 'minimum', { limit: schema.minimum, comparison: '>=' });
    } else if (node.type === 'array') {
      const items = node.children ?? [];
      if (typeof schema.maxItems === 'number' && items.length > schema.maxItems) report(node, schema, 'maxItems', { limit: schema.maxItems });
      if (typeof schema.minItems === 'number' && items.length < schema.minItems) report(node, schema, 'minItems', { limit: schema.minItems });
      const item = schema.items;
      if (item) {
        for (let i = 0; i < items.length; i++) {
          path.push(i);
          visit(items[i], item);
          path.pop();
        }
      }
    } else if (node.type === 'object') {
      const props = schema.properties;
      if (!props) return;
      for (const p of node.children ?? []) {
        const key = p.children?.[0]?.value;
        const child = p.children?.[1];
        if (typeof key !== 'string' || !child || !Object.hasOwn(props, key)) continue;
        path.push(key);
        visit(child, props[key]);
        path.pop();
      }
    }
  };

  visit(root, template);
}
