/** RPPS, RPPS-rang, ADELI, AM (rule I4, ids §4–7). */
import { luhnIsValid } from './luhn';
import { blankFailure, checkLuhnDigits, digitsShapeFailure, fail, ok, suggestIf, type IdCheck } from './common';

const IDNPS_RE = /^8\d{11}$/;

/**
 * RPPS (rule I4, ids §4): 11 digits, Luhn. A 12-digit value starting with 8 is an IDNPS (8 + RPPS): refused,
 * never stripped silently, with the RPPS as suggestion. ANS test data holds RPPS with bad keys (ids §4).
 */
export function checkRpps(v: string): IdCheck {
  if (IDNPS_RE.test(v)) {
    return fail('format', 'IDNPS (8 + RPPS) : retirer le 8 initial pour obtenir le RPPS', suggestIf(v.slice(1), checkRpps));
  }
  return checkLuhnDigits(v, 11, 'RPPS', checkRpps, 'rpps-key');
}

/**
 * RPPS-rang, cabinet identifier (ids §5): RPPS (11) + rang (2) + key; the RPPS part must be valid, then Luhn-14.
 * Luhn-14 has medium confidence only (4/6 public examples pass, the 2 others are edited ANS fixtures).
 */
export function checkRppsRang(v: string): IdCheck {
  const failure = blankFailure(v, checkRppsRang) ?? digitsShapeFailure(v, 14, 'RPPS-rang');
  if (failure) return failure;
  if (!luhnIsValid(v.slice(0, 11))) return fail('key', 'RPPS-rang : la partie RPPS (11 premiers chiffres) a une clé incorrecte', undefined, 'rpps-key');
  return luhnIsValid(v) ? ok() : fail('key', 'RPPS-rang : clé de contrôle (Luhn sur 14 chiffres) incorrecte', undefined, 'rpps-key');
}

/** ADELI (ids §6): 9 digits, Luhn (verified empirically only, 5/5 real numbers). */
export function checkAdeli(v: string): IdCheck {
  return checkLuhnDigits(v, 9, 'ADELI', checkAdeli);
}

/**
 * Numéro Assurance Maladie of a libéral doctor (rule I4, ids §7): 9 digits, Luhn. The key is WEAKLY verified
 * (2 ANS test values, "generally the same as ADELI"); a doctor may hold several AM numbers (one per place).
 */
export function checkAm(v: string): IdCheck {
  return checkLuhnDigits(v, 9, 'AM', checkAm);
}
