/**
 * `segur-json`: the command line on the same engine as the editor.
 *   segur-json check [--format text|compact|json|sarif|html|github|junit|gitlab] [-o FILE] [--fix] [--sons SONS]
 *                    [--kind avance|solde] [--lang fr|en] [--modelled error|warning|information|off] [--quiet]
 *                    [--max-warnings N] [--stdin-filename NAME] <files, folders, globs or - for stdin>
 * Exit codes (EXIT_CODES below, also in --help and the README): 0 no error, 1 errors found (or more warnings than
 * --max-warnings), 2 bad usage, an input that could not be read or a file that could not be written (the other files
 * are checked and reported all the same).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { crossCheck, SONS_TABLE, sonsById, learnedSonsOf, SONS_ID, unknownSonsInfo, learnTemplate, learnedTemplateText, TemplateError, overview, getSchema, soldeFromAvance, SoldeFromAvanceError, sourceName, describeDifference, templateDiff, BLANK, EXAMPLE, sizeProblem, type ProjectEntry, type SchemaNode, type Finding, type Locale, type AttachmentFact } from '../segur';
import { errnoReason, FileWriteError, writeFileAtomic, sameFileAs } from '../io/atomicWrite';
import { addFile, kindOf, listJsonFiles, notRegular } from '../io/files';
import { loadTemplateFolder } from '../io/templates';
import { checkFile, internalCheckResult, readFile, reportOrder, unpackLineStarts, UsageError, type FileCheckOptions, type FileIo, type FileOutcome, type RangedFinding } from './checkFile';
import { formatCompact, formatHtml, formatJson, formatSarif, formatText, type FileReport } from './formats/report';
import { renderHtml, renderMarkdown, ruleDocs } from './ruleDocs';
import type { FromWorker, ToWorker } from './worker';
import { splitCommand, SPLIT_USAGE } from './splitFiles';
import { mergePdfCommand, MERGE_PDF_USAGE } from './mergePdf';
import { expandInputs, readStdin, STDIN_ARG, STDIN_NAME } from './inputs';
import { checkStdin } from './stdin';
import { formatGithub } from './formats/github';
import { formatJunit } from './formats/junit';
import { formatGitlab } from './formats/gitlab';
import { applyGate, EXIT_CODES_HELP } from './gate';
import { configGroups } from './configs';
import { attachmentFactsOfFiles } from './checkAttachments';

export { UsageError, fixText } from './checkFile';

const VERSION = '0.1.0';

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
                                         celles en erreur à part) / splits the requests over several files
  segur-json ${MERGE_PDF_USAGE}
                                         un seul PDF, un récapitulatif en 1re page / one PDF, a summary first
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
                             / also checks the named attachments in this folder (P1–P4)
  --modelled error|warning|information|off
                             gravité maximale des diagnostics qui ne reposent que sur le modèle fourni (marqués
                             « structure modélisée », défaut warning) / highest severity of the findings that rest
                             only on the bundled model (default warning)

${EXIT_CODES_HELP}`;

/** A file the command had to write was not written (named, with the reason): exit 2, without the usage hint. */
class WriteFailure extends Error {}

/** Writes a report or a result (io/atomicWrite.ts); a failure names the file and the reason. */
function writeOutput(target: string, text: string): void {
  try {
    writeFileAtomic(target, text);
  } catch (e) {
    if (!(e instanceof FileWriteError)) throw e;
    const d = e.describe();
    throw new WriteFailure(`${d.fr} / ${d.en}`);
  }
}

/** `-o` naming one of the inputs (after links, hard links included) is refused before anything is read or written. */
function refuseOutputOverInput(output: string | undefined, inputs: Iterable<string>): void {
  if (output === undefined) return;
  const input = sameFileAs(output, inputs);
  if (input !== undefined) throw new UsageError(`-o ${output} est aussi une entrée (${input}) : le résultat l'écraserait ; choisissez un autre fichier / -o ${output} is also an input (${input}): the output would overwrite it; choose another file`);
}

/** The options of one command for node:util `parseArgs` (`type`, `short`). */
type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/**
 * A command's arguments through node:util `parseArgs` (strict: an unknown option, a missing value or a value given
 * to a flag is an error), with our own usage messages, French then English, naming the option as it was written
 * (node's own messages are English only). A value that starts with a dash is taken for a forgotten value
 * (`-o --fix`), as before; `--output=-x` gives it explicitly. `usage` is appended to every message when given.
 */
