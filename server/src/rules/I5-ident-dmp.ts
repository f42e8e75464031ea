/**
 * I5 — IdentDMP by corridor (source 004 FAQ, 002): RAD `4`+RPPS-rang / `5`+FINESS juridique / `6`+FINESS
 * géographique; HOP-PFI `1`+FINESS PMSI; BIO-SGL `6`+FINESS géographique; BIO-LOINC null; MDV the RPPS of the
 * libéral doctor, or for a structure « tous les RPPS des médecins exerçant dans la structure » (004). Corsican
 * FINESS accepted (`62A0000170`). The corridor variant is data: `identDmpVariant` in schemas/sons.json. Where the
 * schema says a value holds a list (`x-list-separator`, the MDV structure: `;` is our model, the portal's way of
 * writing several RPPS in one tag is not published), each item is checked.
 */
import { checkIdentDmp, checkIdentDmpList, type IdentDmpVariant } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const I5 = valueRule(
  {
    id: 'I5',
    title: L('IdentDMP selon le couloir', 'IdentDMP by corridor'),
    sources: ['002', '004'],
    severity: 'error',
    fixable: true,
    stated: L("Composition de l'IdentDMP par couloir (004, 002).", 'IdentDMP composition by corridor (004, 002).'),
    modelled: L(
      "La variante d'un SONS vague 2 quand schemas/sons.json la dit modélisée : avertissement [modélisé].",
      'The variant of a vague 2 SONS when schemas/sons.json says it is modelled: a [modelled] warning.',
    ),
  },
  [
    {
      check: 'identDMP',
      slug: 'ident-dmp',
      label: L('IdentDMP', 'IdentDMP'),
      // The corridor variant applied to this SONS may be modelled (schemas/sons.json `provenance.identDmpVariant`).
      sonsProvenance: 'identDmpVariant',
      run: (value, ctx, v) => {
        const variant = ctx.sons?.identDmpVariant as IdentDmpVariant | undefined;
        if (!variant) return { ok: true };
        const sep = v.schema?.['x-list-separator'];
        return typeof sep === 'string' && sep !== '' ? checkIdentDmpList(value, variant, sep) : checkIdentDmp(value, variant);
      },
    },
  ],
);
