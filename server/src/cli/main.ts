/**
 * `segur-json`: the command line on the same engine as the editor: its help and the dispatch of its commands (`check`
 * is checkCommand.ts; what the commands share, commandLine.ts).
 *   segur-json check [--format text|compact|json|sarif|html|github|junit|gitlab] [-o FILE] [--fix] [--sons SONS]
 *                    [--kind avance|solde] [--lang fr|en] [--modelled error|warning|information|off] [--quiet]
 *                    [--max-warnings N] [--stdin-filename NAME] <files, folders, globs or - for stdin>
 * Exit codes (EXIT_CODES_HELP of gate.ts, also in --help and the README): 0 no error, 1 errors found (or more warnings than
 * --max-warnings), 2 bad usage, an input that could not be read or a file that could not be written (the other files
 * are checked and reported all the same).
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  SONS_TABLE,
  sonsById,
  unknownSonsInfo,
  learnTemplate,
  learnedTemplateText,
  TemplateError,
  getSchema,
  soldeFromAvance,
  SoldeFromAvanceError,
  sourceName,
  describeDifference,
  templateDiff,
  BLANK,
  EXAMPLE,
  type Locale,
} from '../segur';
import { errnoReason } from '../io/atomicWrite';
import { UsageError } from './checkFile';
import { renderHtml, renderMarkdown, ruleDocs } from './ruleDocs';
import { splitCommand, SPLIT_USAGE } from './splitFiles';
import { mergePdfCommand, MERGE_PDF_USAGE } from './mergePdf';
import { packageCommand, PACKAGE_USAGE } from './package';
import { EXIT_CODES_HELP } from './gate';
import { VERSION, WriteFailure, writeOutput, refuseOutputOverInput, parseOptions, readText, readTemplateText } from './commandLine';
import { parseCheckArgs, runCheckAsync } from './checkCommand';
export { UsageError, fixText } from './checkFile';
// The bundle's API (dist/cli.js), used by the fuzzer and the benchmarks.
export { runCheck, runCheckAsync, parseCheckArgs, workerCount, MIN_FILES_FOR_WORKERS } from './checkCommand';
export { loadTemplates, parseOptions } from './commandLine';

const HELP = `segur-json ${VERSION} — valide les JSON Ségur numérique (avance, solde) / validates Ségur funding JSON files

Usage:
  segur-json check [options] <fichiers, dossiers, globs, ou - (stdin) / files, folders, globs, or - (stdin)>
  segur-json rules [--lang en]           liste des règles (Markdown) / rule list
  segur-json solde-from-avance <avance.json> [-o FICHIER]   squelette de solde / solde skeleton
  segur-json learn-template <vierge.json> [<exemple.json>] --sons SONS --kind avance|solde [--corridor COULOIR] [-o FICHIER]
                                         SONS hors du modèle fourni : <COULOIR>-<LOGICIEL>-Va<N> (ex. BIO-SGL-Va2)
  segur-json template-diff <vierge.json> [<exemple.json>] --sons SONS --kind avance|solde [--format text|json] [--lang fr|en]
                                         écarts du modèle officiel au modèle fourni (clés ajoutées, retirées, renommées,
                                         déplacées, types ; code 0 : aucun, 1 : écarts) / how the official template
                                         differs from the bundled model (exit 0: none, 1: differences)
  segur-json ${SPLIT_USAGE}
                                         répartit les demandes en plusieurs fichiers (${SONS_TABLE.maxRequestsPerFile} au plus, un régime de TVA,
                                         celles en erreur à part) / splits the requests over several files ;
                                         --attachments DOSSIER : aussi le paquet de chaque fichier sans erreur,
                                         DOSSIER-sortie/<fichier>/ (comme package), sur un -o qui n'existe pas /
                                         also each error-free file's package, OUT/<file>/ (as package), on a new -o
  segur-json ${MERGE_PDF_USAGE}
                                         un seul PDF, un récapitulatif en 1re page / one PDF, a summary first
  segur-json ${PACKAGE_USAGE}
                                         le dossier à déposer : le JSON, un ZIP par demande, manifest.json (refusé
                                         tant qu'une erreur reste) / the deposit folder: the JSON, one ZIP per request
  segur-json lsp --stdio                 serveur de langage (LSP) pour tout éditeur / language server

Options de check:
  --format text|compact|json|sarif|html|github|junit|gitlab
                             format de sortie (défaut text) ; compact : une ligne fichier:ligne:col: gravité
                             code message (tâches VS Code, $segur-json) ; html : une page autonome à ouvrir
                             ou envoyer ; github : annotations GitHub Actions ; junit : XML JUnit (un testsuite
                             par fichier) ; gitlab : rapport code quality GitLab / output format; html: one
                             self-contained page; github: GitHub Actions annotations; junit: JUnit XML; gitlab:
                             GitLab code quality report
  --config <fichier>         le segur.config.json de tous les fichiers (sinon, pour chaque fichier, le plus proche
                             en remontant ses dossiers) ; les options de la ligne de commande l'emportent sur lui /
                             the segur.config.json of every file (else each file's nearest one, up its folders);
                             command-line options win over it
  --quiet                    erreurs seulement, dans tous les formats / errors only, in every format
  --max-warnings <N>         code 1 s'il y a plus de N avertissements, même sans erreur (comptés aussi avec
                             --quiet) / exit 1 when there are more than N warnings, even without errors
  -                          lit le fichier sur l'entrée standard / reads the file from stdin
                             (cat demande.json | segur-json check -)
  --stdin-filename <nom>     nomme l'entrée standard dans le rapport et pour la détection (SONS et type tirés
                             du nom) / names stdin in the report and for detection; avec --fix, le texte corrigé
                             sort sur la sortie standard et le rapport sur la sortie d'erreur (ou dans -o) /
                             with --fix, the fixed text goes to stdout and the report to stderr (or to -o)
                             Un argument qui contient * ? [ ] { } et ne nomme aucun fichier est un glob, développé
                             par segur-json (cmd, PowerShell) ; un glob sans fichier est une erreur d'usage / an
                             argument with glob characters that names no file is expanded by segur-json itself;
                             a glob matching nothing is a usage error
  -o, --output <fichier>     écrit le rapport dans ce fichier au lieu de la sortie standard / writes the report
                             to this file instead of stdout
  --fix                      applique les corrections sûres et écrit les fichiers (un fichier qui n'est pas
                             en UTF-8 n'est pas réécrit : voir --fix-encoding)
  --fix-encoding             convertit en UTF-8 les fichiers Ségur qui n'y sont pas (ISO-8859-1, Windows-1252,
                             UTF-16…) ; avec --fix, les corrige aussi / converts non-UTF-8 Ségur files to UTF-8
  --sons <SONS>              impose le SONS (${SONS_TABLE.sons.map((s) => s.id).join(', ')}, ou celui d'un modèle
                             appris de --templates / or the SONS of a learned template)
  --kind avance|solde        impose le type de demande
  --lang fr|en               langue des messages (défaut fr)
  --templates <dossier>      modèles officiels appris (learn-template) à utiliser au lieu du modèle fourni
  --attachments <dossier>    vérifie aussi les pièces justificatives nommées (nomFichier) dans ce dossier :
                             présentes sous ce nom exact, 4 Mo au plus, au format annoncé, PDF lisible (P1–P4)
                             / also checks the named attachments in this folder (P1–P4). Sans l'option :
                             le dossier du JSON, s'il contient au moins une des pièces nommées / without it:
                             the JSON's own folder, when it holds at least one of the files named
  --modelled error|warning|information|off
                             gravité maximale des diagnostics qui ne reposent que sur le modèle fourni (marqués
                             « structure modélisée », défaut warning) / highest severity of the findings that rest
                             only on the bundled model (default warning)

${EXIT_CODES_HELP}`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(HELP);
      return command ? 0 : 2;
    }
    if (command === '--version' || command === '-v') {
      process.stdout.write(VERSION + '\n');
      return 0;
    }
    if (command === 'rules') {
      const { values, positionals } = parseOptions(rest, { lang: { type: 'string' } }, 'rules [--lang fr|en]');
      if (positionals.length > 0) throw new UsageError(`rules : argument inattendu / unexpected argument ${positionals[0]}`);
      if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') throw new UsageError(`--lang ${values.lang} : fr ou en`);
      process.stdout.write(rulesMarkdown(values.lang === 'en' ? 'en' : 'fr'));
      return 0;
    }
    if (command === 'solde-from-avance') {
      const SOLDE_USAGE = 'solde-from-avance <avance.json> [-o FICHIER] [--lang fr|en]';
      const { values, positionals: files } = parseOptions(rest, { output: { type: 'string', short: 'o' }, lang: { type: 'string' } }, SOLDE_USAGE);
      const out = values.output;
      const lang: Locale = values.lang === 'en' ? 'en' : 'fr';
      if (files.length !== 1 || (out !== undefined && !out)) throw new UsageError(SOLDE_USAGE);
      refuseOutputOverInput(out, files);
      const text = readText(files[0]);
      try {
        const r = soldeFromAvance(text, { fileName: files[0] });
        if (out) writeOutput(out, r.text);
        else process.stdout.write(r.text);
        if (out)
          process.stderr.write(
            lang === 'fr'
              ? `Solde ${r.sons} écrit dans ${out} : complétez les balises à null (facture, VA, pièces justificatives, n° de dossier si absent).\n`
              : `${r.sons} solde written to ${out}: fill in the null keys (invoice, VA, attachments, file number if missing).\n`,
          );
        return 0;
      } catch (e) {
        if (e instanceof SoldeFromAvanceError) throw new UsageError(e.reason[lang]);
        throw e;
      }
    }
    if (command === 'learn-template') {
      const LEARN_USAGE = 'learn-template <vierge.json> [<exemple.json>] --sons SONS --kind avance|solde [--corridor COULOIR] [-o FICHIER]';
      const { values, positionals: files } = parseOptions(
        rest,
        { sons: { type: 'string' }, corridor: { type: 'string' }, kind: { type: 'string' }, output: { type: 'string', short: 'o' } },
        LEARN_USAGE,
      );
      const { sons, corridor, kind, output: out } = values;
      // Each mistake says what is wrong, then the usage line.
      if (files.length < 1 || files.length > 2)
        throw new UsageError(
          `${files.length ? 'trop de fichiers : un modèle vierge et un exemple au plus / too many files: one blank and one example at most' : 'modèle vierge manquant / blank template missing'}\n${LEARN_USAGE}`,
        );
      if (!sons || sons.startsWith('-'))
        throw new UsageError(`--sons manquant : le SONS du modèle (ex. IMG-RIS-Va2, BIO-SGL-Va2) / --sons missing: the SONS of the template\n${LEARN_USAGE}`);
      if (kind !== 'avance' && kind !== 'solde')
        throw new UsageError(`--kind ${kind ?? ''} : avance ou solde / --kind must be avance or solde\n${LEARN_USAGE}`);
      if (corridor !== undefined && (corridor === '' || corridor.startsWith('-')))
        throw new UsageError(`--corridor : valeur manquante / missing value\n${LEARN_USAGE}`);
      const known = sonsById(sons);
      // A SONS the bundle does not know: <CORRIDOR>-<SOFTWARE>-Va<N>, or any id with --corridor (learnedSons.ts).
      const unknown = known ? undefined : unknownSonsInfo(sons, corridor);
      if (unknown && 'problem' in unknown)
        throw new UsageError(`${unknown.problem.fr} (connus / known: ${SONS_TABLE.sons.map((x) => x.id).join(', ')})\n/ ${unknown.problem.en}`);
      const info = { id: known?.id ?? sons };
      const named = files[1] ? `${files[0]} (exemple / example ${files[1]})` : files[0];
      const target = out ?? join('templates', `${info.id}.${kind}.template.json`);
      refuseOutputOverInput(target, files);
      try {
        const schema = learnTemplate(
          readTemplateText(files[0], BLANK),
          files[1] ? readTemplateText(files[1], EXAMPLE) : undefined,
          info.id,
          kind,
          basename(files[0]),
          corridor,
        );
        // Written only if it loads again (format and size: learnedTemplateText), else refused like any template.
        const text = learnedTemplateText(schema);
        try {
          mkdirSync(dirname(target), { recursive: true });
        } catch (e) {
          const why = errnoReason(e);
          throw new WriteFailure(`impossible d'écrire ${target} : ${why.fr} / cannot write ${target}: ${why.en}`);
        }
        writeOutput(target, text);
        process.stdout.write(`Modèle appris / learned template: ${target} (segur-json check --templates ${dirname(target)} …)\n`);
        if (unknown)
          process.stdout.write(
            `SONS hors du modèle fourni / SONS outside the bundled model: ${info.id} (couloir / corridor ${schema['x-corridor']}${schema['x-ans-code'] ? `, n° ANS ${schema['x-ans-code']}` : ''}) : contrôles de structure du modèle appris / structure checks from the learned template\n`,
          );
        return 0;
      } catch (e) {
        if (e instanceof TemplateError) throw new UsageError(`${named} : ${e.reason.fr} / ${e.reason.en}`);
        throw e;
      }
    }
    if (command === 'template-diff') return templateDiffCommand(rest);
    // Preparing the deposit (README « Préparer le dépôt »): cli/splitFiles.ts, cli/mergePdf.ts and cli/package.ts.
    if (command === 'split') return await splitCommand(rest);
    if (command === 'merge-pdf') return await mergePdfCommand(rest);
    if (command === 'package') return await packageCommand(rest);
    if (command === 'lsp') {
      // `segur-json lsp --stdio` (or --node-ipc): the language server for any editor.
      if (!rest.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket'))) throw new UsageError('lsp : précisez --stdio / use --stdio');
      // The transport is watched (a framing error ends the process with code 1 so that the client restarts it) and
      // failures are logged as one line without content (server.ts, runServer).
      const { runServer } = await import('../server/server');
      runServer();
      return -1; // keeps running until the client exits
    }
    if (command === 'check') {
      const args = parseCheckArgs(rest);
      if (!rest.some((a) => a === '--lang' || a.startsWith('--lang='))) args.langFromConfig = true;
      // Each file --fix writes is said as soon as it is written; so is each file that could not be read or written.
      const { output, exitCode, notes, stdinOutput } = await runCheckAsync(args, process.cwd(), process.env, (line) =>
        process.stderr.write(`segur-json: ${line}\n`),
      );
      for (const n of notes) process.stderr.write(`segur-json: ${n}\n`);
      // `--fix` on stdin: stdout is the fixed text, the report goes to stderr unless -o names a file (stdin.ts).
      if (stdinOutput) process.stdout.write(stdinOutput);
      if (args.output === undefined) (stdinOutput ? process.stderr : process.stdout).write(output);
      else {
        writeOutput(args.output, output);
        process.stderr.write(`segur-json: rapport écrit dans ${args.output} / report written to ${args.output}\n`);
      }
      return exitCode;
    }
    throw new UsageError(`commande inconnue / unknown command: ${command}`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`segur-json: ${e.message}\n(segur-json --help)\n`);
      return 2;
    }
    if (e instanceof WriteFailure) {
      process.stderr.write(`segur-json: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`segur-json: erreur interne / internal error: ${(e as Error).name}\n`);
    return 2;
  }
}

const TEMPLATE_DIFF_USAGE = 'template-diff <vierge.json> [<exemple.json>] --sons SONS --kind avance|solde [--format text|json] [--lang fr|en]';

/**
 * `segur-json template-diff`: how an official blank template (with its optional example) differs from the bundled
 * model of its SONS × kind (engine/templates/templateDiff.ts). Text: one line per difference, French then English (one language
 * with --lang); json: `{ sons, kind, equal, differences }`. Exit 0 when equal, 1 when they differ, 2 for bad usage.
 */
