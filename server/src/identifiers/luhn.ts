/**
 * Luhn (mod 10) key, the building block of SIREN, SIRET, FINESS, RPPS, RPPS-rang, ADELI and AM numbers
 * (docs/identifiers.md §0). Identifiers are always handled as strings: leading zeros matter.
 */

/** Luhn sum mod 10 of a digit string; the rightmost digit has index 0 and odd indexes are doubled. */
function luhnRemainder(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10;
}

const DIGITS_RE = /^\d+$/;

/** True when `digits` is a non-empty string of ASCII digits (key included) whose Luhn sum is a multiple of 10. */
export function luhnIsValid(digits: string): boolean {
  return DIGITS_RE.test(digits) && luhnRemainder(digits) === 0;
}

/** The key digit (0–9) that makes `body + key` Luhn-valid. Throws a RangeError when `body` is not digits. */
export function luhnCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError(`luhnCheckDigit: digits expected, got "${body}"`);
  return (10 - luhnRemainder(body + '0')) % 10;
}
