/** What a rule is: metadata (ESLint-like) + visitors called by the engine's single traversal. */
import type { Detection, Finding, Fix, Localized, Provenance, Severity } from '../engine/types';
import type { Basis } from '../engine/provenance';
import type { SchemaNode, SonsInfo } from '../engine/schemaData';
import type { JsonNode, JsonPath } from '../engine/tree';
import type { SyntaxProblem } from '../engine/parse';

export interface RuleMeta {
  /** Rule id of shared/domain/rules.md (S1…, V1…, I1…). */
  id: string;
  title: Localized;
  /** Source documents of shared/seeds (e.g. `000`, `004`), or `csv2json` (shared/domain/json-formats.md). */
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
  args?: Record<string, string | number>;
  /** Node (or explicit span) to put the range on. */
  node?: JsonNode;
  offset?: number;
  length?: number;
  /** Sub-code appended to the rule id (`I1/finess-key`). */
  slug?: string;
  pointer?: string;
  /** Other JSON pointers this finding explains (their schema errors are not reported again). */
  covers?: string[];
  severity?: Severity;
  fix?: Fix;
  related?: Finding['related'];
  /**
   * What part of the schema the finding rests on, at `pointer` (engine/provenance.ts): `key` (the key: its name,
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
  summary(): import('../engine/summary').FileSummary | undefined;
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

/** A request line of a file indexed for the rules across files (C1–C6, U1–U3 across files). */
export interface IndexedLine {
  file: string;
  detection: Detection;
  sons: SonsInfo | undefined;
  line: import('../engine/summary').LineSummary;
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

/** A rule across files: called for each solde line matched with its avance line. */
export interface ProjectRule {
  meta: RuleMeta;
  pair(ctx: PairContext): void;
  /**
   * Called for a solde line that matches no avance line while an avance of the same SONS, n° ANS and SIRET is
   * among the files checked together (C1: `C1/no-avance-line`).
   */
  unmatched?(ctx: { solde: IndexedLine; report(input: ProjectReport): void }): void;
}
