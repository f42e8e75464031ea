/**
 * C1 — A solde carries the same éditeur number as its avance, else the solde JSON is rejected automatically
 * (sources 002, 004: "si le numéro d'éditeur renseigné dans le JSON solde est différent de celui du JSON avance,
 * alors le JSON solde est rejeté automatiquement"). Matched by the dossier number.
 */
import type { ProjectRule } from './types';
import { L, relatedIn } from './util';

export const C1: ProjectRule = {
  meta: {
    id: 'C1',
    title: L('Même n° éditeur que l\'avance', 'Same éditeur number as the avance'),
    sources: ['002', '004'],
    severity: 'error',
    fixable: false,
    messages: {
      differs: L('N° éditeur différent de celui de l\'avance du même dossier ({avance}) : le portail rejette automatiquement le solde.', 'Éditeur number differs from the avance of the same file ({avance}): the portal rejects the solde automatically.'),
    },
  },
  pair({ solde, avance, matchedBy, report }) {
    if (matchedBy !== 'dossier') return;
    const s = solde.line.editeur;
    const a = avance.line.editeur;
    if (!s || !a || s.value.trim() === a.value.trim()) return;
    report({ file: solde.file, messageId: 'differs', args: { avance: a.value }, offset: s.offset, length: s.length, related: relatedIn(avance.file, a, L('N° éditeur de l\'avance', 'Éditeur number of the avance')) });
  },
};
