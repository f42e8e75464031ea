/**
 * P1 — Each attachment the JSON names is a file of the attachments folder, under exactly that name. A deposit is the
 * JSON and, per request, « son fichier zip de PJ » (004): the files a request names are the files of its ZIP, and a
 * named file that is not there cannot be deposited. The disk is read by server/src/io/attachmentFacts.ts (a folder listing:
 * the name is compared letter for letter, even on a file system that ignores case); this rule reads its facts.
 *
 * P1/path: a name that is not a plain file name (`../x.pdf`, `C:x.pdf`, `a\b.pdf`, `/x.pdf`) is never opened: it
 * could leave the folder; a name may not hold « des caractères accentués ou spéciaux » (001).
 * P1/link-outside: a symbolic link leading out of the folder is not followed.
 * P1/case: only a file whose name differs by letter case is there. Whether the portal compares names with their
 * case is not published: a `model` finding.
 */
import { attachmentRule } from './attachmentRule';
import { L } from './util';

const ZIP_SOURCES = { kind: 'source' as const, sources: ['004'] };
const NAME_SOURCES = { kind: 'source' as const, sources: ['001'] };

export const P1 = attachmentRule(
  {
    id: 'P1',
    title: L('Pièces justificatives : présentes dans le dossier', 'Attachments: present in the folder'),
    sources: ['004', '001'],
    severity: 'error',
    fixable: false,
    stated: L(
      "Chaque demande est déposée avec « son fichier zip de PJ » (004) : chaque fichier nommé par une demande doit exister dans le dossier des pièces, sous ce nom exactement ; un nom ne contient pas « des caractères accentués ou spéciaux » (001) : un chemin n'est jamais ouvert.",
      'Each request is deposited with its ZIP of attachments (004): each file a request names must exist in the attachments folder under exactly that name; a name holds no accented or special characters (001): a path is never opened.',
    ),
    modelled: L(
      "Que le portail compare les noms avec leur casse (P1/case) n'est pas publié.",
      'Whether the portal compares names with their case (P1/case) is not published.',
    ),
    messages: {
      missing: L(
        'Pièce justificative introuvable : aucun fichier de ce nom dans le dossier des pièces justificatives.',
        'Attachment not found: no file of this name in the attachments folder.',
      ),
      case: L(
        'Pièce justificative introuvable sous ce nom exact : le dossier a « {found} », qui ne diffère que par les majuscules et minuscules.',
        'Attachment not found under this exact name: the folder has "{found}", which differs only by letter case.',
      ),
      path: L(
        "Ce nom n'est pas un simple nom de fichier (dossier, « .. », lecteur ou barre oblique inverse) : il pourrait sortir du dossier des pièces justificatives, il n'est pas ouvert.",
        'This name is not a plain file name (a folder, "..", a drive or a backslash): it could leave the attachments folder, it is not opened.',
      ),
      linkOutside: L(
        "Ce fichier est un lien symbolique qui sort du dossier des pièces justificatives : il n'est pas suivi.",
        'This file is a symbolic link leading out of the attachments folder: it is not followed.',
      ),
      notFile: L(
        "Ce nom désigne, dans le dossier des pièces justificatives, autre chose qu'un fichier ordinaire (dossier, FIFO, périphérique…).",
        'This name is, in the attachments folder, something else than a regular file (a folder, FIFO, device…).',
      ),
      unreadable: L('Pièce justificative illisible ({reason}).', 'Attachment unreadable ({reason}).'),
    },
  },
  (ctx, v, fact) => {
    const at = { node: v.node };
    switch (fact.state) {
      case 'missing':
        if (fact.caseOf !== undefined) ctx.report({ messageId: 'case', slug: 'case', args: { found: fact.caseOf }, provenance: { kind: 'model' }, ...at });
        else ctx.report({ messageId: 'missing', slug: 'missing', provenance: ZIP_SOURCES, ...at });
        return;
      case 'path':
        ctx.report({ messageId: 'path', slug: 'path', provenance: NAME_SOURCES, ...at });
        return;
      case 'link-outside':
        ctx.report({ messageId: 'linkOutside', slug: 'link-outside', provenance: ZIP_SOURCES, ...at });
        return;
      case 'not-file':
        ctx.report({ messageId: 'notFile', slug: 'not-file', provenance: ZIP_SOURCES, ...at });
        return;
      case 'unreadable':
        ctx.report({ messageId: 'unreadable', slug: 'unreadable', args: { reason: fact.reason ?? '?' }, provenance: ZIP_SOURCES, ...at });
        return;
    }
  },
);
