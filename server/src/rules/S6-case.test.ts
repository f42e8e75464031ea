/**
 * S6 — case is significant in keys and enumerated values (sources 000 « Casse à respecter », 004 « une casse de
 * caractères incorrecte », csv2json commit 28f2bda `PDF`; docs/rules.md#s6), as tables over the MDV-LGC-Va1
 * avance (vague 1: keys and `formatFichier` values of csv2json, sourced) and the IMG-RIS-Va2 avance (vague 2:
 * `typeActivite`, a list of values that is our model: a warning and a fix only offered).
 */
import { S6 } from './S6-case';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const format0 = ['lignesImport', 0, 'piecesJustificatives', 0, 'formatFichier'];

ruleTable(S6, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [
    { name: "the example: keys and values in the template's case" },
    { name: 'another allowed value in the right case (JPEG)', patch: [{ path: format0, value: 'JPEG' }] },
    { name: "a value that is no case variant of an allowed one (« DOCX ») is not S6's", patch: [{ path: format0, value: 'DOCX' }] },
  ],
  invalid: [
    {
      name: '« pdf » for « PDF » (csv2json writes PDF): an error, fixed by fix-all',
      patch: [{ path: format0, value: 'pdf' }],
      errors: [{ code: 'S6/value', span: '"pdf"', line: 42, severity: 'error', provenance: 'source', fixed: [{ path: format0, value: 'PDF' }] }],
    },
    {
      name: '« IsMandataire » for « isMandataire »: key renamed, value kept',
      patch: [{ replace: '"isMandataire"', with: '"IsMandataire"' }],
      errors: [{ code: 'S6/key', span: '"IsMandataire"', line: 18, fixed: [{ replace: '"IsMandataire"', with: '"isMandataire"' }] }],
    },
    {
      name: '« NUMEROEDITEUR » (all capitals) in line 2',
      patch: [{ replace: '"numeroEditeur"', with: '"NUMEROEDITEUR"', nth: 1 }],
      errors: [{ code: 'S6/key', span: '"NUMEROEDITEUR"', fixed: [{ replace: '"NUMEROEDITEUR"', with: '"numeroEditeur"' }] }],
    },
  ],
});

const activite = ['lignesImport', 0, 'beneficiaires', 'Etablissements', 0, 'typeActivite'];

ruleTable(S6, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [{ name: 'the example' }],
  invalid: [
    {
      name: '« mixte » for the modelled « Mixte »: a [modelled] warning, the fix offered but not applied by fix-all',
      patch: [{ path: activite, value: 'mixte' }],
      errors: [
        { code: 'S6/value', span: '"mixte"', line: 27, severity: 'warning', provenance: 'model', fixed: [{ path: activite, value: 'Mixte' }], unsafe: true },
      ],
    },
    {
      name: '« etablissements » for « Etablissements » (a modelled key: a warning)',
      patch: [{ replace: '"Etablissements"', with: '"etablissements"' }],
      errors: [{ code: 'S6/key', span: '"etablissements"', line: 22, severity: 'warning', fixed: [{ replace: '"etablissements"', with: '"Etablissements"' }] }],
    },
  ],
});

ruleTable(S6, {
  sons: 'IMG-RIS-Va2',
  kind: 'solde',
  valid: [{ name: 'the solde example: « VA » and « facture » as 000 writes them' }],
  invalid: [
    {
      name: '« va » for « VA » (000 names it among the keys with capitals): an error on the key',
      patch: [{ replace: '"VA"', with: '"va"' }],
      errors: [{ code: 'S6/key', span: '"va"', line: 15, severity: 'error', provenance: 'source', fixed: [{ replace: '"va"', with: '"VA"' }] }],
    },
    {
      name: '« Facture » for « facture » (without capital, 000)',
      patch: [{ replace: '"facture"', with: '"Facture"', nth: 1 }],
      errors: [{ code: 'S6/key', span: '"Facture"', line: 50, fixed: [{ replace: '"Facture"', with: '"facture"' }] }],
    },
  ],
});
