/** IdentINSi (HOP-RI, rule I6, ids §8). */
import { fail, type IdCheck } from './common';
import { checkFiness } from './finess';

/** IdentINSi (HOP-RI, rule I6): exactly one FINESS (juridique or géographique), even for a client with several sites. */
export function checkIdentInsi(v: string): IdCheck {
  if (v.split(/[,;\s]+/).filter((p) => p !== '').length > 1) {
    return fail('format', 'IdentINSi : un seul FINESS attendu, même si le client a plusieurs sites');
  }
  return checkFiness(v);
}
