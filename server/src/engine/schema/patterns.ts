/**
 * Template patterns, run by a linear-time engine. A template's `pattern` comes from a file the user loads; compiled
 * as a JavaScript RegExp, `^(a+)+$` took 7 s on 26 characters and froze the server on 28 (backtracking is
 * exponential). re2js (RE2's automata, in JavaScript) matches in time linear in the text, whatever the pattern; the
 * price is RE2's syntax: no look-around and no back-reference, which a template never needs (the 18 patterns of the
 * bundled models all compile). A pattern it cannot compile, or longer than the template limit (its size multiplies
 * the time per character), is refused when the template is checked (templateFormat.ts), never run.
 * The matching is JSON Schema's (ajv's `new RegExp(p, 'u').test(v)`): the pattern is searched anywhere in the value
 * unless anchored; `\d` and `\w` are ASCII in both.
 */
import { RE2JS } from 're2js';
import data from '../../../../schemas/templates.json';
import type { Localized } from '../shared/types';

const compiled = new Map<string, RE2JS | Localized>();

/** A pattern compiled by re2js, or why it is refused (French and English, never quoting the pattern). */
export function compilePattern(p: string): RE2JS | Localized {
  let r = compiled.get(p);
  if (r === undefined) {
    r = compile(p);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(p, r);
  }
  return r;
}

function compile(p: string): RE2JS | Localized {
  // The template limit (schemas/templates.json; read here, not through templateFormat.ts, which imports this module).
  const max = data.limits.maxPatternLength;
  if (p.length > max)
    return {
      fr: `motif de ${p.length} caractères : un motif est limité à ${max} caractères`,
      en: `pattern of ${p.length} characters: a pattern is limited to ${max} characters`,
    };
  try {
    return RE2JS.compile(RE2JS.translateRegExp(p));
  } catch {
    return {
      fr: 'motif que le moteur linéaire (syntaxe RE2 : ni anticipation ni référence arrière) ne sait pas compiler',
      en: 'pattern the linear-time engine (RE2 syntax: no look-around, no back-reference) cannot compile',
    };
  }
}

/** Whether `value` matches a pattern that compiles (JSON Schema's search semantics). */
export function matchesPattern(re: RE2JS, value: string): boolean {
  return re.test(value);
}
