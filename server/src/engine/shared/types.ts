/**
 * Public types of the core: text in, findings out, and the rule API (rules import it; the core never imports a rule).
 * No LSP, no file system, no vscode here. This module imports only leaf modules (tree, parse), so that no module of
 * the core and no rule forms an import cycle through it (scripts/import-graph.mjs, `import type` included).
 */
import type { JsonNode, JsonPath } from '../syntax/tree';
import type { SyntaxProblem } from '../syntax/parse';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Kind = 'avance' | 'solde' | 'output';
export type Locale = 'fr' | 'en';

export interface Localized {
  fr: string;
  en: string;
}

/** A text edit on the checked text, in UTF-16 offsets. */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface Fix {
  title: Localized;
  edits: TextEdit[];
  /** Safe fixes are applied by "fix all" and `--fix`; others are only offered one by one. */
  safe: boolean;
}

export type { Position, Range } from '../syntax/lineIndex';

export interface Finding {
  /** Rule id of docs/rules.md, optionally `/slug` (e.g. `S3`, `I1/finess-key`). */
  code: string;
  severity: Severity;
  message: Localized;
  offset: number;
  length: number;
  /** JSON pointer of the value concerned (used to de-duplicate schema findings). */
  pointer?: string;
  fix?: Fix;
  /** Other places that explain the finding; `file` when it is in another file (rules across files). */
  related?: { offset: number; length: number; message: Localized; file?: string }[];
  /** What the finding rests on (engine/schema/provenance.ts): a source, the bundled model only, or a loaded template. */
  provenance: Provenance;
}

/**
 * What a finding rests on. `source`: a published document says it (`sources`: ids of schemas/sources.json, the
 * seeds `000`…`004` or the public generator `csv2json`, named as what it is); `reference`: a public standard outside
 * those documents (`sources`: the standard's id there, e.g. `finess-key`: the FINESS check key); `model`: only the bundled model (a modelled key, order,
 * enumeration, pattern or requiredness: severity capped by CheckOptions.modelledSeverity, message saying so);
 * `template`: an official template the user loaded (CheckOptions.template / templates).
 */
export interface Provenance {
  kind: 'source' | 'reference' | 'model' | 'template';
  sources?: string[];
}

export interface Detection {
  /** False when the file is not a Ségur file: then it gets no findings. */
  isSegur: boolean;
  kind?: Kind;
  sons?: string;
  corridor?: string;
  vague?: number;
  /** How the kind and SONS were found (content, file name, option, closest schema). */
  reason: Localized;
}

export interface CheckOptions {
  /** File name (only its base name is used, for detection). */
  fileName?: string;
  /** Forces the SONS (e.g. `IMG-RIS-Va2`). */
  sons?: string;
  /** Forces the kind. */
  kind?: 'avance' | 'solde';
  /** Per-rule severity overrides (`off` disables), keyed by rule id (`S7`) or full code (`I1/finess-key`). */
  severities?: Record<string, Severity | 'off'>;
  /**
   * The highest severity of a finding whose provenance is `model` (default `warning`; `error` keeps the rule's own
   * severity, `off` drops them). A per-rule override of `severities` wins over it.
   */
  modelledSeverity?: Severity | 'off';
  /**
   * A template to check the structure against instead of the bundled model (an expanded schema, e.g. learned from
   * an official ASP blank template). The precompiled validator of the bundled model is then not used.
   */
  template?: SchemaNode;
  /**
   * Learned official templates by `<SONS>.<kind>` (segur-json learn-template): used instead of the bundled model
   * for the detected SONS and kind.
   */
  templates?: Record<string, SchemaNode>;
  /** Above this size (default 10 MB) a file gets one finding and only the checks that stay fast. */
  maxBytes?: number;
  /** Nesting deeper than this (default 64) gets one finding and no tree. */
  maxDepth?: number;
  /** Today's date (JJ/MM/AAAA checks against the future); defaults to the system date. */
  today?: Date;
  /**
   * `tape` (default): strict JSON is walked as its `JSON.parse` value with a tape of positions (tape.ts);
   * `tree`: always build the tree of nodes (the fallback; tests compare both).
   */
  parser?: 'tape' | 'tree';
  /**
   * The encoding the caller decoded the file's bytes with (engine/syntax/decode.ts). When it is not UTF-8 the file gets
   * one S12/encoding finding at its start and its decoded content is checked as usual. Absent: the text is taken as
   * it is (an editor's document, already decoded).
   */
  encoding?: import('../syntax/decode').TextEncodingName;
  /**
   * Who shows the messages (default `cli`): a message that says how to act names the command-line options for
   * `cli` and the editor's commands for `editor` (rule S1 on an undetected file).
   */
  client?: 'cli' | 'editor';
  /** The rules to run (default: every rule of the catalogue, rules/catalogue.ts). A rule's table test runs it alone. */
  rules?: readonly Rule[];
  /**
   * What the disk says about the attachments the document names (server/src/io/attachmentFacts.ts reads the folder;
   * engine/check/attachmentNames.ts lists the names): plain data, so that the rules P1–P4 stay pure. Absent: the
   * attachments are not checked on disk (the CLI without `--attachments`, the editor without its setting).
   */
  attachments?: readonly AttachmentFact[];
}

