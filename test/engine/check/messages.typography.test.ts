/**
 * French typography of the rules' own words: every French message template of every rule (one file and across files)
 * writes no decimal point in a number, no space before a period or a comma, and no quotes right inside « ». A number
 * the message states itself goes through numberText (« 43 800,00 », « 8,5 ») as an argument; an amount or a value
 * quoted from the file is an argument too, shown as written there. A JSON example the message shows (V2: the number
 * to write, `1250.00`) is JSON, not prose: listed below with why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES, PROJECT_RULES } from '../../../server/src/rules/catalogue.ts';
import { numberText } from '../../../server/src/engine/check/messages.ts';

/** Messages that show a JSON value (the decimal point is JSON's). */
const JSON_EXAMPLES = new Set(['V2 string']);

test('French message templates: decimal comma, no space before . or , and no quotes inside « »', () => {
  const bad: string[] = [];
  for (const rule of [...RULES, ...PROJECT_RULES]) {
    for (const [id, m] of Object.entries(rule.meta.messages)) {
      const fr = m.fr;
      const faults = [
        !JSON_EXAMPLES.has(`${rule.meta.id} ${id}`) && /\d\.\d/.test(fr) && 'decimal point',
        / [.,](\s|$)/.test(fr) && 'space before a period or a comma',
        /«\s*"|"\s*»/.test(fr) && 'quotes inside « »',
      ].filter(Boolean);
      if (faults.length > 0) bad.push(`${rule.meta.id} ${id}: ${faults.join(', ')}: ${fr}`);
    }
  }
  assert.deepEqual(bad, []);
});

test("numberText: each language's way of writing the numbers a message states", () => {
  assert.deepEqual(numberText(1250, 2), { fr: '1 250,00', en: '1,250.00' });
  assert.deepEqual(numberText(8.5), { fr: '8,5', en: '8.5' });
  assert.deepEqual(numberText(43333.33, 2), { fr: '43 333,33', en: '43,333.33' });
  assert.deepEqual(numberText(20), { fr: '20', en: '20' });
  assert.deepEqual(numberText(1234567.891, 2), { fr: '1 234 567,89', en: '1,234,567.89' });
  assert.deepEqual(numberText(-4012.5, 2), { fr: '-4 012,50', en: '-4,012.50' });
  assert.deepEqual(numberText(999.5, 2), { fr: '999,50', en: '999.50' });
});
