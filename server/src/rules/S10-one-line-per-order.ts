/**
 * S10 — One request = one purchase order (BDC) = one JSON line (source 004: "Il faut un bon de commande par
 * ligne de JSON"). Two lines with the same éditeur number (the BDC reference, `numeroEditeur`) are reported, and
 * `numLigne` must number the lines 1, 2, 3… (csv2json: restarts at 1 in each file; modelled for vague 2).
 */
import { spanOf, type Rule } from '../engine/rule-api';
import { L, pointerOf, fix, replaceNode, propertyWithRole } from './util';

export const S10: Rule = {
  meta: {
    id: 'S10',
    title: L('Une demande = un bon de commande = une ligne', 'One request = one purchase order = one line'),
    sources: ['004', 'csv2json'],
    severity: 'error',
    fixable: true,
    stated: L(
      '« Il faut un bon de commande par ligne de JSON » (004) ; numLigne 1, 2, 3… dans csv2json.',
      '"One purchase order per JSON line" (004); numLigne 1, 2, 3… in csv2json.',
    ),
    modelled: L('numLigne en vague 2 (clé supposée conservée) : avertissement [modélisé].', 'numLigne in vague 2 (key assumed kept): a [modelled] warning.'),
    messages: {
      duplicate: L(
        'N° éditeur (bon de commande) déjà utilisé par la ligne {other} : une ligne par bon de commande.',
        'Éditeur number (purchase order) already used by line {other}: one line per purchase order.',
      ),
      numLigne: L(
        '« {key} » vaut {found} : les lignes se numérotent 1, 2, 3… dans chaque fichier (attendu {expected}).',
        '"{key}" is {found}: lines are numbered 1, 2, 3… in each file (expected {expected}).',
      ),
    },
  },
  stage: 'structure',
  create(ctx) {
    // Positions, not nodes: a node would keep its line's value alive until the end of the check. One object per line
    // (the line's index as the span's value, its position read when reported).
    const seen = new Map<string, { value: number; readonly offset: number; readonly length: number }>();
    return {
      line(v) {
        const index = v.lineIndex!;
        // By meaning (x-role numLigne / editeur of schemas/vocabulary.json), whatever the template names them.
        const numbered = propertyWithRole(v.node, v.schema, 'numLigne');
        const num = numbered?.value;
        if (numbered && num && num.type === 'number' && num.value !== index + 1) {
          ctx.report({
            messageId: 'numLigne',
            slug: 'num-ligne',
            severity: 'warning',
            args: { key: numbered.key, found: num.value as number, expected: index + 1 },
            node: num,
            pointer: pointerOf([...v.path, numbered.key]),
            basis: 'key',
            fix: fix(L(`Écrire ${index + 1}`, `Write ${index + 1}`), [replaceNode(num, String(index + 1))]),
          });
        }
        const ed = propertyWithRole(v.node, v.schema, 'editeur')?.value;
        if (!ed || ed.type !== 'string' || (ed.value as string).trim() === '') return;
        const key = (ed.value as string).trim();
        const first = seen.get(key);
        if (!first) {
          seen.set(key, spanOf(index, ed));
          return;
        }
        ctx.report({
          messageId: 'duplicate',
          slug: 'duplicate-order',
          args: { other: first.value + 1 },
          node: ed,
          related: [
            { offset: first.offset, length: first.length, message: L('Première ligne avec ce bon de commande', 'First line with this purchase order') },
          ],
        });
      },
    };
  },
};
