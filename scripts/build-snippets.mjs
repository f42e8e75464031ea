#!/usr/bin/env node
/**
 * snippets/segur.code-snippets, generated from the expanded schemas (server/generated/schemas.json): a complete
 * skeleton per SONS × kind (blocks as [], tags as null, one request line), a request line per SONS × kind, and
 * the item blocks of each schema (a beneficiary, a pièce justificative…). Prefixes start with `segur`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemas = JSON.parse(readFileSync(join(root, 'server', 'generated', 'schemas.json'), 'utf8'));
const has = (s, t) => (Array.isArray(s?.type) ? s.type.includes(t) : s?.type === t);

/** Skeleton text of a schema; `lines` = array item schemas to expand with one item (the request lines). */
function skeleton(s, indent, counter, expandKey) {
  const inner = indent + '  ';
  if (has(s, 'object') && s.properties && !has(s, 'null')) {
    const parts = Object.entries(s.properties).map(([k, v]) => `${inner}"${k}": ${k === expandKey ? `[\n${inner}  ${skeleton(v.items, inner + '  ', counter)}\n${inner}]` : skeleton(v, inner, counter)}`);
    return `{\n${parts.join(',\n')}\n${indent}}`;
  }
  const value = has(s, 'array') ? '[]' : 'null';
  return `\${${++counter.n}:${value}}`;
}

const snippets = {};
const blocks = new Map();
function collectBlocks(s, name, id) {
  if (!s || typeof s !== 'object') return;
  if (has(s, 'array') && s.items?.properties && name !== 'lignesImport') {
    const key = `${name}:${JSON.stringify(Object.keys(s.items.properties))}`;
    if (!blocks.has(key)) blocks.set(key, { name, item: s.items, ids: [] });
    blocks.get(key).ids.push(id);
  }
  for (const [k, v] of Object.entries(s.properties ?? {})) collectBlocks(v, k, id);
  if (s.items) collectBlocks(s.items, name, id);
}

for (const [id, s] of Object.entries(schemas)) {
  const [sons, kind] = id.split('.');
  snippets[`Ségur ${sons} ${kind}`] = {
    prefix: [`segur-${sons.toLowerCase()}-${kind}`, `segur ${sons} ${kind}`],
    scope: 'json',
    description: `${kind === 'avance' ? 'Demande d\'avance' : 'Demande de solde'} ${sons} : squelette complet (blocs [], balises null) / ${sons} ${kind} skeleton`,
    body: skeleton(s, '', { n: 0 }, 'lignesImport').split('\n'),
  };
  snippets[`Ségur ${sons} ${kind} : ligne de demande`] = {
    prefix: [`segur-ligne-${sons.toLowerCase()}-${kind}`],
    scope: 'json',
    description: `Une ligne de lignesImport (un bon de commande) ${sons} ${kind} / one request line`,
    body: skeleton(s.properties.lignesImport.items, '', { n: 0 }).split('\n'),
  };
  collectBlocks(s, 'root', id);
}
for (const { name, item, ids } of blocks.values()) {
  const sons = [...new Set(ids.map((id) => id.split('.')[0]))];
  const corridors = [...new Set(sons.map((x) => x.split('-')[0]))];
  const shared = [...blocks.values()].filter((b) => b.name === name).length > 1;
  const suffix = shared ? '-' + (corridors.length === 1 && sons.length > 1 ? corridors[0] : sons[0]).toLowerCase() : '';
  snippets[`Ségur bloc ${name} (${sons.join(', ')})`] = {
    prefix: [`segur-${name.toLowerCase()}${suffix}`],
    scope: 'json',
    description: `Un élément de « ${name} » (${sons.join(', ')}) / one "${name}" item`,
    body: skeleton(item, '', { n: 0 }).split('\n'),
  };
}
writeFileSync(join(root, 'snippets', 'segur.code-snippets'), JSON.stringify(snippets, null, 2) + '\n');
console.log(`build-snippets: ${Object.keys(snippets).length} snippets`);
