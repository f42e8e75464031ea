/**
 * The engine: a parsed document in (document.ts), findings out. One traversal shared by the given rules, the precompiled
 * schema validators run line by line (schemaStage.ts). The rules are given (engine/service.ts): this module imports none.
 * Pure: no LSP, no file system, no vscode, no network.
 */
import { parseDoc, DEFAULT_MAX_BYTES, type ParsedDoc } from './document';
import { walk, buildDispatch, type Owner, type Visiting } from './walk';
import { sonsById } from '../schema/schemaData';
import { schemaStage } from './schemaStage';
import { templateValueFindings } from './templateValues';
import type {
  AttachmentFact,
  Catalogue,
  CheckOptions,
  CheckResult,
  Finding,
  ObjectVisit,
  Provenance,
  ReportInput,
  Rule,
  RuleContext,
  Severity,
} from '../shared/types';
import { MAX_FINDINGS_PER_FILE } from '../schema/limits';
import { fileSizeFinding, largeFileSyntaxFinding, moreFindingsFinding, ruleInternalFinding } from './engineFindings';
import { format, numberText } from './messages';
import { summaryCollector, type FileSummary } from './summary';
import { ENCODING_LABEL, isUtf8 } from '../syntax/decode';
import { SONS_TABLE, LINES_KEY, getValidators, validateLine, type LineErrors } from '../schema/schemaData';
import { findingLevel, messageFor, pointerOf, pointerPath, provenanceAt, ruleProvenance, withModelledNote } from '../schema/provenance';

export { DEFAULT_MAX_BYTES } from './document';

/** Text in, findings out, with the given rules (engine/service.ts binds them; segur.ts the catalogue). */
export function checkWith(catalogue: Catalogue, text: string, options: CheckOptions = {}): CheckResult {
  return validate(catalogue, parseDoc(text, options), options);
}

/**
 * The checks of a parsed document (document.ts `parseDoc`, with the same options): its syntax problems, the rules'
 * single traversal with the schema the document was parsed with, the schema stage. `options.rules` (a rule's table
 * test) runs those rules only; a rule's sources are still looked up among the catalogue's.
 */
export function validate(catalogue: Catalogue, doc: ParsedDoc, options: CheckOptions = doc.options): CheckResult {
  // The rules whose sources and messages the engine's own findings (schema stage, S12/encoding, S9/file-size) read:
  // the given ones, never the catalogue module (the core imports no rule: the rules are given, engine/service.ts).
  const known = options.rules ? [...options.rules, ...catalogue.rules] : catalogue.rules;
  if (doc.tooLarge) return checkTooLarge(doc.text, options, known);
  return run(doc, options, options.rules ?? catalogue.rules, known);
}

