/**
 * `segur-json merge-pdf PART… -o OUT.pdf`: one PDF per kind of document (source 004: every invoice, or every VA,
 * in one PDF whose first page is a summary), built by io/pdf.ts. The output's name follows the pièces
 * justificatives' name rule (V8: at most 50 characters, no accented or special character; identifiers/fileName.ts)
 * and ends in `.pdf`; it is never one of the parts. A part that is not PDF/JPEG/PNG, encrypted, broken or
 * unreadable: its name and the reason, exit 2, nothing written. Written through io/atomicWrite.ts.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { checkFileName, FILE_NAME_MAX_LENGTH } from '../identifiers/fileName';
import { FileWriteError, sameFileAs, writeFileAtomic } from '../io/atomicWrite';
import { mergePdf, PdfPartError, readPart } from '../io/pdf';
import type { Localized, Locale } from '../segur';
import { UsageError } from './checkFile';

export const MERGE_PDF_USAGE = 'merge-pdf <pièce.pdf|.jpg|.png>… -o SORTIE.pdf [--lang fr|en]';

/** Why `name` cannot be the output's name (V8's rule, then the `.pdf` extension), if it cannot. */
export function outputNameProblem(name: string): Localized | undefined {
  const c = checkFileName(name);
  if (!c.ok) {
    const suggestion = c.suggestion ? ` (ex. ${c.suggestion})` : '';
    if (c.reason === 'length')
      return {
        fr: `${name} : ${FILE_NAME_MAX_LENGTH} caractères au plus dans le nom d'une pièce justificative (${name.length} ici)`,
        en: `${name}: at most ${FILE_NAME_MAX_LENGTH} characters in an attachment's name (${name.length} here)`,
      };
    if (!/\.pdf$/i.test(name))
      return { fr: `${name} : le fichier produit est un PDF, son nom finit par .pdf`, en: `${name}: the output is a PDF, its name ends in .pdf` };
    return {
      fr: `${name} : ${c.hint ?? 'nom refusé'}${suggestion}`,
      en: `${name}: unaccented letters, digits, dot, dash and underscore only in an attachment's name${suggestion}`,
    };
  }
  if (!/\.pdf$/i.test(name))
    return { fr: `${name} : le fichier produit est un PDF, son nom finit par .pdf`, en: `${name}: the output is a PDF, its name ends in .pdf` };
  return undefined;
}

export async function mergePdfCommand(args: string[], out: (line: string) => void = (l) => process.stderr.write(`segur-json: ${l}\n`)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { output: { type: 'string', short: 'o' }, lang: { type: 'string' } }, strict: true, allowPositionals: true });
  } catch {
    throw new UsageError(`arguments incorrects / invalid arguments (${MERGE_PDF_USAGE})`);
  }
  const { values, positionals: inputs } = parsed;
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') throw new UsageError(`--lang ${values.lang} : fr ou en`);
  const lang: Locale = values.lang === 'en' ? 'en' : 'fr';
  if (inputs.length === 0) throw new UsageError(`aucune pièce à réunir / no part to join (${MERGE_PDF_USAGE})`);
  const target = values.output;
  if (!target || target.startsWith('-')) throw new UsageError(`-o SORTIE.pdf manquant / -o OUT.pdf missing (${MERGE_PDF_USAGE})`);
  const problem = outputNameProblem(basename(target));
  if (problem) throw new UsageError(`${problem.fr} / ${problem.en}`);
  const input = sameFileAs(target, inputs);
  if (input !== undefined)
    throw new UsageError(`-o ${target} est aussi une pièce (${input}) : elle serait écrasée / -o ${target} is also a part (${input}): it would be overwritten`);
  let merged;
  try {
    merged = await mergePdf(
      inputs.map((p) => ({ name: basename(p), bytes: readPart(p) })),
      basename(target),
    );
  } catch (e) {
    if (!(e instanceof PdfPartError)) throw e;
    out(`${e.part} : ${e.reason.fr} / ${e.reason.en} ; aucun PDF écrit / no PDF written`);
    return 2;
  }
  try {
    writeFileAtomic(target, merged.bytes);
  } catch (e) {
    if (!(e instanceof FileWriteError)) throw e;
    const d = e.describe();
    out(`${d.fr} / ${d.en}`);
    return 2;
  }
  const parts = merged.ranges.length;
  out(
    lang === 'fr'
      ? `${target} : ${merged.pages} pages (récapitulatif, puis ${parts} pièce${parts > 1 ? 's' : ''})`
      : `${target}: ${merged.pages} pages (summary, then ${parts} part${parts > 1 ? 's' : ''})`,
  );
  return 0;
}
