/** Public API of the engine (pure: text in, findings out). */
export { check } from './engine';
export { settleSummary } from './summary';
export { applyEdits, selectFixes } from './fixes';
export { LineIndex } from './positions';
export { SONS_TABLE, sonsById, getSchema } from './schemaData';
export { RULES, PROJECT_RULES } from '../rules';
export { crossCheck, CrossIndex, type ProjectEntry, type CrossInput } from './project';
export type * from './types';
export { soldeFromAvance, SoldeFromAvanceError } from './soldeFromAvance';
export { learnTemplate, TemplateError } from './learnTemplate';
