/**
 * S5 — Keep the plural "s" of keys (`FINESGeos`, `Etablissements`, `medecinsLiberaux`, `piecesJustificatives`,
 * `beneficiaires`) (source 000: "Conserver les « s » du pluriel"). The expected spelling comes from the
 * template (a vague 1 template may spell a key in the singular: then the singular is right).
 */
import type { Rule } from '../engine/rule-api';
import { L, reportRenames } from './util';

export const S5: Rule = {
  meta: {
    id: 'S5',
    title: L('« s » du pluriel des balises', 'Plural "s" of keys'),
    sources: ['000'],
    severity: 'error',
    fixable: true,
    stated: L('« Conserver les "s" du pluriel » (000).', '"Keep the plural s" (000).'),
    modelled: L("L'orthographe des balises modélisées : avertissement [modélisé].", 'The spelling of modelled keys: a [modelled] warning.'),
    messages: {
      plural: L(
        'Balise « {key} » : le modèle écrit « {target} » (le « s » du pluriel compte).',
        'Key "{key}": the template spells it "{target}" (the plural "s" matters).',
      ),
    },
  },
  stage: 'structure',
  create(ctx) {
    return {
      only: { object: 'keys-differ' },
      object(v) {
        reportRenames(ctx, v, 'plural', 'plural');
      },
    };
  },
};
