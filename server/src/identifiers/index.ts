/**
 * Identifier and value checks used by the rules (shared/domain/rules.md I1–I8, V1, V2, V7, V8).
 *
 * Every function is pure and takes the value as a string (except `checkAmount`); callers report non-strings
 * themselves. Algorithms, edge cases and test vectors: shared/domain/identifiers.md (cited as "ids §n").
 * A failure carries a `reason`, a French `hint` for the message, and a `suggestion` only when the correction
 * is unambiguous and the suggested value itself passes the check (quick fix).
 */
import { luhnIsValid } from './luhn';

export type IdFailure = 'format' | 'key' | 'sentinel' | 'case' | 'length' | 'prefix';

export type IdCheck =
  | { ok: true }
  | { ok: false; reason: IdFailure; hint?: string; suggestion?: string };

type Check = (v: string) => IdCheck;
type Failure = Extract<IdCheck, { ok: false }>;

const OK: IdCheck = Object.freeze({ ok: true as const });

// Regular expressions of the checks, compiled once (a literal inside a function is a new object at each call).
const BLANK_RE = /\s/;
const DIGITS_RE = /^\d+$/;
const ZEROS_RE = /^0+$/;
const SCIENTIFIC_RE = /^\d+([.,]\d+)?E\+?\d+$/i;
const FINESS_CORSE_LOWER_RE = /^2[ab]\d{7}$/;
const DIGITS_8_RE = /^\d{8}$/;
const DIGITS_9_RE = /^\d{9}$/;
const IDNPS_RE = /^8\d{11}$/;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const OTHER_DATE_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function ok(): IdCheck {
  return OK;
}

/** Builds a failure, leaving out the optional fields that are undefined. */
function fail(reason: IdFailure, hint?: string, suggestion?: string): IdCheck {
  const f: Failure = { ok: false, reason };
  if (hint !== undefined) f.hint = hint;
  if (suggestion !== undefined) f.suggestion = suggestion;
  return f;
}

/** `candidate` when it passes `check`, else undefined: a quick fix must never propose an invalid value. */
function suggestIf(candidate: string, check: Check): string | undefined {
  return check(candidate).ok ? candidate : undefined;
}

/** Blanks inside or around a value (rule S8): 'format', suggesting the value without them when that passes. */
function blankFailure(v: string, check: Check, hint = 'espaces à retirer'): IdCheck | undefined {
  if (!BLANK_RE.test(v)) return undefined;
  return fail('format', hint, suggestIf(v.replace(/\s+/g, ''), check));
}

/**
 * Shape of an all-digit identifier of `len` digits (ids §0): wrong digit count → 'length'; spreadsheet scientific
 * notation (`2,601E+13`) or other characters → 'format'; all zeros (passes Luhn) → 'sentinel'.
 */
function digitsShapeFailure(v: string, len: number, label: string): IdCheck | undefined {
  if (DIGITS_RE.test(v)) {
    if (v.length !== len) return fail('length', `${label} : ${len} chiffres attendus (${v.length} reçus)`);
    return ZEROS_RE.test(v) ? fail('sentinel', `${label} : valeur fictive (que des zéros)`) : undefined;
  }
  if (SCIENTIFIC_RE.test(v)) {
    return fail('format', `${label} en notation scientifique (export tableur) : l'écrire comme texte, ${len} chiffres`);
  }
  return fail('format', `${label} : ${len} chiffres attendus`);
}

/** Plain Luhn identifier: `len` digits whose whole string is Luhn-valid (SIREN, RPPS, ADELI, AM). */
function checkLuhnDigits(v: string, len: number, label: string, self: Check): IdCheck {
  const failure = blankFailure(v, self) ?? digitsShapeFailure(v, len, label);
  if (failure) return failure;
  return luhnIsValid(v) ? ok() : fail('key', `${label} : clé de contrôle (Luhn) incorrecte`);
}

// ---------------------------------------------------------------------------------------------------------------
// FINESS (rule I1, ids §3)

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
  return luhnIsValid(digits) ? ok() : fail('key', 'FINESS : clé de contrôle (9e caractère, Luhn) incorrecte');
}

// ---------------------------------------------------------------------------------------------------------------
// SIREN / SIRET (rules I2, I3, ids §1–2)

/** SIREN (rule I2, ids §1): 9 digits, Luhn; La Poste's 356000000 passes Luhn normally. */
export function checkSiren(v: string): IdCheck {
  return checkLuhnDigits(v, 9, 'SIREN', checkSiren);
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
  if (!luhnIsValid(v.slice(0, 9))) return fail('key', 'SIRET : la partie SIREN (9 premiers chiffres) a une clé incorrecte');
  const laPoste = v.startsWith(LA_POSTE_SIREN) && digitSum(v) % 5 === 0;
  return luhnIsValid(v) || laPoste ? ok() : fail('key', 'SIRET : clé de contrôle (Luhn) incorrecte');
}

// ---------------------------------------------------------------------------------------------------------------
// RPPS, RPPS-rang, ADELI, AM (rule I4, ids §4–7)

