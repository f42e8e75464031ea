/**
 * S8 — no extra spaces: blanks at either end of a value, blanks inside a key (source 004: « des espaces en trop »
 * among the format problems; docs/rules.md#s8), as a table over the MDV-LGC-Va1 avance example. Blanks are
 * wrong anywhere: the findings rest on 004, not on the template (sourced even in a modelled block, IMG-RIS-Va2).
 */
import { S8 } from './S8-spaces';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const medecin = ['lignesImport', 0, 'beneficiaires', 'liberal', 0, 'nomMedecin'];

ruleTable(S8, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [
    { name: 'the example: no blank at the ends of values or in keys' },
    { name: 'blanks inside a value (between words) are kept', patch: [{ path: medecin, value: 'Isabelle  Moreau' }] },
    { name: "an empty string is S3's, not extra spaces", patch: [{ path: ['lignesImport', 0, 'beneficiaires', 'nomMandataire'], value: '' }] },
  ],
  invalid: [
    {
      name: 'a trailing blank in a value: the fix trims it',
      patch: [{ path: medecin, value: 'Isabelle Moreau ' }],
      errors: [{ code: 'S8/value', span: '"Isabelle Moreau "', line: 25, severity: 'error', fixed: [{ path: medecin, value: 'Isabelle Moreau' }] }],
    },
    {
      name: 'leading blanks and a tab in an identifier',
      patch: [{ path: ['lignesImport', 0, 'beneficiaires', 'liberal', 0, 'RPPS'], value: '  10106282618\t' }],
      errors: [
        {
          code: 'S8/value',
          span: '"  10106282618\\t"',
          line: 28,
          fixed: [{ path: ['lignesImport', 0, 'beneficiaires', 'liberal', 0, 'RPPS'], value: '10106282618' }],
        },
      ],
    },
    {
      name: "a blank at the end of a key: renamed to the template's key",
      patch: [{ replace: '"nomMedecin"', with: '"nomMedecin "' }],
      errors: [{ code: 'S8/key', span: '"nomMedecin "', line: 25, fixed: [{ replace: '"nomMedecin "', with: '"nomMedecin"' }] }],
    },
    {
      name: 'a blank inside a key (« numero Editeur »)',
      patch: [{ replace: '"numeroEditeur"', with: '"numero Editeur"' }],
      errors: [{ code: 'S8/key', span: '"numero Editeur"', line: 10, fixed: [{ replace: '"numero Editeur"', with: '"numeroEditeur"' }] }],
    },
  ],
});

ruleTable(S8, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [{ name: 'the example' }],
  invalid: [
    {
      name: 'a blank in a key of a modelled block: still an error resting on 004 (blanks are wrong anywhere)',
      patch: [{ replace: '"nomClient"', with: '"nom Client"' }],
      errors: [
        { code: 'S8/key', span: '"nom Client"', line: 13, severity: 'error', provenance: 'source', fixed: [{ replace: '"nom Client"', with: '"nomClient"' }] },
      ],
    },
  ],
});
