/** SIREN / SIRET (rules I2, I3, ids §1–2). */
import { luhnIsValid } from './luhn';
import { blankFailure, checkLuhnDigits, digitsShapeFailure, fail, ok, type IdCheck } from './common';

const DIGITS_9_RE = /^\d{9}$/;

/** SIREN (rule I2, ids §1): 9 digits, Luhn; La Poste's 356000000 passes Luhn normally. */
export function checkSiren(v: string): IdCheck {
  return checkLuhnDigits(v, 9, 'SIREN', checkSiren, 'sirene-key');
}

const LA_POSTE_SIREN = '356000000';

function digitSum(digits: string): number {
  let sum = 0;
  for (const c of digits) sum += c.charCodeAt(0) - 48;
  return sum;
}

/**
 * SIRET of the supplier (rule I3, ids §2): 14 digits; the SIREN part must be valid (11122233344455 passes
 * Luhn-14 but not its SIREN), then Luhn-14, or for La Poste (356000000…) a digit sum multiple of 5. This is the
 * permissive variant (IsoCodes): it never rejects a number the strict one (python-stdnum) accepts.
 * A bare SIREN is refused: "un BDC avec le seul SIREN est refusé" (I3).
 */
export function checkSiret(v: string): IdCheck {
  const blank = blankFailure(v, checkSiret);
  if (blank) return blank;
  if (DIGITS_9_RE.test(v)) {
    return fail('length', 'SIREN seul : le SIRET complet (14 chiffres) est exigé, un BDC avec le seul SIREN est refusé');
  }
  const shape = digitsShapeFailure(v, 14, 'SIRET');
  if (shape) return shape;
  if (!luhnIsValid(v.slice(0, 9))) return fail('key', 'SIRET : la partie SIREN (9 premiers chiffres) a une clé incorrecte', undefined, 'sirene-key');
  const laPoste = v.startsWith(LA_POSTE_SIREN) && digitSum(v) % 5 === 0;
  return luhnIsValid(v) || laPoste ? ok() : fail('key', 'SIRET : clé de contrôle (Luhn) incorrecte', undefined, 'sirene-key');
}