/**
 * RPPS (rule I4, ids §4): 11 digits, Luhn. A 12-digit value starting with 8 is an IDNPS (8 + RPPS): refused,
 * never stripped silently, with the RPPS as suggestion. ANS test data holds RPPS with bad keys (ids §4).
 */
export function checkRpps(v: string): IdCheck {
  if (IDNPS_RE.test(v)) {
    return fail('format', 'IDNPS (8 + RPPS) : retirer le 8 initial pour obtenir le RPPS', suggestIf(v.slice(1), checkRpps));
  }
  return checkLuhnDigits(v, 11, 'RPPS', checkRpps);
}

/**
 * RPPS-rang, cabinet identifier (ids §5): RPPS (11) + rang (2) + key; the RPPS part must be valid, then Luhn-14.
 * Luhn-14 has medium confidence only (4/6 public examples pass, the 2 others are edited ANS fixtures).
 */
export function checkRppsRang(v: string): IdCheck {
  const failure = blankFailure(v, checkRppsRang) ?? digitsShapeFailure(v, 14, 'RPPS-rang');
  if (failure) return failure;
  if (!luhnIsValid(v.slice(0, 11))) return fail('key', 'RPPS-rang : la partie RPPS (11 premiers chiffres) a une clé incorrecte');
  return luhnIsValid(v) ? ok() : fail('key', 'RPPS-rang : clé de contrôle (Luhn sur 14 chiffres) incorrecte');
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

// ---------------------------------------------------------------------------------------------------------------
// IdentDMP, IdentINSi (rules I5, I6, ids §8)

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
  return fail(r.reason, `IdentDMP (préfixe ${prefix}) : ${r.hint ?? 'partie après le préfixe invalide'}`, suggestion);
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
    const others = v.trim().split(/[\s,;|/]+/).filter((p) => p !== '');
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
    return fail(r.reason, `IdentDMP n° ${i + 1} de la liste : ${r.hint ?? 'invalide'}`, fixed);
  }
  if (new Set(parts).size < parts.length) return fail('format', 'IdentDMP : le même identifiant figure deux fois dans la liste');
  return ok();
}

/** IdentINSi (HOP-RI, rule I6): exactly one FINESS (juridique or géographique), even for a client with several sites. */
export function checkIdentInsi(v: string): IdCheck {
  if (v.split(/[,;\s]+/).filter((p) => p !== '').length > 1) {
    return fail('format', 'IdentINSi : un seul FINESS attendu, même si le client a plusieurs sites');
  }
  return checkFiness(v);
}

// ---------------------------------------------------------------------------------------------------------------
// n° dossier ASP, n° ANS (rule I8)

/**
 * n° dossier ASP (rule I8): `FIN` + corridor code (3 characters: IMG, HOP, … MS1) + digits + optional suffix.
 * Modelled on `FINIMG013656M0` / `FINIMG013751M0` (seed 000); the FAQ writes `FINYYYXXXXX` (YYY = corridor).
 * Groups: 1 = corridor, 2 = number, 3 = suffix.
 */
export const DOSSIER_ASP_RE = /^FIN([A-Z][A-Z0-9]{2})(\d+)([A-Z][A-Z0-9]*)?$/;

export function checkDossierAsp(v: string, corridor?: string): IdCheck {
  const self: Check = (x) => checkDossierAsp(x, corridor);
  const blank = blankFailure(v, self);
  if (blank) return blank;
  const m = DOSSIER_ASP_RE.exec(v);
  if (!m) {
    if (DOSSIER_ASP_RE.test(v.toUpperCase())) {
      return fail('case', 'n° dossier ASP en majuscules', suggestIf(v.toUpperCase(), self));
    }
    return fail('format', 'n° dossier ASP : FIN + code couloir (3 caractères) + chiffres, ex. FINIMG013656M0');
  }
  if (corridor !== undefined && m[1] !== corridor.toUpperCase()) {
    return fail('prefix', `n° dossier ASP du couloir ${m[1]}, couloir ${corridor.toUpperCase()} attendu`);
  }
  return ok();
}

/**
 * n° ANS (référencement number of the software, rule I8): 10 upper-case alphanumerics starting with C.
 * Only `CVA2RIS001` is seen in the sources (seed 000): the pattern is modelled.
 */
export const NUMERO_ANS_RE = /^C[A-Z0-9]{9}$/;

export function checkNumeroAns(v: string): IdCheck {
  const blank = blankFailure(v, checkNumeroAns);
  if (blank) return blank;
  if (NUMERO_ANS_RE.test(v)) return ok();
  if (NUMERO_ANS_RE.test(v.toUpperCase())) return fail('case', 'n° ANS en majuscules', v.toUpperCase());
  if (!/^[0-9A-Za-z]+$/.test(v)) return fail('format', 'n° ANS : lettres et chiffres seulement, ex. CVA2RIS001');
  if (v.length !== 10) return fail('length', `n° ANS : 10 caractères attendus (${v.length} reçus)`);
  return fail('prefix', 'n° ANS : commence par C, ex. CVA2RIS001');
}