export function parseOptions<O extends OptionSpec>(args: string[], options: O, usage?: string): { values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string }; positionals: string[] } {
  const tail = usage ? ` (${usage})` : '';
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { values: values as { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string }, positionals };
  } catch (e) {
    // Which argument: the same arguments read leniently, then checked one by one.
    const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
    for (const t of tokens) {
      if (t.kind !== 'option') continue;
      const spec = options[t.name];
      if (!spec) throw new UsageError(`option inconnue / unknown option ${t.rawName}${tail}`);
      if (spec.type === 'boolean' && t.value !== undefined) throw new UsageError(`option ${t.rawName} : sans valeur / takes no value${tail}`);
      if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.length > 1 && t.value.startsWith('-')))) throw new UsageError(`option ${t.rawName} : valeur manquante / missing value${tail}`);
    }
    throw new UsageError(`arguments incorrects / invalid arguments${tail}`);
  }
}

const FORMATS = ['text', 'compact', 'json', 'sarif', 'html', 'github', 'junit', 'gitlab'] as const;

interface CheckArgs {
  format: (typeof FORMATS)[number];
  /** `-o/--output`: the report goes to this file (any format), not to stdout. */
  output?: string;
  fix: boolean;
  /** Converts Ségur files that are not UTF-8 to UTF-8 (S12/encoding); without it `--fix` never rewrites them. */
  fixEncoding?: boolean;
  sons?: string;
  kind?: 'avance' | 'solde';
  lang: Locale;
  templates?: string;
  /** `--modelled`: the highest severity of the findings whose provenance is `model` (CheckOptions.modelledSeverity). */
  modelled?: 'error' | 'warning' | 'information' | 'off';
  /** `--quiet`: errors only in the report (warnings are still counted for --max-warnings). */
  quiet?: boolean;
  /** `--max-warnings N`: exit 1 when there are more than N warnings. */
  maxWarnings?: number;
  /** `--stdin-filename`: how `-` (stdin) is named, for detection and in the report. */
  stdinFilename?: string;
  /** `--config`: the segur.config.json of every file (else each file's nearest one). */
  config?: string;
  /** `--lang` was not given: the configuration's `language` applies (main sets it). */
  langFromConfig?: boolean;
  /** `--attachments <folder>`: the attachment files are checked there (rules P1–P4); absent, they are not. */
  attachments?: string;
  paths: string[];
}

/** The options of `check` (parseArgs). */
const CHECK_OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  fix: { type: 'boolean' },
  'fix-encoding': { type: 'boolean' },
  sons: { type: 'string' },
  kind: { type: 'string' },
  lang: { type: 'string' },
  templates: { type: 'string' },
  modelled: { type: 'string' },
  quiet: { type: 'boolean' },
  'max-warnings': { type: 'string' },
  'stdin-filename': { type: 'string' },
  config: { type: 'string' },
  attachments: { type: 'string' },
} as const;

