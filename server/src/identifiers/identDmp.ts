/** IdentDMP by corridor, and a list of IdentDMP in one value (rule I5, ids §8). */
import { blankFailure, fail, ok, suggestIf, type Check, type IdCheck } from './common';
import { checkFiness } from './finess';
import { checkRpps, checkRppsRang } from './rpps-am';

export type IdentDmpVariant = 'RAD' | 'HOP-PFI' | 'BIO-SGL' | 'BIO-LOINC' | 'MDV';

/** Allowed first characters per prefixed variant (rule I5): 4 = RPPS-rang, 5/6 = FINESS EJ/EG, 1 = FINESS PMSI. */
const IDENT_DMP_PREFIXES: Record<'RAD' | 'HOP-PFI' | 'BIO-SGL', string[]> = {
  RAD: ['4', '5', '6'],
  'HOP-PFI': ['1'],
  'BIO-SGL': ['6'],
};

/** Re-labels a payload failure with the IdentDMP prefix (the suggestion gets the prefix back). */
function withPrefix(r: IdCheck, prefix: string): IdCheck {
  if (r.ok) return r;
  const suggestion = r.suggestion === undefined ? undefined : prefix + r.suggestion;
  return fail(r.reason, `IdentDMP (préfixe ${prefix}) : ${r.hint ?? 'partie après le préfixe invalide'}`, suggestion, r.standard);
}

/**
 * IdentDMP by corridor (rule I5, ids §8). Only the payload after the 1-character prefix carries a key: the
 * composite never passes Luhn as a whole. A Corsican FINESS gives 10 characters that are not all digits
 * (`62A0000170`) and is accepted, although the FAQ says "exactly 10 or 15 digits". MDV: one RPPS (callers
 * iterate over the structure's doctors). BIO-LOINC: always null, so any string is refused.
 */
export function checkIdentDmp(v: string, variant: IdentDmpVariant): IdCheck {
  if (variant === 'BIO-LOINC') return fail('format', 'BIO-LOINC : IdentDMP doit valoir null');
  if (variant === 'MDV') return checkRpps(v);
  const blank = blankFailure(v, (x) => checkIdentDmp(x, variant));
  if (blank) return blank;
  if (!/^[0-9A-Za-z]+$/.test(v)) return fail('format', 'IdentDMP : chiffres seulement (et 2A / 2B pour un FINESS corse)');
  const prefix = v.charAt(0);
  const allowed = IDENT_DMP_PREFIXES[variant];
  if (!allowed.includes(prefix)) {
    return fail('prefix', `IdentDMP ${variant} : doit commencer par ${allowed.join(' ou ')} (${prefix} reçu)`);
  }
  const payload = v.slice(1);
  return withPrefix(prefix === '4' ? checkRppsRang(payload) : checkFiness(payload), prefix);
}

/**
 * A list of IdentDMP in one value, separated by `sep` (rule I5, MDV structure: « tous les RPPS des médecins exerçant
 * dans la structure », FAQ 004; how several RPPS are written in one tag is not published: `;` is our model,
 * schemas/ `x-list-separator`). Each item is checked as one IdentDMP; blanks around the separators, another
 * separator (`,`, blanks) or an empty item are refused, with the corrected list as suggestion when every item
 * passes. A value without any separator is one IdentDMP. Hints name the item by its rank, never by its value.
 */
export function checkIdentDmpList(v: string, variant: IdentDmpVariant, sep: string): IdCheck {
  const self: Check = (x) => checkIdentDmpList(x, variant, sep);
  const parts = v.split(sep);
  if (parts.length === 1) {
    const others = v
      .trim()
      .split(/[\s,;|/]+/)
      .filter((p) => p !== '');
    if (others.length > 1) {
      const joined = others.join(sep);
      return fail('format', `IdentDMP : plusieurs identifiants se séparent par « ${sep} »`, suggestIf(joined, self));
    }
    return checkIdentDmp(v, variant);
  }
  const trimmed = parts.map((p) => p.trim());
  if (trimmed.some((p) => p === '')) {
    return fail('format', `IdentDMP : identifiant vide entre deux « ${sep} »`, suggestIf(trimmed.filter((p) => p !== '').join(sep), self));
  }
  if (trimmed.some((p, i) => p !== parts[i])) {
    return fail('format', `IdentDMP : espaces à retirer autour des « ${sep} »`, suggestIf(trimmed.join(sep), self));
  }
  for (let i = 0; i < parts.length; i++) {
    const r = checkIdentDmp(parts[i], variant);
    if (r.ok) continue;
    const fixed = r.suggestion === undefined ? undefined : suggestIf(parts.map((p, j) => (j === i ? r.suggestion! : p)).join(sep), self);
    return fail(r.reason, `IdentDMP n° ${i + 1} de la liste : ${r.hint ?? 'invalide'}`, fixed, r.standard);
  }
  if (new Set(parts).size < parts.length) return fail('format', 'IdentDMP : le même identifiant figure deux fois dans la liste');
  return ok();
}