/**
 * What the disk says about one attachment name (server/src/io/attachmentFacts.ts), keyed by the name exactly as written.
 * `state`: `found` a regular file of exactly that name; `missing` none (`caseOf`: a file whose name differs only by
 * letter case); `path` the name is not a plain file name (a folder part, `..`, a drive, a backslash): never opened;
 * `link-outside` a symbolic link leading out of the folder: not followed; `not-file` a folder, FIFO, device…;
 * `unreadable` the file could not be read (`reason`: the system's code, e.g. EACCES).
 */
export interface AttachmentFact {
  name: string;
  state: 'found' | 'missing' | 'path' | 'link-outside' | 'not-file' | 'unreadable';
  caseOf?: string;
  reason?: string;
  size?: number;
  /** What the first bytes are (`other`: none of the accepted formats, PDF/JPEG/PNG; `empty`: no byte). */
  kind?: 'PDF' | 'JPEG' | 'PNG' | 'other' | 'empty';
  /**
   * A PDF opened with pdf-lib: its pages, or why it does not open (`truncated`: no end-of-file marker); absent when
   * the file is larger than schemas/attachments.json `readBytes` (P2 reports it).
   */
  pdf?: { state: 'ok'; pages: number } | { state: 'encrypted' } | { state: 'broken' } | { state: 'truncated' };
}

export interface CheckResult {
  detection: Detection;
  findings: Finding[];
  /** Per-line values the rules across files need (absent when the structure could not be checked). */
  summary?: FileSummary;
}

// ——— Schemas and the SONS table (read by engine/schema/schemaData.ts) ———

export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  maxItems?: number;
  maxLength?: number;
  description?: string;
  title?: string;
  'x-en'?: string;
  /** A string on properties (`confirmed:000`, `modelled`); an object summary at a schema's root. */
  'x-provenance'?: string | Record<string, unknown>;
  'x-note'?: string;
  'x-check'?: string;
  'x-rule'?: string;
  'x-optional'?: string[];
  'x-template'?: string;
  'x-sons'?: string;
  'x-kind'?: string;
  /** A learned template for a SONS outside schemas/sons.json: its corridor, vague and n° ANS software code (learnedSons.ts). */
  'x-corridor'?: string;
  'x-vague'?: number;
  'x-ans-code'?: string;
  [k: string]: unknown;
}

export interface SonsInfo {
  id: string;
  corridor: string;
  software: string;
  vague: number;
  kinds: string[];
  ansCode?: string;
  pilots?: number | null;
  pilotIdentifier?: string | string[] | null;
  advanceShare?: number;
  identDmpVariant?: string | null;
  label?: Localized;
  provenance?: Record<string, string>;
  [k: string]: unknown;
}

