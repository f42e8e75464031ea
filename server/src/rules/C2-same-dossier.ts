/**
 * C2 — A solde carries the dossier number of its avance, as given in the avance's output JSON (sources 002, 004:
 * "Ce numéro de dossier à renseigner dans le JSON Solde doit être identique au numéro indiqué dans la demande
 * d'avance (JSON de sortie)"). Matched by the éditeur number; checked when the avance file is an output JSON.
 */
import type { ProjectRule } from '../engine/rule-api';
import { L, fix, relatedIn } from './util';

export const C2: ProjectRule = {
  meta: {
    id: 'C2',
    title: L("Même n° de dossier que l'avance", 'Same file number as the avance'),
    sources: ['002', '004'],
    severity: 'error',
    fixable: true,
    stated: L(
      "Le n° de dossier du solde est celui du JSON de sortie de l'avance (002, 004).",
      "The solde's file number is the one of the avance output JSON (002, 004).",
    ),
    messages: {
      differs: L(
        "N° de dossier différent de celui de l'avance du même bon de commande ({avance}, JSON de sortie).",
        'File number differs from the avance of the same purchase order ({avance}, output JSON).',
      ),
    },
  },
  pair({ solde, avance, matchedBy, report }) {
    if (matchedBy !== 'editeur') return;
    const a = avance.line.dossier;
    const s = solde.line.dossier;
    if (!a || typeof a.value !== 'string' || a.value.trim() === '' || !s || s.value === a.value) return;
    report({
      file: solde.file,
      messageId: 'differs',
      args: { avance: a.value },
      offset: s.offset,
      length: s.length,
      related: relatedIn(avance.file, a, L("N° de dossier de l'avance", 'File number of the avance')),
      fix: fix(L(`Reprendre « ${a.value} »`, `Use "${a.value}"`), [{ offset: s.offset, length: s.length, newText: JSON.stringify(a.value) }], false),
    });
  },
};
