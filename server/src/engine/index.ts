/**
 * Public API of the engine (pure: text in, findings out), and its composition root: the only module of the engine that
 * imports the rule catalogue (rules/index.ts) and binds it to the core (engine/service.ts). Every other module of
 * server/src/engine is the core and imports no rule (test/repo/import-graph.test.ts).
 */
import { RULES, PROJECT_RULES } from '../rules';
import { createService } from './service';
import { CrossIndex as CoreCrossIndex, type FileNamer } from './crossIndex';
import type { CheckOptions, CheckResult, Finding, Severity } from './types';
import type { ProjectEntry } from './project';

/** The service over the whole catalogue (the CLI, the server, the tests). */
export const service = createService({ rules: RULES, projectRules: PROJECT_RULES });

export function check(text: string, options: CheckOptions = {}): CheckResult {
  return service.check(text, options);
}

export function fixAll(text: string, options: CheckOptions, filter?: (f: Finding) => boolean, first?: CheckResult) {
  return service.fixAll(text, options, filter, first);
}

/** The findings across files of every entry (files without any are absent). Never throws (see crossIndex.ts). */
export function crossCheck(entries: ProjectEntry[], severities: Record<string, Severity | 'off'> = {}, modelled?: Severity | 'off', nameOf?: (file: string) => string): Map<string, Finding[]> {
  return service.crossCheck(entries, severities, modelled, nameOf);
}

/** The incremental index of crossIndex.ts over the catalogue's rules. */
export class CrossIndex extends CoreCrossIndex {
  constructor(nameOf?: FileNamer) {
    super(service, nameOf);
  }
}

export { createService, type Service, type ParsedDoc } from './service';
export { settleSummary } from './summary';
export { applyEdits, selectFixes, minimalEdit, isStrictJson } from './fixes';
export { LineIndex } from './positions';
export { SONS_TABLE, sonsById, getSchema } from './schemaData';
export { RULES, PROJECT_RULES } from '../rules';
export type { ProjectEntry } from './project';
export type { CrossInput } from './crossIndex';
export type * from './types';
export { soldeFromAvance, SoldeFromAvanceError } from './soldeFromAvance';
export { learnTemplate, TemplateError } from './learnTemplate';
export { decodeBytes, encodeUtf8, isUtf8, ENCODING_LABEL, type TextEncodingName, type Decoded } from './decode';
