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
import { schemaAt } from '../engine/rule-api';

const FORMAT_SOURCES = { kind: 'source' as const, sources: ['000', '001'] };

export const P3 = attachmentRule(
  {
    id: 'P3',
    title: L('Pièces justificatives : le contenu est au format annoncé', 'Attachments: the content is the format claimed'),
    sources: ['000', '001'],
    severity: 'error',
    fixable: false,
    stated: L(
      '« Formats acceptés : pdf, jpeg, png. » (001) ; « Le fichier déposé doit être un PDF » (000) : le contenu du fichier (ses premiers octets) est au format que disent son extension et son format déclaré.',
      "Accepted formats: pdf, jpeg, png (001); the file deposited must be a PDF (000): the file's content (its first bytes) is the format its extension and declared format say.",
    ),
    messages: {
      notAccepted: L(
        "Le contenu de ce fichier n'est ni un PDF, ni un JPEG, ni un PNG ; formats acceptés : pdf, jpeg, png (001).",
        "This file's content is neither a PDF, a JPEG nor a PNG; accepted formats: pdf, jpeg, png (001).",
      ),
      empty: L(
        'Fichier vide : ni un PDF, ni un JPEG, ni un PNG ; formats acceptés : pdf, jpeg, png (001).',
        'Empty file: neither a PDF, a JPEG nor a PNG; accepted formats: pdf, jpeg, png (001).',
      ),
      mismatchName: L(
        'Le contenu de ce fichier est un {actual}, mais son extension annonce {claimed} : enregistrer le fichier au format {claimed} (ou corriger son nom et son format déclaré).',
        "This file's content is a {actual}, but its extension says {claimed}: save the file as {claimed} (or correct its name and declared format).",
      ),
      mismatchKey: L(
        'Le contenu de ce fichier est un {actual}, mais « {key} » annonce {claimed} : enregistrer le fichier au format {claimed} (ou corriger son nom et « {key} »).',
        'This file\'s content is a {actual}, but "{key}" says {claimed}: save the file as {claimed} (or correct its name and "{key}").',
      ),
    },
  },
  (ctx, v, fact) => {
    if (fact.state !== 'found' || fact.kind === undefined) return;
    if (fact.kind === 'other' || fact.kind === 'empty') {
      ctx.report({ messageId: fact.kind === 'empty' ? 'empty' : 'notAccepted', slug: 'not-accepted', provenance: FORMAT_SOURCES, node: v.node });
      return;
    }
    const byName = formatOfName(v.value as string);
    if (byName !== undefined && byName !== fact.kind) {
      ctx.report({ messageId: 'mismatchName', slug: 'mismatch', args: { actual: fact.kind, claimed: byName }, provenance: FORMAT_SOURCES, node: v.node });
      return;
    }
    // The declared format (by meaning: x-role fileFormat), when the name says nothing against the content.
    const itemSchema = schemaAt(ctx.schema, v.path, v.path.length - 1);
    const declared = propertyWithRole(v.prop?.parent, itemSchema, 'fileFormat');
    if (declared?.value.type !== 'string') return;
    let d = String(declared.value.value).trim().toUpperCase();
    if (d === 'JPG') d = 'JPEG';
    if ((d === 'PDF' || d === 'JPEG' || d === 'PNG') && d !== fact.kind)
      ctx.report({
        messageId: 'mismatchKey',
        slug: 'mismatch',
        args: { actual: fact.kind, claimed: d, key: declared.key },
        provenance: FORMAT_SOURCES,
        node: v.node,
      });
  },
);
