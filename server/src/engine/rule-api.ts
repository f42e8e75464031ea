/**
 * The rule author's guide: everything a rule (server/src/rules/) may use of the core, and the only module of the core
 * it imports. The core never imports a rule: the catalogue (rules/catalogue.ts) is given to it by the composition
 * root (server/src/segur.ts). A rule also imports its siblings (rules/util.ts, enumRule.ts, identifierRule.ts,
 * uniquenessRule.ts) and the check-key algorithms (server/src/identifiers/).
 *
 * What a rule is: metadata (`meta`: its id of docs/rules.md, title, sources, severity, messages by id, in French
 * and English) and `create(ctx)`, which returns visitors called by the engine's single traversal (`object`, `line`,
 * `array`, `scalar`, `checks` by `x-check` name, `syntax`, `end`), each with a filter (`only`) decided from the schema
 * node alone. A rule across files (`ProjectRule`) gets matched request lines (`pair`, `unmatched`, `duplicate`,
 * `noAvance`) instead.
 *
 * What a rule gets:
 * - the context (`RuleContext`): the text, the detection (SONS, kind), the SONS row, the schema in force (bundled
 *   or learned template), today, who shows the messages, the per-line summary (in `end`), what the disk says of an
 *   attachment name (`attachment(name)`: the rules P1–P4; undefined when attachments are not checked), and `report`;
 * - a visit (`Visit`, `ObjectVisit`): the node, its type and value, its schema node, its path, its property and
 *   request line, and for an object how its keys compare with the template (`KeyAnalysis`). The visit object is
 *   reused by the traversal: copy what you keep;
 * - schema and role look-ups: `SONS_TABLE`, `LINES_KEY`, `schemaAt`, `isType`, `isBlock`, `keyWithRole` (a value
 *   is read by its meaning, `x-role` of schemas/vocabulary.json, never by a corridor's key name), `keyMeans`,
 *   `templateKeys`, `parseProvenance`, `toolProvenance`;
 * - tree reading: `getProperty`, `getPropertyValue`, `propKey`, `propValue`; and, whichever parser built the tree,
 *   `valueAtHand` (a node's plain value when the parser already holds it) and `siblingsAtHand` (the plain object
 *   holding a visited value): a rule may read them to skip building nodes, and must read the nodes when they give
 *   undefined;
 * - spans: `spanOf` (a position kept without keeping the node), `pointerOf` (a path as a JSON pointer);
 * - the per-line summary: `FileSummary`, `LineSummary`, `BeneficiarySummary`, `textOf`, `numberOf`,
 *   `beneficiariesOf`, `appended`, `answered`, and the uniqueness occurrences (`occurrences`, `Occurrence`);
 * - message helpers: `numberText` (numbers written per language), `textStyle` and `templateValue` (the file's own
 *   newline and indent, a key's skeleton value, for fixes).
 *
 * What `report` fills in: the code (the rule's id, `/slug` appended), the message (the `<id>@model` variant for a
 * modelled finding, the modelled note), the severity (overrides, the cap of modelled findings), the provenance (from
 * `basis` at `pointer`, else the rule's sources, unless the rule gives one). `pointer` defaults to the visited
 * value's pointer when the report is made inside a visitor (`end` and the rules across files have no visited value:
 * there a pointer is given or there is none). Give `basis` when the finding rests on the schema (docs/rules.md).
 *
 * What a rule must not do: read files, the clock (use `ctx.today`), the network, the editor or the environment (the
 * engine is pure); keep nodes or the document's value past its visitors (keep spans); throw to report (an exception
 * switches the rule off for the document, with one `<id>/internal` finding); put a value of the document in a
 * message it does not need (health data), or in a log (there is none); know how the tree was parsed.
 */
export type {
  RuleMeta,
  KeyAnalysis,
  Visit,
  ObjectVisit,
  ReportInput,
  RuleContext,
  RuleVisitors,
  Rule,
  IndexedLine,
  ProjectReport,
  PairContext,
  DuplicateContext,
  NearAvance,
  NoAvanceContext,
  ProjectRule,
} from './shared/types';
export type {
  Localized,
  Provenance,
  Severity,
  Fix,
  TextEdit,
  Basis,
  SchemaNode,
  SonsInfo,
  FileSummary,
  LineSummary,
  LineValue,
  BeneficiarySummary,
  Spanned,
  HeaderSpan,
} from './shared/types';
export type { JsonNode, JsonPath } from './syntax/tree';

// Schema and role look-ups.
export { SONS_TABLE, LINES_KEY, schemaAt, isType, isBlock } from './schema/schemaData';
export { keyWithRole, keyMeans } from './schema/vocabulary';
export { parseProvenance, toolProvenance, pointerOf } from './schema/provenance';

// Tree reading, whichever parser built the tree.
export { getProperty, getPropertyValue, propKey, propValue } from './syntax/tree';
export { valueAtHand, siblingsAtHand, spanOf, templateKeys } from './check/reading';

// The per-line summary.
export { textOf, numberOf, beneficiariesOf, appended } from './check/summary';
export { answered } from './assist/overview';
export { Occurrence, occurrences, roleLabel, type UniquenessEntry } from './project/uniqueness';

// Messages and the text of fixes.
export { numberText } from './check/messages';
export { textStyle, templateValue } from './check/textStyle';

// The attachment files (rules P1–P4): the facts the disk gave, read through `ctx.attachment(name)`, and their limits.
export type { AttachmentFact } from './shared/types';
export { ATTACHMENT_LIMITS, formatOfName, type AttachmentFormat } from './check/attachmentNames';
