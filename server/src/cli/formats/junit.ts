/**
 * `--format junit`: JUnit XML, the test report every CI shows (GitLab `artifacts:reports:junit`, Jenkins, Azure
 * Pipelines, the GitHub test-report actions). One `<testsuite>` per file; one `<testcase>` per finding, failed (a
 * `<failure>` whose `type` is the severity, as ESLint's junit formatter does), or one passing `<testcase>` for a file
 * without findings; a file that is not a Ségur file is one skipped case; a file that could not be read or written is
 * one case in `<error>`. Hints are left out, as in the text report. Every text is XML-escaped, and characters XML
 * 1.0 cannot hold are written as `\uXXXX`.
 */
import type { Locale } from '../../segur';
import type { FileReport } from './report';

/** Escapes text for an attribute or an element; characters XML 1.0 forbids become `\uXXXX` (readable, valid). */
export function xmlEscape(s: string): string {
  return s
    .replace(
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

interface Case {
  name: string;
  line?: number;
  body: string;
  failure: boolean;
  error: boolean;
  skipped: boolean;
}

export function formatJunit(reports: FileReport[], lang: Locale): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const r of reports) {
    const file = r.file.split('\\').join('/');
    const cases: Case[] = [];
    if (r.problem) {
      const code = r.problem.kind === 'unreadable' ? 'S12/unreadable' : 'S12/unwritten';
      const message = r.problem.message[lang];
      cases.push({
        name: code,
        body: `<error type="${code}" message="${xmlEscape(message)}">${xmlEscape(`${file}: ${message}`)}</error>`,
        failure: false,
        error: true,
        skipped: false,
      });
    }
    if (!r.detection.isSegur && r.problem?.kind !== 'unreadable') {
      const why = lang === 'fr' ? 'pas un fichier Ségur (ignoré)' : 'not a Ségur file (skipped)';
      cases.push({ name: 'segur-json', body: `<skipped message="${xmlEscape(why)}"/>`, failure: false, error: false, skipped: true });
    }
    for (const f of r.findings) {
      if (f.severity === 'hint') continue;
      const at = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const message = f.message[lang];
      cases.push({
        name: `${f.code} ${at}`,
        line: f.range.start.line + 1,
        body: `<failure type="${f.severity}" message="${xmlEscape(message)}">${xmlEscape(`${file}:${at} ${f.severity} ${f.code}\n${message}`)}</failure>`,
        failure: true,
        error: false,
        skipped: false,
      });
    }
    if (cases.length === 0) cases.push({ name: 'segur-json', body: '', failure: false, error: false, skipped: false });
    const n = {
      tests: cases.length,
      failures: cases.filter((c) => c.failure).length,
      errors: cases.filter((c) => c.error).length,
      skipped: cases.filter((c) => c.skipped).length,
    };
    tests += n.tests;
    failures += n.failures;
    errors += n.errors;
    skipped += n.skipped;
    const body = cases.map((c) => {
      const attrs = `classname="${xmlEscape(file)}" name="${xmlEscape(c.name)}" file="${xmlEscape(file)}"${c.line !== undefined ? ` line="${c.line}"` : ''}`;
      return c.body ? `    <testcase ${attrs}>\n      ${c.body}\n    </testcase>` : `    <testcase ${attrs}/>`;
    });
    suites.push(
      `  <testsuite name="${xmlEscape(file)}" tests="${n.tests}" failures="${n.failures}" errors="${n.errors}" skipped="${n.skipped}">\n${body.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="segur-json" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}
