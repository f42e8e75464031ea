/**
 * S13 — The output JSON equals the input with tags that were null filled in by the portal, the dossier number
 * among them; a solde must reuse the dossier number of the avance output (source 004: "Ce numéro de dossier à
 * renseigner dans le JSON Solde doit être identique au numéro indiqué dans la demande d'avance (JSON de sortie)").
 */
import type { Rule } from './types';
import { getPropertyValue } from '../engine/tree';
import { L, pointerOf, ownerSpan } from './util';

export const S13: Rule = {
  meta: {
    id: 'S13',
    title: L('N° de dossier du JSON de sortie', 'File number of the output JSON'),
    sources: ['004'],
    severity: 'error',
    fixable: false,
    stated: L('Le n° de dossier du JSON de solde est identique à celui du JSON de sortie de l\'avance (004).', 'The file number of the solde JSON is the one of the avance output JSON (004).'),
    modelled: L('Le nom de la balise (numeroASP) en vague 2.', 'The key name (numeroASP) in vague 2.'),
    messages: {
      soldeWithout: L('Demande de solde sans n° de dossier ASP : reprenez le numeroASP (FIN…) du JSON de sortie de l\'avance.', 'Solde request without an ASP file number: copy the numeroASP (FIN…) of the avance output JSON.'),
      partialOutput: L('JSON de sortie incomplet : cette ligne n\'a pas de numeroASP alors que d\'autres en ont un.', 'Incomplete output JSON: this line has no numeroASP while others have one.'),
    },
  },
  stage: 'structure',
  create(ctx) {
    const kind = ctx.detection.kind;
    return {
      line(v) {
        const val = getPropertyValue(v.node, 'numeroASP');
        const empty = !val || val.type === 'null' || (val.type === 'string' && (val.value as string).trim() === '');
        if (!empty || (kind !== 'solde' && kind !== 'output')) return;
        const pointer = pointerOf([...v.path, 'numeroASP']);
        if (kind === 'solde') {
          ctx.report({ messageId: 'soldeWithout', slug: 'solde-without-number', ...(val ? { node: val } : ownerSpan(v)), pointer: val ? pointer : undefined });
        } else if (kind === 'output' && val) {
          ctx.report({ messageId: 'partialOutput', slug: 'partial-output', severity: 'warning', node: val!, pointer });
        }
      },
    };
  },
};