export interface NumeroAnsParts {
  vague: 1 | 2 | undefined;
  software: string | undefined;
}

/** Modelled on the single example `CVA2RIS001` = C + VA2 (vague 2) + RIS (software code) + 001. */
const NUMERO_ANS_PARTS_RE = /^C(?:VA([12]))?([A-Z]{2,5})\d{3}$/;

/** Vague and software code read from a n° ANS; both undefined when the value does not match the model. */
export function parseNumeroAns(v: string): NumeroAnsParts {
  const m = NUMERO_ANS_PARTS_RE.exec(v);
  if (!m) return { vague: undefined, software: undefined };
  return { vague: m[1] === '1' ? 1 : m[1] === '2' ? 2 : undefined, software: m[2] };
}

// ---------------------------------------------------------------------------------------------------------------
// Contact values (rules V6, V7)

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
 * dashes) are reported: csv2json had to remove spaces from phone numbers (commit f3898ab, json-formats.md); that
 * the portal refuses them is our reading (modelled: V6 reports phones as warnings).
 */
export function checkPhone(v: string): IdCheck {
  if (PHONE_RE.test(v)) return ok();
  const compact = v.replace(/[\s.-]/g, '');
  if (compact !== v) {
    return fail('format', 'téléphone : forme attendue 0XXXXXXXXX (ou +33XXXXXXXXX), sans espaces ni séparateurs (forme modélisée : csv2json retire les espaces)', PHONE_RE.test(compact) ? compact : undefined);
  }
  if (/^0033[1-9]\d{8}$/.test(v)) return fail('format', 'indicatif international : +33 au lieu de 0033', `+${v.slice(2)}`);
  if (/^(?:0|\+33)\d*$/.test(v)) return fail('length', 'téléphone : 10 chiffres (0XXXXXXXXX) ou +33 suivi de 9 chiffres');
  return fail('format', 'téléphone : 10 chiffres commençant par 0, ou +33 suivi de 9 chiffres');
}

// ---------------------------------------------------------------------------------------------------------------
// Dates, amounts, attachment names (rules V1, V2, V8)

const DATE_RE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Rewrites an unambiguous other form (ISO `AAAA-MM-JJ`, `J/M/AAAA`, `JJ-MM-AAAA`, `JJ.MM.AAAA`) as JJ/MM/AAAA. */
function toFrenchDate(v: string): string | undefined {
  const iso = ISO_DATE_RE.exec(v);
  if (iso) return `${iso[3]}/${iso[2]}/${iso[1]}`;
  const dmy = OTHER_DATE_RE.exec(v);
  if (dmy) return `${dmy[1].padStart(2, '0')}/${dmy[2].padStart(2, '0')}/${dmy[3]}`;
  return undefined;
}

/** Date `JJ/MM/AAAA` that exists in the calendar (rule V1: leap years, no 31/02). */
export function checkDate(v: string): IdCheck {
  const blank = blankFailure(v, checkDate);
  if (blank) return blank;
  const m = DATE_RE.exec(v);
  if (m) {
    const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const real = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
    return real ? ok() : fail('format', `date inexistante dans le calendrier : ${v}`);
  }
  const fixed = toFrenchDate(v);
  return fail('format', 'date au format JJ/MM/AAAA attendue, ex. 01/12/2025', fixed && suggestIf(fixed, checkDate));
}

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

export const FILE_NAME_MAX_LENGTH = 50;
const FILE_NAME_CHARS_RE = /^[A-Za-z0-9._-]+$/;
const FILE_NAME_EXT_RE = /^.+\.(?:pdf|jpe?g|png)$/i;

/** Accents stripped (é → e, œ → oe), blanks → `_`, any other forbidden character → `_`. */
function asciiFileName(v: string): string {
  return v
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').replace(/Æ/g, 'AE')
    .trim()
    .replace(/\s+/g, '_')
    .replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * Attachment (pièce justificative) file name (rule V8): ≤ 50 characters, no accented or special character,
 * PDF / JPEG / PNG extension. The other V8 parts (éditeur number in the name, ≤ 4 MB, one zip per request)
 * need context and are checked elsewhere.
 */
export function checkFileName(v: string): IdCheck {
  if (!FILE_NAME_CHARS_RE.test(v)) {
    const hint = 'nom de PJ : lettres sans accent, chiffres, point, tiret et souligné seulement';
    const fixed = asciiFileName(v);
    return fail('format', hint, fixed !== v && fixed !== '' ? suggestIf(fixed, checkFileName) : undefined);
  }
  if (!FILE_NAME_EXT_RE.test(v)) return fail('format', 'nom de PJ : extension pdf, jpg, jpeg ou png attendue');
  if (v.length > FILE_NAME_MAX_LENGTH) {
    return fail('length', `nom de PJ : ${FILE_NAME_MAX_LENGTH} caractères au plus (${v.length} reçus)`);
  }
  return ok();
}
