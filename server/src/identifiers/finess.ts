/** FINESS juridique, géographique, PMSI (rule I1, ids §3). */
import { luhnIsValid } from './luhn';
import { blankFailure, fail, ok, suggestIf, type IdCheck } from './common';

const FINESS_CORSE_LOWER_RE = /^2[ab]\d{7}$/;
const DIGITS_8_RE = /^\d{8}$/;
const FINESS_RE = /^(\d{2}|2A|2B)\d{7}$/;

/**
 * FINESS juridique, géographique or PMSI (same format, rule I1): 9 characters, Corsica `2A`/`2B` upper case,
 * Luhn on 9 digits after 2A → 21 and 2B → 22 (ids §3: empirical, 17/17 real Corsican numbers).
 */
export function checkFiness(v: string): IdCheck {
  const blank = blankFailure(v, checkFiness);
  if (blank) return blank;
  if (FINESS_CORSE_LOWER_RE.test(v)) {
    return fail('case', 'FINESS corse : 2A / 2B en majuscules', suggestIf(v.toUpperCase(), checkFiness));
  }
  if (DIGITS_8_RE.test(v)) {
    return fail('length', 'FINESS de 8 chiffres : le zéro initial a probablement été perdu (valeur saisie comme nombre) ; 9 caractères attendus');
  }
  if (!FINESS_RE.test(v)) {
    return /^[0-9A-Za-z]+$/.test(v) && v.length !== 9
      ? fail('length', `FINESS : 9 caractères attendus (${v.length} reçus)`)
      : fail('format', 'FINESS : 2 chiffres (ou 2A / 2B) puis 7 chiffres');
  }
  if (v === '000000000') return fail('sentinel', 'FINESS : valeur fictive (que des zéros)');
  const digits = v.charCodeAt(0) === 50 && (v[1] === 'A' || v[1] === 'B') ? (v[1] === 'A' ? '21' : '22') + v.slice(2) : v;
  return luhnIsValid(digits) ? ok() : fail('key', 'FINESS : clé de contrôle (9e caractère, Luhn) incorrecte', undefined, 'finess-key');
}
