/**
 * S7 — Lines must not be in the wrong order: keys follow the template's order (source 004: "des lignes
 * manquantes ou dans le mauvais ordre"). The order is the order of `properties` in schemas/ (data, not code).
 * The fix rewrites the object with its properties in template order, each property's text kept verbatim and
 * the separators (blanks, line breaks) left where they were.
 */
import { propKey, templateKeys, type Rule, type JsonNode } from '../engine/rule-api';
import { L, pointerOf, fix, keyNodeOf } from './util';

export const S7: Rule = {
  meta: {
    id: 'S7',
    title: L('Ordre des balises du modèle', 'Template key order'),
    sources: ['004'],
    severity: 'error',
    fixable: true,
    stated: L(
      "« des lignes manquantes ou dans le mauvais ordre » parmi les rejets (004) ; l'ordre n'est connu que pour l'avance vague 1 (csv2json) et les blocs de l'exemple de solde IMG (000).",
      '"missing lines or lines in the wrong order" among the rejections (004); the order is known only for the vague 1 avance (csv2json) and the blocks of the IMG solde example (000).',
    ),
    modelled: L(
      "L'ordre des balises des blocs modélisés (en-tête et lignes vague 2, blocs HOP et MDV) : avertissement [modélisé].",
      'The key order of modelled blocks (vague 2 header and lines, HOP and MDV blocks): a [modelled] warning.',
    ),
    messages: {
      order: L(
        'Balise « {key} » mal placée : dans le modèle elle vient avant « {after} ».',
        'Key "{key}" is out of place: in the template it comes before "{after}".',
      ),
    },
  },
  stage: 'structure',
  create(ctx) {
    return {
      only: { object: 'keys-differ' },
      object(v) {
        if (v.keys.inOrder) return;
        const { unknown } = v.keys;
        let rank: ReadonlyMap<string, number> = templateKeys(v.schema!).rank;
        // Unknown keys that another rule renames are ranked as their target.
        if (unknown.some((u) => u.target)) {
          const aliased = new Map(rank);
          for (const u of unknown) if (u.target) aliased.set(u.key, aliased.get(u.target)!);
          rank = aliased;
        }
        const props = v.node.children ?? [];
        let maxRank = -1;
        let misplaced: JsonNode | undefined;
        for (const p of props) {
          const r = rank.get(propKey(p));
          if (r === undefined) continue;
          if (r < maxRank && !misplaced) misplaced = p;
          if (r > maxRank) maxRank = r;
        }
        if (!misplaced) return;
        // The first key that comes later in the template but stands before the misplaced one.
        const mr = rank.get(propKey(misplaced))!;
        const after = props.find((p) => (rank.get(propKey(p)) ?? -1) > mr) ?? props[0];
        ctx.report({
          messageId: 'order',
          args: { key: propKey(misplaced), after: propKey(after) },
          node: keyNodeOf(misplaced),
          pointer: pointerOf([...v.path, propKey(misplaced)]) + '#order',
          basis: 'object',
          fix: fix(L("Remettre les balises dans l'ordre du modèle", 'Put the keys in template order'), [reorderEdit(ctx.text, props, rank)]),
        });
      },
    };
  },
};

function reorderEdit(text: string, props: JsonNode[], rank: ReadonlyMap<string, number>) {
  // Unknown keys keep their place after the known key that precedes them.
  let last = -1;
  const keyed = props.map((p, i) => {
    const r = rank.get(propKey(p));
    if (r !== undefined) last = r;
    return { p, r: r ?? last + 0.5, i };
  });
  const sorted = [...keyed].sort((a, b) => a.r - b.r || a.i - b.i);
  const start = props[0].offset;
  const end = props[props.length - 1].offset + props[props.length - 1].length;
  let out = '';
  for (let i = 0; i < props.length; i++) {
    const q = sorted[i].p;
    out += text.slice(q.offset, q.offset + q.length);
    if (i < props.length - 1) out += text.slice(props[i].offset + props[i].length, props[i + 1].offset);
  }
  return { offset: start, length: end - start, newText: out };
}