export function parseCheckArgs(argv: string[]): CheckArgs {
  const { values: v, positionals } = parseOptions(argv, CHECK_OPTIONS);
  const a: CheckArgs = { format: 'text', fix: v.fix === true, lang: 'fr', paths: positionals };
  if (v.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(v.format)) throw new UsageError(`--format ${v.format} : ${FORMATS.join(', ')}`);
    a.format = v.format as CheckArgs['format'];
  }
  if (v.output !== undefined) a.output = v.output;
  if (v['fix-encoding']) a.fixEncoding = true;
  if (v.sons !== undefined) {
    const info = sonsById(v.sons);
    // A SONS outside the bundle is kept when it has the SONS shape: runCheck wants a learned template for it.
    if (!info && !SONS_ID.test(v.sons)) throw new UsageError(`--sons ${v.sons} : SONS inconnu / unknown SONS (${SONS_TABLE.sons.map((x) => x.id).join(', ')} ; ou un SONS d'un modèle appris / or the SONS of a learned template, --templates)`);
    a.sons = info?.id ?? v.sons;
  }
  if (v.kind !== undefined) {
    if (v.kind !== 'avance' && v.kind !== 'solde') throw new UsageError(`--kind ${v.kind} : avance ou solde`);
    a.kind = v.kind;
  }
  if (v.lang !== undefined) {
    if (v.lang !== 'fr' && v.lang !== 'en') throw new UsageError(`--lang ${v.lang} : fr ou en`);
    a.lang = v.lang;
  }
  if (v.templates !== undefined) a.templates = v.templates;
  if (v.attachments !== undefined) {
    if (!v.attachments) throw new UsageError('--attachments : dossier manquant / missing folder');
    a.attachments = v.attachments;
  }
  if (v.modelled !== undefined) {
    const m = v.modelled;
    if (m !== 'error' && m !== 'warning' && m !== 'information' && m !== 'off') throw new UsageError(`--modelled ${m} : error, warning, information ou off`);
    a.modelled = m;
  }
  if (v.quiet) a.quiet = true;
  if (v['max-warnings'] !== undefined) {
    const n = v['max-warnings'];
    if (!/^\d+$/.test(n)) throw new UsageError(`--max-warnings ${n} : un entier positif ou nul / a non-negative integer`);
    a.maxWarnings = Number(n);
  }
  if (v['stdin-filename'] !== undefined) {
    if (!positionals.includes(STDIN_ARG)) throw new UsageError(`--stdin-filename : seulement avec « - » (l'entrée standard) / only with "-" (stdin)`);
    a.stdinFilename = v['stdin-filename'];
  }
  if (v.config !== undefined) a.config = v.config;
  if (a.paths.length === 0) throw new UsageError('aucun fichier ni dossier / no file or folder given');
  return a;
}

/** One file to check; `stdin`: the one piped to the command (`-`), named `file`. */
interface InputFile {
  file: string;
  explicit: boolean;
  stdin?: boolean;
  /** Its options: the index of its configuration's group (configs.ts). */
  group?: number;
}

/**
 * Expands folders into their .json files (recursively, skipping node_modules and dot folders; server/src/io/files.ts).
 * Only regular files: an explicit FIFO, socket or device is a usage error naming it; inside a folder, such an entry,
 * a broken link or a file reached twice is told in `notes` and skipped. Symbolic links are followed once.
 */
function collectFiles(paths: string[], notes: string[] = [], stdinFile = STDIN_NAME): InputFile[] {
  const out: InputFile[] = [];
  const seenFiles = new Map<string, string>();
  const seenDirs = new Set<string>();
  const skipped = (path: string, reason: { fr: string; en: string }) => notes.push(`${path} : ${reason.fr} / ${reason.en}`);
  for (const p of paths) {
    if (p === STDIN_ARG) {
      out.push({ file: stdinFile, explicit: true, stdin: true });
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`illisible / unreadable: ${p}`);
    }
    const kind = kindOf(st);
    if (kind === 'directory') {
      for (const file of listJsonFiles(p, { seenFiles, seenDirs, skipped: (s) => skipped(s.path, s.reason) })) out.push({ file, explicit: false });
    } else if (kind === 'file') {
      const one: string[] = [];
      addFile(p, one, seenFiles, skipped);
      for (const file of one) out.push({ file, explicit: true });
    } else {
      const r = notRegular(kind);
      throw new UsageError(`illisible / unreadable: ${p} : ${r.fr} / ${r.en}`);
    }
  }
  return out;
}

function readText(file: string): string {
  return readFile(file).text;
}

/** A blank or example template: over the size limit it is refused before it is read (schemas/templates.json). */
function readTemplateText(file: string, what: { fr: string; en: string }): string {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    // readText reports it.
  }
  const big = sizeProblem(size, what);
  if (big) throw new UsageError(`${file} : ${big.fr} / ${big.en}`);
  return readText(file);
}

/**
 * Official templates of a folder (server/src/io/templates.ts: learned `*.template.json`, blanks
 * `<SONS>.<kind>.blank.json` with their optional example), keyed by `<SONS>.<kind>`. A file that is left out gets
 * one warning on stderr naming it (the bundled model applies to its SONS × kind; the exit code does not change);
 * an unreadable folder is bad usage (exit 2).
 */
export function loadTemplates(dir: string, lang: Locale = 'fr', warn: (line: string) => void = (line) => process.stderr.write(line)): Record<string, SchemaNode> {
  const folder = loadTemplateFolder(dir);
  if (folder.unreadable) throw new UsageError(`${folder.unreadable.fr} / ${folder.unreadable.en}`);
  for (const p of folder.problems) {
    warn(lang === 'fr' ? `segur-json: avertissement : ${p.file} : ${p.message.fr}.\n` : `segur-json: warning: ${p.file}: ${p.message.en}.\n`);
  }
  return folder.templates;
}

