/**
 * `segur-json split <file.json> -o OUTDIR [--max N] [--by-vat] [--errors] [--attachments DIR]`: the requests of one
 * deposit file spread over several files (engine/commands/split.ts), written to OUTDIR under names made from the
 * input's (`splitFileName`: `demande-a-deposer.json`, `demande-tva-ttc-20.json`, `demande-2.json`…). Source 004's way
 * back after a rejection (`--errors`), at most the S9 limit of requests per file (`--max`, default that limit) and one
 * VAT regime per file (`--by-vat`, S11). Every file goes through io/atomicWrite.ts; none is ever written over the input.
 *
 * With `--attachments DIR` the packages follow the split (renumbering numLigne renames the ZIPs): beside each part
 * `OUTDIR/<part>.json`, its package `OUTDIR/<part>/` (what `segur-json package <part>.json --attachments DIR` writes:
 * the part, one ZIP per request, manifest.json; io/depositPackage.ts), checked with that folder first; a part with an
 * error (the `--errors` part of the requests to correct, a missing attachment…) gets no package and the command says
 * so. OUTDIR must then not exist and is not in DIR: everything is written to a hidden temporary folder beside it,
 * renamed to OUTDIR at the end, so OUTDIR appears whole or not at all.
 * Exit 0: written (or nothing to split, said); 2: bad usage, an unreadable or broken input, a file not written.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { splitRequests, splitFileName, isUtf8, SONS_TABLE, SplitError, type CheckOptions, type Locale, type SplitPart } from '../segur';
import { attachmentFactsOf } from '../io/attachmentFacts';
import { errnoReason, FileWriteError, sameFileAs, writeFileAtomic } from '../io/atomicWrite';
import { prepareDeposit, targetRefusal } from '../io/depositPackage';
import { alreadyThere, exists, PackageError } from '../io/zipPackage';
import { readFile, UsageError } from './checkFile';
import { parseCheckArgs, runCheckAsync } from './checkCommand';

export const SPLIT_USAGE =
  'split <fichier.json> -o DOSSIER [--max N] [--by-vat] [--errors] [--attachments DOSSIER] [--sons SONS] [--kind avance|solde] [--lang fr|en]';

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  max: { type: 'string' },
  'by-vat': { type: 'boolean' },
  errors: { type: 'boolean' },
  attachments: { type: 'string' },
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
export async function splitCommand(args: string[], out: (line: string) => void = (l) => process.stderr.write(`segur-json: ${l}\n`)): Promise<number> {
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
  if (values.attachments === '') throw new UsageError('--attachments : dossier manquant / missing folder');
  const lang: Locale = values.lang === 'en' ? 'en' : 'fr';
  const input = positionals[0];
  const folder = values.attachments === undefined ? undefined : resolve(values.attachments);
  if (folder !== undefined) {
    const refused = targetRefusal(folder, resolve(dir), dir);
    if (refused) throw new UsageError(`-o ${refused.fr} / ${refused.en}`);
  }
  const read = readFile(input);
  // The parts are written in UTF-8: a file in another encoding would change on the way (and S12 says it anyway).
  if (!isUtf8(read.encoding))
    throw new UsageError(
      `${input} : le fichier n'est pas en UTF-8 ; convertissez-le d'abord (segur-json check --fix-encoding) / the file is not UTF-8; convert it first (segur-json check --fix-encoding)`,
    );
  const check: CheckOptions = { fileName: input, sons: values.sons, kind: values.kind as 'avance' | 'solde' | undefined, encoding: read.encoding };
  // With the attachments, a request whose file is missing or wrong (P1–P4) is one with an error (--errors).
  if (folder !== undefined) {
    try {
      check.attachments = await attachmentFactsOf(read.text, check, folder);
    } catch {
      throw new UsageError(`--attachments ${values.attachments} : dossier illisible / folder unreadable`);
    }
  }
  let result;
  try {
    result = splitRequests(read.text, { max, byVat: values['by-vat'], errors: values.errors, check });
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
  if (folder !== undefined) return splitWithPackages(result.parts, targets, { input, dir, folder, lang, sons: values.sons, kind: values.kind }, out);
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

interface PackagesPlan {
  input: string;
  dir: string;
  folder: string;
  lang: Locale;
  sons?: string;
  kind?: string;
}

/**
 * `split --attachments`: the parts and the packages of those without error, in a hidden temporary folder beside
 * `dir` renamed to `dir` at the end (removed on any failure: `dir` is then absent).
 */
