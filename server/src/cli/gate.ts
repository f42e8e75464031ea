/**
 * What decides a `check` run's exit code besides the findings themselves: `--quiet` (the report keeps errors only,
 * in every format) and `--max-warnings N` (more than N warnings fail the run, as ESLint's option of the same name;
 * the warnings are counted before --quiet hides them, so that what is shown never changes what passes). The exit
 * codes in one table, for --help and the README.
 */
import type { FileReport } from './formats/report';

export const EXIT_CODES_HELP = `Codes de sortie / exit codes:
  0  aucune erreur (et pas plus de N avertissements avec --max-warnings N) / no error (and no more than N warnings
     with --max-warnings N)
  1  erreurs trouvées, ou plus de N avertissements avec --max-warnings N (même sans erreur) / errors found, or more
     than N warnings with --max-warnings N (even without errors)
  2  usage incorrect (option, glob sans fichier…), fichier illisible ou non écrit, erreur interne ; les autres
     fichiers sont vérifiés et le rapport écrit / bad usage (option, a glob matching nothing…), a file that could not
     be read or written, internal error; the other files are checked and the report written
`;

export interface Gate {
  /** The reports as the formats show them (errors only with --quiet). */
  reports: FileReport[];
  warnings: number;
  /** More warnings than --max-warnings: exit 1. */
  tooManyWarnings: boolean;
  /** Said on stderr when the warnings fail the run (with --quiet the report does not show them). */
  note?: string;
}

export function applyGate(reports: FileReport[], options: { quiet?: boolean; maxWarnings?: number }): Gate {
  const warnings = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  const shown = options.quiet ? reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : reports;
  return {
    reports: shown,
    warnings,
    tooManyWarnings,
    note: tooManyWarnings
      ? `${warnings} avertissement(s), plus que --max-warnings ${options.maxWarnings} / ${warnings} warning(s), more than --max-warnings ${options.maxWarnings}`
      : undefined,
  };
}
