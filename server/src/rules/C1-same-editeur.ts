/**
 * C1 — A solde carries the same éditeur number as its avance, else the solde JSON is rejected automatically
 * (sources 002, 004: "si le numéro d'éditeur renseigné dans le JSON solde est différent de celui du JSON avance,
 * alors le JSON solde est rejeté automatiquement"). Matched by the dossier number.
 * A solde line that matches no avance line (neither by dossier nor by éditeur number) while an avance of the same
 * SONS, n° ANS and SIRET is checked with it gets `C1/no-avance-line`: a warning, since its avance
 * may be in a file that is not checked with it.
 */
import { textOf, type ProjectRule } from '../engine/rule-api';
import { L, relatedIn } from './util';

export const C1: ProjectRule = {
  meta: {
    id: 'C1',
    title: L("Même n° éditeur que l'avance", 'Same éditeur number as the avance'),
    sources: ['002', '004'],
    severity: 'error',
    fixable: false,
    stated: L(
      "« Le numéro Editeur doit être identique au numéro indiqué dans la demande d’avance » (002) ; « si le numéro d'éditeur renseigné dans le JSON solde est différent de celui du JSON avance, alors le JSON solde est rejeté automatiquement » (004).",
      '"the éditeur number must be the one of the avance request" (002); "if the éditeur number of the solde JSON differs from the avance JSON\'s, the solde JSON is rejected automatically" (004).',
    ),
    modelled: L(
      "C1/no-avance-line : l'avance peut être dans un fichier non vérifié avec le solde (avertissement).",
      'C1/no-avance-line: the avance may be in a file not checked with the solde (a warning).',
    ),
    messages: {
      differs: L(
        "N° éditeur différent de celui de l'avance du même dossier ({avance}) : le portail rejette automatiquement le solde.",
        'Éditeur number differs from the avance of the same file ({avance}): the portal rejects the solde automatically.',
      ),
      noAvanceLine: L(
        "Aucune ligne d'avance n'a ce n° éditeur ni ce n° de dossier (parmi les avances du même SONS, n° ANS et SIRET vérifiées avec ce fichier) : un solde reprend le n° éditeur et le n° de dossier de sa demande d'avance.",
        'No avance line has this éditeur number or this file number (among the avances of the same SONS, ANS number and SIRET checked with this file): a solde carries the éditeur number and file number of its avance request.',
      ),
    },
  },
  pair({ solde, avance, matchedBy, report }) {
    if (matchedBy !== 'dossier') return;
    const s = solde.line.editeur;
    const a = avance.line.editeur;
    const sv = textOf(s);
    const av = textOf(a);
    // A tag still null or blank is S3's (to fill in), not a difference.
    if (!s || !a || sv === undefined || av === undefined || sv === av) return;
    report({
      file: solde.file,
      messageId: 'differs',
      args: { avance: av },
      offset: s.offset,
      length: s.length,
      related: relatedIn(avance.file, a, L("N° éditeur de l'avance", 'Éditeur number of the avance')),
    });
  },
  unmatched({ solde, report }) {
    const { dossier, editeur } = solde.line;
    const at = textOf(dossier) !== undefined ? dossier : textOf(editeur) !== undefined ? editeur : undefined;
    if (!at) return; // neither number filled in yet: S3 says what to fill
    report({ file: solde.file, messageId: 'noAvanceLine', slug: 'no-avance-line', severity: 'warning', offset: at.offset, length: at.length });
  },
};
