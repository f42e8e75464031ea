/**
 * V6 — `nomClient`, `emailClient`, `telephoneClient` identify the client's legal representative (or delegate)
 * named in the purchase order (source 004): e-mail and phone must be usable; csv2json had to remove spaces from
 * phone numbers (its commit f3898ab; phone findings are warnings: the portal's exact control is our model).
 *
 * V6/representative: « Le 'nomClient' doit correspondre au représentant légal de la structure indiqué dans le bon
 * de commande » (004, answering « Le nom de la structure est-il suffisant ? »): a `nomClient` (`x-role:
 * representative`) equal to the name of one of the line's beneficiary structures (`x-role: structureName`), compared
 * without case, accents or blanks, gets a warning. A libéral doctor is his own representative: only structure names
 * are compared.
 */
import { checkEmail, checkPhone } from '../identifiers';
import { valueRule } from './identifierRule';
import { beneficiariesOf, textOf, type Rule } from '../engine/rule-api';
import { L, foldEquals, foldIsEmpty } from './util';

const base = valueRule(
  {
    id: 'V6',
    title: L('Coordonnées du représentant du client', "Contact details of the client's representative"),
    sources: ['004', 'csv2json'],
    severity: 'error',
    fixable: true,
    stated: L(
      "nomClient, emailClient, telephoneClient : le représentant légal du client, ou son délégué, nommé dans le BDC (004) ; « Le 'nomClient' doit correspondre au représentant légal de la structure », le nom de la structure ne suffit pas (004, V6/representative) ; csv2json retire les espaces des téléphones.",
      "nomClient, emailClient, telephoneClient: the client's legal representative, or delegate, named in the purchase order (004); \"the nomClient must match the structure's legal representative\", the structure's name is not enough (004, V6/representative); csv2json removes the spaces of phone numbers.",
    ),
    modelled: L(
      'La forme exacte acceptée pour un téléphone (avertissement) ; la comparaison de nomClient aux noms des structures bénéficiaires (sans casse, accents ni blancs) est notre lecture de la FAQ 004 (avertissement).',
      "The exact phone number form accepted (a warning); comparing nomClient with the beneficiary structures' names (ignoring case, accents and blanks) is our reading of FAQ 004 (a warning).",
    ),
  },
  [
    { check: 'email', slug: 'email', label: L('Adresse e-mail', 'E-mail address'), run: checkEmail },
    { check: 'phone', slug: 'phone', label: L('N° de téléphone', 'Phone number'), run: checkPhone, severity: 'warning' },
  ],
);

/** Role of a beneficiary's structure name in the summary's attributes (schemas/ `x-role`). */
const STRUCTURE_NAME = 'structureName';
/** V6/representative rests on the FAQ 004 answer alone (not on csv2json, the rule's other source). */
const REPRESENTATIVE_SOURCE = { kind: 'source' as const, sources: ['004'] };

export const V6: Rule = {
  ...base,
  meta: {
    ...base.meta,
    messages: {
      ...base.meta.messages,
      representative: L(
        '« nomClient » reprend le nom de la structure bénéficiaire : il doit donner le représentant légal du client (ou son délégataire) indiqué dans le bon de commande (FAQ 004).',
        '"nomClient" repeats the beneficiary structure\'s name: it must give the client\'s legal representative (or delegate) named in the purchase order (FAQ 004).',
      ),
    },
  },
  create(ctx) {
    const visitors = base.create(ctx);
    return {
      ...visitors,
      end(root) {
        visitors.end?.(root);
        for (const l of ctx.summary()?.lines ?? []) {
          const rep = l?.representative;
          const name = textOf(rep);
          if (!rep || name === undefined || foldIsEmpty(name)) continue;
          // fold(name) is not empty here: fold(s) === fold(name) implies that fold(s) is not empty either.
          const same = beneficiariesOf(l).find((b) => {
            const s = b.attributes?.[STRUCTURE_NAME];
            return typeof s === 'string' && foldEquals(s, name);
          });
          if (!same) continue;
          ctx.report({
            messageId: 'representative',
            slug: 'representative',
            severity: 'warning',
            provenance: REPRESENTATIVE_SOURCE,
            offset: rep.offset,
            length: rep.length,
            related: [{ offset: same.offset, length: 1, message: L('Bénéficiaire de même nom', 'Beneficiary of the same name') }],
          });
        }
      },
    };
  },
};
