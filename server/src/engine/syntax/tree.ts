/**
 * Document tree: the same shape as jsonc-parser's `Node` (type, offset, length, value, children, parent,
 * colonOffset), so jsonc-parser utilities work on it whichever parser built it.
 */
import type { Node } from 'jsonc-parser';

export type NodeType = Node['type'];

export interface JsonNode {
  type: NodeType;
  offset: number;
  length: number;
  value?: unknown;
  colonOffset?: number;
  parent?: JsonNode;
  children?: JsonNode[];
}

/**
 * A node that finds its own properties without building its children (the fast path's TapeNode, tape.ts): known by
 * shape, so that this module imports nothing of the engine (tape.ts imports it).
 */
interface PropertyLookup extends JsonNode {
  property(key: string): JsonNode | undefined;
  propertyValue(key: string): JsonNode | undefined;
}

function lookup(obj: JsonNode | undefined): obj is PropertyLookup {
  return obj !== undefined && typeof (obj as Partial<PropertyLookup>).propertyValue === 'function';
}

/** A property node's key (children[0]) and value (children[1]). */
export function propKey(prop: JsonNode): string {
  return prop.children![0].value as string;
}

export function propValue(prop: JsonNode): JsonNode | undefined {
  return prop.children![1];
}

/** Finds a direct property of an object node by exact key. */
export function getProperty(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  if (lookup(obj)) return obj.property(key);
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  for (const p of obj.children) if (p.children && p.children[0].value === key) return p;
  return undefined;
}

export function getPropertyValue(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  if (lookup(obj)) return obj.propertyValue(key);
  const p = getProperty(obj, key);
  return p ? propValue(p) : undefined;
}

/** JSON pointer-like path segments from the root to a node. */
export type JsonPath = (string | number)[];