// ——— The per-line summary of a file (made by engine/check/summary.ts, read by the rules across files) ———

export interface Spanned<T> {
  value: T;
  offset: number;
  length: number;
}

/**
 * What a role value of a line may hold: the collector keeps strings, numbers and null (a file being filled in has
 * `"numeroEditeur": null`, a number where a string is due…). Read it with `textOf` / `numberOf`.
 */
export type LineValue = string | number | null;

export interface BeneficiarySummary {
  /** Array (or object) of the beneficiaries block it belongs to, e.g. `Etablissements`, `medecinsLiberaux`. */
  group: string;
  index: number;
  readonly offset: number;
  /** Identifiers by role (`id:siren`, `id:finessGeo`…), in document order. */
  ids: (Spanned<string> & { role: string })[];
  /**
   * Other values of the beneficiary that rules may need, by key (e.g. `typeActivite`), or by `x-role` when the schema
   * names their meaning (e.g. `structureName`: the beneficiary structure's name, rule V6/representative).
   */
  attributes: Record<string, string>;
}

export interface LineSummary {
  index: number;
  readonly offset: number;
  editeur?: Spanned<LineValue>;
  dossier?: Spanned<LineValue>;
  amount?: Spanned<LineValue>;
  prestation?: Spanned<LineValue>;
  // May hold null or another type too (the rules of one file that read them check the type).
  vatRegime?: Spanned<string>;
  vatRate?: Spanned<number>;
  /** The client's legal representative named in the purchase order (`nomClient`, rule V6). */
  representative?: Spanned<LineValue>;
  /** The portal's processing code and label of the line (null in the uploaded JSON; csv2json, seed 002). */
  portalCode?: Spanned<string | null>;
  portalLabel?: Spanned<string | null>;
  beneficiaries: BeneficiarySummary[];
}

export interface FileSummary {
  lines: LineSummary[];
  /**
   * True when some object has keys the template does not know or misses some: the values of those keys are not in
   * the summary, so the rules across files do not use it (they would report beneficiaries as removed, say).
   */
  incomplete?: boolean;
  /**
   * Header values (trimmed; absent when null, blank or of another type): the rules across files compare only files
   * of the same SONS, n° ANS and SIRET (an avance of another editor or software is not the
   * solde's avance).
   */
  numeroAns?: string;
  siret?: string;
  /** Where those header values are written (C8 points at the solde's SIRET or n° ANS). */
  headerSpans?: { numeroAns?: HeaderSpan; siret?: HeaderSpan };
}

/** The place of a header value (read lazily on the fast path; plain numbers once settled). */
export interface HeaderSpan {
  readonly offset: number;
  readonly length: number;
}

// ——— The rule API (engine/rule-api.ts re-exports it) ———

/**
 * What part of the schema a finding rests on (engine/schema/provenance.ts); `keyset`: that the object holding the value has
 * no other keys than the schema's (a key the model does not know).
 */
export type Basis = 'key' | 'value' | 'object' | 'keyset' | 'check';

export interface RuleMeta {
  /** Rule id of docs/rules.md (S1…, V1…, I1…). */
  id: string;
  title: Localized;
  /** Source ids of schemas/sources.json: a seed document (e.g. `000`, `004`), or `csv2json` (the public generator). */
  sources: string[];
  severity: Severity;
  fixable: boolean;
  /**
   * Messages by id; `{name}` placeholders are replaced by report args. `<id>@model` is the variant shown when the
   * finding's provenance is `model` (a message that says « le portail rejette » says instead that it is modelled).
   */
  messages: Record<string, Localized>;
  /** What the sources state, in a sentence (docs/rules.md). */
  stated?: Localized;
  /** What the rule adds from the bundled model, and when its findings are `model` (docs/rules.md, README). */
  modelled?: Localized;
}

