/**
 * The vocabulary of key meanings (schemas/vocabulary.json, docs/schema-format.md « Vocabulaire ») applied to the
 * expanded bundled schemas at build time: every key's `x-check`, `x-role` and `x-rule` that its name
 * carries are derived here, so the bundled annotations cannot drift from the vocabulary.
 * - A hand annotation equal to the derived one is an error (it is derived: remove it from schemas/).
 * - A hand annotation that differs from the derived one is an error (it contradicts the vocabulary).
 * - A hand `x-check` / `x-role` where the name carries nothing is kept (a key whose name cannot carry its meaning),
 *   but must be a value the vocabulary knows (a typo fails the build).
 * Pure: `annotate` changes the schemas it is given and returns the list of annotations it set; no I/O.
 * The same matcher runs at learn time in server/src/engine/schema/vocabulary.ts (test/engine/schema/vocabulary.test.ts checks that
 * both give the same meanings on every bundled key).
 */

const SLOTS = ['x-check', 'x-role', 'x-rule'];

/** The compiled matcher of a vocabulary: meanings (with their variant) that a key name carries, in order. */
export function compileVocabulary(vocabulary) {
  const re = (list) => (list ?? []).map((s) => new RegExp(s, 'i'));
  return vocabulary.meanings.map((m) => ({ m, keys: re(m.keys), variants: (m.variants ?? []).map((v) => ({ v, keys: re(v.keys) })) }));
}

/** Meanings of a key name: `{ meaning, variant, annotations }` in vocabulary order. */
export function meaningsOfKey(compiled, key) {
  const out = [];
  for (const { m, keys, variants } of compiled) {
    for (const r of keys) {
      const hit = r.exec(key);
      if (!hit) continue;
      const rest = key.slice(0, hit.index) + key.slice(hit.index + hit[0].length);
      const variant = variants.find((x) => x.keys.some((k) => k.test(rest)))?.v;
      const annotations = {};
      for (const s of SLOTS) {
        const a = variant?.[s] ?? m[s];
        if (a !== undefined) annotations[s] = a;
      }
      out.push({ meaning: m, variant, annotations });
      break;
    }
  }
  return out;
}

const typesOf = (node) => (node?.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type]);

/** Whether a schema node's type admits the meaning's value shape (a boolean `isDirectToMSSPro` is no MSS address). */
export function admitsShape(node, shape) {
  if (!shape?.type) return true;
  const types = typesOf(node);
  if (types.length === 0) return true;
  if (shape.type === 'integer') return types.includes('integer') || types.includes('number');
  if (shape.type === 'number') return types.includes('number') || types.includes('integer');
  return types.includes(shape.type);
}

const isBlock = (node) => typesOf(node).some((t) => t === 'object') || node?.properties !== undefined;
const isScalarArray = (node) =>
  typesOf(node).includes('array') && node.items && typeof node.items === 'object' && !isBlock(node.items) && !typesOf(node.items).includes('array');

/**
 * The annotations a key's name gives to its schema node: `{ node: {...}, items: {...} }` (an array of identifiers:
 * `x-role` on the array and its items, `x-check` / `x-rule` on the items, the values checked).
 */
export function derivedAnnotations(compiled, key, node) {
  const arr = isScalarArray(node);
  const valueNode = arr ? node.items : node;
  const block = !arr && (isBlock(node) || typesOf(node).includes('array'));
  const got = {};
  for (const { meaning, annotations } of meaningsOfKey(compiled, key)) {
    const applies = meaning.applies ?? 'value';
    if (applies === 'block' ? !block : block || !admitsShape(valueNode, meaning.shape)) continue;
    for (const s of SLOTS) if (got[s] === undefined && annotations[s] !== undefined) got[s] = annotations[s];
  }
  if (!arr) return { node: got, items: {} };
  const items = { ...got };
  const top = got['x-role'] !== undefined ? { 'x-role': got['x-role'] } : {};
  return { node: top, items };
}

/** Every `x-check` and `x-role` value the vocabulary gives (a hand annotation must be one of them). */
export function knownValues(vocabulary) {
  const known = { 'x-check': new Set(), 'x-role': new Set() };
  for (const m of vocabulary.meanings) {
    for (const x of [m, ...(m.variants ?? [])]) for (const s of ['x-check', 'x-role']) if (x[s] !== undefined) known[s].add(x[s]);
  }
  return known;
}

/**
 * Derives the annotations of every key of the expanded schemas (`{ id: schema }`) from the vocabulary, in place.
 * Throws on a hand annotation that the vocabulary derives or contradicts, or that it does not know.
 * Returns the annotations set, as `{ schema, pointer, slot, value }`.
 */
export function annotate(expanded, vocabulary) {
  const compiled = compileVocabulary(vocabulary);
  const known = knownValues(vocabulary);
  const set = [];
  const problems = [];
  const apply = (id, pointer, target, derived, key) => {
    for (const s of SLOTS) {
      const hand = target[s];
      const d = derived[s];
      if (d !== undefined && hand !== undefined) {
        problems.push(
          hand === d
            ? `${id} ${pointer}: ${s} "${hand}" is derived from the vocabulary (key « ${key} »): remove it from schemas/`
            : `${id} ${pointer}: ${s} "${hand}" contradicts the vocabulary ("${d}" for key « ${key} »)`,
        );
        continue;
      }
      if (d !== undefined) {
        target[s] = d;
        set.push({ schema: id, pointer, slot: s, value: d });
      } else if (hand !== undefined && s !== 'x-rule' && !known[s].has(hand))
        problems.push(`${id} ${pointer}: ${s} "${hand}" is not a meaning of schemas/vocabulary.json`);
    }
  };
  const walk = (id, node, pointer) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    if (node.properties) {
      for (const [k, child] of Object.entries(node.properties)) {
        if (!child || typeof child !== 'object') continue;
        const here = `${pointer}/${k}`;
        const d = derivedAnnotations(compiled, k, child);
        // The build copies an identifier array's hand role onto its items (expand): that copy is not a hand annotation.
        if (child.items && child['x-role'] !== undefined && child.items['x-role'] === child['x-role'] && d.items['x-role'] === child['x-role'])
          delete child.items['x-role'];
        apply(id, here, child, d.node, k);
        if (isScalarArray(child)) apply(id, `${here}/[]`, child.items, d.items, k);
        walk(id, child, here);
      }
    }
    if (node.items && !isScalarArray(node)) walk(id, node.items, `${pointer}/[]`);
  };
  for (const [id, schema] of Object.entries(expanded)) walk(id, schema, '');
  if (problems.length > 0) throw new Error(`schemas/vocabulary.json:\n  ${problems.join('\n  ')}`);
  return set;
}
