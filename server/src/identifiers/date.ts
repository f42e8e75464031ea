/** Dates JJ/MM/AAAA (rule V1). */
import { blankFailure, fail, ok, suggestIf, type IdCheck } from './common';

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const OTHER_DATE_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
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
