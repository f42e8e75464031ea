/**
 * P3 — An attachment is a PDF, a JPEG or a PNG (« Formats acceptés : pdf, jpeg, png. », 001; « Le fichier déposé doit
 * être un PDF », 000), and is what its name and `formatFichier` say: its first bytes carry the signature of that format
 * (schemas/attachments.json `formats[].magic`). A PNG saved as `facture.pdf`, a Word file renamed `.pdf` or an empty
 * file passes every check on the JSON text and fails here. `formatFichier` against the extension stays V8/format's.
 *
 * P3/not-accepted: the content is none of the accepted formats (or the file is empty).
 * P3/mismatch: the content is an accepted format, but not the one the extension (or `formatFichier`) claims.
 */
import { attachmentRule, formatOfName } from './attachmentRule';
import { propertyWithRole, L } from './util';
import { schemaAt } from '../engine/schema/schemaData';

const FORMAT_SOURCES = { kind: 'source' as const, sources: ['000', '001'] };

export const P3 = attachmentRule(
  {
    id: 'P3',
    title: L('Pièces justificatives : le contenu est au format annoncé', 'Attachments: the content is the format claimed'),
    sources: ['000', '001'],
    severity: 'error',
    fixable: false,
    stated: L(
      '« Formats acceptés : pdf, jpeg, png. » (001) ; « Le fichier déposé doit être un PDF » (000) : le contenu du fichier (ses premiers octets) est au format que disent son extension et formatFichier.',
      'Accepted formats: pdf, jpeg, png (001); the file deposited must be a PDF (000): the file\'s content (its first bytes) is the format its extension and formatFichier say.',
    ),
    messages: {
      notAccepted: L('Le contenu de ce fichier n\'est ni un PDF, ni un JPEG, ni un PNG{empty} ; formats acceptés : pdf, jpeg, png (001).', 'This file\'s content is neither a PDF, a JPEG nor a PNG{emptyEn}; accepted formats: pdf, jpeg, png (001).'),
      mismatch: L('Le contenu de ce fichier est un {actual}, mais {claim} annonce {claimed} : enregistrer le fichier au format {claimed} (ou corriger le nom et formatFichier).', 'This file\'s content is a {actual}, but {claimEn} says {claimed}: save the file as {claimed} (or correct the name and formatFichier).'),
    },
  },
  (ctx, v, fact) => {
    if (fact.state !== 'found' || fact.kind === undefined) return;
    if (fact.kind === 'other' || fact.kind === 'empty') {
      const empty = fact.kind === 'empty';
      ctx.report({ messageId: 'notAccepted', slug: 'not-accepted', args: { empty: empty ? ' (fichier vide)' : '', emptyEn: empty ? ' (empty file)' : '' }, provenance: FORMAT_SOURCES, node: v.node });
      return;
    }
    const byName = formatOfName(v.value as string);
    let declared: string | undefined;
    const itemSchema = schemaAt(ctx.schema, v.path, v.path.length - 1);
    const fmt = propertyWithRole(v.prop?.parent, itemSchema, 'fileFormat')?.value;
    if (fmt?.type === 'string') declared = String(fmt.value).trim().toUpperCase();
    if (declared === 'JPG') declared = 'JPEG';
    const claimed = byName !== undefined && byName !== fact.kind ? byName : declared !== undefined && ['PDF', 'JPEG', 'PNG'].includes(declared) && declared !== fact.kind ? declared : undefined;
    if (claimed === undefined) return;
    const claimFr = claimed === byName ? 'son nom' : 'formatFichier';
    const claimEn = claimed === byName ? 'its name' : 'formatFichier';
    ctx.report({ messageId: 'mismatch', slug: 'mismatch', args: { actual: fact.kind, claimed, claim: claimFr, claimEn }, provenance: FORMAT_SOURCES, node: v.node });
  },
);
