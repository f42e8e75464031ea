/**
 * One parsed document per version (parsed once, whoever asks): the text, its parse, its detection and the schema it is
 * checked against (a usable learned template of CheckOptions.template / templates, else the bundled model of its SONS ×
 * kind), built once by `parseDoc` and shared by validation, completion and hover (the server caches it per version and
 * text), the way vscode-json-languageservice's `parseJSONDocument` feeds `doValidation`, `doComplete` and `doHover`.
 * Pure: no LSP, no file system.
 */
import { parseDocument, type ParseResult } from '../syntax/parse';
import { detect, detectTooDeep } from './detect';
import { getSchema, schemaKey } from '../schema/schemaData';
import { usableTemplate } from '../schema/templateFormat';
import type { CheckOptions, Detection, Finding, SchemaNode } from '../shared/types';
import { templateUnusableFinding } from './engineFindings';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export interface ParsedDoc {
  readonly text: string;
  /** Over CheckOptions.maxBytes: not parsed (`parsed` is undefined); validation does only what stays fast. */
  readonly tooLarge: boolean;
  readonly parsed: ParseResult | undefined;
  readonly detection: Detection;
  /** The learned template the document is checked against, when one was given and is usable. */
  readonly template: SchemaNode | undefined;
  /** What the document is checked against: `template`, else the bundled schema of the detected SONS × kind. */
  readonly schema: SchemaNode | undefined;
  /** `S1/template` when the given template breaks the learned-template format (the bundled model then applies). */
  readonly templateProblem: Finding | undefined;
  /** The options the document was parsed and detected with (a cache compares them). */
  readonly options: CheckOptions;
}

/**
 * Parses and detects a text once. `options.parser: 'tree'` always builds the jsonc-parser tree (the fast path's
 * reference in tests).
 */
export function parseDoc(text: string, options: CheckOptions = {}): ParsedDoc {
  if (text.length > (options.maxBytes ?? DEFAULT_MAX_BYTES)) {
    return {
      text,
      tooLarge: true,
      parsed: undefined,
      detection: { isSegur: false, reason: { fr: '', en: '' } },
      template: undefined,
      schema: undefined,
      templateProblem: undefined,
      options,
    };
  }
  // One decision while parsing: the fast path or the jsonc-parser tree (parse.ts), never a second parse.
  const parsed = parseDocument(text, options.maxDepth, options.parser !== 'tree');
  const tooDeep = parsed.problems.some((p) => p.kind === 'too-deep');
  // Too deep to build a tree: detected from what can be read at any depth (the first level of the object, the file
  // name), so that it is a Ségur file with one S12/too-deep finding, never « not a Ségur file ».
  const detection = tooDeep ? detectTooDeep(text, options) : detect(parsed.root, parsed.value, options);
  const chosen = templateFor(options, detection.sons, detection.kind);
  const schema = chosen.template ?? (detection.sons && detection.kind ? getSchema(detection.sons, detection.kind) : undefined);
  return { text, tooLarge: false, parsed, detection, template: chosen.template, schema, templateProblem: chosen.problem, options };
}

/**
 * The template that replaces the bundled model (options.template, else the learned one of the SONS × kind), once
 * checked against the learned-template format (templateFormat.ts, cached per template object): a template that
 * breaks it is not used (it could crash the walk or switch checks off); one `S1/template` finding says so and the
 * bundled model applies. The CLI and the server check template files on load (server/src/io/templates.ts), so they
 * never pass a broken one.
 */
function templateFor(
  options: CheckOptions,
  sons: string | undefined,
  kind: string | undefined,
): { template: SchemaNode | undefined; problem: Finding | undefined } {
  const key = sons && kind ? schemaKey(sons, kind) : undefined;
  const given = options.template ?? (key !== undefined && options.templates && Object.hasOwn(options.templates, key) ? options.templates[key] : undefined);
  if (given === undefined || given === null) return { template: undefined, problem: undefined };
  const c = usableTemplate(given);
  if (c.template) return { template: c.template, problem: undefined };
  return { template: undefined, problem: templateUnusableFinding(c.problem) };
}
