/**
 * S3 — a tag that does not apply is written null, in lower case, never deleted (source 000: « Ne pas supprimer les
 * balises non concernées → renseigner null (Casse à respecter) »), as tables over the
 * MDV-LGC-Va1 avance example (nullable tags of csv2json: `nomMandataire`; a required one: `numeroEditeur`) and the
 * vague 2 soldes IMG-RIS-Va2 (pilots: a null VA date is admitted, information) and IMG-DB-Va2 (no pilot: to fill in).
 */
import { S3 } from './S3-null-tags';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatches, exampleText, ruleTable, runRule } from '../../../test/helpers/rule-tester.ts';

const benef = ['lignesImport', 0, 'beneficiaires'];
const mandataire = [...benef, 'nomMandataire'];

ruleTable(S3, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [
    { name: 'the example: tags that do not apply are null' },
    { name: 'a nullable tag filled in with a value', patch: [{ path: mandataire, value: 'Cabinet Moreau' }] },
    { name: 'null inside a string is a value, not the string "null"', patch: [{ path: mandataire, value: 'nullement' }] },
  ],
  invalid: [
    {
      name: "a nullable tag deleted: reported on its object's key, the fix inserts it null at its template place",
      patch: [{ path: mandataire, remove: true }],
      errors: [
        {
          code: 'S3/missing-tag',
          span: '"beneficiaires"',
          line: 16,
          fixed: [{ replace: '"isClientUnique": true,', with: '"isClientUnique": true,\n        "nomMandataire": null,' }],
        },
      ],
    },
    {
      name: "a required tag deleted (numeroEditeur): reported on the line's brace, inserted null to fill in",
      patch: [{ path: ['lignesImport', 0, 'numeroEditeur'], remove: true }],
      errors: [
        { code: 'S3/missing-tag', span: '{', line: 6, fixed: [{ replace: '"numeroASP": null,', with: '"numeroASP": null,\n      "numeroEditeur": null,' }] },
      ],
    },
    {
      name: 'a required tag written null: to fill in, no fix',
      patch: [{ path: ['lignesImport', 0, 'numeroEditeur'], value: null }],
      errors: [{ code: 'S3/to-fill', span: 'null', line: 10 }],
    },
    {
      name: 'NULL (upper case, not JSON): corrected in place',
      patch: [{ replace: '"nomMandataire": null', with: '"nomMandataire": NULL' }],
      errors: [{ code: 'S3/null-case', span: 'NULL', line: 20, fixed: [{ replace: 'NULL', with: 'null' }] }],
    },
    {
      name: 'Null (capitalised)',
      patch: [{ replace: '"emailMandataire": null', with: '"emailMandataire": Null' }],
      errors: [{ code: 'S3/null-case', span: 'Null', line: 21, fixed: [{ replace: 'Null', with: 'null' }] }],
    },
    {
      name: 'the string "null": the fix writes null',
      patch: [{ path: mandataire, value: 'null' }],
      errors: [{ code: 'S3/null-string', span: '"null"', line: 20, fixed: [{ path: mandataire, value: null }] }],
    },
    {
      name: 'an empty string in a nullable tag: a warning, null offered (unsafe: the tag may apply and be left to fill)',
      patch: [{ path: mandataire, value: '' }],
      errors: [{ code: 'S3/empty', span: '""', line: 20, severity: 'warning', fixed: [{ path: mandataire, value: null }], unsafe: true }],
    },
  ],
});

const va = ['lignesImport', 0, 'VA', 'dateSignatureVA'];

