/**
 * `segur-json merge-pdf PART… -o OUT.pdf`: one PDF per kind of document (source 004: every invoice, or every VA,
 * in one PDF whose first page is a summary), built by io/pdf.ts. The output's name follows the pièces
 * justificatives' name rule (V8: at most 50 characters, no accented or special character; identifiers/fileName.ts)
 * and ends in `.pdf`; it is never one of the parts. A part that is not PDF/JPEG/PNG, encrypted, broken or
 * unreadable: its name and the reason, exit 2, nothing written. Written through io/atomicWrite.ts.
 *
 * With `--json FILE.json --line N`, the parts are attachments named by the request of numLigne N, read from the
 * attachments folder (`--attachments DIR`, else the JSON's folder), and that request's piecesJustificatives is to list
 * the merged PDF once in place of the parts (engine/commands/mergeAttachments.ts): a safe edit, shown before it is
 * written. The change is printed as a unified diff on stdout and the JSON is left as it is; `--write` writes it
 * (io/atomicWrite.ts, only over the file that was read). Everything is refused before the PDF is written: a part the
 * request does not name, a request that is not there, a JSON whose syntax gives no tree.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { FileWriteError, sameFileAs, writeFileAtomic } from '../io/atomicWrite';
import { mergePdf, outputNameProblem, PdfPartError, readPart } from '../io/pdf';

export { outputNameProblem };
import { FileReadError, readRegularFile } from '../io/files';
import { encodeUtf8, isPlainFileName, isUtf8, mergeAttachmentsEdit, MergeEditError, type Locale, type MergeEdit } from '../segur';
import { UsageError } from './checkFile';

export const MERGE_PDF_USAGE = 'merge-pdf <pièce.pdf|.jpg|.png>… -o SORTIE.pdf [--json FICHIER.json --line N [--attachments DOSSIER] [--write]] [--lang fr|en]';

/**
 * Runs `merge-pdf`; `out` receives what is said to the user (stderr), `print` the diff of the JSON (stdout). `cwd`:
 * where relative paths start.
 */