/** How one object's keys compare with its schema (computed once, shared by S1/S2/S3/S5/S6/S7/S8). */
export interface KeyAnalysis {
  /** Unknown keys, with the schema key they most likely mean and why. */
  unknown: { prop: JsonNode; key: string; target?: string; reason?: 'case' | 'plural' | 'space' | 'spelling' }[];
  /** Schema keys absent from the object and not explained by an unknown key. */
  missing: string[];
  /** Template order of the schema keys. */
  order: string[];
  /** True when the object has exactly the template keys, in the template order. */
  inOrder?: boolean;
}

/** What a visitor receives. The object and its `path` are reused by the traversal: copy what you keep. */
export interface Visit {
  node: JsonNode;
  /** `node.type` and `node.value`, read without making the node (on the fast path a scalar's node is made on demand). */
  readonly type: JsonNode['type'];
  readonly value: unknown;
  schema: SchemaNode | undefined;
  path: JsonPath;
  /** Property node holding this value (absent for the root and array items). */
  prop?: JsonNode;
  /** The request line (item of lignesImport) containing the value, if any. */
  line?: JsonNode;
  lineIndex?: number;
}

export interface ObjectVisit extends Visit {
  keys: KeyAnalysis;
}

export interface ReportInput {
  messageId: string;
  /** Placeholder values; a `Localized` one is written per language (engine/check/messages.ts numberText). */
  args?: Record<string, string | number | Localized>;
  /** Node (or explicit span) to put the range on. */
  node?: JsonNode;
  offset?: number;
  length?: number;
  /** Sub-code appended to the rule id (`I1/finess-key`). */
  slug?: string;
  /**
   * JSON pointer of the value the finding is about (its schema errors are not reported again; `basis` is read there).
   * Default: in a visitor, the visited value's, when the finding is put on it (no `node`, or the visit's node); none
   * elsewhere (`end`, `syntax`, a finding on another node).
   */
  pointer?: string;
  /** Other JSON pointers this finding explains (their schema errors are not reported again). */
  covers?: string[];
  severity?: Severity;
  fix?: Fix;
  related?: Finding['related'];
  /**
   * What part of the schema the finding rests on, at `pointer` (engine/schema/provenance.ts): `key` (the key: its name,
   * place, presence), `value` (its value constraints: type, enumeration, pattern), `object` (the keys and their order
   * in the object holding it), `check` (the rule's own check of the value, e.g. an identifier's key: its sources,
   * unless the schema annotates the key's values as modelled). Absent: the rule's own sources.
   */
  basis?: Basis;
  /** An explicit provenance, for a finding that rests on something else than the schema or the rule's sources. */
  provenance?: Provenance;
}

export interface RuleContext {
  readonly text: string;
  readonly detection: Detection;
  readonly sons: SonsInfo | undefined;
  readonly schema: SchemaNode | undefined;
  readonly today: Date;
  /** Who shows the messages (CheckOptions.client): the command line or an editor. */
  readonly client: 'cli' | 'editor';
  /** The per-line summary of the document, available in `end` when the structure was checked. */
  summary(): FileSummary | undefined;
  /**
   * What the disk says about an attachment name, exactly as written (CheckOptions.attachments); undefined when the
   * attachments are not checked on disk or the name was not looked up. The rules P1–P4 read only this.
   */
  attachment(name: string): AttachmentFact | undefined;
  report(input: ReportInput): void;
}