function run(doc: ParsedDoc, options: CheckOptions, rules: readonly Rule[], known: readonly Rule[]): CheckResult {
  const { text, detection, template, schema } = doc;
  const parsed = doc.parsed!;
  if (!detection.isSegur) return { detection, findings: [] };

  const findings: Finding[] = [];
  /** Findings past MAX_FINDINGS_PER_FILE, counted by severity (see capFindings). */
  const beyond = new Beyond();
  encodingFinding(findings, options, known);
  if (doc.templateProblem) findings.push(doc.templateProblem);
  const covered = new Set<string>();
  const summary: FileSummary = { lines: [] };
  let summarized = false;
  const sons = sonsById(detection.sons);
  const overrides = options.severities ?? {};
  const sourcesOf = (id: string): readonly string[] => known.find((r) => r.meta.id === id)?.meta.sources ?? [];

  // A finding's provenance depends on its schema path, not on which request line it is in: computed once per rule,
  // basis and pointer with its array indices blanked (the same mistake on 200 lines walks the schema once, not 200
  // times). The object is shared by those findings (nothing changes a finding's provenance).
  const provenances = new Map<string, Provenance>();
  const provenanceOf = (rule: Rule, basis: NonNullable<ReportInput['basis']>, pointer: string): Provenance => {
    const key = `${rule.meta.id}\u0000${basis}\u0000${pointer.replace(INDEX_SEGMENT, '/#')}`;
    let p = provenances.get(key);
    if (p === undefined) {
      p = provenanceAt(schema, pointerPath(pointer), basis, template !== undefined, ruleProvenance(rule.meta.sources));
      provenances.set(key, p);
    }
    return p;
  };

  // The value the visitors being called look at: a report made there without a pointer is about it.
  const visiting: Visiting = { visit: undefined };

  let facts: Map<string, AttachmentFact> | undefined;
  const attachment = (name: string): AttachmentFact | undefined => {
    if (!options.attachments) return undefined;
    facts ??= new Map(options.attachments.map((f) => [f.name, f]));
    return facts.get(name);
  };
  const contextFor = (rule: Rule): RuleContext => ({
    text,
    detection,
    sons,
    schema,
    today: options.today ?? new Date(),
    client: options.client ?? 'cli',
    summary: () => (summarized ? summary : undefined),
    attachment,
    report(r: ReportInput) {
      const code = r.slug ? `${rule.meta.id}/${r.slug}` : rule.meta.id;
      // Without a pointer of its own, a finding a visitor makes on the visited value (no node, or the visit's node) is
      // about that value (types.ts ReportInput); one on another node has no pointer unless the rule gives it.
      const visit = visiting.visit;
      const pointer = r.pointer ?? (visit !== undefined && (r.node === undefined || r.node === visit.node) ? pointerOf(visit.path) : undefined);
      // Provenance from the schema part the finding rests on (engine/schema/provenance.ts), then the severity it allows.
      const provenance = r.provenance ?? (r.basis && pointer !== undefined ? provenanceOf(rule, r.basis, pointer) : ruleProvenance(rule.meta.sources));
      const level = findingLevel(code, rule.meta.id, r.severity ?? rule.meta.severity, provenance, overrides, options.modelledSeverity);
      if (level === 'off') return;
      const msg = messageFor(rule.meta.messages, r.messageId, provenance);
      if (!msg) throw new Error(`rule ${rule.meta.id}: no message ${r.messageId}`);
      const offset = r.offset ?? r.node?.offset ?? 0;
      const length = r.length ?? r.node?.length ?? 1;
      if (pointer) covered.add(pointer);
      for (const c of r.covers ?? []) covered.add(c);
      // Past the limit a finding is only counted: no message is built (limits.ts).
      if (findings.length >= MAX_FINDINGS_PER_FILE) {
        beyond.add(level);
        return;
      }
      const message = format(msg, r.args);
      findings.push({
        code,
        severity: level,
        message: provenance.kind === 'model' ? withModelledNote(message) : message,
        offset,
        length,
        pointer,
        fix: r.fix,
        related: r.related,
        provenance,
      });
    },
  });

  // Rules run isolated: a rule that throws yields one internal finding and is switched off for this document;
  // the others still run (the walker calls visitors inside try/catch, see walk.ts `Owner`).
  const owners: Owner[] = [];
  const fail = (o: Owner, e: unknown) => {
    o.dead = true;
    internalError(findings, o.rule as Rule, e);
  };
  // The rules given: all of the catalogue unless the caller gives some (a rule's table test runs it alone).
  for (const rule of rules) {
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
    // The schema stage's line validator runs while the walk is at each request line (its value is then in the
    // processor's cache; on a 10 000-request file a second pass over the value after the walk reads it from memory
    // again); its errors are mapped after the walk, in the same order as before (schemaData.ts `schemaErrors`).
    const lineErrors: LineErrors = [];
    const validators = structure && !template ? getValidators(detection.sons!, detection.kind!) : undefined;
    const lineValues = validators ? requestLines(parsed.value) : undefined;
    if (validators && lineValues) {
      const line = (v: ObjectVisit) => {
        const i = v.lineIndex;
        if (i !== undefined && i < lineValues.length) validateLine(validators, lineValues[i], i, lineErrors);
      };
      active.unshift({ rule: SCHEMA_OWNER, visitors: { line }, dead: false });
    }
    walk(parsed.root, schema, buildDispatch(active, structure), structure, fail, visiting);
    summarized = structure;
    if (structure && !template)
      schemaStage(
        parsed.value,
        parsed.root,
        detection.sons!,
        detection.kind!,
        findings,
        { covered, overrides, modelled: options.modelledSeverity, sourcesOf },
        lineErrors,
      );
    // A template has no precompiled validator: its value keywords are interpreted (templateValues.ts).
    else if (structure && template)
      templateValueFindings(parsed.root, template, findings, { covered, overrides, modelled: options.modelledSeverity, sourcesOf });
  }
  each((o) => o.visitors.end?.(parsed.root));

  findings.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  capFindings(findings, beyond);
  return { detection, findings, summary: summarized ? summary : undefined };
}

