/**
 * The engine: text in, findings out. One parse, one detection, one traversal shared by the rules, one run of
 * the precompiled schema validator. Pure: no LSP, no file system, no vscode, no network.
 */
import { parseDocument } from './parse';
import { TapeNode } from './tape';
import { detect } from './detect';
import { walk, buildDispatch, TapeMismatch, type Owner } from './walk';
import { getSchema, sonsById, schemaKey, type SchemaNode } from './schemaData';
import { schemaStage } from './schemaStage';
import { usableTemplate } from './templateFormat';
import { templateValueFindings } from './templateValues';
import type { CheckOptions, CheckResult, Finding } from './types';
import { RULES } from '../rules';
import type { ReportInput, Rule, RuleContext } from '../rules/types';
import { format } from './messages';
import { summaryCollector, type FileSummary } from './summary';
import { ENCODING_LABEL, isUtf8 } from './decode';
import { SONS_TABLE, LINES_KEY } from './schemaData';
import { findingLevel, messageFor, pointerPath, provenanceAt, ruleProvenance, withModelledNote, toolProvenance } from './provenance';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export function check(text: string, options: CheckOptions = {}): CheckResult {
  if (text.length > (options.maxBytes ?? DEFAULT_MAX_BYTES)) return checkTooLarge(text, options);
  if (options.parser === 'tree') return run(text, options, false);
  try {
    return run(text, options, true);
  } catch (e) {
    // The JSON.parse value cannot stand for the text (see TapeMismatch): check again on the tree (parse.ts).
    if (e instanceof TapeMismatch) return run(text, options, false);
    throw e;
  }
}

function run(text: string, options: CheckOptions, tape: boolean): CheckResult {
  const parsed = parseDocument(text, options.maxDepth, tape);
  const detection = detect(parsed.root, parsed.value, options);
  // Too deep to build a tree: still a Ségur file when it says so near its start (one finding, S12/too-deep).
  if (!detection.isSegur && /"lignesImport"/.test(text.slice(0, 65536))) {
    if (parsed.problems.some((p) => p.kind === 'too-deep')) detection.isSegur = true;
    // The fast path has not measured the nesting yet: the tree path decides.
    else if (parsed.root instanceof TapeNode) throw new TapeMismatch();
  }
  if (!detection.isSegur) return { detection, findings: [] };

  const findings: Finding[] = [];
  encodingFinding(findings, options);
  const covered = new Set<string>();
  const summary: FileSummary = { lines: [] };
  let summarized = false;
  const template = templateFor(options, detection.sons, detection.kind, findings);
  const schema = template ?? (detection.sons && detection.kind ? getSchema(detection.sons, detection.kind) : undefined);
  const sons = sonsById(detection.sons);
  const overrides = options.severities ?? {};

  const contextFor = (rule: Rule): RuleContext => ({
    text,
    detection,
    sons,
    schema,
    today: options.today ?? new Date(),
    client: options.client ?? 'cli',
    summary: () => (summarized ? summary : undefined),
    report(r: ReportInput) {
      const code = r.slug ? `${rule.meta.id}/${r.slug}` : rule.meta.id;
      // Provenance from the schema part the finding rests on (engine/provenance.ts), then the severity it allows.
      const provenance = r.provenance ?? (r.basis && r.pointer !== undefined ? provenanceAt(schema, pointerPath(r.pointer), r.basis, template !== undefined, ruleProvenance(rule.meta.sources)) : ruleProvenance(rule.meta.sources));
      const level = findingLevel(code, rule.meta.id, r.severity ?? rule.meta.severity, provenance, overrides, options.modelledSeverity);
      if (level === 'off') return;
      const msg = messageFor(rule.meta.messages, r.messageId, provenance);
      if (!msg) throw new Error(`rule ${rule.meta.id}: no message ${r.messageId}`);
      const offset = r.offset ?? r.node?.offset ?? 0;
      const length = r.length ?? r.node?.length ?? 1;
      if (r.pointer) covered.add(r.pointer);
      for (const c of r.covers ?? []) covered.add(c);
      const message = format(msg, r.args);
      findings.push({ code, severity: level, message: provenance.kind === 'model' ? withModelledNote(message) : message, offset, length, pointer: r.pointer, fix: r.fix, related: r.related, provenance });
    },
  });

  // Rules run isolated: a rule that throws yields one internal finding and is switched off for this document;
  // the others still run (the walker calls visitors inside try/catch, see walk.ts `Owner`).
  const owners: Owner[] = [];
  const fail = (o: Owner, e: unknown) => {
    o.dead = true;
    internalError(findings, o.rule as Rule, e);
  };
  // The rules to run: all of the catalogue unless the caller gives some (a rule's table test runs it alone).
  for (const rule of options.rules ?? RULES) {
    const ctx = contextFor(rule);
    try {
      owners.push({ rule, visitors: rule.create(ctx), dead: false });
    } catch (e) {
      internalError(findings, rule, e);
    }
  }
  const each = (fn: (o: Owner) => void) => {
    for (const o of owners) {
      if (o.dead) continue;
      try {
        fn(o);
      } catch (e) {
        fail(o, e);
      }
    }
  };

  each((o) => o.visitors.syntax?.(parsed.problems));
  if (parsed.root) {
    // On a tree recovered from broken syntax, only value rules run: no cascade of structure noise.
    const structure = parsed.strict && schema !== undefined;
    const active = owners.filter((o) => structure || (o.rule as Rule).stage !== 'structure');
    if (structure) active.unshift({ rule: SUMMARY_OWNER, visitors: summaryCollector(summary), dead: false });
    walk(parsed.root, schema, buildDispatch(active, structure), structure, fail, options.maxDepth);
    summarized = structure;
    if (structure && !template) schemaStage(parsed.value, parsed.root, detection.sons!, detection.kind!, findings, { covered, overrides, modelled: options.modelledSeverity, sourcesOf: (id) => RULES.find((r) => r.meta.id === id)?.meta.sources ?? [] });
    // A template has no precompiled validator: its value keywords are interpreted (templateValues.ts, issue 12).
    else if (structure && template) templateValueFindings(parsed.root, template, findings, { covered, overrides, modelled: options.modelledSeverity, sourcesOf: (id) => RULES.find((r) => r.meta.id === id)?.meta.sources ?? [] });
  }
  each((o) => o.visitors.end?.(parsed.root));

  findings.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  return { detection, findings, summary: summarized ? summary : undefined };
}

