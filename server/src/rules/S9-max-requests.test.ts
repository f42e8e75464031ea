/**
 * S9 — one JSON holds at most 200 requests (source 004: « Un JSON peut regrouper jusqu'à 200 demandes »;
 * the limit is `maxRequestsPerFile` in schemas/sons.json), as a table over the IMG-RIS-Va2
 * avance example whose `lignesImport` is replaced by n copies of its first line (numbered 1…n, one order each).
 * Above the size limit (CheckOptions.maxBytes) only the syntax and the count are checked: `S9/file-size` (a limit of
 * the tool) and the count, still on the `lignesImport` key.
 */
import { S9 } from './S9-max-requests';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { exampleText, ruleTable, runRule } from '../../../test/helpers/rule-tester.ts';

const example = exampleText('IMG-RIS-Va2', 'avance');
const first = JSON.parse(example).lignesImport[0];
const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ ...first, numLigne: i + 1, numeroEditeur: `RIS-2025-${String(i + 1).padStart(4, '0')}` }));
/**
 * The example with n requests: its `lignesImport` array replaced in the text, written as JSON.stringify indents it
 * (two spaces, from the key's own indentation). A path patch (applyPatches) would do the same through jsonc-parser's
 * formatter, whose time grows with the square of the value's size: minutes for the 1 200 requests below.
 */
function withLines(n: number): string {
  const array = findNodeAtLocation(parseTree(example)!, ['lignesImport'])!;
  const indent = /[ ]*$/.exec(example.slice(0, array.parent!.offset))![0];
  const value = JSON.stringify(lines(n), null, 2).replace(/\n/g, `\n${indent}`);
  return example.slice(0, array.offset) + value + example.slice(array.offset + array.length);
}

ruleTable(S9, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [{ name: 'the example (3 requests)' }, { name: 'exactly 200 requests: the limit is allowed', text: withLines(200) }],
  invalid: [
    {
      name: '201 requests: one finding on the lignesImport key',
      text: withLines(201),
      errors: [{ code: 'S9', span: '"lignesImport"', line: 5, severity: 'error', provenance: 'source' }],
    },
    {
      name: '450 requests',
      text: withLines(450),
      errors: [{ code: 'S9', span: '"lignesImport"', line: 5 }],
    },
    {
      name: "an empty lignesImport: the schema's minimum of one request (x-rule S9 on lignesImport)",
      patch: [{ path: ['lignesImport'], value: [] }],
      errors: [{ code: 'S9/schema', span: '[', line: 5 }],
    },
    {
      name: "a file over the size limit: S9/file-size (the tool's limit, a warning) on the first character",
      options: { maxBytes: 1000 },
      errors: [{ code: 'S9/file-size', span: '{', line: 1, severity: 'warning' }],
    },
    {
      name: 'over the size limit and 201 requests: the count is still an error on lignesImport',
      text: withLines(201),
      options: { maxBytes: 1000 },
      errors: [
        { code: 'S9/file-size', span: '{', line: 1, severity: 'warning' },
        { code: 'S9', span: '"lignesImport"', line: 5, severity: 'error', provenance: 'source' },
      ],
    },
  ],
});

test('S9 message: the counts in each language\'s typography (« 1 200 demandes », "1,200 requests")', () => {
  const text = withLines(1200);
  const [f] = runRule(S9, text, { sons: 'IMG-RIS-Va2', kind: 'avance' });
  assert.match(f.message.fr, /^1 200 demandes dans ce fichier : le portail en accepte 200 au plus/);
  assert.match(f.message.en, /^1,200 requests in this file/);
});