/** What `runCheck` needs before any file is checked: the files, the notes of the walk, the options of every file. */
function prepareCheck(args: CheckArgs, cwd: string): { files: InputFile[]; notes: string[]; options: FileCheckOptions[] } {
  const notes: string[] = [];
  const stdinFile = args.stdinFilename !== undefined ? resolve(cwd, args.stdinFilename) : STDIN_NAME;
  // segur.config.json (configs.ts): the language first, for every message that follows.
  const base: FileCheckOptions = { sons: args.sons, kind: args.kind, templatesDir: args.templates, modelled: args.modelled, fix: args.fix, fixEncoding: args.fixEncoding, keepText: args.format === 'html', lang: args.lang, cwd };
  const groups = configGroups(base, args.config, { templates: args.templates !== undefined }, (dir) => loadTemplates(dir, args.lang));
  if (args.langFromConfig) {
    const first = args.paths.find((p) => p !== STDIN_ARG);
    const language = first !== undefined ? groups.configOf(resolve(cwd, first), isFolder(resolve(cwd, first)))?.language : groups.configOf(stdinFile === STDIN_NAME ? cwd : stdinFile, stdinFile === STDIN_NAME)?.language;
    if (language) args.lang = base.lang = language;
  }
  const inputs = expandInputs(args.paths, cwd, (file) => groups.excluded(resolve(cwd, file)));
  // A file found in a folder is left out when its configuration excludes it; a file named on the command line is not.
  const files = collectFiles(inputs, notes, stdinFile).filter((f) => f.explicit || !groups.excluded(resolve(cwd, f.file)));
  if (args.output !== undefined) {
    // The templates are inputs too: a report over one of them would be read as a template next time.
    let templateFiles: string[] = [];
    try {
      if (args.templates) templateFiles = listJsonFiles(args.templates);
    } catch {
      // An unreadable folder is told when the templates are loaded.
    }
    refuseOutputOverInput(args.output, [...files.filter((f) => !f.stdin).map((f) => f.file), ...templateFiles]);
  }
  const templates = args.templates ? loadTemplates(args.templates, args.lang) : undefined;
  base.templates = templates;
  if (args.sons && !sonsById(args.sons) && !learnedSonsOf(templates).some((s) => s.id.toLowerCase() === args.sons!.toLowerCase())) {
    throw new UsageError(`--sons ${args.sons} : SONS inconnu, et aucun modèle appris pour lui (--templates) / unknown SONS, and no learned template for it (--templates)`);
  }
  for (const f of files) f.group = groups.groupOf(f.stdin ? (stdinFile === STDIN_NAME ? resolve(cwd, 'stdin.json') : stdinFile) : resolve(cwd, f.file));
  if (args.templates) for (const o of groups.options) o.templates = templates;
  notes.unshift(...groups.notes);
  return { files, notes, options: groups.options };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Told of each file's `progress` line (written by --fix, or not read or not written), in input order. */
export type Progress = (line: string) => void;

/**
 * @returns `notes`: what the user must know besides the report (files skipped, files not converted), each naming its
 *   file; `main` writes them to stderr. `progress` is told, file by file as each is done, of the files --fix wrote
 *   and of those that could not be read or written. One thread; `runCheckAsync` deals a folder to worker threads
 *   and gives the same output. `io`: tests only (a reader that fails, a hook in the write).
 */
export function runCheck(args: CheckArgs, cwd = process.cwd(), progress: Progress = () => undefined, io?: FileIo): CheckRun {
  if (args.attachments !== undefined) throw new UsageError('--attachments : runCheckAsync');
  return runCheckIn(args, cwd, prepareCheck(args, cwd), progress, io);
}

/** What a run gives `main`: the report, the exit code, the notes for stderr, and `--fix`'s text of stdin for stdout. */
export interface CheckRun {
  output: string;
  exitCode: number;
  notes: string[];
  stdinOutput?: Uint8Array;
}

function runCheckIn(args: CheckArgs, cwd: string, { files, notes, options }: ReturnType<typeof prepareCheck>, progress: Progress, io?: FileIo, stdin?: Awaited<ReturnType<typeof readStdin>>, attachments?: Map<string, AttachmentFact[]>): CheckRun {
  const outcomes: FileOutcome[] = [];
  let stdinOutput: Uint8Array | undefined;
  for (const { file, explicit, stdin: fromStdin, group } of files) {
    if (fromStdin) {
      if (!stdin) throw new UsageError('« - » (stdin) : non lu / not read');
      const s = checkStdin(file, stdin.read, stdin.bytes, options[group ?? 0]);
      stdinOutput = s.output;
      outcomes.push(s.outcome);
      continue;
    }
    // A file that cannot be read or written is one outcome among the others: the run goes on.
    const o = checkFile(file, explicit, attachments ? { ...options[group ?? 0], attachments: attachments.get(file) ?? [] } : options[group ?? 0], io);
    if (o.progress !== undefined) progress(o.progress);
    outcomes.push(o);
  }
  return { ...finishCheck(args, cwd, outcomes, notes, files.map((f) => options[f.group ?? 0])), ...(stdinOutput ? { stdinOutput } : {}) };
}

/**
 * Below this many files, one thread. Each worker loads and warms up its own engine: on 60 files of 200 requests,
 * two workers took 2.5 s of CPU where one thread took 1.75 s (bench/cli-folder.mjs, shared machine), so the
 * second core pays only from several dozen files on; a handful of files is done before workers would be warm.
 */
export const MIN_FILES_FOR_WORKERS = 64;
/** At most this many workers (each holds an engine: about 20–30 MB). */
const MAX_WORKERS = 8;

/**
 * How many worker threads check these files: `SEGUR_JSON_THREADS` when set (1: the main thread only; N: N workers,
 * whatever the number of files: tests and benchmarks), else one per core (os.availableParallelism, at most 8) when
 * there are at least MIN_FILES_FOR_WORKERS files and at least two cores, else none.
 */
export function workerCount(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const forced = Number(env.SEGUR_JSON_THREADS);
  if (Number.isInteger(forced) && forced >= 1) return forced === 1 ? 0 : Math.min(forced, MAX_WORKERS, Math.max(files, 1));
  const cores = availableParallelism();
  if (files < MIN_FILES_FOR_WORKERS || cores < 2) return 0;
  return Math.min(cores, MAX_WORKERS, Math.ceil(files / (MIN_FILES_FOR_WORKERS / 2)));
}

/** The worker's script: dist/cli-worker.js beside the bundled CLI, or worker.ts when run from the sources (tsx). */
function workerScript(): string {
  const bundled = join(__dirname, 'cli-worker.js');
  return existsSync(bundled) ? bundled : join(__dirname, 'worker.ts');
}

/**
 * `runCheck` with the files dealt to worker threads (workerCount): each worker reads, fixes and checks the files it
 * is given and returns only their outcomes (checkFile.ts); the results are put back in input order, then the rules
 * across files and the report run here, as in one thread: the same output, byte for byte, and the same exit code.
 * A file is given to the first idle worker. A worker that dies loses no file: the files it held are checked here.
 */
export async function runCheckAsync(args: CheckArgs, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env, progress: Progress = () => undefined): Promise<CheckRun> {
  const prepared = prepareCheck(args, cwd);
  const { files, notes, options } = prepared;
  // stdin is read once, here, and checked in this thread: a run with `-` stays in one thread. The attachment
  // files are read first (pdf-lib opens a PDF asynchronously), then each file is checked here too.
  const stdin = files.some((f) => f.stdin) ? await readStdin() : undefined;
  const attachments = args.attachments !== undefined ? await attachmentFactsOfFiles(files, resolve(cwd, args.attachments), options) : undefined;
  if (stdin || attachments) return runCheckIn(args, cwd, prepared, progress, undefined, stdin, attachments);
  const n = workerCount(files.length, env);
  if (n === 0) return runCheckIn(args, cwd, prepared, progress);
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  const orphans: number[] = [];
  let next = 0;
  // Progress lines in input order, as in one thread: each as soon as its file and every file before it are done.
  let told = 0;
  const tell = () => {
    for (; told < files.length && outcomes[told]; told++) {
      const line = outcomes[told]!.progress;
      if (line !== undefined) progress(line);
    }
  };
  await new Promise<void>((resolve) => {
    let alive = n;
    const script = workerScript();
    for (let w = 0; w < n; w++) {
      const held = new Set<number>();
      let worker: Worker;
      try {
        worker = new Worker(script, { workerData: options });
      } catch {
        if (--alive === 0) resolve();
        continue;
      }
      const give = () => {
        if (next >= files.length) {
          if (held.size === 0) void worker.terminate();
          return;
        }
        const i = next++;
        held.add(i);
        const msg: ToWorker = { i, file: files[i].file, explicit: files[i].explicit, group: files[i].group ?? 0 };
        worker.postMessage(msg);
      };
      worker.on('message', (m: FromWorker) => {
        held.delete(m.i);
        if (m.outcome) {
          outcomes[m.i] = m.outcome;
          tell();
        } else orphans.push(m.i); // its check threw outside checkFile's guards: checked again here
        give();
      });
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        orphans.push(...held);
        held.clear();
        if (--alive === 0) resolve();
      };
      worker.on('error', end);
      worker.on('exit', end);
      // Two files each at first: a worker never waits for its next file.
      give();
      give();
    }
  });
  // Files no worker checked (no worker could start, one died): here, in input order.
  const missing = [...new Set(orphans)];
  for (let i = next; i < files.length; i++) missing.push(i);
  for (const i of missing.sort((a, b) => a - b)) {
    if (outcomes[i]) continue;
    try {
      outcomes[i] = checkFile(files[i].file, files[i].explicit, options[files[i].group ?? 0]);
    } catch {
      const r = internalCheckResult('check');
      outcomes[i] = { file: files[i].file, explicit: files[i].explicit, detection: r.detection, findings: [], notes: [], reportFailed: true };
    }
    tell();
  }
  const kept = outcomes.map((o, i) => (o ? i : -1)).filter((i) => i >= 0);
  return finishCheck(args, cwd, kept.map((i) => outcomes[i]!), notes, kept.map((i) => options[files[i].group ?? 0]));
}

