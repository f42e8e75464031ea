/**
 * `segur-json split <file.json> -o OUTDIR [--max N] [--by-vat] [--errors]`: the requests of one deposit file spread
 * over several files (engine/commands/split.ts), written to OUTDIR under names made from the input's
 * (`splitFileName`: `demande-a-deposer.json`, `demande-tva-ttc-20.json`, `demande-2.json`…). Source 004's way back
 * after a rejection (`--errors`), at most the S9 limit of requests per file (`--max`, default that limit) and one VAT
 * regime per file (`--by-vat`, S11). Every file goes through io/atomicWrite.ts; none is ever written over the input.
 * Exit 0: written (or nothing to split, said); 2: bad usage, an unreadable or broken input, a file not written.
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { splitRequests, splitFileName, isUtf8, SONS_TABLE, SplitError, type Locale } from '../segur';
import { errnoReason, FileWriteError, sameFileAs, writeFileAtomic } from '../io/atomicWrite';
import { readFile, UsageError } from './checkFile';

export const SPLIT_USAGE = 'split <fichier.json> -o DOSSIER [--max N] [--by-vat] [--errors] [--sons SONS] [--kind avance|solde] [--lang fr|en]';

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  max: { type: 'string' },
  'by-vat': { type: 'boolean' },
  errors: { type: 'boolean' },
  sons: { type: 'string' },
  kind: { type: 'string' },
  lang: { type: 'string' },
} as const;

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  } catch {
    throw new UsageError(`arguments incorrects / invalid arguments (${SPLIT_USAGE})`);
  }
}

/** Runs `split`; `out` receives what is said to the user (one line each: names and counts, never content). */
export function splitCommand(args: string[], out: (line: string) => void = (l) => process.stderr.write(`segur-json: ${l}\n`)): number {
  const { values, positionals } = parse(args);
  if (positionals.length !== 1)
    throw new UsageError(
      `${positionals.length ? 'un seul fichier à découper / one file to split' : 'fichier à découper manquant / file to split missing'} (${SPLIT_USAGE})`,
    );
  const dir = values.output;
  if (!dir || dir.startsWith('-'))
    throw new UsageError(`-o DOSSIER manquant : où écrire les fichiers / -o FOLDER missing: where to write the files (${SPLIT_USAGE})`);
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') throw new UsageError(`--lang ${values.lang} : fr ou en`);
  if (values.kind !== undefined && values.kind !== 'avance' && values.kind !== 'solde') throw new UsageError(`--kind ${values.kind} : avance ou solde`);
  let max: number | undefined;
  if (values.max !== undefined) {
    max = /^\d+$/.test(values.max) ? Number(values.max) : NaN;
    if (!Number.isSafeInteger(max) || max < 1)
      throw new UsageError(
        `--max ${values.max} : un entier d'au moins 1 (le portail en accepte ${SONS_TABLE.maxRequestsPerFile} au plus) / an integer of at least 1 (the portal accepts ${SONS_TABLE.maxRequestsPerFile} at most)`,
      );
  }
  const lang: Locale = values.lang === 'en' ? 'en' : 'fr';
  const input = positionals[0];
  const read = readFile(input);
  // The parts are written in UTF-8: a file in another encoding would change on the way (and S12 says it anyway).
  if (!isUtf8(read.encoding))
    throw new UsageError(
      `${input} : le fichier n'est pas en UTF-8 ; convertissez-le d'abord (segur-json check --fix-encoding) / the file is not UTF-8; convert it first (segur-json check --fix-encoding)`,
    );
  let result;
  try {
    result = splitRequests(read.text, {
      max,
      byVat: values['by-vat'],
      errors: values.errors,
      check: { fileName: input, sons: values.sons, kind: values.kind as 'avance' | 'solde' | undefined, encoding: read.encoding },
    });
  } catch (e) {
    if (e instanceof SplitError) throw new UsageError(`${input} : ${e.reason.fr} / ${e.reason.en}`);
    throw e;
  }
  if (values.errors && result.withErrors === 0) {
    const outside = result.errorsOutside;
    out(
      lang === 'fr'
        ? `${input} : aucune demande en erreur${outside ? ' (les erreurs sont hors des demandes : en-tête, nombre de demandes…)' : ''}`
        : `${input}: no request has an error${outside ? ' (the errors are outside the requests: header, number of requests…)' : ''}`,
    );
  }
  if (result.parts.length < 2) {
    out(
      lang === 'fr'
        ? `${input} : ${result.count} demande(s), rien à découper ; aucun fichier écrit`
        : `${input}: ${result.count} request(s), nothing to split; no file written`,
    );
    return 0;
  }
  const targets = result.parts.map((p) => join(dir, splitFileName(basename(input), p.tags)));
  // Never over the input, whatever name or link leads to it: checked for every part before anything is written.
  for (const t of targets) {
    if (sameFileAs(t, [input]))
      throw new UsageError(`${t} est le fichier d'entrée : choisissez un autre dossier / ${t} is the input file: choose another folder`);
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const why = errnoReason(e);
    out(`impossible de créer le dossier ${dir} : ${why.fr} / cannot create the folder ${dir}: ${why.en}`);
    return 2;
  }
  for (let k = 0; k < targets.length; k++) {
    try {
      writeFileAtomic(targets[k], result.parts[k].text);
    } catch (e) {
      if (!(e instanceof FileWriteError)) throw e;
      const d = e.describe();
      out(`${d.fr} / ${d.en}`);
      return 2;
    }
    const n = result.parts[k].lines.length;
    out(lang === 'fr' ? `${targets[k]} : ${n} demande${n > 1 ? 's' : ''} écrite${n > 1 ? 's' : ''}` : `${targets[k]}: ${n} request${n > 1 ? 's' : ''} written`);
  }
  return 0;
}
