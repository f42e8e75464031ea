/** The text style of a document (end of line, indentation unit) and the skeleton of a schema node: used by the
 * fixes of the rules, by completion and by snippets (core: rules/util.ts re-exports them). */
import { isBlock, isType } from '../schema/schemaData';
import type { SchemaNode } from '../shared/types';

/** End of line style and indentation unit of a text (only computed when a fix is built; the last one is kept). */
export function textStyle(text: string): { nl: string; unit: string } {
  if (lastStyle && lastStyle.text === text) return lastStyle.style;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text);
  const unit = m ? (m[1].startsWith('\t') ? '\t' : m[1].length >= 4 && m[1].length % 4 === 0 && !/\n {2}\S/.test(text) ? '    ' : '  ') : '  ';
  lastStyle = { text, style: { nl, unit } };
  return lastStyle.style;
}
// One fix per missing key would otherwise scan the whole text each time (quadratic in the keys).
let lastStyle: { text: string; style: { nl: string; unit: string } } | undefined;

/** The value written for a key that does not apply: `[]` for a block, `null` for a tag, a skeleton for an object. */
export function templateValue(schema: SchemaNode | undefined, indent: string, style: { nl: string; unit: string }): string {
  if (schema && isType(schema, 'object') && schema.properties && !isType(schema, 'null')) {
    const inner = indent + style.unit;
    const parts = Object.keys(schema.properties).map((k) => `${inner}${JSON.stringify(k)}: ${templateValue(schema.properties![k], inner, style)}`);
    return `{${style.nl}${parts.join(',' + style.nl)}${style.nl}${indent}}`;
  }
  if (isBlock(schema)) return '[]';
  return 'null';
}
