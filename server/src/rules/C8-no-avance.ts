/**
 * C8 — A solde compared with no avance says so. The rules across files compare a solde only with the avances of its
 * SONS, n° ANS and SIRET among the files checked together (the workspace in the editor, the files given to the
 * command line): when there is none, one information at the top of the solde names the checks that did not run (the
 * rules with a `pair` hook, C1–C6), so that a missing avance, or one under another header, is never silent.
 * When an avance of the same SONS shares a dossier or éditeur number with the solde under another SIRET, a warning on
 * the solde's `siret` names that avance and quotes 002 on a SIRET changed since the avance; under another n° ANS, a
 * warning on its `numeroAns` (000: the solde carries the n° ANS present at the avance request).
 * The information is the tool's own statement about what it compared (no seed); the warnings rest on 002 and 000.
 */
import { toolProvenance, type NearAvance, type ProjectRule } from '../engine/rule-api';
import { L } from './util';

const BY = { dossier: L('n° de dossier', 'file number'), editeur: L('n° éditeur', 'éditeur number') };

/** « l'avance a.json (même n° de dossier) », « les avances a.json (…), b.json (…) », in French and English. */
function avancesOf(near: NearAvance[], nameOf: (file: string) => string) {
  const fr = near.map((n) => `${nameOf(n.file)} (même ${BY[n.by].fr})`).join(', ');
  const en = near.map((n) => `${nameOf(n.file)} (same ${BY[n.by].en})`).join(', ');
  return near.length === 1 ? { avances: `l'avance ${fr}`, avancesEn: `the avance ${en}` } : { avances: `les avances ${fr}`, avancesEn: `the avances ${en}` };
}

export const C8: ProjectRule = {
  meta: {
    id: 'C8',
    title: L('Solde comparé à aucune avance', 'Solde compared with no avance'),
    sources: ['002', '000'],
    severity: 'warning',
    fixable: false,
    stated: L(
      "« Si ce SIRET est modifié après le dépôt de la demande d’avance, le fournisseur doit impérativement prévenir l’assistance utilisateur … » (002) ; le solde reprend « Le n°ANS […] présents à la demande d'avance » (000).",
      '"If this SIRET is changed after the avance request was filed, the supplier must notify user support …" (002); the solde carries "the ANS number […] present at the avance request" (000).',
    ),
    messages: {
      noAvance: L(
        "Aucune avance de même SONS ({sons}), n° ANS et SIRET parmi les fichiers vérifiés avec ce solde : les contrôles avance–solde n'ont pas été faits ({checks}). Vérifiez le solde avec son avance (même dossier ou espace de travail).",
        'No avance of the same SONS ({sons}), ANS number and SIRET among the files checked with this solde: the avance–solde checks were not run ({checksEn}). Check the solde with its avance (same folder or workspace).',
      ),
      siretChanged: L(
        "SIRET différent de celui de {avances} : ce solde n'est pas comparé à cette avance. 002 : « Si ce SIRET est modifié après le dépôt de la demande d’avance, le fournisseur doit impérativement prévenir l’assistance utilisateur pour mettre en place toutes les modalités nécessaires permettant du dépôt de la demande de solde avec le nouveau SIRET. »",
        'SIRET differs from {avancesEn}: this solde is not compared with that avance. 002: "If this SIRET is changed after the avance request was filed, the supplier must notify user support so that the solde request can be filed with the new SIRET."',
      ),
      ansChanged: L(
        "N° ANS différent de celui de {avances} : ce solde n'est pas comparé à cette avance. Le solde reprend le n° ANS de sa demande d'avance (000 : « Le n°ANS, le n° FINxxxxx et le/les n° PMSI/SIREN/RPPS du/des clients présents à la demande d'avance »).",
        'ANS number differs from {avancesEn}: this solde is not compared with that avance. The solde carries the ANS number of its avance request (000: "the ANS number, the FIN number and the client PMSI/SIREN/RPPS numbers present at the avance request").',
      ),
    },
  },
  noAvance({ file, sons, siret, numeroAns, notRun, near, nameOf, report }) {
    const checks = notRun.map((m) => `${m.id} ${m.title.fr.charAt(0).toLowerCase()}${m.title.fr.slice(1)}`).join(', ');
    const checksEn = notRun.map((m) => `${m.id} ${m.title.en.charAt(0).toLowerCase()}${m.title.en.slice(1)}`).join(', ');
    report({
      file,
      messageId: 'noAvance',
      slug: 'no-avance',
      severity: 'information',
      args: { sons, checks, checksEn },
      offset: 0,
      length: 1,
      provenance: toolProvenance(),
    });
    const bySiret = near.filter((n) => n.otherSiret);
    if (bySiret.length > 0)
      report({
        file,
        messageId: 'siretChanged',
        slug: 'siret-changed',
        args: avancesOf(bySiret, nameOf),
        offset: siret?.offset ?? 0,
        length: siret?.length ?? 1,
        provenance: { kind: 'source', sources: ['002'] },
      });
    const byAns = near.filter((n) => n.otherAns);
    if (byAns.length > 0)
      report({
        file,
        messageId: 'ansChanged',
        slug: 'ans-changed',
        args: avancesOf(byAns, nameOf),
        offset: numeroAns?.offset ?? 0,
        length: numeroAns?.length ?? 1,
        provenance: { kind: 'source', sources: ['000'] },
      });
  },
};
