/** Contact values: e-mail, MSS address, phone (rules V6, V7). */
import { blankFailure, fail, ok, type IdCheck } from './common';

const EMAIL_RE = /^[A-Za-z0-9_%+'-]+(?:\.[A-Za-z0-9_%+'-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

/** E-mail address local@domain.tld (ASCII; rule V6 `emailClient`). */
export function checkEmail(v: string): IdCheck {
  const blank = blankFailure(v, checkEmail);
  if (blank) return blank;
  return EMAIL_RE.test(v) ? ok() : fail('format', 'adresse e-mail invalide (forme nom@domaine.fr)');
}

/** MSS sender mailbox (rule V7): a complete address; a bare domain (`mssante.fr`, `@domaine.fr`) is rejected. */
export function checkMssAddress(v: string): IdCheck {
  const trimmed = v.trim();
  if (trimmed !== '' && (!trimmed.includes('@') || trimmed.startsWith('@'))) {
    return fail('format', 'MSS : adresse complète de la boîte attendue (nom@domaine), pas un domaine seul');
  }
  return checkEmail(v);
}

const PHONE_RE = /^(?:0\d{9}|\+33[1-9]\d{8})$/;

/**
 * French phone number (rule V6): 10 digits starting with 0, or +33 then 9 digits. Separators (spaces, dots,
 * dashes) are reported: csv2json had to remove spaces from phone numbers (commit f3898ab); that
 * the portal refuses them is our reading (modelled: V6 reports phones as warnings).
 */
export function checkPhone(v: string): IdCheck {
  if (PHONE_RE.test(v)) return ok();
  const compact = v.replace(/[\s.-]/g, '');
  if (compact !== v) {
    return fail(
      'format',
      'téléphone : forme attendue 0XXXXXXXXX (ou +33XXXXXXXXX), sans espaces ni séparateurs (forme modélisée : csv2json retire les espaces)',
      PHONE_RE.test(compact) ? compact : undefined,
    );
  }
  if (/^0033[1-9]\d{8}$/.test(v)) return fail('format', 'indicatif international : +33 au lieu de 0033', `+${v.slice(2)}`);
  if (/^(?:0|\+33)\d*$/.test(v)) return fail('length', 'téléphone : 10 chiffres (0XXXXXXXXX) ou +33 suivi de 9 chiffres');
  return fail('format', 'téléphone : 10 chiffres commençant par 0, ou +33 suivi de 9 chiffres');
}
