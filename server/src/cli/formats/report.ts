/**
 * Output formats of `segur-json check`: text (default), compact (one `file:line:col: severity code message` line per
 * finding, what the `$segur-json` problem matcher of VS Code tasks reads), json (LSP-like ranges), sarif (2.1.0) and
 * html (one self-contained page to look at or send: no script, no network, inline CSS).
 */
import { addOverviews, RULES, PROJECT_RULES, type Detection, type Finding, type Locale, type Localized, type Range, type Overview } from '../../segur';
import { kindLabel, overviewLabel, totalsLabel } from '../../protocol/labels';

export interface FileReport {
  file: string;
  detection: Detection;
  findings: (Finding & { range: Range })[];
  fixed?: { code: string; count: number }[];
  /** The checked text: the HTML report shows each finding's line. */
  text?: string;
  /** Requests, totals and errors of the file (engine/assist/overview.ts), for the totals per SONS. */
  overview?: Overview;
  /**
   * The file could not be read (`unreadable`: no findings), or its fixed text could not be written (`unwritten`: the
   * findings are those of the file as it is on disk). Every format says it; the exit code is 2.
   */
  problem?: { kind: 'unreadable' | 'unwritten'; message: Localized };
}

/** The compact format's code for a file that could not be read or written (it has no finding of its own). */
const PROBLEM_CODE = { unreadable: 'S12/unreadable', unwritten: 'S12/unwritten' } as const;

const SEV_FR: Record<string, string> = { error: 'erreur', warning: 'avertissement', information: 'info', hint: 'indice' };

export function formatText(reports: FileReport[], lang: Locale): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const r of reports) {
    if (r.problem?.kind === 'unreadable') {
      out.push(`${r.file}: ${r.problem.message[lang]}`);
      continue;
    }
    if (!r.detection.isSegur) {
      out.push(lang === 'fr' ? `${r.file}: pas un fichier Ségur (ignoré)` : `${r.file}: not a Ségur file (skipped)`);
      if (r.problem) out.push(`  ${r.problem.message[lang]}`);
      continue;
    }
    const what = `${r.detection.sons ?? '?'} ${r.detection.kind ?? '?'}`;
    out.push(`${r.file}  [${what} — ${r.detection.reason[lang]}]`);
    if (r.problem) out.push(`  ${r.problem.message[lang]}`);
    for (const f of r.fixed ?? []) out.push(lang === 'fr' ? `  corrigé : ${f.code} × ${f.count}` : `  fixed: ${f.code} × ${f.count}`);
    for (const f of r.findings) {
      if (f.severity === 'hint') continue; // hints (e.g. which ceiling tranches an amount fits) are for editors and --format json
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      const sev = lang === 'fr' ? SEV_FR[f.severity] : f.severity;
      out.push(`  ${f.range.start.line + 1}:${f.range.start.character + 1}  ${sev}  ${f.code}  ${f.message[lang]}`);
    }
  }
  out.push(
    lang === 'fr'
      ? `${reports.length} fichier(s), ${errors} erreur(s), ${warnings} avertissement(s)`
      : `${reports.length} file(s), ${errors} error(s), ${warnings} warning(s)`,
  );
  return out.join('\n') + '\n';
}

