/**
 * S4 — Booleans are JSON `true`/`false`, not "vrai", "faux", "true", True, 1 (source 000: "Langue : true ou
 * vrai ?"; csv2json commit dec68ef had to strip quotes around true/false).
 */
import { isType, type Rule } from '../engine/rule-api';
import { L, fix, replaceNode } from './util';

const TRUE = new Set(['true', 'vrai', 'oui', 'yes', '1']);
const FALSE = new Set(['false', 'faux', 'non', 'no', '0']);

export const S4: Rule = {
  meta: {
    id: 'S4',
    title: L('Booléens true/false', 'Booleans true/false'),
    sources: ['000'],
    severity: 'error',
    fixable: true,
    stated: L(
      '« Langue : true ou vrai ? » : des booléens JSON true/false (000) ; csv2json a dû retirer les guillemets de true/false.',
      '"Language: true or vrai?": JSON booleans true/false (000); csv2json had to remove the quotes around true/false.',
    ),
    modelled: L(
      'Quelles balises sont booléennes, pour les balises modélisées : avertissement [modélisé].',
      'Which keys are booleans, for modelled keys: a [modelled] warning.',
    ),
    messages: {
      notBoolean: L(
        "« {found} » n'est pas un booléen JSON : écrivez {expected} (sans guillemets, en minuscules).",
        '"{found}" is not a JSON boolean: write {expected} (no quotes, lower case).',
      ),
      // A string is shown as the file writes it, its quotes being the fault: not inside « » or "" a second time.
      notBooleanString: L(
        "La chaîne {found} n'est pas un booléen JSON : écrivez {expected} sans guillemets, en minuscules.",
        'The string {found} is not a JSON boolean: write {expected} without quotes, in lower case.',
      ),
      literalCase: L("« {found} » n'est pas du JSON : écrivez {expected} en minuscules.", '"{found}" is not JSON: write {expected} in lower case.'),
    },
  },
  stage: 'value',
  create(ctx) {
    return {
      only: { scalar: (s) => isType(s, 'boolean') },
      syntax(problems) {
        for (const p of problems) {
          if (p.kind !== 'literal-case' || p.detail === 'null') continue;
          const found = ctx.text.substr(p.offset, p.length);
          ctx.report({
            messageId: 'literalCase',
            slug: 'literal-case',
            args: { found, expected: p.detail! },
            offset: p.offset,
            length: p.length,
            fix: fix(L(`Écrire ${p.detail}`, `Write ${p.detail}`), [{ offset: p.offset, length: p.length, newText: p.detail! }]),
          });
        }
      },
      scalar(v) {
        if (!isType(v.schema, 'boolean') || v.type === 'boolean' || v.type === 'null') return;
        const raw = String(v.value).trim().toLowerCase();
        const expected = TRUE.has(raw) ? 'true' : FALSE.has(raw) ? 'false' : undefined;
        if (!expected) return;
        ctx.report({
          messageId: v.type === 'string' ? 'notBooleanString' : 'notBoolean',
          args: { found: ctx.text.substr(v.node.offset, v.node.length), expected },
          node: v.node,
          basis: 'value',
          fix: fix(L(`Écrire ${expected}`, `Write ${expected}`), [replaceNode(v.node, expected)]),
        });
      },
    };
  },
};