export interface RuleVisitors {
  /** Syntax problems of the parse stage (runs even when the tree is broken). */
  syntax?(problems: SyntaxProblem[]): void;
  /** Every object value with its key analysis (structure stage: only on a complete tree). */
  object?(v: ObjectVisit): void;
  array?(v: Visit): void;
  /** Scalar values whose schema has `x-check: <name>` (value stage). */
  checks?: Record<string, (v: Visit) => void>;
  /** Every scalar value (value stage). */
  scalar?(v: Visit): void;
  /** Each request line (item of lignesImport). */
  line?(v: ObjectVisit): void;
  /** After the traversal. */
  end?(root: JsonNode | undefined): void;
  /**
   * Which values the visitors look at, decided from the schema node alone (pure functions: the traversal asks once
   * per schema node and check, then calls the visitor only where it is wanted). `object: 'keys-differ'`: only
   * objects whose keys are not exactly the template's, in order (the rules that compare keys). Without a filter, a
   * visitor sees every value of its kind.
   */
  only?: {
    scalar?(schema: SchemaNode | undefined): boolean;
    array?(schema: SchemaNode | undefined): boolean;
    object?: ((schema: SchemaNode) => boolean) | 'keys-differ';
  };
}

export interface Rule {
  meta: RuleMeta;
  /**
   * `structure` rules compare the tree with the schema and need a complete tree; `value` rules look at single
   * values and also run on a tree recovered from broken syntax; `syntax` rules read the parse problems.
   */
  stage: 'syntax' | 'structure' | 'value';
  create(ctx: RuleContext): RuleVisitors;
}

/** A request line of a file indexed for the rules across files (C1–C8, U1–U3 across files). */
export interface IndexedLine {
  file: string;
  detection: Detection;
  sons: SonsInfo | undefined;
  line: LineSummary;
}

export interface ProjectReport extends ReportInput {
  /** File the finding belongs to. */
  file: string;
}

export interface PairContext {
  solde: IndexedLine;
  avance: IndexedLine;
  /** How the solde line was matched to its avance line. */
  matchedBy: 'dossier' | 'editeur';
  report(input: ProjectReport): void;
}

/** A solde line whose dossier number is also in other solde lines of the files checked together (C7). */
export interface DuplicateContext {
  solde: IndexedLine;
  /** The other solde lines with that dossier number (this file's and other files'), in file then line order. */
  others: IndexedLine[];
  /** How a message names a file. */
  nameOf(file: string): string;
  report(input: ProjectReport): void;
}

/** An avance of the solde's SONS, under another SIRET or n° ANS, sharing a dossier or éditeur number with it. */
export interface NearAvance {
  file: string;
  otherSiret: boolean;
  otherAns: boolean;
  /** The number they share: a dossier number if any line shares one, else an éditeur number. */
  by: 'dossier' | 'editeur';
}

/** A solde compared with no avance: none of its SONS, n° ANS and SIRET among the files checked together (C8). */
export interface NoAvanceContext {
  file: string;
  sons: string;
  /** Where the solde's header values are written. */
  siret?: HeaderSpan;
  numeroAns?: HeaderSpan;
  /** The rules that compare a solde line with its avance line (`pair`), which therefore did not run. */
  notRun: RuleMeta[];
  near: NearAvance[];
  nameOf(file: string): string;
  report(input: ProjectReport): void;
}

/**
 * A rule across files. `pair`: called for each solde line matched with its avance line. The other hooks are for the
 * rules about the set of files itself (C7, C8).
 */
export interface ProjectRule {
  meta: RuleMeta;
  pair?(ctx: PairContext): void;
  /**
   * Called for a solde line that matches no avance line while an avance of the same SONS, n° ANS and SIRET is
   * among the files checked together (C1: `C1/no-avance-line`).
   */
  unmatched?(ctx: { solde: IndexedLine; report(input: ProjectReport): void }): void;
  /** Called for each solde line whose dossier number another solde line of the same SONS, n° ANS and SIRET holds. */
  duplicate?(ctx: DuplicateContext): void;
  /** Called once for a solde file when no avance of its SONS, n° ANS and SIRET is among the files checked together. */
  noAvance?(ctx: NoAvanceContext): void;
}

/** The rules a service runs (engine/service.ts): the catalogue of rules/catalogue.ts, or a test's few. */
export interface Catalogue {
  readonly rules: readonly Rule[];
  readonly projectRules: readonly ProjectRule[];
}
