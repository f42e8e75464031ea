/**
 * I8 — n° dossier ASP: `FIN` + corridor code + digits (`FINIMG013656M0`), and its corridor must be the file's;
 * n° ANS such as `CVA2RIS001` (sources 000, 004). Both patterns are modelled from these examples; the n° ANS one is
 * marked so in schemas/ (`x-provenance-values: modelled`: vague 1 numbers are not seen at all, csv2json writes a
 * placeholder) and gives warnings that name the modelled form.
 */
import { checkDossierAsp, checkNumeroAns } from '../identifiers';
import { valueRule } from './identifierRule';
import { L } from './util';

export const I8 = valueRule(
  {
    id: 'I8',
    title: L('N° de dossier ASP et n° ANS', 'ASP file number and ANS number'),
    sources: ['000', '004'],
    severity: 'error',
    fixable: true,
    stated: L(
      'N° de dossier FIN + couloir + chiffres (004 ; FINIMG013656M0 dans 000) ; n° ANS tel CVA2RIS001 (000).',
      'File number FIN + corridor + digits (004; FINIMG013656M0 in 000); ANS number such as CVA2RIS001 (000).',
    ),
    modelled: L(
      "La forme du n° ANS au-delà de l'exemple CVA2RIS001 : avertissement [modélisé].",
      'The ANS number form beyond the CVA2RIS001 example: a [modelled] warning.',
    ),
  },
  [
    {
      check: 'dossierASP',
      slug: 'dossier-asp',
      label: L('N° de dossier ASP', 'ASP file number'),
      run: (value, ctx) => checkDossierAsp(value, ctx.detection.corridor),
    },
    {
      check: 'numeroAns',
      slug: 'numero-ans',
      label: L('N° ANS', 'ANS number'),
      // A warning: the form is modelled (`x-provenance-values: modelled`), the engine caps the `model` finding.
      run: (value) => {
        const r = checkNumeroAns(value);
        if (r.ok) return r;
        const hint = r.hint ?? 'n° ANS invalide';
        return { ...r, hint: `${hint} (forme modélisée d'après ${hint.includes('CVA2RIS001') ? 'cet exemple' : "l'exemple CVA2RIS001"})` };
      },
    },
  ],
);
