/**
 * P2 — An attachment weighs at most 4 Mo: « Taille maximale : 4 Mo. » (001), « ne pas dépasser 4Mo » (000). Which
 * « 4 Mo » the portal means is not published: above 4 × 1024 × 1024 bytes (schemas/attachments.json `maxBytes`) a
 * file is too big under either reading (an error, source); between 4 000 000 bytes (`doubtfulFromBytes`) and that
 * limit it is too big only if the portal counts in decimal (P2/size-band, a `model` warning).
 */
import { attachmentRule, ATTACHMENT_LIMITS } from './attachmentRule';
import { L, numberText } from './util';

const SIZE_SOURCES = { kind: 'source' as const, sources: ['000', '001'] };

export const P2 = attachmentRule(
  {
    id: 'P2',
    title: L('Pièces justificatives : 4 Mo au plus', 'Attachments: 4 MB at most'),
    sources: ['000', '001'],
    severity: 'error',
    fixable: false,
    stated: L(
      'Une pièce justificative pèse 4 Mo au plus : « Taille maximale : 4 Mo. » (001), « ne pas dépasser 4Mo » (000).',
      'An attachment weighs at most 4 MB: "Taille maximale : 4 Mo." (001), "ne pas dépasser 4Mo" (000).',
    ),
    modelled: L(
      "Ce que « 4 Mo » compte en octets n'est pas publié : au-dessus de 4 194 304 octets (4 × 1024 × 1024), une erreur ; entre 4 000 000 et 4 194 304 octets, un avertissement (P2/size-band).",
      'What "4 Mo" counts in bytes is not published: above 4,194,304 bytes (4 × 1024 × 1024) an error; between 4,000,000 and 4,194,304 bytes a warning (P2/size-band).',
    ),
    messages: {
      tooBig: L(
        'Pièce justificative trop lourde : {size} octets, au-delà de 4 Mo ({max} octets) ; le portail accepte 4 Mo au plus.',
        'Attachment too big: {size} bytes, above 4 MB ({max} bytes); the portal accepts 4 MB at most.',
      ),
      band: L(
        "Pièce justificative de {size} octets : au-delà de 4 000 000 octets, elle dépasse 4 Mo si le portail compte en décimal (4 Mo = {max} octets en binaire) ; la lecture du portail n'est pas publiée.",
        "Attachment of {size} bytes: above 4,000,000 bytes, it exceeds 4 MB if the portal counts in decimal (4 MB = {max} bytes in binary); the portal's reading is not published.",
      ),
    },
  },
  (ctx, v, fact) => {
    if (fact.state !== 'found' || fact.size === undefined) return;
    const { maxBytes, doubtfulFromBytes } = ATTACHMENT_LIMITS;
    const args = { size: numberText(fact.size), max: numberText(maxBytes) };
    if (fact.size > maxBytes) ctx.report({ messageId: 'tooBig', slug: 'too-big', args, provenance: SIZE_SOURCES, node: v.node });
    else if (fact.size > doubtfulFromBytes)
      ctx.report({ messageId: 'band', slug: 'size-band', severity: 'warning', args, provenance: { kind: 'model' }, node: v.node });
  },
);