export function formatJson(reports: FileReport[], lang: Locale): string {
  return (
    JSON.stringify(
      reports.map((r) => ({
        file: r.file,
        kind: r.detection.kind ?? null,
        sons: r.detection.sons ?? null,
        segur: r.detection.isSegur,
        reason: r.detection.reason[lang],
        ...(r.fixed ? { fixed: r.fixed } : {}),
        ...(r.problem ? { problem: { kind: r.problem.kind, message: r.problem.message[lang] } } : {}),
        diagnostics: r.findings.map((f) => ({
          code: f.code,
          severity: f.severity,
          message: f.message[lang],
          range: f.range,
          fixable: !!f.fix,
          provenance: f.provenance,
        })),
      })),
      null,
      2,
    ) + '\n'
  );
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(reports: FileReport[], lang: Locale, version: string): string {
  const rules = RULES.map((r) => ({
    id: r.meta.id,
    name: r.meta.title.en,
    shortDescription: { text: r.meta.title[lang] },
    properties: { sources: r.meta.sources },
  }));
  const results = reports.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.code.split('/')[0],
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message[lang] },
      properties: { code: f.code, provenance: f.provenance },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: r.file.split('\\').join('/') },
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  // A file not read or not written is a notification of the run, not a result: it has no rule and no region.
  const problems = reports.filter((r) => r.problem);
  const invocations =
    problems.length === 0
      ? {}
      : {
          invocations: [
            {
              executionSuccessful: false,
              toolExecutionNotifications: problems.map((r) => ({
                level: 'error',
                descriptor: { id: PROBLEM_CODE[r.problem!.kind] },
                message: { text: r.problem!.message[lang] },
                locations: [{ physicalLocation: { artifactLocation: { uri: r.file.split('\\').join('/') } } }],
              })),
            },
          ],
        };
  return (
    JSON.stringify(
      {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'segur-json', version, rules } }, ...invocations, results }],
      },
      null,
      2,
    ) + '\n'
  );
}

/** Severity words of the compact format: those VS Code problem matchers read (`hint` is left out, as in text). */
const COMPACT_SEVERITY: Record<string, string> = { error: 'error', warning: 'warning', information: 'info' };

/**
 * One line per finding, `file:line:col: severity code message` (1-based line and column; severity `error`,
 * `warning` or `info`, in English whatever --lang: tools read it; the message in --lang). Nothing else is printed, so
 * that a problem matcher (package.json `$segur-json`), grep or an editor's quickfix list reads every line.
 */
