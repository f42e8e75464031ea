#!/usr/bin/env node
// Checks every quote of schemas/sources.json `statements` against the text of the seed it is attributed to.
// Usage: node scripts/check-statements.mjs <folder holding the seed texts (000_….txt … 004_….txt)>
// The seed texts are not part of the repository (they are the public documents the rules cite); run this after
// changing a statement, with a folder that has them. Whitespace and line breaks are compared loosely (the texts
// are extracted from slides).
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = process.argv[2];
if (!folder || folder === '--help') {
  console.log('usage: node scripts/check-statements.mjs <folder of the seed texts>');
  process.exit(folder ? 0 : 2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const table = JSON.parse(readFileSync(join(root, 'schemas', 'sources.json'), 'utf8'));
const squash = (s) => s.replace(/\s+/g, ' ').trim();
const texts = {};
for (const f of readdirSync(folder)) {
  const id = f.slice(0, 3);
  if (/^\d{3}_.*\.txt$/.test(f)) texts[id] = squash(readFileSync(join(folder, f), 'utf8'));
}
let bad = 0;
let checked = 0;
for (const [rule, bySource] of Object.entries(table.statements)) {
  for (const [id, said] of Object.entries(bySource)) {
    if (table.sources[id]?.kind !== 'seed') continue;
    for (const quote of [said].flat()) {
      checked++;
      if (!texts[id]) {
        console.log(`${rule} ${id}: no text for this seed in ${folder}`);
        bad++;
      } else if (!texts[id].includes(squash(quote))) {
        console.log(`${rule} ${id}: not found: ${quote}`);
        bad++;
      }
    }
  }
}
console.log(`${checked} quotes checked, ${bad} not found`);
process.exit(bad ? 1 : 0);
