/**
 * The client's strings (vscode.l10n): every `l10n.t('…')` literal of client/src (`vscode.l10n.t` in extension.ts, the
 * `l10n` the pure helpers are given) has its French in l10n/bundle.l10n.fr.json, and the bundle holds no entry that no
 * code uses any more; package.json points VS Code at the folder. A call whose message is not a literal cannot be
 * checked, so it is refused too (but for the one forwarder that hands vscode.l10n.t to the pure helpers). The hand-written `t(fr, en)` is gone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** The messages of the `l10n.t(…)` calls of a source text, and the calls whose message is not a string literal. */
export function l10nMessages(source: string): { messages: string[]; notLiteral: string[] } {
  const messages: string[] = [];
  const notLiteral: string[] = [];
  for (const m of source.matchAll(/\bl10n\.t\(\s*/g)) {
    const rest = source.slice(m.index! + m[0].length);
    const lit = /^(['"])((?:\\.|(?!\1)[^\\\n])*)\1/.exec(rest);
    if (lit) messages.push(lit[2].replace(/\\(.)/g, '$1'));
    else notLiteral.push(rest.split('\n')[0]);
  }
  return { messages, notLiteral };
}

/** What is wrong between the messages the code uses and a bundle: missing entries, stale ones, untranslated ones. */
export function bundleProblems(used: Iterable<string>, bundle: Record<string, string>): string[] {
  const usedSet = new Set(used);
  const problems: string[] = [];
  for (const m of usedSet) if (!(m in bundle)) problems.push(`missing from the bundle: ${JSON.stringify(m)}`);
  for (const k of Object.keys(bundle)) if (!usedSet.has(k)) problems.push(`in the bundle, used by no code: ${JSON.stringify(k)}`);
  for (const [k, v] of Object.entries(bundle)) {
    const holes = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((h) => h[0]).sort();
    if (typeof v !== 'string' || v.trim() === '') problems.push(`no French for ${JSON.stringify(k)}`);
    else if (JSON.stringify(holes(k)) !== JSON.stringify(holes(v))) problems.push(`placeholders differ: ${JSON.stringify(k)} → ${JSON.stringify(v)}`);
  }
  return problems;
}

const clientSources = () =>
  readdirSync(join(root, 'client', 'src'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: f, text: readFileSync(join(root, 'client', 'src', f), 'utf8') }));

test('every l10n.t literal of client/src is in l10n/bundle.l10n.fr.json, and the bundle has nothing no code uses', () => {
  const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;
  const used: string[] = [];
  for (const { file, text } of clientSources()) {
    const { messages, notLiteral } = l10nMessages(text);
    // The one forwarder (speech() in extension.ts) hands vscode.l10n.t to the pure helpers, whose literals are read here.
    const forwarder = /^message, \.\.\.args\)/;
    assert.deepEqual(
      notLiteral.filter((c) => !(file === 'extension.ts' && forwarder.test(c))),
      [],
      `${file}: l10n.t with a message that is not a literal`,
    );
    used.push(...messages);
    assert.doesNotMatch(text, /\bconst t = \(fr: string/, `${file}: the hand-written t(fr, en) is back`);
  }
  assert.ok(used.length >= 30, `${used.length} messages found: the scan sees the calls`);
  assert.deepEqual(bundleProblems(used, bundle), []);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { l10n?: string };
  assert.equal(manifest.l10n, './l10n');
});

test('the check fails on a missing, a stale or a badly translated entry', () => {
  const { messages, notLiteral } = l10nMessages(
    "vscode.l10n.t('Choose the SONS'); l10n.t(\n  'It\\'s {0}', x); vscode.l10n.t(\"Rule\"); vscode.l10n.t(message); other.t('not this')",
  );
  assert.deepEqual(messages, ['Choose the SONS', "It's {0}", 'Rule']);
  assert.deepEqual(notLiteral, ["message); other.t('not this')"]);
  const full = { 'Choose the SONS': 'Choisir le SONS', "It's {0}": "C'est {0}", Rule: 'Règle' };
  assert.deepEqual(bundleProblems(messages, full), []);
  const { Rule: _, ...missing } = full;
  assert.deepEqual(bundleProblems(messages, missing), ['missing from the bundle: "Rule"']);
  assert.deepEqual(bundleProblems(messages, { ...full, Gone: 'Parti' }), ['in the bundle, used by no code: "Gone"']);
  assert.deepEqual(bundleProblems(messages, { ...full, "It's {0}": "C'est" }), [`placeholders differ: "It's {0}" → "C'est"`]);
});
