/**
 * `segur-json package <file.json> [--attachments DIR] -o OUT [--lang fr|en]`: the folder to deposit on the ASP portal
 * (source 004: « déposer un 1er JSON avec les 199 demandes valides techniquement et les 199 fichiers zip des pièces
 * justificatives afférentes »): the JSON byte for byte, one ZIP per request and manifest.json (io/zipPackage.ts). This
 * file is the command line only: the refusal and the writing are io/depositPackage.ts, shared with the editor.
 *
 * Only a deposit without error: the JSON and its attachments go through `check --attachments` itself (checkCommand.ts,
 * the same findings, the same segur.config.json); while an error remains, each one is listed on stderr (file, line,
 * code, message, and the attachment's name for P1–P4), exit 1 and nothing is written. OUT must not exist; it appears
 * whole or not at all. Exit 0: written; 1: errors in the deposit; 2: bad usage, an unreadable input, a ZIP name
 * clash, a write or a read-back that failed.
 */
import { dirname, basename, resolve } from 'node:path';
import { ATTACHMENT_LIMITS, type Locale } from '../segur';
import { errnoReason } from '../io/atomicWrite';
import { prepareDeposit, targetRefusal } from '../io/depositPackage';
import { PackageError, readRegularBytes, type PackageHooks } from '../io/zipPackage';
import { UsageError } from './checkFile';
import { parseOptions } from './commandLine';
import { parseCheckArgs, runCheckAsync } from './checkCommand';

export const PACKAGE_USAGE = 'package <fichier.json> -o DOSSIER [--attachments DOSSIER] [--lang fr|en]';

/**
 * Runs `package`; `out` receives what is said to the user (counts and ZIP names, the blocking findings; never a
 * file's content). `hooks`: tests only (io/zipPackage.ts PackageHooks).
 */
export async function packageCommand(
  args: string[],
  cwd = process.cwd(),
  out: (line: string) => void = (l) => process.stderr.write(`segur-json: ${l}\n`),
  hooks?: PackageHooks,
): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    { output: { type: 'string', short: 'o' }, attachments: { type: 'string' }, lang: { type: 'string' } },
    PACKAGE_USAGE,
  );
  if (positionals.length !== 1)
    throw new UsageError(`${positionals.length ? 'un seul fichier JSON / one JSON file' : 'fichier JSON manquant / JSON file missing'} (${PACKAGE_USAGE})`);
  if (!values.output) throw new UsageError(`-o DOSSIER manquant : où écrire le dépôt / -o FOLDER missing: where to write the deposit (${PACKAGE_USAGE})`);
  if (values.attachments === '') throw new UsageError('--attachments : dossier manquant / missing folder');
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') throw new UsageError(`--lang ${values.lang} : fr ou en`);
  const lang: Locale = values.lang === 'en' ? 'en' : 'fr';
  const input = positionals[0];
  const target = values.output;
  const outPath = resolve(cwd, target);
  const inputPath = resolve(cwd, input);
  // The attachments folder: --attachments, else the JSON's own folder.
  const folder = values.attachments !== undefined ? resolve(cwd, values.attachments) : dirname(inputPath);
  const refused = targetRefusal(folder, outPath, target);
  if (refused) throw new UsageError(`${refused.fr} / ${refused.en}`);
  // The JSON's bytes now: copied as they are, and checked to be still those at the end.
  let bytes: Uint8Array;
  try {
    bytes = readRegularBytes(inputPath);
  } catch (e) {
    const why = errnoReason(e);
    throw new UsageError(`illisible / unreadable: ${input} : ${why.fr} / ${why.en}`);
  }
  // The same check as `check --attachments` (its options, its configuration, its findings).
  const checkArgs = parseCheckArgs(['--attachments', folder, ...(values.lang !== undefined ? ['--lang', lang] : []), inputPath]);
  if (values.lang === undefined) checkArgs.langFromConfig = true;
  const run = await runCheckAsync(checkArgs, cwd);
  for (const n of run.notes) out(n);
  const report = run.reports?.[0];
  if (!report || report.problem) {
    const m = report?.problem?.message;
    throw new UsageError(m ? `${input} : ${m.fr} / ${m.en}` : `illisible / unreadable: ${input}`);
  }
  const shown = checkArgs.lang;
  if (!report.detection.isSegur) throw new UsageError(`${input} : pas un fichier Ségur (avance ou solde) / not a Ségur file (avance or solde)`);
  try {
    const done = await prepareDeposit({ jsonPath: inputPath, bytes, folder, findings: report.findings, target: outPath, shown: target }, hooks);
    if (done.status === 'blocked') {
      out(
        shown === 'fr'
          ? `${report.file} : ${done.blockers.length} erreur(s) bloquent le dépôt ; ${target} n'est pas écrit :`
          : `${report.file}: ${done.blockers.length} error(s) block the deposit; ${target} is not written:`,
      );
      for (const { finding: f, attachment } of done.blockers) {
        const named = attachment ? (shown === 'fr' ? ` (pièce : ${attachment})` : ` (attachment: ${attachment})`) : '';
        out(`  ${report.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.code} ${f.message[shown]}${named}`);
      }
      return 1;
    }
    const pattern = ATTACHMENT_LIMITS.zip.name;
    out(
      shown === 'fr'
        ? `${target} : ${basename(inputPath)}, ${done.zips} ZIP (${done.files} pièces) et manifest.json ; nom des ZIP modélisé, ${pattern} (schemas/attachments.json)`
        : `${target}: ${basename(inputPath)}, ${done.zips} ZIP (${done.files} attachments) and manifest.json; ZIP names modelled, ${pattern} (schemas/attachments.json)`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof PackageError)) throw e;
    out(`${e.reason.fr} / ${e.reason.en} ; ${target} non écrit / ${target} not written`);
    return 2;
  }
}
