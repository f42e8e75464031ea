/**
 * S2 — Never delete a block that does not apply: write it as an empty array `[]` (source 000, "Ne pas supprimer
 * les blocs non concernés → renseigner []"). Reports a missing block (array or object block) and a block written
 * `null`; the fix inserts `[]` (or the object's skeleton) at its template position.
 */
import { isBlock, isType, type Rule } from '../engine/rule-api';
import { L, pointerOf, ownerSpan, insertKeyEdit, fix, replaceNode } from './util';

export const S2: Rule = {
  meta: {
    id: 'S2',
    title: L('Bloc non concerné : [] et non suppression', 'Block that does not apply: [] rather than deleted'),
    sources: ['000'],
    severity: 'error',
    fixable: true,
    stated: L('« Ne pas supprimer les blocs non concernés → renseigner [] » (000).', '"Do not delete the blocks that do not apply → write []" (000).'),
    modelled: L(
      "Quelles balises sont des blocs, hors blocs de l'exemple 000 et de csv2json : un bloc manquant d'une partie modélisée est un avertissement [modélisé].",
      'Which keys are blocks, beyond the blocks of the 000 example and of csv2json: a missing block of a modelled part is a [modelled] warning.',
    ),
    messages: {
      missing: L(
        "Bloc « {key} » manquant : un bloc non concerné ne se supprime pas, il s'écrit [] (modèle {model}).",
        'Missing block "{key}": a block that does not apply is not deleted, it is written [] ({model} template).',
      ),
      missingObject: L(
        'Bloc « {key} » manquant (modèle {model}) : il doit être présent, ses balises non concernées à null.',
        'Missing block "{key}" ({model} template): it must be present, with its keys that do not apply set to null.',
      ),
      nullBlock: L("Bloc « {key} » écrit null : un bloc non concerné s'écrit [].", 'Block "{key}" written null: a block that does not apply is written [].'),
    },
  },
  stage: 'structure',
  create(ctx) {
    const model = `${ctx.detection.sons} ${ctx.detection.kind}`;
    return {
      only: { object: 'keys-differ', scalar: (s) => isBlock(s) && !isType(s, 'null') },
      object(v) {
        const props = v.schema!.properties!;
        for (const key of v.keys.missing) {
          const s = props[key];
          const objectBlock = isType(s, 'object') && !isType(s, 'null');
          if (!isBlock(s) && !objectBlock) continue;
          ctx.report({
            messageId: objectBlock && !isBlock(s) ? 'missingObject' : 'missing',
            slug: 'missing-block',
            args: { key, model },
            ...ownerSpan(v),
            pointer: pointerOf([...v.path, key]),
            basis: 'key',
            fix: fix(L(`Insérer « ${key} »`, `Insert "${key}"`), [insertKeyEdit(ctx.text, v.node, v.schema!, key, v.keys.missing, v.keys.unknown)]),
          });
        }
      },
      scalar(v) {
        if (v.type !== 'null' || !v.prop || !isBlock(v.schema) || isType(v.schema, 'null')) return;
        const key = v.prop.children![0].value as string;
        ctx.report({
          messageId: 'nullBlock',
          slug: 'null-block',
          args: { key },
          node: v.node,
          basis: 'value',
          fix: fix(L('Remplacer null par []', 'Replace null with []'), [replaceNode(v.node, '[]')]),
        });
      },
    };
  },
};
