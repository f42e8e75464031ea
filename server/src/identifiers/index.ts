/**
 * Identifier and value checks used by the rules (rules I1–I8, V1, V2, V7, V8 of docs/rules.md).
 *
 * Every function is pure and takes the value as a string (except `checkAmount`); callers report non-strings
 * themselves. Algorithms, edge cases and test vectors: docs/identifiers.md (cited as "ids §n").
 * A failure carries a `reason`, a French `hint` for the message, and a `suggestion` only when the correction
 * is unambiguous and the suggested value itself passes the check (quick fix).
 *
 * One file per family, each with its test beside it (`<family>.test.ts`); this file re-exports
 * them so that importers keep `../identifiers`. common.ts holds the result type and the shared building blocks.
 */
export type { IdFailure, IdCheck } from './common';
export * from './finess';
export * from './siren-siret';
export * from './rpps-am';
export * from './identDmp';
export * from './identInsi';
export * from './dossier-ans';
export * from './contact';
export * from './date';
export * from './amount';
export * from './fileName';