/** The rules across files over every entry, with the severities of each entry's options (one run per set of options). */
function crossCheckByOptions(entries: ProjectEntry[], options: (FileCheckOptions | undefined)[], modelled: CheckArgs['modelled'], name: (file: string) => string): Map<string, Finding[]> {
  const sets = [...new Set(options)];
  if (sets.length <= 1) return crossCheck(entries, sets[0]?.severities ?? {}, sets[0]?.modelled ?? modelled, name);
  const out = new Map<string, Finding[]>();
  for (const o of sets) {
    const found = crossCheck(entries, o?.severities ?? {}, o?.modelled ?? modelled, name);
    entries.forEach((e, i) => {
      if (options[i] === o && found.has(e.file)) out.set(e.file, found.get(e.file)!);
    });
  }
  return out;
}

/** The rules across files, then the report, from the outcomes of every file in input order. */
function finishCheck(args: CheckArgs, cwd: string, outcomes: FileOutcome[], walkNotes: string[], optionsOf: FileCheckOptions[] = []): CheckRun {
  const name = (file: string) => relative(cwd, file) || file;
  const notes = [...walkNotes, ...outcomes.flatMap((o) => o.notes)];
  // An avance and its solde checked together are checked against each other (C1–C8), and uniqueness across files.
  const segur = outcomes.filter((o) => o.detection.isSegur);
  let cross: Map<string, Finding[]>;
  try {
    // Each file's findings across files take its own configuration's severities (configs.ts): once per configuration.
    cross = crossCheckByOptions(segur.map((o): ProjectEntry => ({ file: o.file, result: { detection: o.detection, summary: o.summary } })), segur.map((o) => optionsOf[outcomes.indexOf(o)]), args.modelled, name);
  } catch {
    // crossCheck isolates each file, pair and group; this is the last guard: every file keeps its own findings.
    cross = new Map(segur.map((o) => [o.file, internalCheckResult('cross').findings]));
  }
  const html = args.format === 'html';
  const reports: FileReport[] = [];
  for (const o of outcomes) {
    if (o.problem?.kind === 'unreadable') {
      reports.push({ file: name(o.file), detection: o.detection, findings: [], problem: o.problem });
      continue;
    }
    if (!o.detection.isSegur && !o.explicit && !o.problem) continue;
    try {
      if (o.reportFailed) throw new Error('ranges');
      const more = cross.get(o.file) ?? [];
      let findings: RangedFinding[] = o.findings;
      if (more.length > 0) {
        if (!o.lines) throw new Error('no positions');
        const lines = unpackLineStarts(o.lines);
        findings = [...o.findings, ...more.map((f) => ({ ...f, range: lines.range(f.offset, f.length) }))].sort(reportOrder);
      }
      reports.push({
        file: name(o.file),
        detection: o.detection,
        findings,
        fixed: o.fixed ? [...o.fixed].map(([code, count]) => ({ code, count })) : undefined,
        problem: o.problem,
        ...(html ? { text: o.text, overview: o.detection.isSegur ? overview({ detection: o.detection, findings, summary: o.summary }, findings) : undefined } : {}),
      });
    } catch {
      const r = internalCheckResult('check');
      reports.push({ file: name(o.file), detection: r.detection, findings: r.findings.map((f) => ({ ...f, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } })), problem: o.problem });
    }
  }
  // --quiet keeps errors only; --max-warnings counts the warnings before that (gate.ts).
  const gate = applyGate(reports, args);
  if (gate.note) notes.push(gate.note);
  reports.splice(0, reports.length, ...gate.reports);
  const output =
    args.format === 'github' ? formatGithub(reports, args.lang)
    : args.format === 'junit' ? formatJunit(reports, args.lang)
    : args.format === 'gitlab' ? formatGitlab(reports, args.lang)
    : args.format === 'json' ? formatJson(reports, args.lang)
    : args.format === 'sarif' ? formatSarif(reports, args.lang, VERSION)
    : args.format === 'compact' ? formatCompact(reports, args.lang)
    : args.format === 'html' ? formatHtml(reports, args.lang, VERSION)
    : formatText(reports, args.lang);
  const hasError = reports.some((r) => r.findings.some((f) => f.severity === 'error'));
  // A file that could not be read or written outranks any finding: the run did not do all it was asked.
  const failed = outcomes.some((o) => o.problem);
  return { output, exitCode: failed ? 2 : hasError || gate.tooManyWarnings ? 1 : 0, notes };
}

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
        if (out) process.stderr.write(lang === 'fr' ? `Solde ${r.sons} écrit dans ${out} : complétez les balises à null (facture, VA, pièces justificatives, n° de dossier si absent).\n` : `${r.sons} solde written to ${out}: fill in the null keys (invoice, VA, attachments, file number if missing).\n`);
        return 0;
      } catch (e) {
        if (e instanceof SoldeFromAvanceError) throw new UsageError(e.reason[lang]);
        throw e;
      }
    }
    if (command === 'learn-template') {
      const LEARN_USAGE = 'learn-template <vierge.json> [<exemple.json>] --sons SONS --kind avance|solde [--corridor COULOIR] [-o FICHIER]';
      const { values, positionals: files } = parseOptions(rest, { sons: { type: 'string' }, corridor: { type: 'string' }, kind: { type: 'string' }, output: { type: 'string', short: 'o' } }, LEARN_USAGE);
      const { sons, corridor, kind, output: out } = values;
      // Each mistake says what is wrong, then the usage line.
      if (files.length < 1 || files.length > 2) throw new UsageError(`${files.length ? 'trop de fichiers : un modèle vierge et un exemple au plus / too many files: one blank and one example at most' : 'modèle vierge manquant / blank template missing'}\n${LEARN_USAGE}`);
      if (!sons || sons.startsWith('-')) throw new UsageError(`--sons manquant : le SONS du modèle (ex. IMG-RIS-Va2, BIO-SGL-Va2) / --sons missing: the SONS of the template\n${LEARN_USAGE}`);
      if (kind !== 'avance' && kind !== 'solde') throw new UsageError(`--kind ${kind ?? ''} : avance ou solde / --kind must be avance or solde\n${LEARN_USAGE}`);
      if (corridor !== undefined && (corridor === '' || corridor.startsWith('-'))) throw new UsageError(`--corridor : valeur manquante / missing value\n${LEARN_USAGE}`);
      const known = sonsById(sons);
      // A SONS the bundle does not know: <CORRIDOR>-<SOFTWARE>-Va<N>, or any id with --corridor (learnedSons.ts).
      const unknown = known ? undefined : unknownSonsInfo(sons, corridor);
      if (unknown && 'problem' in unknown) throw new UsageError(`${unknown.problem.fr} (connus / known: ${SONS_TABLE.sons.map((x) => x.id).join(', ')})\n/ ${unknown.problem.en}`);
      const info = { id: known?.id ?? sons };
      const named = files[1] ? `${files[0]} (exemple / example ${files[1]})` : files[0];
      const target = out ?? join('templates', `${info.id}.${kind}.template.json`);
      refuseOutputOverInput(target, files);
      try {
        const schema = learnTemplate(readTemplateText(files[0], BLANK), files[1] ? readTemplateText(files[1], EXAMPLE) : undefined, info.id, kind, files[0].split(/[\\/]/).pop(), corridor);
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
        if (unknown) process.stdout.write(`SONS hors du modèle fourni / SONS outside the bundled model: ${info.id} (couloir / corridor ${schema['x-corridor']}${schema['x-ans-code'] ? `, n° ANS ${schema['x-ans-code']}` : ''}) : contrôles de structure du modèle appris / structure checks from the learned template\n`);
        return 0;
      } catch (e) {
        if (e instanceof TemplateError) throw new UsageError(`${named} : ${e.reason.fr} / ${e.reason.en}`);
        throw e;
      }
    }
    if (command === 'template-diff') return templateDiffCommand(rest);
    // Preparing the deposit (README « Préparer le dépôt »): cli/splitFiles.ts and cli/mergePdf.ts.
    if (command === 'split') return splitCommand(rest);
    if (command === 'merge-pdf') return await mergePdfCommand(rest);
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
      const { output, exitCode, notes, stdinOutput } = await runCheckAsync(args, process.cwd(), process.env, (line) => process.stderr.write(`segur-json: ${line}\n`));
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
  const { values, positionals: files } = parseOptions(rest, { sons: { type: 'string' }, kind: { type: 'string' }, format: { type: 'string' }, lang: { type: 'string' } }, TEMPLATE_DIFF_USAGE);
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
    const known = SONS_TABLE.sons.filter((s) => s.kinds.includes(kind)).map((s) => s.id).join(', ');
    throw new UsageError(`--sons ${sons} : pas de modèle fourni pour ce SONS en ${kind} (connus : ${known}) / no bundled model for this SONS as ${kind} (known: ${known})`);
  }
  const named = files[1] ? `${files[0]} (exemple / example ${files[1]})` : files[0];
  let differences;
  try {
    const learned = learnTemplate(readTemplateText(files[0], BLANK), files[1] ? readTemplateText(files[1], EXAMPLE) : undefined, info.id, kind, files[0].split(/[\\/]/).pop());
    differences = templateDiff(learned, model);
  } catch (e) {
    if (e instanceof TemplateError) throw new UsageError(`${named} : ${e.reason.fr} / ${e.reason.en}`);
    throw e;
  }
  if (format === 'json') {
    const out = { sons: info.id, kind, equal: differences.length === 0, differences: differences.map((d) => ({ ...d, message: lang ? describeDifference(d)[lang] : describeDifference(d) })) };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    const langs: Locale[] = lang ? [lang] : ['fr', 'en'];
    const lines: string[] = [];
    for (const l of langs) {
      if (differences.length === 0) lines.push(l === 'fr' ? `${files[0]} : aucune différence avec le modèle fourni ${info.id} ${kind}` : `${files[0]}: no difference from the bundled ${info.id} ${kind} model`);
      else {
        lines.push(l === 'fr' ? `${files[0]} : ${differences.length} différence(s) avec le modèle fourni ${info.id} ${kind}` : `${files[0]}: ${differences.length} difference(s) from the bundled ${info.id} ${kind} model`);
        for (const d of differences) lines.push(`  ${describeDifference(d)[l]}`);
      }
    }
    process.stdout.write(lines.join('\n') + '\n');
  }
  return differences.length === 0 ? 0 : 1;
}

/** The rule catalogue as Markdown (docs/rules.md is generated from it), messages with readable stand-ins. */
export function rulesMarkdown(lang: Locale): string {
  return renderMarkdown(ruleDocs(lang, (s) => sourceName(s, lang)), lang);
}

/** The rule catalogue as a self-contained HTML page, one anchor per rule (docs/rules.html: diagnostics link to it). */
export function rulesHtml(lang: Locale): string {
  return renderHtml(ruleDocs(lang, (s) => sourceName(s, lang)), lang);
}

/** Entry point of bin/segur-json.js. */
export function run(): void {
  main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
