/** Public types of the engine: text in, findings out. No LSP, no file system, no vscode here. */

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

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Finding {
  /** Rule id of shared/domain/rules.md, optionally `/slug` (e.g. `S3`, `I1/finess-key`). */
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
  /** What the finding rests on (engine/provenance.ts): a source, the bundled model only, or a loaded template. */
  provenance: Provenance;
}

/**
 * What a finding rests on (issue 11). `source`: a seed or public document says it (`sources`: ids of
 * schemas/sources.json, `000`…`004`, `csv2json`); `model`: only the bundled model (a modelled key, order,
 * enumeration, pattern or requiredness: severity capped by CheckOptions.modelledSeverity, message saying so);
 * `template`: an official template the user loaded (CheckOptions.template / templates).
 */
export interface Provenance {
  kind: 'source' | 'model' | 'template';
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
  template?: import('./schemaData').SchemaNode;
  /**
   * Learned official templates by `<SONS>.<kind>` (segur-json learn-template): used instead of the bundled model
   * for the detected SONS and kind.
   */
  templates?: Record<string, import('./schemaData').SchemaNode>;
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
   * The encoding the caller decoded the file's bytes with (engine/decode.ts). When it is not UTF-8 the file gets
   * one S12/encoding finding at its start and its decoded content is checked as usual. Absent: the text is taken as
   * it is (an editor's document, already decoded).
   */
  encoding?: import('./decode').TextEncodingName;
  /**
   * Who shows the messages (default `cli`): a message that says how to act names the command-line options for
   * `cli` and the editor's commands for `editor` (rule S1 on an undetected file).
   */
  client?: 'cli' | 'editor';
  /** The rules to run (default: every rule of the catalogue, rules/index.ts). A rule's table test runs it alone. */
  rules?: readonly import('../rules/types').Rule[];
}

export interface CheckResult {
  detection: Detection;
  findings: Finding[];
  /** Per-line values the rules across files need (absent when the structure could not be checked). */
  summary?: import('./summary').FileSummary;
}
