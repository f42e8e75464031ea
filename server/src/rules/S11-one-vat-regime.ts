/**
 * S11 — All requests in one file share one VAT regime (TTC 20 %, TTC 8.5 %, TTC 0 %, HT 0 %): split files
 * otherwise (source 004: "vous devez séparer les demandes ayant des taux de TVA différents … dans des fichiers
 * JSON différents"). The regime is read from the values marked `x-role: vatRegime` / `vatRate` in schemas/.
 */
import type { Rule } from '../engine/rule-api';
import { L, meaningOf } from './util';

export const S11: Rule = {
  meta: {
    id: 'S11',
    title: L('Un seul régime de TVA par fichier', 'One VAT regime per file'),
    sources: ['004'],
    severity: 'error',
    fixable: false,
    stated: L(
      'Séparer dans des JSON différents les demandes de taux de TVA différents (004).',
      'Requests with different VAT rates go in different JSON files (004).',
    ),
    modelled: L('Les balises qui portent le régime et le taux en vague 2.', 'The keys that carry the regime and the rate in vague 2.'),
    messages: {
      mixed: L(
        'Régime de TVA {regime} différent de celui de la ligne 1 ({first}) : un fichier JSON par régime de TVA.',
        'VAT regime {regime} differs from line 1 ({first}): one JSON file per VAT regime.',
      ),
    },
  },
  stage: 'structure',
  create(ctx) {
    return {
      end() {
        const lines = ctx.summary()?.lines.filter(Boolean) ?? [];
        // Lines are compared by what their regime and rate mean (meaningOf: case and blanks aside): « ttc » on one
        // line is the same regime as « TTC » on the others, its spelling reported once where it is (S6, S8).
        const has = (x: unknown) => x !== undefined && x !== null;
        // "regime rate", or the one of them that is there, as written (no array per line).
        const label = (l: (typeof lines)[number]) => {
          const regime = l.vatRegime?.value;
          const rate = l.vatRate?.value;
          if (has(regime) && has(rate)) return `${regime} ${rate}`;
          return has(regime) ? String(regime) : has(rate) ? String(rate) : '';
        };
        const first = lines.find((l) => l.vatRegime || l.vatRate);
        if (!first) return;
        // The rate is optional (entered on the portal, 004): a line without it differs only by its regime, and the
        // first rate written stands for the file's.
        const firstRegime = meaningOf(lines.find((l) => meaningOf(l.vatRegime?.value) !== undefined)?.vatRegime?.value);
        const firstRate = meaningOf(lines.find((l) => meaningOf(l.vatRate?.value) !== undefined)?.vatRate?.value);
        const refRegime = first.vatRegime?.value;
        const refRate = first.vatRate?.value;
        let ref: string | undefined;
        for (const l of lines) {
          const regimeValue = l.vatRegime?.value;
          const rateValue = l.vatRate?.value;
          // The first line's regime and rate, written the same (no string folded for each line of a big file).
          if (regimeValue === refRegime && rateValue === refRate) continue;
          const regime = meaningOf(regimeValue);
          const rate = meaningOf(rateValue);
          if (
            !(regime !== undefined && firstRegime !== undefined && regime !== firstRegime) &&
            !(rate !== undefined && firstRate !== undefined && rate !== firstRate)
          )
            continue;
          const at = l.vatRate ?? l.vatRegime!;
          const f = first.vatRate ?? first.vatRegime!;
          ref ??= label(first);
          ctx.report({
            messageId: 'mixed',
            args: { regime: label(l), first: ref },
            offset: at.offset,
            length: at.length,
            related: [{ offset: f.offset, length: f.length, message: L('Régime de la première ligne', 'Regime of the first line') }],
          });
        }
      },
    };
  },
};
