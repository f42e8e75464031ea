/**
 * What a rule is: metadata (ESLint-like) + visitors called by the engine's single traversal. The rule API lives in the
 * core (engine/types.ts: the core never imports a rule, rules import the core); re-exported here for the rules.
 */
export type { RuleMeta, KeyAnalysis, Visit, ObjectVisit, ReportInput, RuleContext, RuleVisitors, Rule, IndexedLine, ProjectReport, PairContext, DuplicateContext, NearAvance, NoAvanceContext, ProjectRule } from './types';
