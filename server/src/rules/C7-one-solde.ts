/**
 * C7 — One solde per avance: a dossier number appears in at most one solde line, in one file or across the files
 * checked together (source 004: « Il faut déposer une seule demande de solde pour une demande d'avance »). An error
 * on each line holding it, naming the other lines (file and request line).
 * Scope: the solde lines of the files of the same SONS, n° ANS and SIRET, as every rule across files (a solde whose
 * header lacks them is compared with nothing).
 * No cascade: an avance line is compared (C1–C6) with one holder of a duplicated dossier number only, the first in
 * file then line order whose éditeur number is the avance line's, else the first; the other holders matched to that
 * avance line are compared with no avance (engine/project/crossIndex.ts `takes`): their C1, C3, C4, C5, C6 findings would
 * only repeat that they are not that avance's solde. A holder matched to another avance line by its éditeur number
 * (the avance is not an output JSON) is still compared with it, and one matching no avance line keeps
 * C1/no-avance-line.
 */
import type { IndexedLine, ProjectRule } from '../engine/rule-api';
import { L } from './util';

const requestLine = (l: IndexedLine) => (typeof l.line.index === 'number' ? l.line.index : 0) + 1;
/** How many other holders a message names (copies of one solde in a folder would make a message of every file). */
const NAMED = 3;

export const C7: ProjectRule = {
  meta: {
    id: 'C7',
    title: L('Un seul solde par avance', 'One solde per avance'),
    sources: ['004'],
    severity: 'error',
    fixable: false,
    stated: L(
      "« Il faut déposer une seule demande de solde pour une demande d'avance » (004) : un n° de dossier est dans une seule ligne de solde, dans un fichier ou entre les fichiers vérifiés ensemble.",
      '"One solde request must be filed per avance request" (004): a file number is in one solde line only, in one file or across the files checked together.',
    ),
    messages: {
      duplicate: L(
        "N° de dossier aussi porté par {where} : il faut une seule demande de solde par demande d'avance (004 : « Il faut déposer une seule demande de solde pour une demande d'avance »).",
        'File number also on {whereEn}: one solde request per avance request (004: "one solde request must be filed per avance request").',
      ),
    },
  },
  duplicate({ solde, others, nameOf, report }) {
    const at = solde.line.dossier;
    if (!at) return;
    const fr = (o: IndexedLine) => (o.file === solde.file ? `la ligne ${requestLine(o)}` : `la ligne ${requestLine(o)} de ${nameOf(o.file)}`);
    const en = (o: IndexedLine) => (o.file === solde.file ? `line ${requestLine(o)}` : `line ${requestLine(o)} of ${nameOf(o.file)}`);
    const named = others.slice(0, NAMED);
    const more = others.length - named.length;
    report({
      file: solde.file,
      messageId: 'duplicate',
      args: {
        where: named.map(fr).join(', ') + (more > 0 ? ` et ${more} autre${more > 1 ? 's' : ''}` : ''),
        whereEn: named.map(en).join(', ') + (more > 0 ? ` and ${more} other${more > 1 ? 's' : ''}` : ''),
      },
      offset: at.offset,
      length: at.length,
      related: named.flatMap((o) =>
        o.line.dossier
          ? [
              {
                ...(o.file === solde.file ? {} : { file: o.file }),
                offset: o.line.dossier.offset,
                length: o.line.dossier.length,
                message: L('Même n° de dossier', 'Same file number'),
              },
            ]
          : [],
      ),
    });
  },
};
