/**
 * `--format gitlab`: the GitLab code quality report (`artifacts:reports:codequality`), shown in merge requests on
 * every tier: a JSON array of `{ description, check_name, fingerprint, severity, location: { path, lines: { begin } } }`.
 * Severities: error → major, warning → minor, information → info (ESLint's GitLab formatters do the same); a file
 * that could not be read or written → critical; hints are left out. The fingerprint, which GitLab uses to tell new
 * issues from fixed ones between runs, is a hash of the code, the path and the position only: never of the file's
 * values (health data), and the same from one run to the next.
 */
import { createHash } from 'node:crypto';
import type { Locale } from '../../segur';
import type { FileReport } from './report';

const SEVERITY: Record<string, string> = { error: 'major', warning: 'minor', information: 'info' };

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

export function formatGitlab(reports: FileReport[], lang: Locale): string {
  const issues: CodeQualityIssue[] = [];
  // Two findings with the same code at the same place get distinct fingerprints: their rank among such findings.
  const seen = new Map<string, number>();
  const fingerprint = (key: string) => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\u0000${n}`).digest('hex');
  };
  for (const r of reports) {
    const path = r.file.split('\\').join('/');
    if (r.problem) {
      const code = r.problem.kind === 'unreadable' ? 'S12/unreadable' : 'S12/unwritten';
      issues.push({
        description: r.problem.message[lang],
        check_name: code,
        fingerprint: fingerprint(`${code}\u0000${path}`),
        severity: 'critical',
        location: { path, lines: { begin: 1 } },
      });
    }
    for (const f of r.findings) {
      const severity = SEVERITY[f.severity] as CodeQualityIssue['severity'] | undefined;
      if (!severity) continue;
      const { start, end } = f.range;
      issues.push({
        description: f.message[lang],
        check_name: f.code,
        fingerprint: fingerprint(`${f.code}\u0000${path}\u0000${start.line}:${start.character}-${end.line}:${end.character}`),
        severity,
        location: { path, lines: { begin: start.line + 1 } },
      });
    }
  }
  return JSON.stringify(issues, null, 2) + '\n';
}