/**
 * The template that replaces the bundled model (options.template, else the learned one of the SONS × kind), once
 * checked against the learned-template format (templateFormat.ts, cached per template object): a template that
 * breaks it is not used (it could crash the walk or switch checks off); one `S1/template` finding says so and the
 * bundled model applies. The CLI and the server check template files on load (server/src/io/templates.ts), so they
 * never pass a broken one.
 */
function templateFor(options: CheckOptions, sons: string | undefined, kind: string | undefined, findings: Finding[]): SchemaNode | undefined {
  const key = sons && kind ? schemaKey(sons, kind) : undefined;
  const given = options.template ?? (key !== undefined && options.templates && Object.hasOwn(options.templates, key) ? options.templates[key] : undefined);
  if (given === undefined || given === null) return undefined;
  const c = usableTemplate(given);
  if (c.template) return c.template;
  findings.push({
    code: 'S1/template',
    severity: 'warning',
    message: { fr: `Modèle officiel inutilisable (${c.problem.fr}) : le modèle fourni s'applique.`, en: `Official template not usable (${c.problem.en}): the bundled model applies.` },
    offset: 0,
    length: 1,
    // It rests on the template the user gave (its format: docs/schema-format.md).
    provenance: { kind: 'template' },
  });
  return undefined;
}

/** The engine's own collector (per-line summary) runs in the walk like a rule. */
const SUMMARY_OWNER = { meta: { id: 'summary', title: { fr: 'résumé', en: 'summary' }, sources: [], severity: 'warning', fixable: false, messages: {} }, stage: 'structure', create: () => ({}) } as Rule;

function internalError(findings: Finding[], rule: Rule, e: unknown): void {
  // The message of the exception is not shown: it could quote a value of the document (health data).
  void e;
  findings.push({
    provenance: toolProvenance(),
    code: `${rule.meta.id}/internal`,
    severity: 'warning',
    message: {
      fr: `Erreur interne de la règle ${rule.meta.id} : elle n'a pas pu vérifier ce fichier (les autres règles l'ont fait).`,
      en: `Internal error in rule ${rule.meta.id}: it could not check this file (the other rules did).`,
    },
    offset: 0,
    length: 1,
  });
}

