/** n° dossier ASP, n° ANS (rule I8). */
import { blankFailure, fail, ok, suggestIf, type Check, type IdCheck } from './common';

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
