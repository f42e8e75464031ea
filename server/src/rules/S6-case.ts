/**
 * S6 — Key case is significant (`VA`, `Etablissements` with capitals; `facture`, `beneficiaires` without)
 * (sources 000 "Casse à respecter", 004 "une casse de caractères incorrecte"). Enumerated values too: csv2json
 * commit 28f2bda had to write `PDF` for `pdf` (« pdf -> PDF » in its message). Where the spelling of the values
 * is our model (`x-provenance-values: modelled`, e.g. `typeActivite`), a case difference is a warning that says so,
 * and its fix is only offered (not applied by « fix all »: the official spelling may be the user's).
 */
import type { Rule } from '../engine/rule-api';
import { L, fix, replaceNode, reportRenames } from './util';
import { modelledValues } from './enumRule';

export const S6: Rule = {
  meta: {
    id: 'S6',
    title: L('Casse des balises et des valeurs', 'Case of keys and values'),
    sources: ['000', '004', 'csv2json'],
    severity: 'error',
    fixable: true,
    stated: L(
      '« Casse à respecter » (000) ; « une casse de caractères incorrecte » parmi les rejets (004) ; csv2json écrit PDF.',
      '"Mind the case" (000); "a wrong character case" among the rejections (004); csv2json writes PDF.',
    ),
    modelled: L(
      "L'orthographe des balises modélisées et les listes de valeurs modélisées (x-provenance-values) : avertissement [modélisé].",
      'The spelling of modelled keys and the modelled lists of values (x-provenance-values): a [modelled] warning.',
    ),
    messages: {
      keyCase: L('Balise « {key} » : la casse compte, le modèle écrit « {target} ».', 'Key "{key}": case matters, the template spells it "{target}".'),
      valueCase: L('Valeur « {value} » : la casse compte, écrivez « {target} ».', 'Value "{value}": case matters, write "{target}".'),
      'valueCase@model': L(
        'Valeur « {value} » : notre modèle écrit « {target} » (graphie modélisée ; la casse compte).',
        'Value "{value}": our model spells it "{target}" (modelled spelling; case matters).',
      ),
    },
  },
  stage: 'structure',
  create(ctx) {
    return {
      only: { object: 'keys-differ', scalar: (s) => Array.isArray(s?.enum) },
      object(v) {
        reportRenames(ctx, v, 'case', 'keyCase', 'key');
      },
      scalar(v) {
        const allowed = v.schema?.enum;
        if (!allowed || v.type !== 'string' || allowed.includes(v.value)) return;
        const value = v.value as string;
        // Only a pure case difference here; accents and blanks are the business of V9/V10 and S8.
        const target = allowed.find((a): a is string => typeof a === 'string' && a.toLowerCase() === value.toLowerCase());
        if (!target) return;
        const modelled = modelledValues(v.schema);
        // basis `value`: a modelled list (x-provenance-values) makes a `model` finding, shown with `valueCase@model`
        // and capped at a warning by the engine.
        ctx.report({
          messageId: 'valueCase',
          slug: 'value',
          args: { value, target },
          node: v.node,
          basis: 'value',
          fix: fix(L(`Écrire « ${target} »`, `Write "${target}"`), [replaceNode(v.node, JSON.stringify(target))], !modelled),
        });
      },
    };
  },
};