/**
 * A finding of a rule reported by the engine itself, outside the walk (message from the rule's catalogue, severity
 * overrides applied as in `report`).
 */
function ruleFinding(findings: Finding[], options: CheckOptions, ruleId: string, r: { messageId: string; slug?: string; args?: Record<string, string | number>; offset: number; length: number }): void {
  const rule = RULES.find((x) => x.meta.id === ruleId)!;
  const code = r.slug ? `${ruleId}/${r.slug}` : ruleId;
  const provenance = ruleProvenance(rule.meta.sources);
  const level = findingLevel(code, ruleId, rule.meta.severity, provenance, options.severities ?? {}, options.modelledSeverity);
  if (level === 'off') return;
  findings.push({ code, severity: level, message: format(rule.meta.messages[r.messageId], r.args), offset: r.offset, length: r.length, provenance });
}

/**
 * S12/encoding: the caller decoded bytes that were not UTF-8 (engine/decode.ts). The portal takes UTF-8 (RFC 8259
 * §8.1; the portal's own expectation is an open question of shared/domain/json-formats.md §5: modelled). One finding
 * at the start of the file; the decoded content is checked as usual.
 */
function encodingFinding(findings: Finding[], options: CheckOptions): void {
  const e = options.encoding;
  if (!e || isUtf8(e)) return;
  const guessed = e === 'iso-8859-1' || e === 'windows-1252';
  ruleFinding(findings, options, 'S12', { messageId: guessed ? 'encoding-guess' : 'encoding', slug: 'encoding', args: { detail: ENCODING_LABEL[e] }, offset: 0, length: 1 });
}

/**
 * A file over the size limit: one finding, and only what stays fast (JSON.parse for the syntax, the number of
 * requests). Rule S9 (source 004, shared/domain/rules.md): more than 200 requests is still an error, whatever the
 * size; only the expensive checks are skipped.
 */
function checkTooLarge(text: string, options: CheckOptions): CheckResult {
  const mb = (text.length / 1024 / 1024).toFixed(1);
  const limit = ((options.maxBytes ?? DEFAULT_MAX_BYTES) / 1024 / 1024).toFixed(0);
  let value: unknown;
  let syntaxOk = true;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    syntaxOk = false;
  }
  const lines = value && typeof value === 'object' && Array.isArray((value as Record<string, unknown>).lignesImport) ? ((value as Record<string, unknown[]>).lignesImport.length) : undefined;
  const isSegur = lines !== undefined || /"lignesImport"/.test(text.slice(0, 4096));
  const detection = { isSegur, reason: { fr: `fichier de ${mb} Mo (limite ${limit} Mo)`, en: `${mb} MB file (limit ${limit} MB)` } };
  if (!isSegur) return { detection, findings: [] };
  const findings: Finding[] = [
    {
      code: 'S9/file-size',
      severity: 'warning',
      message: {
        fr: `Fichier de ${mb} Mo : au-delà de ${limit} Mo, seuls la syntaxe et le nombre de demandes sont vérifiés${lines !== undefined ? ` (${lines} demandes ; le portail en accepte 200 par fichier)` : ''}.`,
        en: `${mb} MB file: above ${limit} MB only the syntax and the number of requests are checked${lines !== undefined ? ` (${lines} requests; the portal accepts 200 per file)` : ''}.`,
      },
      offset: 0,
      length: 1,
      provenance: toolProvenance(),
    },
  ];
  if (!syntaxOk) findings.push({ code: 'S12/syntax', severity: 'error', message: { fr: 'JSON invalide : le portail rejette le fichier.', en: 'Invalid JSON: the portal rejects the file.' }, offset: 0, length: 1, provenance: ruleProvenance(RULES.find((x) => x.meta.id === 'S12')!.meta.sources) });
  const max = SONS_TABLE.maxRequestsPerFile;
  if (lines !== undefined && lines > max) {
    // On the root "lignesImport" key, as S9 does on a file of normal size (the header keys come before it).
    const key = text.indexOf(`"${LINES_KEY}"`);
    ruleFinding(findings, options, 'S9', { messageId: 'tooMany', args: { count: lines, max }, offset: Math.max(key, 0), length: key >= 0 ? LINES_KEY.length + 2 : 1 });
  }
  const encoding: Finding[] = [];
  encodingFinding(encoding, options);
  return { detection, findings: [...encoding, ...findings] };
}
