/**
 * A solde with six faults that « fix all » must repair in one run (not two): a copy of examples/IMG-RIS-Va2/solde.json where, in the
 * first request line, `Etablissements` is written `etablissements`, `"medecinsLiberaux": []` is deleted, `FINESGeos`
 * is written `FINESGeo`, a `null` is written `Null`, a JJ/MM/AAAA date is written as an ISO date, and a value gets a
 * trailing blank.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXAMPLE_SOLDE = join(__dirname, '..', '..', 'examples', 'IMG-RIS-Va2', 'solde.json');

export function sixFaultsSolde(): string {
  const src = readFileSync(EXAMPLE_SOLDE, 'utf8');
  const edits: [string | RegExp, string][] = [
    ['"Etablissements"', '"etablissements"'],
    [/\],\n\s*"medecinsLiberaux": \[\]/, ']'],
    ['"FINESGeos": ["010000024"]', '"FINESGeo": ["010000024"]'],
    ['"codeTraitement": null', '"codeTraitement": Null'],
    ['"12/05/2026"', '"2026-05-19"'],
    ['"Centre hospitalier de Fleyriat"', '"Centre hospitalier de Fleyriat "'],
  ];
  let t = src;
  for (const [from, to] of edits) {
    const next = t.replace(from, to);
    if (next === t) throw new Error(`example changed: ${String(from)} not found`);
    t = next;
  }
  return t;
}