export function formatCompact(reports: FileReport[], lang: Locale): string {
  const out: string[] = [];
  for (const r of reports) {
    if (r.problem) out.push(`${r.file}:1:1: error ${PROBLEM_CODE[r.problem.kind]} ${r.problem.message[lang]}`);
    for (const f of r.findings) {
      const sev = COMPACT_SEVERITY[f.severity];
      if (!sev) continue;
      out.push(`${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${sev} ${f.code} ${f.message[lang].replace(/[\r\n]+/g, ' ')}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Longest excerpt shown of a line (a minified file is one line): a window around the finding. */
const EXCERPT_MAX = 160;

/** The finding's first line, with the finding's part marked; escaped. */
export function excerptHtml(text: string, range: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  const line = lines[range.start.line] ?? '';
  const from = Math.min(range.start.character, line.length);
  const to = range.end.line === range.start.line ? Math.max(from, Math.min(range.end.character, line.length)) : line.length;
  let a = 0;
  let b = line.length;
  if (line.length > EXCERPT_MAX) {
    a = Math.max(0, from - 60);
    b = Math.min(line.length, a + EXCERPT_MAX);
  }
  const markEnd = Math.min(to, b);
  const head = (a > 0 ? '…' : '') + line.slice(a, from);
  const tail = line.slice(markEnd, b) + (b < line.length ? '…' : '');
  // Leading indentation is kept (pre), the mark shows at least one character's width.
  const marked = line.slice(from, markEnd);
  return `${esc(head)}<mark>${marked ? esc(marked) : '&#8203;'}</mark>${esc(tail)}`;
}

const SEV_LABEL: Record<string, { fr: string; en: string }> = {
  error: { fr: 'erreur', en: 'error' },
  warning: { fr: 'avertissement', en: 'warning' },
  information: { fr: 'information', en: 'information' },
  hint: { fr: 'indice', en: 'hint' },
};

const HTML_STYLE = `
:root { color-scheme: light; --err: #b3261e; --warn: #8a5a00; --info: #1d5fa8; --line: #d9dde3; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; margin: 0; color: #1f2328; background: #f6f7f9; }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.15em; margin: 0; word-break: break-all; }
h3 { font-size: 1em; margin: 16px 0 6px; }
.muted { color: #59636e; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 12px 0 20px; }
th, td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: #eef1f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
section.file { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 18px; margin: 0 0 18px; }
.finding { border-left: 4px solid var(--line); padding: 4px 0 6px 12px; margin: 8px 0; }
.finding.error { border-color: var(--err); }
.finding.warning { border-color: var(--warn); }
.finding.information { border-color: var(--info); }
.finding .head { display: flex; gap: 10px; flex-wrap: wrap; align-items: baseline; }
.sev { font-weight: 600; text-transform: uppercase; font-size: .78em; letter-spacing: .04em; }
.error .sev { color: var(--err); } .warning .sev { color: var(--warn); } .information .sev { color: var(--info); }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .9em; }
.loc { color: #59636e; font-variant-numeric: tabular-nums; }
.msg { margin: 2px 0; }
pre.excerpt { background: #f3f4f6; border-radius: 4px; padding: 6px 10px; margin: 4px 0; overflow-x: auto; white-space: pre; }
pre.excerpt .ln { color: #8c959f; user-select: none; display: inline-block; min-width: 3.5em; }
mark { background: #ffe08a; color: inherit; border-bottom: 2px solid #d4a000; }
.fix { margin: 2px 0; color: #1a7f37; }
section.file > p { margin: 4px 0; }
.ok { color: #1a7f37; font-weight: 600; }
.problem { color: var(--err); font-weight: 600; }
`;

/**
 * One self-contained HTML page: totals per SONS (files, requests, total excl. VAT per VAT regime,
 * errors), then per file and per rule each finding with its line excerpt (escaped) and its fix. No script, no
 * external resource (a Content-Security-Policy forbids any): it opens offline and can be sent as is. It shows the
 * files' lines: it holds what they hold (identifiers), as the files do.
 */
export function formatHtml(reports: FileReport[], lang: Locale, version: string): string {
  const fr = lang === 'fr';
  const T = (f: string, e: string) => (fr ? f : e);
  const meta = new Map([...RULES, ...PROJECT_RULES].map((r, i) => [r.meta.id, { title: r.meta.title[lang], order: i }]));
  const segur = reports.filter((r) => r.detection.isSegur);
  const shown = (f: Finding) => f.severity !== 'hint';
  let errors = 0;
  let warnings = 0;
  for (const r of segur)
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
    }
  // Totals per SONS, one row per kind (an avance's amounts and its solde's are not added up).
  const bySons = new Map<string, FileReport[]>();
  for (const r of segur) {
    const k = `${r.detection.sons ?? '?'} ${kindLabel(r.detection.kind, lang)}`;
    bySons.set(k, [...(bySons.get(k) ?? []), r]);
  }
  const sonsRows = [...bySons]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sons, rs]) => {
      const o = addOverviews(
        rs.map((r) => r.overview ?? { totals: [], errors: r.findings.filter((f) => f.severity === 'error').length, warnings: 0, portalAnswers: 0 }),
      );
      return `<tr><th scope="row">${esc(sons)}</th><td class="num">${rs.length}</td><td class="num">${o.requests ?? '—'}</td><td class="num">${esc(totalsLabel(o.totals, lang, true)) || '—'}</td><td class="num">${o.errors}</td><td class="num">${o.warnings}</td><td class="num">${o.portalAnswers}</td></tr>`;
    });
  const files = reports.map((r, i) => {
    const id = `f${i + 1}`;
    const problem = r.problem ? `<p class="problem">${esc(r.problem.message[lang].replace(/^./, (c) => c.toUpperCase()))}</p>` : '';
    if (r.problem?.kind === 'unreadable') return `<section class="file" id="${id}"><h2>${esc(r.file)}</h2>${problem}</section>`;
    if (!r.detection.isSegur)
      return `<section class="file" id="${id}"><h2>${esc(r.file)}</h2><p class="muted">${T('Pas un fichier Ségur (ignoré).', 'Not a Ségur file (skipped).')}</p></section>`;
    const what = r.overview ? overviewLabel(r.overview, lang) : `${r.detection.sons ?? '?'} ${kindLabel(r.detection.kind, lang)}`;
    const head = `<h2>${esc(r.file)}</h2>${problem}<p>${esc(what)}</p><p class="muted">${T('Détecté : ', 'Detected: ')}${esc(r.detection.reason[lang])}</p>`;
    const fixed = r.fixed?.length
      ? `<p class="fix">${T('Corrigé', 'Fixed')} : ${r.fixed.map((f) => `<code>${esc(f.code)}</code> × ${f.count}`).join(', ')}</p>`
      : '';
    const findings = r.findings.filter(shown);
    if (findings.length === 0) return `<section class="file" id="${id}">${head}${fixed}<p class="ok">${T('Aucun problème.', 'No problem.')}</p></section>`;
    const byRule = new Map<string, typeof findings>();
    for (const f of findings) {
      const rule = f.code.split('/')[0];
      byRule.set(rule, [...(byRule.get(rule) ?? []), f]);
    }
    const rules = [...byRule]
      .sort(([a], [b]) => (meta.get(a)?.order ?? 999) - (meta.get(b)?.order ?? 999) || a.localeCompare(b))
      .map(([rule, fs]) => {
        const items = fs.map((f) => {
          const excerpt =
            r.text !== undefined ? `<pre class="excerpt"><span class="ln">${f.range.start.line + 1}</span>${excerptHtml(r.text, f.range)}</pre>` : '';
          const fix = f.fix
            ? `<p class="fix">${T('Correction', 'Fix')}${f.fix.safe ? T(' (sûre, appliquée par --fix)', ' (safe, applied by --fix)') : T(' (proposée, à vérifier)', ' (suggested, to check)')} : ${esc(f.fix.title[lang])}</p>`
            : '';
          return `<div class="finding ${f.severity}"><div class="head"><span class="loc">${f.range.start.line + 1}:${f.range.start.character + 1}</span><span class="sev">${esc(SEV_LABEL[f.severity][lang])}</span><code>${esc(f.code)}</code></div><p class="msg">${esc(f.message[lang])}</p>${excerpt}${fix}</div>`;
        });
        return `<h3><code>${esc(rule)}</code> — ${esc(meta.get(rule)?.title ?? '')} <span class="muted">(${fs.length})</span></h3>${items.join('')}`;
      });
    return `<section class="file" id="${id}">${head}${fixed}${rules.join('')}</section>`;
  });
  const nav =
    reports.length > 1
      ? `<table><tr><th>${T('Fichier', 'File')}</th><th>SONS</th><th>${T('Erreurs', 'Errors')}</th><th>${T('Avertissements', 'Warnings')}</th></tr>${reports.map((r, i) => `<tr><td><a href="#f${i + 1}">${esc(r.file)}</a></td><td>${esc(r.detection.isSegur ? `${r.detection.sons ?? '?'} ${kindLabel(r.detection.kind, lang)}` : '—')}</td><td class="num">${r.findings.filter((f) => f.severity === 'error').length}</td><td class="num">${r.findings.filter((f) => f.severity === 'warning').length}</td></tr>`).join('')}</table>`
      : '';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="segur-json ${esc(version)}">
<title>${T('Rapport segur-json', 'segur-json report')}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header>
<h1>${T('Rapport segur-json', 'segur-json report')}</h1>
<p class="muted">${T(`${reports.length} fichier(s), ${errors} erreur(s), ${warnings} avertissement(s)`, `${reports.length} file(s), ${errors} error(s), ${warnings} warning(s)`)} · segur-json ${esc(version)}</p>
</header>
<main>
<h2>${T('Totaux par SONS', 'Totals per SONS')}</h2>
<table class="sons"><tr><th>${T('SONS et type', 'SONS and kind')}</th><th>${T('Fichiers', 'Files')}</th><th>${T('Demandes', 'Requests')}</th><th>${T('Total HT (par régime de TVA)', 'Total excl. VAT (per VAT regime)')}</th><th>${T('Erreurs', 'Errors')}</th><th>${T('Avertissements', 'Warnings')}</th><th>${T('Réponses du portail', 'Portal answers')}</th></tr>
${sonsRows.join('\n')}
</table>
${nav}
${files.join('\n')}
</main>
</body>
</html>
`;
}
