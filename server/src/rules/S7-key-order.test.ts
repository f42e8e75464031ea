/**
 * S7 — keys follow the template's order (source 004: « des lignes manquantes ou dans le mauvais ordre »;
 * docs/rules.md#s7; the order is `properties` in schemas/), as tables over the MDV-LGC-Va1 avance (vague 1,
 * order of csv2json) and the IMG-RIS-Va2 avance (vague 2, modelled order: a warning). The fix rewrites the object in
 * template order, each property's text and the separators kept.
 */
import { S7 } from './S7-key-order';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const swapCommande = {
  replace: '"dateCommande": "02/05/2022",\n        "regimeTVA": "TTC",',
  with: '"regimeTVA": "TTC",\n        "dateCommande": "02/05/2022",',
};
const swapHeader = { replace: '"numeroAns": "CVA1LGC001",\n  "siret": "33493272000017",', with: '"siret": "33493272000017",\n  "numeroAns": "CVA1LGC001",' };

ruleTable(S7, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [
    { name: 'the example: keys in template order' },
    {
      name: "an unknown key between template keys is S1's, not a misplaced key",
      patch: [{ replace: '"regimeTVA": "TTC",', with: '"regimeTVA": "TTC",\n        "commentaire": null,' }],
    },
    { name: 'a missing key leaves the others in order', patch: [{ path: ['lignesImport', 0, 'commande', 'regimeTVA'], remove: true }] },
  ],
  invalid: [
    {
      name: 'two keys of « commande » swapped: reported on the one that comes earlier in the template, fixed back',
      patch: [swapCommande],
      errors: [
        {
          code: 'S7',
          span: '"dateCommande"',
          line: 13,
          severity: 'error',
          provenance: 'source',
          fixed: [{ replace: swapCommande.with, with: swapCommande.replace }],
        },
      ],
    },
    {
      name: 'the header keys swapped (siret before numeroAns)',
      patch: [swapHeader],
      errors: [{ code: 'S7', span: '"numeroAns"', line: 4, fixed: [{ replace: swapHeader.with, with: swapHeader.replace }] }],
    },
    {
      name: 'two objects out of order: one finding each, each fix rewrites its own object',
      patch: [swapHeader, swapCommande],
      errors: [
        { code: 'S7', span: '"numeroAns"', line: 4, fixed: [{ replace: swapHeader.with, with: swapHeader.replace }] },
        { code: 'S7', span: '"dateCommande"', line: 13, fixed: [{ replace: swapCommande.with, with: swapCommande.replace }] },
      ],
    },
    {
      name: 'a key moved to the end of its line (typeAction last): the whole line is reordered',
      patch: [
        { replace: '      "typeAction": "C",\n', with: '' },
        { replace: '"libelleTraitement": null\n    },', with: '"libelleTraitement": null,\n      "typeAction": "C"\n    },' },
      ],
      errors: [
        {
          code: 'S7',
          span: '"typeAction"',
          line: 58,
          fixed: [
            { replace: '"libelleTraitement": null,\n      "typeAction": "C"\n    },', with: '"libelleTraitement": null\n    },' },
            { replace: '"numLigne": 1,\n', with: '"numLigne": 1,\n      "typeAction": "C",\n' },
          ],
        },
      ],
    },
  ],
});

ruleTable(S7, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [{ name: 'the example' }],
  invalid: [
    {
      name: 'a modelled order (vague 2 commande): a [modelled] warning',
      patch: [{ replace: '"regimeTVA": "TTC",\n        "tauxTVA": 20,', with: '"tauxTVA": 20,\n        "regimeTVA": "TTC",' }],
      errors: [
        {
          code: 'S7',
          span: '"regimeTVA"',
          line: 17,
          severity: 'warning',
          provenance: 'model',
          fixed: [{ replace: '"tauxTVA": 20,\n        "regimeTVA": "TTC",', with: '"regimeTVA": "TTC",\n        "tauxTVA": 20,' }],
        },
      ],
    },
  ],
});

ruleTable(S7, {
  sons: 'IMG-RIS-Va2',
  kind: 'solde',
  valid: [{ name: 'the solde example' }],
  invalid: [
    {
      name: 'the two keys of the facture block (order of the IMG solde example, 000) swapped: an error',
      patch: [
        {
          replace: '"dateEditionFacture": "12/05/2026",\n        "montantPrestationPrincipaleSegurHTFacture": 31250.00',
          with: '"montantPrestationPrincipaleSegurHTFacture": 31250.00,\n        "dateEditionFacture": "12/05/2026"',
        },
      ],
      errors: [
        {
          code: 'S7',
          span: '"dateEditionFacture"',
          line: 13,
          severity: 'error',
          provenance: 'source',
          fixed: [
            {
              replace: '"montantPrestationPrincipaleSegurHTFacture": 31250.00,\n        "dateEditionFacture": "12/05/2026"',
              with: '"dateEditionFacture": "12/05/2026",\n        "montantPrestationPrincipaleSegurHTFacture": 31250.00',
            },
          ],
        },
      ],
    },
  ],
});
