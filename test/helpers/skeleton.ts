/**
 * A bundled skeleton snippet (snippets/segur-json.json, built by scripts/build-snippets.mjs) as the editor
 * inserts it when every placeholder keeps its default: a half-filled file, as a user leaves it after typing the snippet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveSnippet } from './snippet.ts';

const root = join(__dirname, '..', '..');

export function skeletonText(sons: string, kind: string): string {
  const all = JSON.parse(readFileSync(join(root, 'snippets', 'segur-json.json'), 'utf8')) as { skeletons: { sons: string; kind: string; body: string[] }[] };
  const s = all.skeletons.find((x) => x.sons === sons && x.kind === kind);
  if (!s) throw new Error(`no skeleton ${sons} ${kind}`);
  return resolveSnippet(s.body.join('\n')) + '\n';
}
