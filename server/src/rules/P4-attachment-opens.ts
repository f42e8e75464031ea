/**
 * P4 — A PDF attachment opens: read by pdf-lib (server/src/io/attachmentFacts.ts), it is whole (it ends with its
 * end-of-file marker `%%EOF`), not encrypted, and has at least one page. « Le fichier déposé doit être un PDF » (000),
 * « Formats acceptés : pdf » (001): a PDF cut in half (an interrupted copy or download) or one that does not parse is
 * not a readable PDF (P4/broken, source). What the portal does with a password-protected PDF (P4/encrypted) or a PDF
 * without a page (P4/no-page) is not published: `model` warnings — the instructors could not read it.
 */
import { attachmentRule } from './attachmentRule';
import { L } from './util';

const PDF_SOURCES = { kind: 'source' as const, sources: ['000', '001'] };

export const P4 = attachmentRule(
  {
    id: 'P4',
    title: L("Pièces justificatives : le PDF s'ouvre", 'Attachments: the PDF opens'),
    sources: ['000', '001'],
    severity: 'error',
    fixable: false,
    stated: L(
      "« Le fichier déposé doit être un PDF » (000) ; « Formats acceptés : pdf, jpeg, png. » (001) : un PDF tronqué ou illisible n'est pas un PDF lisible.",
      'The file deposited must be a PDF (000); accepted formats: pdf, jpeg, png (001): a truncated or unreadable PDF is not a readable PDF.',
    ),
    modelled: L(
      "Un PDF chiffré (mot de passe) ou sans page (P4/encrypted, P4/no-page) : ce qu'en fait le portail n'est pas publié.",
      'An encrypted (password-protected) PDF or one without a page (P4/encrypted, P4/no-page): what the portal does with it is not published.',
    ),
    messages: {
      truncated: L(
        "PDF tronqué : le fichier s'arrête avant sa marque de fin (%%EOF) ; une copie ou un téléchargement interrompu ? Le refaire depuis l'original.",
        'Truncated PDF: the file stops before its end marker (%%EOF); an interrupted copy or download? Make it again from the original.',
      ),
      broken: L("PDF illisible : le fichier ne s'ouvre pas comme un PDF.", 'Unreadable PDF: the file does not open as a PDF.'),
      encrypted: L(
        "PDF chiffré (protégé par un mot de passe) : les instructeurs pourraient ne pas l'ouvrir ; l'enregistrer sans protection.",
        'Encrypted (password-protected) PDF: the instructors might not open it; save it without protection.',
      ),
      noPage: L('PDF sans aucune page.', 'PDF without any page.'),
    },
  },
  (ctx, v, fact) => {
    if (fact.state !== 'found' || fact.kind !== 'PDF' || !fact.pdf) return;
    const at = { node: v.node };
    switch (fact.pdf.state) {
      case 'truncated':
        ctx.report({ messageId: 'truncated', slug: 'truncated', provenance: PDF_SOURCES, ...at });
        return;
      case 'broken':
        ctx.report({ messageId: 'broken', slug: 'broken', provenance: PDF_SOURCES, ...at });
        return;
      case 'encrypted':
        ctx.report({ messageId: 'encrypted', slug: 'encrypted', severity: 'warning', provenance: { kind: 'model' }, ...at });
        return;
      case 'ok':
        if (fact.pdf.pages < 1) ctx.report({ messageId: 'noPage', slug: 'no-page', severity: 'warning', provenance: { kind: 'model' }, ...at });
        return;
    }
  },
);