/** Findings left out past the limit, by severity. */
class Beyond {
  count = 0;
  errors = 0;
  worst: Severity | undefined;
  add(level: Severity): void {
    this.count++;
    if (level === 'error') this.errors++;
    if (this.worst === undefined || SEVERITY_RANK[level] < SEVERITY_RANK[this.worst]) this.worst = level;
  }
}
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * At most MAX_FINDINGS_PER_FILE findings (limits.ts), then one that says how many more there are and how many of
 * them are errors. It has the severity of the worst one left out, so that a file with errors is never shown (or
 * exits) as if it had none. Last in the list, at the place of the last finding shown (the list stays in order).
 */
export function capFindings(findings: Finding[], beyond = new Beyond()): void {
  for (let i = MAX_FINDINGS_PER_FILE; i < findings.length; i++) beyond.add(findings[i].severity);
  if (beyond.count === 0) return;
  findings.length = Math.min(findings.length, MAX_FINDINGS_PER_FILE);
  findings.push(moreFindingsFinding(beyond.count, beyond.errors, beyond.worst, findings.at(-1)?.offset ?? 0));
}

/** An array index in a JSON pointer (pointerPath reads every all-digit segment as one). */
const INDEX_SEGMENT = /\/\d+(?=\/|$)/g;

/** The request lines of a document's value (the root `lignesImport` array), if any. */
function requestLines(value: unknown): unknown[] | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const lines = (value as Record<string, unknown>)[LINES_KEY];
  return Array.isArray(lines) ? lines : undefined;
}

/** The schema stage's line validator runs in the walk like a rule (its errors are mapped after the walk). */
const SCHEMA_OWNER = {
  meta: { id: 'schema', title: { fr: 'schéma', en: 'schema' }, sources: [], severity: 'warning', fixable: false, messages: {} },
  stage: 'structure',
  create: () => ({}),
} as Rule;

/** The engine's own collector (per-line summary) runs in the walk like a rule. */
const SUMMARY_OWNER = {
  meta: { id: 'summary', title: { fr: 'résumé', en: 'summary' }, sources: [], severity: 'warning', fixable: false, messages: {} },
  stage: 'structure',
  create: () => ({}),
} as Rule;

function internalError(findings: Finding[], rule: Rule, e: unknown): void {
  // The message of the exception is not shown: it could quote a value of the document (health data).
  void e;
  findings.push(ruleInternalFinding(rule.meta.id));
}

/**
 * A finding of a rule reported by the engine itself, outside the walk (message from the rule's catalogue, severity
 * overrides applied as in `report`).
 */
