/**
 * V4 — VAT rates: 20 % mainland, 8.5 % overseas, and 0 % / HT for clients not liable to VAT (sources 004, 003).
 * The (regime, rate) pairs allowed are data: `vatRegimes` in schemas/sons.json.
 */
import { SONS_TABLE, type Rule } from '../engine/rule-api';
import { L, numberText } from './util';

interface VatRegime {
  regimeTVA: string;
  tauxTVA: number;
}

export const V4: Rule = {
  meta: {
    id: 'V4',
    title: L('Régime et taux de TVA cohérents', 'Consistent VAT regime and rate'),
    sources: ['004', '003'],
    severity: 'error',
    fixable: false,
    stated: L(
      'TVA 20 % en métropole, 8,5 % outre-mer, 0 % / HT pour un client non assujetti (004, 003).',
      'VAT 20 % mainland, 8.5 % overseas, 0 % / HT for a client not liable to VAT (004, 003).',
    ),
    modelled: L(
      'Les couples régime/taux (schemas/sons.json) et la balise du taux en vague 2.',
      'The regime/rate pairs (schemas/sons.json) and the rate key in vague 2.',
    ),
    messages: {
      pair: L(
        'Taux de TVA {rate} incompatible avec le régime {regime} : couples admis {allowed}.',
        'VAT rate {rate} does not match regime {regime}: allowed pairs {allowed}.',
      ),
    },
  },
  stage: 'structure',
  create(ctx) {
    const pairs = (SONS_TABLE.vatRegimes ?? []) as VatRegime[];
    // The allowed pairs are the message's own figures: « TTC 8,5 % » in French, "TTC 8.5 %" in English. The rate
    // found is the file's, quoted as written.
    const pairText = (lang: 'fr' | 'en') => pairs.map((p) => `${p.regimeTVA} ${numberText(p.tauxTVA)[lang]} %`).join(', ');
    const allowed = L(pairText('fr'), pairText('en'));
    return {
      end() {
        for (const l of ctx.summary()?.lines ?? []) {
          // Each read once (the summary makes a line's span when it is read).
          const vatRegime = l?.vatRegime;
          const vatRate = l?.vatRate;
          if (!vatRegime || !vatRate || typeof vatRate.value !== 'number' || typeof vatRegime.value !== 'string') continue;
          const regime = vatRegime.value;
          const rate = vatRate.value;
          if (pairs.some((p) => p.regimeTVA === regime && p.tauxTVA === rate)) continue;
          // A regime or rate outside the lists is the schema's (V4/schema); here only the pairing.
          if (!pairs.some((p) => p.regimeTVA === regime) || !pairs.some((p) => p.tauxTVA === rate)) continue;
          ctx.report({ messageId: 'pair', args: { rate, regime, allowed }, offset: vatRate.offset, length: vatRate.length });
        }
      },
    };
  },
};
