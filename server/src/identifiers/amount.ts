/** Amounts in euros (rule V2). */
import { fail, ok, type IdCheck } from './common';

/** Decimal places of a number as written in its shortest round-trip form: "1250.1" → 1, "1e-7" → 7, "1.5e-7" → 8. */
function decimalPlaces(n: number): number {
  const [mantissa, exponent = '0'] = String(n).toLowerCase().split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent));
}

/** Amount in euros (rule V2): a finite number ≥ 0 with at most 2 decimals. */
export function checkAmount(v: number): IdCheck {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fail('format', 'montant : nombre fini attendu');
  if (v < 0) return fail('format', 'montant négatif');
  // A whole number of cents is the double nearest k/100, whose shortest writing has at most 2 decimals.
  if (Math.round(v * 100) / 100 === v) return ok();
  return decimalPlaces(v) <= 2 ? ok() : fail('format', 'montant : 2 décimales au plus (centimes)');
}
