/**
 * `--format github`: GitHub Actions workflow commands, one line per finding, which the runner turns into annotations
 * on the pull request and the file (no code-scanning licence needed, unlike a SARIF upload):
 *   ::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message
 * `error` for errors, `warning` for warnings, `notice` for information; hints are left out, as in the text report.
 * Escaping is the runner's own (the toolkit's `escapeData` / `escapeProperty`): `%`, CR and LF in the message;
 * those and `:` and `,` in a property, where they would end the value.
 */
import type { Locale } from '../../segur';
import type { FileReport } from './report';

const COMMAND: Record<string, string> = { error: 'error', warning: 'warning', information: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, properties: [string, string | number][], message: string): string {
  return `::${name} ${properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(message)}`;
}

/** Paths as the runner matches them against the repository: relative, forward slashes. */
const posixPath = (file: string) => file.split('\\').join('/');

export function formatGithub(reports: FileReport[], lang: Locale): string {
  const out: string[] = [];
  for (const r of reports) {
    const file = posixPath(r.file);
    if (r.problem)
      out.push(
        command(
          'error',
          [
            ['file', file],
            ['title', `segur-json ${r.problem.kind === 'unreadable' ? 'S12/unreadable' : 'S12/unwritten'}`],
          ],
          r.problem.message[lang],
        ),
      );
    for (const f of r.findings) {
      const name = COMMAND[f.severity];
      if (!name) continue;
      const { start, end } = f.range;
      out.push(
        command(
          name,
          [
            ['file', file],
            ['line', start.line + 1],
            ['col', start.character + 1],
            ['endLine', end.line + 1],
            ['endColumn', end.character + 1],
            ['title', `segur-json ${f.code}`],
          ],
          f.message[lang],
        ),
      );
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
