/**
 * The core's service object: rules are given, never imported, so that a test runs one rule alone and
 * the core has no import of the catalogue (scripts/import-graph.mjs). The composition root (segur.ts) binds
 * the catalogue of rules/catalogue.ts.
 *
 * One parsed document per version: `parse` builds it once (text, parse, detection, the schema or learned template
 * chosen); `validate`, `complete` and `hover` use it, the way vscode-json-languageservice's `parseJSONDocument` feeds
 * `doValidation` / `doComplete` / `doHover`. Pure: no LSP, no file system.
 */
import { checkWith, validate } from './check/runner';
import { parseDoc, type ParsedDoc } from './check/document';
import { completeDoc, hoverDoc, type CompletionEntry, type HoverInfo } from './assist/assist';
import { CrossIndex, crossCheckAll, type CrossInput, type FileNamer } from './project/crossIndex';
import { fixAllWith, type FixAllResult } from './check/fixes';
import type { Catalogue, CheckOptions, CheckResult, Finding, Locale, ProjectRule, Rule, Severity } from './shared/types';

export type { ParsedDoc } from './check/document';

export interface Service extends Catalogue {
  /** Parses and detects a text once (document.ts). */
  parse(text: string, options?: CheckOptions): ParsedDoc;
  /** The findings of a parsed document (give the options it was parsed with; severities may differ). */
  validate(doc: ParsedDoc, options?: CheckOptions): CheckResult;
  /** `validate(parse(text, options), options)`. */
  check(text: string, options?: CheckOptions): CheckResult;
  /** Completion at `offset` from the document's schema (a learned template when one applies). */
  complete(doc: ParsedDoc, offset: number, lang?: Locale): CompletionEntry[];
  /** Hover at `offset` from the document's schema (a learned template when one applies). */
  hover(doc: ParsedDoc, offset: number, lang?: Locale): HoverInfo | undefined;
  /** The findings across files of files checked together (the CLI; the server keeps a `crossIndex`). */
  crossCheck(
    entries: { file: string; result: CrossInput }[],
    severities?: Record<string, Severity | 'off'>,
    modelled?: Severity | 'off',
    nameOf?: FileNamer,
  ): Map<string, Finding[]>;
  /** An incremental index of files for the rules across files (the server's). */
  crossIndex(nameOf?: FileNamer): CrossIndex;
  /** "Fix all" with these rules (fixes.ts). */
  fixAll(text: string, options: CheckOptions, filter?: (f: Finding) => boolean, first?: CheckResult): FixAllResult;
}

export function createService(given: { rules: readonly Rule[]; projectRules?: readonly ProjectRule[] }): Service {
  const catalogue: Catalogue = { rules: given.rules, projectRules: given.projectRules ?? [] };
  const check = (text: string, options: CheckOptions = {}) => checkWith(catalogue, text, options);
  return {
    ...catalogue,
    parse: (text, options = {}) => parseDoc(text, options),
    validate: (doc, options) => validate(catalogue, doc, options ?? doc.options),
    check,
    complete: (doc, offset, lang = 'fr') => completeDoc(doc, offset, lang),
    hover: (doc, offset, lang = 'fr') => hoverDoc(doc, offset, lang),
    crossCheck: (entries, severities = {}, modelled, nameOf) => crossCheckAll(catalogue, entries, severities, modelled, nameOf),
    crossIndex: (nameOf) => new CrossIndex(catalogue, nameOf),
    fixAll: (text, options, filter, first) => fixAllWith(check, text, options, filter, first),
  };
}
