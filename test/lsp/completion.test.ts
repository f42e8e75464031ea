/**
 * Completion edits are valid JSON, through a real LSP client over stdio: for every example
 * (every SONS × kind), each key in turn is deleted (its whole `"key": value` member with its comma), completion is
 * asked at that place, and the first item labelled with that key is applied as an editor does (its textEdit, with
 * the snippet's placeholders at their default text, and its additionalTextEdits): the text is strict JSON again,
 * with the key back at its place. A key completion adds the comma it needs before or after (the previous member
 * ends without one when the deleted member was the last); a value completion replaces the value being typed.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseTree, getNodePath, type Node } from 'jsonc-parser';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startClient, root, type Client } from '../helpers/lsp-client.ts';
import { resolveSnippet } from '../helpers/snippet.ts';

function applyItem(doc: TextDocument, item: CompletionItem, at: number): string {
  const edits: TextEdit[] = [];
  const main = item.textEdit as TextEdit | undefined;
  const newText = (t: string) => (item.insertTextFormat === 2 ? resolveSnippet(t) : t);
  if (main) edits.push({ range: main.range, newText: newText(main.newText) });
  else edits.push({ range: { start: doc.positionAt(at), end: doc.positionAt(at) }, newText: newText(item.insertText ?? item.label) });
  for (const e of item.additionalTextEdits ?? []) edits.push(e);
  return TextDocument.applyEdits(doc, edits);
}

/** Each member of each object: the text without it and where the cursor stands, the object's path and keys. */
function deletions(text: string): { key: string; text: string; cursor: number; path: (string | number)[]; keys: string[] }[] {
  const out: ReturnType<typeof deletions> = [];
  const visit = (n: Node) => {
    if (n.type === 'object') {
      const props = n.children ?? [];
      props.forEach((p, i) => {
        const key = p.children![0].value as string;
        const end = p.offset + p.length;
        let t: string;
        let cursor: number;
        if (i < props.length - 1) {
          // `"key": value,` with the comma after it; the blanks around stay.
          const comma = text.indexOf(',', end);
          t = text.slice(0, p.offset) + text.slice(comma + 1);
          cursor = p.offset;
        } else if (i > 0) {
          // The last member: the comma before it goes too (the previous member then ends the object).
          const comma = text.lastIndexOf(',', p.offset);
          t = text.slice(0, comma) + text.slice(comma + 1, p.offset) + text.slice(end);
          cursor = p.offset - 1;
        } else {
          t = text.slice(0, p.offset) + text.slice(end);
          cursor = p.offset;
        }
        out.push({ key, text: t, cursor, path: getNodePath(n), keys: props.map((x) => x.children![0].value as string) });
      });
    }
    for (const c of n.children ?? []) visit(c);
  };
  visit(parseTree(text)!);
  return out;
}

const at = (value: unknown, path: (string | number)[]) => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);

let client: Client;
before(async () => {
  client = await startClient({ pull: true });
});
after(async () => {
  await client.stop();
});

const examples = readdirSync(join(root, 'examples')).flatMap((sons) => readdirSync(join(root, 'examples', sons)).map((f) => join(root, 'examples', sons, f)));

test('every example, every key deleted in turn: the first completion labelled with it gives strict JSON with the key back in place', async () => {
  let cases = 0;
  let commaBefore = 0;
  let commaAfter = 0;
  for (const file of examples) {
    const original = readFileSync(file, 'utf8');
    let doc = client.open(file, original);
    for (const d of deletions(original)) {
      doc = client.change(doc, d.text);
      const items = (await client.conn.sendRequest('textDocument/completion', {
        textDocument: { uri: doc.uri },
        position: doc.positionAt(d.cursor),
      })) as CompletionItem[];
      const name = `${relative(root, file)} ${[...d.path, d.key].join('/')}`;
      const item = items.find((i) => i.label === d.key);
      assert.ok(item, `${name}: completion offers the key (got ${items.map((i) => i.label).join(', ')})`);
      const fixed = applyItem(doc, item, d.cursor);
      let value: unknown;
      assert.doesNotThrow(() => (value = JSON.parse(fixed)), `${name}: strict JSON after completion`);
      assert.deepEqual(Object.keys(at(value, d.path) as object), d.keys, `${name}: the key is back at its place`);
      if (item.additionalTextEdits?.some((e) => e.newText === ',')) commaBefore++;
      if (/,$/.test((item.textEdit as TextEdit).newText)) commaAfter++;
      cases++;
    }
    client.close(doc);
  }
  // Every SONS × kind, both separators exercised (the count is printed for the report).
  assert.ok(cases > 800 && commaBefore > 50 && commaAfter > 500, `${cases} cases, ${commaBefore} commas before, ${commaAfter} after`);
  console.log(`# completion: ${cases} deleted keys over ${examples.length} examples (${commaBefore} needed a comma before, ${commaAfter} a comma after)`);
});

test('every enumerated, boolean or null value of the examples: completion inside it replaces it; with the value (and its comma) deleted, completion writes both back', async () => {
  let replaced = 0;
  let rewritten = 0;
  for (const file of examples) {
    const original = readFileSync(file, 'utf8');
    let doc = client.open(file, original);
    const values: Node[] = [];
    const visit = (n: Node) => {
      if (n.type === 'property' && n.children?.[1] && ['string', 'boolean', 'null'].includes(n.children[1].type)) values.push(n.children[1]);
      for (const c of n.children ?? []) visit(c);
    };
    visit(parseTree(original)!);
    for (const v of values) {
      const label = JSON.stringify(v.value);
      const name = `${relative(root, file)} ${getNodePath(v).join('/')}`;
      // 1. The cursor inside the value (a string: after its quote; a literal: after its first letter).
      doc = client.change(doc, original);
      const inside = (await client.conn.sendRequest('textDocument/completion', {
        textDocument: { uri: doc.uri },
        position: doc.positionAt(v.offset + 1),
      })) as CompletionItem[];
      const item = inside.find((i) => i.label === label);
      if (!item) continue; // a free value (a name, a number): nothing to complete
      assert.equal(applyItem(doc, item, v.offset + 1), original, `${name}: the value is replaced, not inserted into`);
      replaced++;
      // 2. The value deleted with the comma after it: `"key": |` then the next member.
      const end = v.offset + v.length;
      const comma = /^\s*,/.exec(original.slice(end));
      const text = original.slice(0, v.offset) + original.slice(end + (comma ? comma[0].length : 0));
      doc = client.change(doc, text);
      const again = (await client.conn.sendRequest('textDocument/completion', {
        textDocument: { uri: doc.uri },
        position: doc.positionAt(v.offset),
      })) as CompletionItem[];
      const back = again.find((i) => i.label === label);
      assert.ok(back, `${name}: offered again once deleted`);
      const fixed = applyItem(doc, back, v.offset);
      assert.doesNotThrow(() => JSON.parse(fixed), `${name}: strict JSON`);
      assert.deepEqual(JSON.parse(fixed), JSON.parse(original), `${name}: the value and its comma are back`);
      rewritten++;
    }
    client.close(doc);
  }
  assert.ok(replaced > 100 && rewritten === replaced, `${replaced} values replaced, ${rewritten} rewritten`);
  console.log(`# completion: ${replaced} values replaced in place, ${rewritten} written back after deletion`);
});
