/** Public API of the engine (pure: text in, findings out). */
export { check } from './engine';
export { settleSummary } from './summary';
export { applyEdits, selectFixes, fixAll, minimalEdit, isStrictJson } from './fixes';
export { LineIndex } from './positions';
export { SONS_TABLE, sonsById, getSchema } from './schemaData';
export { RULES, PROJECT_RULES } from '../rules';
export { crossCheck, CrossIndex, type ProjectEntry, type CrossInput } from './project';
export type * from './types';
export { soldeFromAvance, SoldeFromAvanceError } from './soldeFromAvance';
export { learnTemplate, TemplateError } from './learnTemplate';
export { decodeBytes, encodeUtf8, isUtf8, ENCODING_LABEL, type TextEncodingName, type Decoded } from './decode';
