/**
 * The options of `segur-json check`, read strictly (commandLine.ts parseOptions) into what the run needs.
 */
import { SONS_TABLE, sonsById, SONS_ID, type Locale } from '../segur';
import { UsageError } from './checkFile';
import { STDIN_ARG } from './inputs';
import { parseOptions } from './commandLine';

export const FORMATS = ['text', 'compact', 'json', 'sarif', 'html', 'github', 'junit', 'gitlab'] as const;

export interface CheckArgs {
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
  /** `--attachments <folder>`: the attachment files are checked there (rules P1–P4); absent, in each JSON's own folder when it holds them (io/attachmentFacts.ts attachmentFactsBeside), else not. */
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
    if (!info && !SONS_ID.test(v.sons))
      throw new UsageError(
        `--sons ${v.sons} : SONS inconnu / unknown SONS (${SONS_TABLE.sons.map((x) => x.id).join(', ')} ; ou un SONS d'un modèle appris / or the SONS of a learned template, --templates)`,
      );
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
