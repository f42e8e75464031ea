/**
 * A rule's table test, like ESLint's RuleTester (issue 12 item 6): each case is a small patch over a bundled SONS
 * example (examples/<SONS>/<kind>.json), checked by the engine with that one rule alone (CheckOptions.rules).
 * A valid case asserts the rule reports nothing; an invalid case asserts the exact list of the rule's findings (code,
 * the text its range covers, optionally its line) and, when a finding is fixable, the text once its fix is applied
 * (fix content is asserted, not only "the finding is gone").
 *
 * Patches are applied with jsonc-parser's `modify` + `applyEdits` (a value set or removed at a JSON path, the rest of
 * the text kept byte for byte) or as a plain text replacement for what is not JSON (`"vrai"` → `vrai`, a comment).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, modify, type JSONPath } from 'jsonc-parser';
import { check } from '../../server/src/engine/index.ts';
import { applyEdits as applyFindingEdits } from '../../server/src/engine/fixes.ts';
import type { CheckOptions, Finding } from '../../server/src/engine/types.ts';
import type { Rule } from '../../server/src/rules/types.ts';

const root = join(__dirname, '..', '..');

/** One change to the example: a value at a path (`remove`: the property or item is deleted), or a text replacement. */
export type Patch =
  | { path: JSONPath; value: unknown }
  | { path: JSONPath; remove: true }
  /** Replaces the `nth` (default first) occurrence of `replace` in the text by `with`. */
  | { replace: string; with: string; nth?: number };

export interface ExpectedFinding {
  /** Full code (`S4`, `I1/finess-key`). */
  code: string;
  /** The text the finding's range covers, exactly. */
  span: string;
  /** 1-based line of the range's start, when the span alone is ambiguous. */
  line?: number;
  /** Severity, when the case is about it. */
  severity?: Finding['severity'];
  /** Provenance kind, when the case is about it. */
  provenance?: Finding['provenance']['kind'];
  /** The text once this finding's fix is applied, as patches over the case's text (the fixed text is compared whole). */
  fixed?: Patch[];
  /** A fixable finding whose fix is not certain (offered one by one, not applied by fix-all). */
  unsafe?: true;
}

export interface Case {
  name: string;
  /** Patches over the example, in order (none: the example as it is). */
  patch?: Patch[];
  /** The whole text instead of the example and patches. */
  text?: string;
  options?: CheckOptions;
}

export interface InvalidCase extends Case {
  /** The rule's findings, in document order. */
  errors: ExpectedFinding[];
}

export interface RuleTable {
  /** SONS of the example (`IMG-RIS-Va2`). */
  sons: string;
  kind: 'avance' | 'solde';
  valid: Case[];
  invalid: InvalidCase[];
  /** Options for every case (a case's own options win); `today` defaults to 2025-10-01 so dates do not age. */
  options?: CheckOptions;
}

const examples = new Map<string, string>();

export function exampleText(sons: string, kind: string): string {
  const key = `${sons}/${kind}`;
  let t = examples.get(key);
  if (t === undefined) {
    t = readFileSync(join(root, 'examples', sons, `${kind}.json`), 'utf8');
    examples.set(key, t);
  }
  return t;
}

export function applyPatches(text: string, patches: Patch[] = []): string {
  let out = text;
  for (const p of patches) {
    if ('replace' in p) {
      let at = -1;
      for (let k = 0; k <= (p.nth ?? 0); k++) {
        at = out.indexOf(p.replace, at + 1);
        if (at < 0) throw new Error(`patch: text not found (${JSON.stringify(p.replace)})`);
      }
      out = out.slice(0, at) + p.with + out.slice(at + p.replace.length);
    } else {
      const edits = modify(out, p.path, 'remove' in p ? undefined : p.value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
      if (edits.length === 0) throw new Error(`patch: nothing changed at ${JSON.stringify(p.path)}`);
      out = applyEdits(out, edits);
    }
  }
  return out;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The findings of `rule` alone on `text` (codes of that rule: `S4`, `S4/…`). */
export function runRule(rule: Rule, text: string, options: CheckOptions): Finding[] {
  const id = rule.meta.id;
  return check(text, { today: new Date(2025, 9, 1), ...options, rules: [rule] }).findings.filter((f) => f.code === id || f.code.startsWith(`${id}/`));
}

const show = (text: string, fs: Finding[]) => fs.map((f) => `${f.code} @${lineOf(text, f.offset)} ${JSON.stringify(text.substr(f.offset, f.length))}`).join('\n');

/** Registers one `node:test` test per case. */
export function ruleTable(rule: Rule, table: RuleTable): void {
  const base = exampleText(table.sons, table.kind);
  const optionsOf = (c: Case): CheckOptions => ({ sons: table.sons, kind: table.kind, ...table.options, ...c.options });
  for (const c of table.valid) {
    test(`${rule.meta.id} valid: ${c.name}`, () => {
      const text = c.text ?? applyPatches(base, c.patch);
      const got = runRule(rule, text, optionsOf(c));
      assert.equal(got.length, 0, `expected no ${rule.meta.id} finding, got:\n${show(text, got)}`);
    });
  }
  for (const c of table.invalid) {
    test(`${rule.meta.id} invalid: ${c.name}`, () => {
      const text = c.text ?? applyPatches(base, c.patch);
      const got = runRule(rule, text, optionsOf(c));
      assert.equal(got.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${show(text, got)}`);
      c.errors.forEach((e, i) => {
        const f = got[i];
        assert.equal(f.code, e.code, `finding ${i}:\n${show(text, got)}`);
        assert.equal(text.substr(f.offset, f.length), e.span, `finding ${i} (${f.code}) range`);
        if (e.line !== undefined) assert.equal(lineOf(text, f.offset), e.line, `finding ${i} (${f.code}) line`);
        if (e.severity) assert.equal(f.severity, e.severity, `finding ${i} (${f.code}) severity`);
        if (e.provenance) assert.equal(f.provenance.kind, e.provenance, `finding ${i} (${f.code}) provenance`);
        if (e.fixed) {
          assert.ok(f.fix, `finding ${i} (${f.code}) has a fix`);
          assert.equal(f.fix.safe, !e.unsafe, `finding ${i} (${f.code}) fix safety`);
          assert.equal(applyFindingEdits(text, f.fix.edits), applyPatches(text, e.fixed), `finding ${i} (${f.code}) fixed text`);
        } else assert.equal(f.fix, undefined, `finding ${i} (${f.code}) has no fix in this table: add \`fixed\``);
      });
    });
  }
}

