/** Output formats of `segur-json check`: text (default), json (LSP-like ranges), sarif (2.1.0). */
import type { Detection, Finding, Locale, Range } from '../engine/types';
import { RULES } from '../rules';

export interface FileReport {
  file: string;
  detection: Detection;
  findings: (Finding & { range: Range })[];
  fixed?: { code: string; count: number }[];
}

const SEV_FR: Record<string, string> = { error: 'erreur', warning: 'avertissement', information: 'info', hint: 'indice' };

export function formatText(reports: FileReport[], lang: Locale): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const r of reports) {
    if (!r.detection.isSegur) {
      out.push(lang === 'fr' ? `${r.file}: pas un fichier Ségur (ignoré)` : `${r.file}: not a Ségur file (skipped)`);
      continue;
    }
    const what = `${r.detection.sons ?? '?'} ${r.detection.kind ?? '?'}`;
    out.push(`${r.file}  [${what} — ${r.detection.reason[lang]}]`);
    for (const f of r.fixed ?? []) out.push(lang === 'fr' ? `  corrigé : ${f.code} × ${f.count}` : `  fixed: ${f.code} × ${f.count}`);
    for (const f of r.findings) {
      if (f.severity === 'hint') continue; // hints (e.g. which ceiling tranches an amount fits) are for editors and --format json
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      const sev = lang === 'fr' ? SEV_FR[f.severity] : f.severity;
      out.push(`  ${f.range.start.line + 1}:${f.range.start.character + 1}  ${sev}  ${f.code}  ${f.message[lang]}`);
    }
  }
  out.push(lang === 'fr' ? `${reports.length} fichier(s), ${errors} erreur(s), ${warnings} avertissement(s)` : `${reports.length} file(s), ${errors} error(s), ${warnings} warning(s)`);
  return out.join('\n') + '\n';
}

export function formatJson(reports: FileReport[], lang: Locale): string {
  return JSON.stringify(
    reports.map((r) => ({
      file: r.file,
      kind: r.detection.kind ?? null,
      sons: r.detection.sons ?? null,
      segur: r.detection.isSegur,
      reason: r.detection.reason[lang],
      ...(r.fixed ? { fixed: r.fixed } : {}),
      diagnostics: r.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message[lang], range: f.range, fixable: !!f.fix, provenance: f.provenance })),
    })),
    null,
    2,
  ) + '\n';
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(reports: FileReport[], lang: Locale, version: string): string {
  const rules = RULES.map((r) => ({ id: r.meta.id, name: r.meta.title.en, shortDescription: { text: r.meta.title[lang] }, properties: { sources: r.meta.sources } }));
  const results = reports.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.code.split('/')[0],
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message[lang] },
      properties: { code: f.code, provenance: f.provenance },
      locations: [{ physicalLocation: { artifactLocation: { uri: r.file.split('\\').join('/') }, region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 } } }],
    })),
  );
  return JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver: { name: 'segur-json', version, rules } }, results }] }, null, 2) + '\n';
}
