/** Attachment (pièce justificative) file names (rule V8). */
import { fail, ok, suggestIf, type IdCheck } from './common';

export const FILE_NAME_MAX_LENGTH = 50;
const FILE_NAME_CHARS_RE = /^[A-Za-z0-9._-]+$/;
const FILE_NAME_EXT_RE = /^.+\.(?:pdf|jpe?g|png)$/i;

/** Accents stripped (é → e, œ → oe), blanks → `_`, any other forbidden character → `_`. */
function asciiFileName(v: string): string {
  return v
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
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
