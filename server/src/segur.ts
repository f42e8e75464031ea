/**
 * The one way in: the composition root that binds the rule catalogue (rules/catalogue.ts) to the core
 * (engine/service.ts), and the public API of both (pure: text in, findings out). The CLI, the server and io/
 * import the engine only through this module; the core never imports a rule, and rules see the core only through
 * engine/rule-api.ts (docs/architecture.md; test/repo/import-graph.test.ts enforces it).
 */
import { RULES, PROJECT_RULES } from './rules/catalogue';
import { createService, type Service } from './engine/service';
import { CrossIndex as CoreCrossIndex, type FileNamer } from './engine/project/crossIndex';
import type { CheckOptions, CheckResult, Finding, Severity } from './engine/shared/types';
import type { ProjectEntry } from './engine/project/project';
import { split as splitCore, type SplitOptions } from './engine/commands/split';
import { meaningOf } from './rules/util';

/** The service over the whole catalogue (the CLI, the server, the tests). */
export const service: Service = createService({ rules: RULES, projectRules: PROJECT_RULES });

export function check(text: string, options: CheckOptions = {}): CheckResult {
  return service.check(text, options);
}

export function fixAll(text: string, options: CheckOptions, filter?: (f: Finding) => boolean, first?: CheckResult) {
  return service.fixAll(text, options, filter, first);
}

/** The findings across files of every entry (files without any are absent). Never throws (see crossIndex.ts). */
export function crossCheck(
  entries: ProjectEntry[],
  severities: Record<string, Severity | 'off'> = {},
  modelled?: Severity | 'off',
  nameOf?: (file: string) => string,
): Map<string, Finding[]> {
  return service.crossCheck(entries, severities, modelled, nameOf);
}

/** The incremental index of crossIndex.ts over the catalogue's rules. */
export class CrossIndex extends CoreCrossIndex {
  constructor(nameOf?: FileNamer) {
    super(service, nameOf);
  }
}

// ——— The public API, room by room (docs/architecture.md) ———
export { RULES, PROJECT_RULES } from './rules/catalogue';
export type * from './engine/shared/types';
// check/: one file in, its findings and fixes out.
export { createService, type Service, type ParsedDoc } from './engine/service';
export { settleSummary, type FileSummary } from './engine/check/summary';
export { applyEdits, selectFixes, minimalEdit, isStrictJson } from './engine/check/fixes';
// The findings the engine, the CLI and the server make for the rules (each code's one place: engineFindings.ts).
export {
  editorInternalFinding,
  editorCrossInternalFinding,
  cliInternalFinding,
  BLANK_TEMPLATE_CODE,
  BLANK_TEMPLATE_IN_USE_CODE,
} from './engine/check/engineFindings';
// syntax/: bytes and text.
export { LineIndex, lineStarts } from './engine/syntax/lineIndex';
export { decodeBytes, encodeUtf8, isUtf8, ENCODING_LABEL, type TextEncodingName, type Decoded } from './engine/syntax/decode';
// schema/: the formats as data and what findings rest on.
export { SONS_TABLE, sonsById, getSchema, schemaKey } from './engine/schema/schemaData';
export { SOURCE_IDS, sourceKind, sourceName, type SourceKind } from './engine/schema/sources';
// project/: across files.
export type { ProjectEntry } from './engine/project/project';
export type { CrossInput } from './engine/project/crossIndex';
// assist/: editor help on one parsed document.
export { overview, addOverviews, type Overview } from './engine/assist/overview';
export { snippetCompletions } from './engine/assist/snippets';
// templates/: the ASP's official templates, learned or blank (their format and SONS in schema/).
export { learnTemplate, learnedTemplateText, TemplateError } from './engine/templates/learnTemplate';
export { checkTemplate, sizeProblem, BLANK, EXAMPLE, LEARNED } from './engine/schema/templateFormat';
export { learnedSonsOf, unknownSonsInfo, SONS_ID } from './engine/schema/learnedSons';
export { templateDiff, describeDifference } from './engine/templates/templateDiff';
export {
  isBlankTemplate,
  blankFileName,
  asBlankTemplate,
  USE_AS_TEMPLATE_TITLE,
  type BlankTemplate,
  type TemplateKind,
} from './engine/templates/blankTemplate';
// commands/: documents made from documents.
export { soldeFromAvance, SoldeFromAvanceError } from './engine/commands/soldeFromAvance';
export {
  mergeAttachmentsEdit,
  mergeGroups,
  mergeGroupAt,
  MergeEditError,
  type MergeEdit,
  type MergeEditOptions,
  type MergeGroup,
} from './engine/commands/mergeAttachments';
export { SplitError, splitFileName, type SplitOptions, type SplitPart, type SplitResult, type SplitTag } from './engine/commands/split';
/** `split` (engine/commands/split.ts) over the catalogue's check and the rules' reading of a VAT value (S11's). */
export const splitRequests = (text: string, options: SplitOptions = {}) => splitCore(text, options, { check, meaningOf });
// The attachment files: the names a document lists (the disk is read by io/attachmentFacts.ts).
export {
  attachmentNames,
  kindOfBytes,
  formatOfName,
  isPlainFileName,
  ATTACHMENT_LIMITS,
  MAGIC_LENGTH,
  type AttachmentName,
  type AttachmentFact,
  type AttachmentFormat,
} from './engine/check/attachmentNames';