ruleTable(S3, {
  sons: 'IMG-RIS-Va2',
  kind: 'solde',
  valid: [{ name: 'the solde example: VA dates filled in' }],
  invalid: [
    {
      name: 'a null VA date in a SONS with pilots: admitted for a pilot solde (information, x-null-for-pilot)',
      patch: [{ path: va, value: null }],
      errors: [{ code: 'S3/pilot-va', span: 'null', line: 17, severity: 'information' }],
    },
    {
      name: 'a required tag of the facture block (IMG solde example of 000) deleted: an error resting on the source',
      patch: [{ path: ['lignesImport', 0, 'facture', 'dateEditionFacture'], remove: true }],
      errors: [
        {
          code: 'S3/missing-tag',
          span: '"facture"',
          line: 11,
          severity: 'error',
          provenance: 'source',
          fixed: [{ replace: '"facture": {\n', with: '"facture": {\n        "dateEditionFacture": null,\n' }],
        },
      ],
    },
    {
      name: 'codeTraitement deleted from a solde line (modelled in vague 2): a [modelled] warning, inserted null',
      patch: [{ path: ['lignesImport', 0, 'codeTraitement'], remove: true }],
      errors: [
        {
          code: 'S3/missing-tag',
          span: '{',
          line: 6,
          severity: 'warning',
          provenance: 'model',
          fixed: [{ replace: '      "libelleTraitement": null\n', with: '      "codeTraitement": null,\n      "libelleTraitement": null\n' }],
        },
      ],
    },
  ],
});

ruleTable(S3, {
  sons: 'IMG-DB-Va2',
  kind: 'solde',
  valid: [{ name: 'the solde example: VA dates filled in' }],
  invalid: [
    {
      name: 'a null VA date in IMG-DB (0 pilots, 000): to fill in',
      patch: [{ path: va, value: null }],
      errors: [{ code: 'S3/to-fill', span: 'null', line: 17, severity: 'error' }],
    },
  ],
});

// A solde's client identifiers left null (000: « vous devez compléter les balises avec les données réelles: … le/les
// n° PMSI/SIREN/RPPS du/des clients présents à la demande d'avance »): errors graded 000, whatever the key's own
// provenance in the model. The FINESS juridique is not among the numbers 000 names: its null stays the model's warning.
const etab = (line: number, key: string) => ['lignesImport', line, 'beneficiaires', 'Etablissements', 0, key];
ruleTable(S3, {
  sons: 'HOP-DPI-Va2',
  kind: 'solde',
  valid: [{ name: 'the HOP-DPI solde example: client identifiers filled in' }],
  invalid: [
    {
      name: 'the FINESS PMSI of a solde left null: an error graded 000',
      patch: [{ path: etab(0, 'FINESSPMSI'), value: null }],
      errors: [{ code: 'S3/to-fill', span: 'null', line: 23, severity: 'error', provenance: 'source' }],
    },
    {
      name: "the FINESS juridique left null: the model's warning (000 names PMSI, SIREN, RPPS)",
      patch: [{ path: etab(0, 'FINESSJuridique'), value: null }],
      errors: [{ code: 'S3/to-fill', span: 'null', line: 24, severity: 'warning', provenance: 'model' }],
    },
  ],
});

ruleTable(S3, {
  sons: 'MDV-LGC-Va2',
  kind: 'solde',
  valid: [{ name: 'the MDV-LGC solde example: RPPS filled in' }],
  invalid: [
    {
      name: 'the RPPS of a libéral doctor of a solde left null: an error graded 000',
      patch: [{ replace: '"RPPS": "10002485232"', with: '"RPPS": null' }],
      errors: [{ code: 'S3/to-fill', span: 'null', line: 25, severity: 'error', provenance: 'source' }],
    },
  ],
});

ruleTable(S3, {
  sons: 'HOP-DPI-Va2',
  kind: 'avance',
  valid: [],
  invalid: [
    {
      name: "the FINESS PMSI of an avance left null: the model's warning (000 speaks of the solde)",
      patch: [{ path: etab(0, 'FINESSPMSI'), value: null }],
      errors: [{ code: 'S3/to-fill', span: 'null', line: 25, severity: 'warning', provenance: 'model' }],
    },
  ],
});

test("S3: a solde's client identifier left null says what 000 says", () => {
  const text = applyPatches(exampleText('HOP-DPI-Va2', 'solde'), [{ path: etab(0, 'FINESSPMSI'), value: null }]);
  const [f] = runRule(S3, text, { sons: 'HOP-DPI-Va2', kind: 'solde' });
  assert.deepEqual(f.provenance, { kind: 'source', sources: ['000'] });
  assert.match(f.message.fr, /« vous devez compléter les balises avec les données réelles/);
  assert.match(f.message.fr, /PMSI\/SIREN\/RPPS du\/des clients présents à la demande d'avance/);
  assert.doesNotMatch(f.message.fr, /modélisée/);
});
