/**
 * The result type of every identifier and value check, and the building blocks the families share (blanks, the
 * shape of an all-digit identifier, plain Luhn numbers). Internal to server/src/identifiers: index.ts re-exports the
 * types only. Algorithms and vectors: docs/identifiers.md (cited "ids §n").
 */
import { luhnIsValid } from './luhn';

export type IdFailure = 'format' | 'key' | 'sentinel' | 'case' | 'length' | 'prefix';

/**
 * The public standard (an id of schemas/sources.json of kind `reference`) that defines a check key: no seed states
 * a key, so a wrong key rests on it. Absent for a key read only from real numbers (AM, ADELI): our model.
 */
export type KeyStandard = 'finess-key' | 'sirene-key' | 'rpps-key';

export type IdCheck = { ok: true } | { ok: false; reason: IdFailure; hint?: string; suggestion?: string; standard?: KeyStandard };

export type Check = (v: string) => IdCheck;
export type Failure = Extract<IdCheck, { ok: false }>;

const OK: IdCheck = Object.freeze({ ok: true as const });

// Regular expressions shared by the families, compiled once (a literal inside a function is a new object at each call).
const BLANK_RE = /\s/;
const DIGITS_RE = /^\d+$/;
const ZEROS_RE = /^0+$/;
const SCIENTIFIC_RE = /^\d+([.,]\d+)?E\+?\d+$/i;

export function ok(): IdCheck {
  return OK;
}

/** Builds a failure, leaving out the optional fields that are undefined. */
export function fail(reason: IdFailure, hint?: string, suggestion?: string, standard?: KeyStandard): IdCheck {
  const f: Failure = { ok: false, reason };
  if (hint !== undefined) f.hint = hint;
  if (suggestion !== undefined) f.suggestion = suggestion;
  if (standard !== undefined) f.standard = standard;
  return f;
}

/** `candidate` when it passes `check`, else undefined: a quick fix must never propose an invalid value. */
export function suggestIf(candidate: string, check: Check): string | undefined {
  return check(candidate).ok ? candidate : undefined;
}

/** Blanks inside or around a value (rule S8): 'format', suggesting the value without them when that passes. */
export function blankFailure(v: string, check: Check, hint = 'espaces à retirer'): IdCheck | undefined {
  if (!BLANK_RE.test(v)) return undefined;
  return fail('format', hint, suggestIf(v.replace(/\s+/g, ''), check));
}

/**
 * Shape of an all-digit identifier of `len` digits (ids §0): wrong digit count → 'length'; spreadsheet scientific
 * notation (`2,601E+13`) or other characters → 'format'; all zeros (passes Luhn) → 'sentinel'.
 */
export function digitsShapeFailure(v: string, len: number, label: string): IdCheck | undefined {
  if (DIGITS_RE.test(v)) {
    if (v.length !== len) return fail('length', `${label} : ${len} chiffres attendus (${v.length} reçus)`);
    return ZEROS_RE.test(v) ? fail('sentinel', `${label} : valeur fictive (que des zéros)`) : undefined;
  }
  if (SCIENTIFIC_RE.test(v)) {
    return fail('format', `${label} en notation scientifique (export tableur) : l'écrire comme texte, ${len} chiffres`);
  }
  return fail('format', `${label} : ${len} chiffres attendus`);
}

/**
 * Plain Luhn identifier: `len` digits whose whole string is Luhn-valid (SIREN, RPPS, ADELI, AM); `standard`: the
 * public reference that defines its key, if one does.
 */
export function checkLuhnDigits(v: string, len: number, label: string, self: Check, standard?: KeyStandard): IdCheck {
  const failure = blankFailure(v, self) ?? digitsShapeFailure(v, len, label);
  if (failure) return failure;
  return luhnIsValid(v) ? ok() : fail('key', `${label} : clé de contrôle (Luhn) incorrecte`, undefined, standard);
}