export async function mergePdfCommand(
  args: string[],
  out: (line: string) => void = (l) => process.stderr.write(`segur-json: ${l}\n`),
  print: (text: string) => void = (t) => process.stdout.write(t),
  cwd = process.cwd(),
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        output: { type: 'string', short: 'o' },
        lang: { type: 'string' },
        json: { type: 'string' },
        line: { type: 'string' },
        attachments: { type: 'string' },
        write: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch {
    throw new UsageError(`arguments incorrects / invalid arguments (${MERGE_PDF_USAGE})`);
  }
  const { values, positionals } = parsed;
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') throw new UsageError(`--lang ${values.lang} : fr ou en`);
  const lang: Locale = values.lang === 'en' ? 'en' : 'fr';
  if (positionals.length === 0) throw new UsageError(`aucune pièce à réunir / no part to join (${MERGE_PDF_USAGE})`);
  if (values.json === undefined && (values.line !== undefined || values.attachments !== undefined || values.write))
    throw new UsageError(`--line, --attachments et --write vont avec --json / --line, --attachments and --write go with --json (${MERGE_PDF_USAGE})`);
  if (values.json !== undefined && (values.json === '' || values.line === undefined || values.line === ''))
    throw new UsageError(`--json FICHIER.json --line N : le fichier et le numLigne de la demande / the file and the request's numLigne (${MERGE_PDF_USAGE})`);
  if (values.attachments === '') throw new UsageError('--attachments : dossier manquant / missing folder');
  const target = values.output;
  if (!target || target.startsWith('-')) throw new UsageError(`-o SORTIE.pdf manquant / -o OUT.pdf missing (${MERGE_PDF_USAGE})`);
  const problem = outputNameProblem(basename(target));
  if (problem) throw new UsageError(`${problem.fr} / ${problem.en}`);
  // With --json, the parts are names of the request, read in the attachments folder; otherwise paths as given.
  let inputs = positionals;
  let json: { path: string; text: string; edit: MergeEdit; identity: ReturnType<typeof readRegularFile>['identity']; writable: boolean } | undefined;
  if (values.json !== undefined) {
    const jsonPath = resolve(cwd, values.json);
    const folder = values.attachments !== undefined ? resolve(cwd, values.attachments) : dirname(jsonPath);
    const notPlain = positionals.filter((p) => !isPlainFileName(p));
    if (notPlain.length > 0)
      throw new UsageError(
        `${notPlain.join(', ')} : avec --json, chaque pièce est un nomFichier de la demande, lu dans le dossier des pièces / with --json, each part is a nomFichier of the request, read in the attachments folder`,
      );
    let read;
    try {
      read = readRegularFile(jsonPath);
    } catch (e) {
      if (!(e instanceof FileReadError)) throw e;
      throw new UsageError(`${values.json} : ${e.reason.fr} / ${e.reason.en}`);
    }
    let edit: MergeEdit;
    try {
      edit = mergeAttachmentsEdit(read.text, { numLigne: values.line, parts: positionals, merged: basename(target) });
    } catch (e) {
      if (!(e instanceof MergeEditError)) throw e;
      out(`${values.json} : ${e.reason.fr} / ${e.reason.en} ; aucun PDF écrit / no PDF written`);
      return 2;
    }
    json = { path: jsonPath, text: read.text, edit, identity: read.identity, writable: isUtf8(read.encoding) && read.lossless };
    if (values.write && !json.writable) {
      out(
        `${values.json} : le fichier n'est pas en UTF-8 : il ne serait pas réécrit (segur-json check --fix-encoding le convertit) ; aucun PDF écrit / the file is not UTF-8: it would not be rewritten (segur-json check --fix-encoding converts it); no PDF written`,
      );
      return 2;
    }
    inputs = positionals.map((p) => join(folder, p));
    if (sameFileAs(target, [jsonPath]) !== undefined)
      throw new UsageError(`-o ${target} est le fichier JSON : il serait écrasé / -o ${target} is the JSON file: it would be overwritten`);
  }
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
  return json ? updateJson(json, values.json!, values.write === true, lang, out, print) : 0;
}

/** The JSON's side: the diff printed, or (`write`) the JSON written over the very file that was read. */
function updateJson(
  json: { path: string; text: string; edit: MergeEdit; identity: ReturnType<typeof readRegularFile>['identity'] },
  shown: string,
  write: boolean,
  lang: Locale,
  out: (line: string) => void,
  print: (text: string) => void,
): number {
  const at = json.edit.numLigne !== undefined ? `numLigne ${json.edit.numLigne}` : `n° ${json.edit.lineIndex + 1}`;
  if (!write) {
    const name = basename(json.path);
    print(createTwoFilesPatch(`a/${name}`, `b/${name}`, json.text, json.edit.text, undefined, undefined, { context: 3 }));
    out(
      lang === 'fr'
        ? `${shown} : la modification de la demande ${at} est affichée ci-dessus, le fichier n'est pas modifié ; --write l'écrit`
        : `${shown}: the change of request ${at} is shown above, the file is not changed; --write writes it`,
    );
    return 0;
  }
  try {
    // Only over the file that was read: one edited or replaced meanwhile is not overwritten.
    writeFileAtomic(json.path, encodeUtf8(json.edit.text), { expected: json.identity });
  } catch (e) {
    if (!(e instanceof FileWriteError)) throw e;
    const d = e.describe(shown);
    out(`${d.fr} / ${d.en}`);
    return 2;
  }
  out(
    lang === 'fr'
      ? `${shown} : demande ${at}, les pièces fusionnées sont remplacées par le PDF`
      : `${shown}: request ${at}, the merged parts are replaced by the PDF`,
  );
  return 0;
}
