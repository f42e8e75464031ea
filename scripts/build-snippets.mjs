#!/usr/bin/env node
/**
 * snippets/segur-json.json, generated from the expanded schemas (server/generated/schemas.json): per SONS ×
 * kind, the complete skeleton (blocks as [], tags as null, one request line) and, keyed by the path of their array
 * (`lignesImport`, `lignesImport/beneficiaires/Etablissements`…), the item blocks (a request line, a beneficiary, a
 * pièce justificative…). The language server offers them where they belong (server/src/engine/assist/snippets.ts):
 * skeletons in an empty document, a block inside its array in a file of that SONS and kind. VS Code's static
 * snippets are not used: they cannot be limited to Ségur files.
 * The file is kept in the repository (the design's top-level `snippets/`) so that what the editor inserts can be read
 * and reviewed in a diff when a schema changes; every build rewrites it, and test/repo/snippets.test.ts fails when the
 * committed file is not what the schemas give.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemas = JSON.parse(readFileSync(join(root, 'server', 'generated', 'schemas.json'), 'utf8'));
const has = (s, t) => (Array.isArray(s?.type) ? s.type.includes(t) : s?.type === t);

/** Skeleton lines of a schema (2-space indentation, `${n:…}` tab stops on the leaves); `expandKey`: an array given one item. */
function skeleton(s, indent, counter, expandKey) {
  const inner = indent + '  ';
  if (has(s, 'object') && s.properties && !has(s, 'null')) {
    const parts = Object.entries(s.properties).map(
      ([k, v]) =>
        `${inner}${JSON.stringify(k)}: ${k === expandKey ? `[\n${inner}  ${skeleton(v.items, inner + '  ', counter)}\n${inner}]` : skeleton(v, inner, counter)}`,
    );
    return `{\n${parts.join(',\n')}\n${indent}}`;
  }
  const value = has(s, 'array') ? '[]' : 'null';
  return `\${${++counter.n}:${value}}`;
}

/** The arrays of object items of a schema, by path of keys (array indices left out). */
function collectBlocks(s, path, out) {
  if (!s || typeof s !== 'object') return;
  if (has(s, 'array') && s.items?.properties && path.length > 0) {
    out[path.join('/')] = { name: path[path.length - 1], body: skeleton(s.items, '', { n: 0 }).split('\n') };
  }
  for (const [k, v] of Object.entries(s.properties ?? {})) collectBlocks(v, [...path, k], out);
  if (s.items) collectBlocks(s.items, path, out);
}

const data = { skeletons: [], blocks: {} };
for (const [id, s] of Object.entries(schemas)) {
  const [sons, kind] = id.split('.');
  data.skeletons.push({ sons, kind, body: skeleton(s, '', { n: 0 }, 'lignesImport').split('\n') });
  const blocks = {};
  collectBlocks(s, [], blocks);
  data.blocks[id] = blocks;
}
const text = JSON.stringify(data, null, 1) + '\n';
const out = join(root, 'snippets', 'segur-json.json');
if (process.argv.includes('--stdout')) {
  process.stdout.write(text);
  process.exit(0);
}
// Written only when it changes, so that a build leaves an up-to-date checkout untouched.
if (!existsSync(out) || readFileSync(out, 'utf8') !== text) writeFileSync(out, text);
const count = data.skeletons.length + Object.values(data.blocks).reduce((n, b) => n + Object.keys(b).length, 0);
console.log(`build-snippets: ${data.skeletons.length} skeletons, ${count - data.skeletons.length} blocks`);
