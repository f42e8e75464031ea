/**
 * A rule's table test, like ESLint's RuleTester: each case is a small patch over a bundled SONS
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
import { check } from '../../server/src/segur.ts';
import { applyEdits as applyFindingEdits } from '../../server/src/engine/check/fixes.ts';
import type { CheckOptions, Finding } from '../../server/src/engine/shared/types.ts';
import { crossCheckWith } from '../../server/src/engine/project/project.ts';
import { RULES } from '../../server/src/rules/catalogue.ts';
import type { ProjectRule, Rule } from '../../server/src/engine/rule-api.ts';

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
      const before = out;
      out = applyEdits(out, edits);
      // jsonc-parser 3.3 removes the last item of an array badly (`["x", "y"]` → `["x""]`): a path patch over valid
      // JSON must leave valid JSON, else the case would test something else than it says (use a text replacement).
      if (isJson(before) && !isJson(out)) throw new Error(`patch: ${JSON.stringify(p.path)} left broken JSON; write it as a text replacement`);
    }
  }
  return out;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
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

const show = (text: string, fs: Finding[]) =>
  fs.map((f) => `${f.code} @${lineOf(text, f.offset)} ${JSON.stringify(text.substr(f.offset, f.length))}`).join('\n');

/** One finding against its expectation: range text, line, severity, provenance, and the fixed text (or no fix). */
function assertFinding(text: string, f: Finding, e: ExpectedFinding, i: number): void {
  assert.equal(text.substr(f.offset, f.length), e.span, `finding ${i} (${f.code}) range`);
  if (e.line !== undefined) assert.equal(lineOf(text, f.offset), e.line, `finding ${i} (${f.code}) line`);
  if (e.severity) assert.equal(f.severity, e.severity, `finding ${i} (${f.code}) severity`);
  if (e.provenance) assert.equal(f.provenance.kind, e.provenance, `finding ${i} (${f.code}) provenance`);
  if (e.fixed) {
    assert.ok(f.fix, `finding ${i} (${f.code}) has a fix`);
    assert.equal(f.fix.safe, !e.unsafe, `finding ${i} (${f.code}) fix safety`);
    assert.equal(applyFindingEdits(text, f.fix.edits), applyPatches(text, e.fixed), `finding ${i} (${f.code}) fixed text`);
  } else assert.equal(f.fix, undefined, `finding ${i} (${f.code}) has no fix in this table: add \`fixed\``);
}

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
        assertFinding(text, f, e, i);
      });
    });
  }
}

// ————— Rules across files (C1–C6): a table over an avance/solde pair —————

export interface PairCase {
  name: string;
  /** Patches over examples/<SONS>/avance.json and solde.json (none: the example as it is). */
  avance?: Patch[];
  solde?: Patch[];
  /** A whole text instead of an example and its patches. */
  avanceText?: string;
  soldeText?: string;
  /** Options of both checks (SONS and kind are set per file). */
  options?: CheckOptions;
}

export interface ExpectedPairFinding extends ExpectedFinding {
  /** The file the finding is on. */
  file: 'avance' | 'solde';
}

export interface InvalidPairCase extends PairCase {
  /** The rule's findings across files, avance's first then solde's, each in document order. */
  errors: ExpectedPairFinding[];
}

export interface PairTable {
  sons: string;
  valid: PairCase[];
  invalid: InvalidPairCase[];
  options?: CheckOptions;
}

/**
 * The findings across files of `rule` on an avance/solde pair: each file checked alone (`check`, SONS and kind
 * given), then both together by the cross-file stage (`crossCheck`, as the CLI does for a folder), keeping the codes
 * of that rule (the other rules across files compare other values of the same pair and report other codes).
 */
export function runPair(
  rule: ProjectRule,
  texts: { avance: string; solde: string },
  sons: string,
  options: CheckOptions = {},
): { file: 'avance' | 'solde'; finding: Finding }[] {
  const id = rule.meta.id;
  const files = (['avance', 'solde'] as const).map((kind) => ({
    file: kind,
    result: check(texts[kind], { today: new Date(2025, 9, 1), ...options, sons, kind }),
  }));
  // That project rule alone in the cross-file stage (the rules of one file all run: they make the summaries).
  const cross = crossCheckWith({ rules: RULES, projectRules: [rule] }, files);
  const out: { file: 'avance' | 'solde'; finding: Finding }[] = [];
  for (const { file } of files) {
    const fs = (cross.get(file) ?? []).filter((f) => f.code === id || f.code.startsWith(`${id}/`)).sort((a, b) => a.offset - b.offset);
    for (const finding of fs) out.push({ file, finding });
  }
  return out;
}

/** Registers one `node:test` test per case of a rule across files. */
export function pairTable(rule: ProjectRule, table: PairTable): void {
  const textsOf = (c: PairCase) => ({
    avance: c.avanceText ?? applyPatches(exampleText(table.sons, 'avance'), c.avance),
    solde: c.soldeText ?? applyPatches(exampleText(table.sons, 'solde'), c.solde),
  });
  const showPair = (texts: { avance: string; solde: string }, got: { file: 'avance' | 'solde'; finding: Finding }[]) =>
    got
      .map(({ file, finding: f }) => `${file}: ${f.code} @${lineOf(texts[file], f.offset)} ${JSON.stringify(texts[file].substr(f.offset, f.length))}`)
      .join('\n');
  for (const c of table.valid) {
    test(`${rule.meta.id} valid: ${c.name}`, () => {
      const texts = textsOf(c);
      const got = runPair(rule, texts, table.sons, { ...table.options, ...c.options });
      assert.equal(got.length, 0, `expected no ${rule.meta.id} finding, got:\n${showPair(texts, got)}`);
    });
  }
  for (const c of table.invalid) {
    test(`${rule.meta.id} invalid: ${c.name}`, () => {
      const texts = textsOf(c);
      const got = runPair(rule, texts, table.sons, { ...table.options, ...c.options });
      assert.equal(got.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${showPair(texts, got)}`);
      c.errors.forEach((e, i) => {
        const { file, finding: f } = got[i];
        const text = texts[file];
        assert.equal(file, e.file, `finding ${i}: file\n${showPair(texts, got)}`);
        assert.equal(f.code, e.code, `finding ${i}:\n${showPair(texts, got)}`);
        assertFinding(text, f, e, i);
      });
    });
  }
}