function ruleFinding(
  findings: Finding[],
  options: CheckOptions,
  known: readonly Rule[],
  ruleId: string,
  r: { messageId: string; slug?: string; args?: ReportInput['args']; offset: number; length: number; provenance?: Provenance; note?: false },
): void {
  const rule = known.find((x) => x.meta.id === ruleId)!;
  const code = r.slug ? `${ruleId}/${r.slug}` : ruleId;
  const provenance = r.provenance ?? ruleProvenance(rule.meta.sources);
  const level = findingLevel(code, ruleId, rule.meta.severity, provenance, options.severities ?? {}, options.modelledSeverity);
  if (level === 'off') return;
  const message = format(rule.meta.messages[r.messageId], r.args);
  findings.push({
    code,
    severity: level,
    message: provenance.kind === 'model' && r.note !== false ? withModelledNote(message) : message,
    offset: r.offset,
    length: r.length,
    provenance,
  });
}

/**
 * S12/encoding: the caller decoded bytes that were not UTF-8 (engine/syntax/decode.ts). The portal takes UTF-8 (RFC 8259
 * §8.1; no public ASP document states the portal's own expectation: modelled). One finding
 * at the start of the file; the decoded content is checked as usual.
 */
function encodingFinding(findings: Finding[], options: CheckOptions, known: readonly Rule[]): void {
  const e = options.encoding;
  if (!e || isUtf8(e)) return;
  const guessed = e === 'iso-8859-1' || e === 'windows-1252';
  // No source says which encoding the portal takes: the finding rests on RFC 8259 only, so it is modelled (a warning
  // by default), not the portal's rejection (rule S12's own sources are about the syntax). Its message says so itself
  // (the modelled-structure note, about templates, does not apply).
  ruleFinding(findings, options, known, 'S12', {
    messageId: guessed ? 'encoding-guess' : 'encoding',
    slug: 'encoding',
    args: { detail: ENCODING_LABEL[e] },
    offset: 0,
    length: 1,
    provenance: { kind: 'model' },
    note: false,
  });
}

/**
 * A file over the size limit: one finding, and only what stays fast (JSON.parse for the syntax, the number of
 * requests). Rule S9 (source 004, docs/rules.md#s9): more than 200 requests is still an error, whatever the
 * size; only the expensive checks are skipped.
 */
function checkTooLarge(text: string, options: CheckOptions, known: readonly Rule[]): CheckResult {
  const mb = (text.length / 1024 / 1024).toFixed(1);
  const limit = ((options.maxBytes ?? DEFAULT_MAX_BYTES) / 1024 / 1024).toFixed(0);
  let value: unknown;
  let syntaxOk = true;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    syntaxOk = false;
  }
  const lines =
    value && typeof value === 'object' && Array.isArray((value as Record<string, unknown>).lignesImport)
      ? (value as Record<string, unknown[]>).lignesImport.length
      : undefined;
  const isSegur = lines !== undefined || /"lignesImport"/.test(text.slice(0, 4096));
  const detection = { isSegur, reason: { fr: `fichier de ${mb} Mo (limite ${limit} Mo)`, en: `${mb} MB file (limit ${limit} MB)` } };
  if (!isSegur) return { detection, findings: [] };
  const findings: Finding[] = [fileSizeFinding(mb, limit, lines)];
  if (!syntaxOk) findings.push(largeFileSyntaxFinding(known.find((x) => x.meta.id === 'S12')!.meta.sources));
  const max = SONS_TABLE.maxRequestsPerFile;
  if (lines !== undefined && lines > max) {
    // On the root "lignesImport" key, as S9 does on a file of normal size (the header keys come before it).
    const key = text.indexOf(`"${LINES_KEY}"`);
    ruleFinding(findings, options, known, 'S9', {
      messageId: 'tooMany',
      args: { count: numberText(lines), max: numberText(max) },
      offset: Math.max(key, 0),
      length: key >= 0 ? LINES_KEY.length + 2 : 1,
    });
  }
  const encoding: Finding[] = [];
  encodingFinding(encoding, options, known);
  return { detection, findings: [...encoding, ...findings] };
}