function templateDiffCommand(rest: string[]): number {
  const { values, positionals: files } = parseOptions(
    rest,
    { sons: { type: 'string' }, kind: { type: 'string' }, format: { type: 'string' }, lang: { type: 'string' } },
    TEMPLATE_DIFF_USAGE,
  );
  const { sons, kind } = values;
  const format = values.format ?? 'text';
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') throw new UsageError(`--lang ${values.lang} : fr ou en`);
  const lang = values.lang as Locale | undefined;
  if (files.length < 1 || files.length > 2 || sons === undefined || kind === undefined) throw new UsageError(TEMPLATE_DIFF_USAGE);
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format ${format} : text ou json`);
  if (kind !== 'avance' && kind !== 'solde') throw new UsageError(`--kind ${kind} : avance ou solde`);
  const info = sonsById(sons);
  const model = info ? getSchema(info.id, kind) : undefined;
  if (!info || !model) {
    const known = SONS_TABLE.sons
      .filter((s) => s.kinds.includes(kind))
      .map((s) => s.id)
      .join(', ');
    throw new UsageError(
      `--sons ${sons} : pas de modèle fourni pour ce SONS en ${kind} (connus : ${known}) / no bundled model for this SONS as ${kind} (known: ${known})`,
    );
  }
  const named = files[1] ? `${files[0]} (exemple / example ${files[1]})` : files[0];
  let differences;
  try {
    const learned = learnTemplate(
      readTemplateText(files[0], BLANK),
      files[1] ? readTemplateText(files[1], EXAMPLE) : undefined,
      info.id,
      kind,
      basename(files[0]),
    );
    differences = templateDiff(learned, model);
  } catch (e) {
    if (e instanceof TemplateError) throw new UsageError(`${named} : ${e.reason.fr} / ${e.reason.en}`);
    throw e;
  }
  if (format === 'json') {
    const out = {
      sons: info.id,
      kind,
      equal: differences.length === 0,
      differences: differences.map((d) => ({ ...d, message: lang ? describeDifference(d)[lang] : describeDifference(d) })),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    const langs: Locale[] = lang ? [lang] : ['fr', 'en'];
    const lines: string[] = [];
    for (const l of langs) {
      if (differences.length === 0)
        lines.push(
          l === 'fr'
            ? `${files[0]} : aucune différence avec le modèle fourni ${info.id} ${kind}`
            : `${files[0]}: no difference from the bundled ${info.id} ${kind} model`,
        );
      else {
        lines.push(
          l === 'fr'
            ? `${files[0]} : ${differences.length} différence(s) avec le modèle fourni ${info.id} ${kind}`
            : `${files[0]}: ${differences.length} difference(s) from the bundled ${info.id} ${kind} model`,
        );
        for (const d of differences) lines.push(`  ${describeDifference(d)[l]}`);
      }
    }
    process.stdout.write(lines.join('\n') + '\n');
  }
  return differences.length === 0 ? 0 : 1;
}

/** The rule catalogue as Markdown (docs/rules.md is generated from it), messages with readable stand-ins. */
export function rulesMarkdown(lang: Locale): string {
  return renderMarkdown(
    ruleDocs(lang, (s) => sourceName(s, lang)),
    lang,
  );
}

/** The rule catalogue as a self-contained HTML page, one anchor per rule (docs/rules.html: diagnostics link to it). */
export function rulesHtml(lang: Locale): string {
  return renderHtml(
    ruleDocs(lang, (s) => sourceName(s, lang)),
    lang,
  );
}

/** Entry point of bin/segur-json.js. */
export function run(): void {
  main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