async function splitWithPackages(parts: SplitPart[], targets: string[], p: PackagesPlan, out: (line: string) => void): Promise<number> {
  const fr = p.lang === 'fr';
  const final = resolve(p.dir);
  const tmp = join(dirname(final), `.${basename(final)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(dirname(final), { recursive: true });
    mkdirSync(tmp);
  } catch (e) {
    const why = errnoReason(e);
    out(`impossible de créer le dossier temporaire à côté de ${p.dir} : ${why.fr} / cannot create the temporary folder beside ${p.dir}: ${why.en}`);
    return 2;
  }
  const said: string[] = [];
  try {
    for (const [k, part] of parts.entries()) {
      const name = basename(targets[k]);
      const path = join(tmp, name);
      const bytes = new TextEncoder().encode(part.text);
      writeFileAtomic(path, bytes);
      const n = part.lines.length;
      said.push(fr ? `${targets[k]} : ${n} demande${n > 1 ? 's' : ''} écrite${n > 1 ? 's' : ''}` : `${targets[k]}: ${n} request${n > 1 ? 's' : ''} written`);
      // The same check as `segur-json package` on this part: `check --attachments` with its SONS and kind.
      const checkArgs = parseCheckArgs([
        '--attachments',
        p.folder,
        '--lang',
        p.lang,
        ...(p.sons !== undefined ? ['--sons', p.sons] : []),
        ...(p.kind !== undefined ? ['--kind', p.kind] : []),
        path,
      ]);
      const report = (await runCheckAsync(checkArgs, process.cwd())).reports?.[0];
      const pkg = join(p.dir, name.replace(/\.json$/i, ''));
      if (!report || report.problem) throw new PackageError({ fr: `${targets[k]} ne se relit pas`, en: `${targets[k]} does not read back` });
      const done = await prepareDeposit({ jsonPath: path, bytes, folder: p.folder, findings: report.findings, target: join(tmp, basename(pkg)), shown: pkg });
      if (done.status === 'blocked') {
        const e = done.blockers.length;
        const withErrors = part.tags.some((t) => t.by === 'errors' && t.withErrors);
        said.push(
          fr
            ? `  ${targets[k]} : ${withErrors ? 'demandes en erreur, ' : ''}${e} erreur(s) : pas de paquet (segur-json check --attachments pour les voir)`
            : `  ${targets[k]}: ${withErrors ? 'requests with errors, ' : ''}${e} error(s): no package (segur-json check --attachments to see them)`,
        );
      } else
        said.push(
          fr
            ? `  ${pkg} : paquet, ${done.zips} ZIP (${done.files} pièces) et manifest.json`
            : `  ${pkg}: package, ${done.zips} ZIP (${done.files} attachments) and manifest.json`,
        );
    }
    if (exists(final)) throw new PackageError(alreadyThere(p.dir));
    try {
      renameSync(tmp, final);
    } catch (e) {
      const why = errnoReason(e);
      throw new PackageError({
        fr: `impossible de renommer le dossier temporaire en ${p.dir} : ${why.fr}`,
        en: `cannot rename the temporary folder to ${p.dir}: ${why.en}`,
      });
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (e instanceof FileWriteError) {
      const d = e.describe();
      out(`${d.fr} / ${d.en} ; ${p.dir} non écrit / ${p.dir} not written`);
      return 2;
    }
    if (e instanceof PackageError) {
      out(`${e.reason.fr} / ${e.reason.en} ; ${p.dir} non écrit / ${p.dir} not written`);
      return 2;
    }
    throw e;
  }
  for (const l of said) out(l);
  return 0;
}
