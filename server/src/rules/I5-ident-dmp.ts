/**
 * I5 — IdentDMP by corridor (source 004 FAQ, 002): RAD `4`+RPPS-rang / `5`+FINESS juridique / `6`+FINESS
 * géographique; HOP-PFI `1`+FINESS PMSI; BIO-SGL `6`+FINESS géographique; BIO-LOINC null; MDV the RPPS. Corsican
 * FINESS accepted (`62A0000170`). The corridor variant is data: `identDmpVariant` in schemas/sons.json.
 */
import { checkIdentDmp, type IdentDmpVariant } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const I5 = valueRule(
  {
    id: 'I5',
    title: L('IdentDMP selon le couloir', 'IdentDMP by corridor'),
    sources: ['002', '004'],
    severity: 'error',
    fixable: true,
    stated: L('Composition de l\'IdentDMP par couloir (004, 002).', 'IdentDMP composition by corridor (004, 002).'),
    modelled: L('La variante d\'un SONS vague 2 quand schemas/sons.json la dit modélisée : avertissement [modélisé].', 'The variant of a vague 2 SONS when schemas/sons.json says it is modelled: a [modelled] warning.'),
  },
  [
    {
      check: 'identDMP',
      slug: 'ident-dmp',
      label: L('IdentDMP', 'IdentDMP'),
      // The corridor variant applied to this SONS may be modelled (schemas/sons.json `provenance.identDmpVariant`).
      sonsProvenance: 'identDmpVariant',
      run: (value, ctx) => {
        const variant = ctx.sons?.identDmpVariant as IdentDmpVariant | undefined;
        return variant ? checkIdentDmp(value, variant) : { ok: true };
      },
    },
  ],
);
