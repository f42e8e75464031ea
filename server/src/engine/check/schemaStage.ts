/**
 * The schema stage of the bundled schemas: the precompiled ajv validators (ajv-errors messages,
 * scripts/build-schemas.mjs), run on the file's head and then on each request line (schemaData.ts `schemaErrors`: the
 * errors and their order of one whole-file run, at a cost linear in the number of lines and errors, even when the same
 * mistake is on every line). Errors that no rule explained become `S1/schema` findings, or `<x-rule>/schema` when the
 * key's schema names its rule (docs/rules.md). Their provenance is the schema's: a missing key rests on the key, an
 * unknown key on its object's keys, any other error on the value constraints of the key (engine/schema/provenance.ts). An
 * error is placed on its node found from its request line's node (not from the root for each error). Pure: no I/O. A
 * learned template has no precompiled validator: templateValues.ts interprets its keywords.
 */
import { findNodeAtLocation } from 'jsonc-parser';
import { getSchema, getValidators, schemaAt, schemaErrors, LINES_KEY, type AjvError, type LineErrors } from '../schema/schemaData';
import { schemaFallbackMessage } from '../schema/schemaMessages';
import { schemaErrorCode } from './engineFindings';
import { findingLevel, pointerPath, provenanceAt, ruleProvenance, withModelledNote } from '../schema/provenance';
import type { JsonNode } from '../syntax/tree';
import type { Finding, Localized, Severity } from '../shared/types';

export interface SchemaStageOptions {
  /** Pointers a rule already reported on (or covered): no second finding there. */
  covered: Set<string>;
  overrides: Record<string, Severity | 'off'>;
  modelled: Severity | 'off' | undefined;
  /** The sources of a rule of the catalogue (by id), for the provenance of its `/schema` findings. */
  sourcesOf: (ruleId: string) => readonly string[];
}

/**
 * Runs the validators of `sons` × `kind` on `value` and adds the findings of their errors to `findings`; `lineErrors`:
 * the results of request lines already validated during the walk (schemaData.ts `validateLine`).
 */
export function schemaStage(
  value: unknown,
  root: JsonNode,
  sons: string,
  kind: string,
  findings: Finding[],
  options: SchemaStageOptions,
  lineErrors?: LineErrors,
): void {
  const validators = getValidators(sons, kind);
  if (!validators) return;
  const schema = getSchema(sons, kind);
  const map = schemaFindings(root, sons, kind, findings, options);
  schemaErrors(validators, schema, value, map, lineErrors);
}

/**
 * The mapping of validator errors (full instance paths, in a whole-file validator's order) to findings; `line`, when
 * given, is the index of the request line holding the error (its node is then looked up once for its errors).
 * Exported so that a test can feed it the errors of a whole-file validator and compare (test/engine/check/schemaStage.test.ts).
 */
export function schemaFindings(
  root: JsonNode,
  sons: string,
  kind: string,
  findings: Finding[],
  options: SchemaStageOptions,
): (e: AjvError, line?: number) => void {
  const schema = getSchema(sons, kind);
  const { covered, overrides, modelled } = options;
  const seen = new Set<string>();
  const sources = new Map<string, readonly string[]>();
  let linesNode: JsonNode | undefined | null = null;
  let lineIndex = -1;
  let lineNode: JsonNode | undefined;
  return (e: AjvError, line?: number) => {
    const pointer = errorPointer(e);
    const dedup = pointer + e.keyword;
    if (covered.has(pointer) || seen.has(dedup)) return;
    seen.add(dedup);
    const path = pointerPath(e.instancePath);
    let node: JsonNode | undefined;
    if (line !== undefined && path.length >= 2 && path[0] === LINES_KEY && path[1] === line) {
      if (linesNode === null) linesNode = findNodeAtLocation(root as never, [LINES_KEY]) as JsonNode | undefined;
      if (lineIndex !== line) {
        lineIndex = line;
        lineNode = linesNode ? (findNodeAtLocation(linesNode as never, [line]) as JsonNode | undefined) : undefined;
      }
      node = lineNode && path.length > 2 ? (findNodeAtLocation(lineNode as never, path.slice(2)) as JsonNode | undefined) : lineNode;
    } else node = findNodeAtLocation(root as never, path) as JsonNode | undefined;
    const leafSchema = schemaAt(schema, path);
    const rule = leafSchema?.['x-rule'];
    const { code, ruleId } = schemaErrorCode(rule);
    const basis = e.keyword === 'required' ? 'key' : e.keyword === 'additionalProperties' ? 'object' : 'value';
    let ruleSources = sources.get(ruleId);
    if (!ruleSources) sources.set(ruleId, (ruleSources = options.sourcesOf(ruleId)));
    const provenance = provenanceAt(schema, pointerPath(pointer), basis, false, ruleProvenance(ruleSources));
    const level = findingLevel(code, ruleId, 'error', provenance, overrides, modelled);
    if (level === 'off') return;
    const target = node?.parent?.type === 'property' && (e.keyword === 'required' || e.keyword === 'additionalProperties') ? node.parent.children![0] : node;
    const fallback: Localized = schemaFallbackMessage(e, leafSchema);
    const message = provenance.kind === 'model' ? withModelledNote(fallback) : fallback;
    findings.push({
      code,
      severity: level,
      message,
      offset: target?.offset ?? 0,
      length: target ? (target.type === 'object' || target.type === 'array' ? 1 : target.length) : 1,
      pointer,
      provenance,
    });
  };
}

function errorPointer(e: AjvError): string {
  if (e.keyword === 'required') return `${e.instancePath}/${e.params.missingProperty}`;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${e.params.additionalProperty}`;
  return e.instancePath;
}
