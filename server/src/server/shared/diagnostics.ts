/**
 * Findings as LSP diagnostics: ranges, severities, the rule's documentation link, the provenance and fix reference
 * in `data`, related information in other files; the internal findings a failure is shown as; a signature of
 * findings (to re-publish a document only when what it shows changed).
 */
import { DiagnosticSeverity, type Diagnostic, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../../segur';
import { displayPath } from './workspace';
import type { FixRef, SegurDiagnosticData, ServerState } from './state';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The short mark a `model` finding's message ends with in an editor (its full note is in the message too). */
export const MODELLED_MARK = { fr: '[modélisé]', en: '[modelled]' } as const;

/** A cheap signature of findings (FNV-1a over what a diagnostic shows): equal findings, equal signatures. */
export function findingsSignature(findings: Finding[]): number {
  let h = 0x811c9dc5;
  const add = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x1f, 0x01000193);
  };
  for (const f of findings) {
    add(`${f.code}|${f.severity}|${f.offset}|${f.length}|${f.message.fr}|${f.message.en}|${f.fix ? 'fix' : ''}`);
    for (const r of f.related ?? []) add(`${r.file ?? ''}|${r.offset}|${r.length}|${r.message.fr}`);
  }
  return (h >>> 0) + findings.length * 2 ** 32;
}

/** `at`: the positions of `doc` (positionsOf for a publish; the document's own positionAt by default). */
export function toDiagnostic(
  s: ServerState,
  doc: TextDocument,
  f: Finding,
  fix?: FixRef,
  at: (offset: number) => Position = (o) => doc.positionAt(o),
): Diagnostic {
  const locale = s.localeOf(doc.uri);
  const range = { start: at(f.offset), end: at(f.offset + f.length) };
  const d: Diagnostic = {
    range,
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'segur',
    message: f.provenance?.kind === 'model' ? `${f.message[locale]} ${MODELLED_MARK[locale]}` : f.message[locale],
    codeDescription: { href: `${s.docsUri}#${f.code.split('/')[0].toLowerCase()}` },
  };
  // The fix itself (title, edits) is not sent with every publish: a quick fix asks for it (onCodeAction, resolve).
  const data: SegurDiagnosticData = { provenance: f.provenance };
  if (f.fix && fix) data.fix = fix;
  d.data = data;
  if (f.related) {
    d.relatedInformation = f.related.flatMap((r) => {
      const other = r.file && r.file !== doc.uri ? s.textOf(r.file) : doc;
      // Another file is named by its workspace-relative path (an editor shows only its base name: which solde.json?).
      const message = other === doc ? r.message[locale] : `${r.message[locale]} (${displayPath(other?.uri ?? '', s.workspaceFolders)})`;
      const pos = other === doc ? at : (o: number) => other!.positionAt(o);
      return other ? [{ location: { uri: other.uri, range: { start: pos(r.offset), end: pos(r.offset + r.length) } }, message }] : [];
    });
  }
  return d;
}

/** An internal finding as a diagnostic, built without the document (its conversion may be what failed). */
export function internalDiagnostic(s: ServerState, f: Finding): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'segur',
    message: f.message[s.locale],
    data: { provenance: f.provenance },
  };
}
