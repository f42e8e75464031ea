/**
 * How a rule reads the document whichever parser built the tree. A strict JSON file is read on the fast path
 * (engine/syntax/tape.ts: `JSON.parse`'s values, nodes made on demand), any other on jsonc-parser's tree; both give
 * nodes of the same shape (engine/syntax/tree.ts). What only the fast path holds (the plain values `JSON.parse`
 * already made) is offered here as « at hand or not »: a rule may read it to skip building nodes, and reads the
 * nodes otherwise, without knowing which representation it has. Pure.
 */
import type { JsonNode } from '../syntax/tree';
import type { SchemaNode } from '../schema/schemaData';
import type { Visit } from '../shared/types';
import { TapeNode, spanOf as spanOfNode } from '../syntax/tape';
import { keysOf, ownerObjectOfVisit } from './walk';

/**
 * The node's plain JSON value (what `JSON.parse` gives: an object, an array, a scalar) when the parser already holds
 * it, else undefined (then read the node itself: its `value`, its children). A JSON value is never undefined, so
 * undefined means only « not at hand ». Nothing is built either way.
 */
export function valueAtHand(node: JsonNode | undefined): unknown {
  return node instanceof TapeNode ? node.raw : undefined;
}

/**
 * The plain object holding the visited value under a string key (its sibling properties, read without building
 * their nodes), when the parser already holds it; undefined otherwise (an array item, the root, or the tree of a
 * file that is not strict JSON: then read `v.prop?.parent`).
 */
export function siblingsAtHand(v: Visit): Record<string, unknown> | undefined {
  return ownerObjectOfVisit(v);
}

/**
 * A span of `node` carrying `value`, to be read later without keeping the node (and through it the document's value)
 * alive: its offset and length are looked up when read.
 */
export function spanOf<T>(value: T, node: JsonNode): { value: T; readonly offset: number; readonly length: number } {
  return spanOfNode(value, node);
}

/** The template keys of an object schema in their order, and each key's rank in it (computed once per schema node). */
export function templateKeys(schema: SchemaNode): { readonly order: readonly string[]; readonly rank: ReadonlyMap<string, number> } {
  return keysOf(schema);
}
