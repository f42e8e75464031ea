/**
 * S12 — the portal parses strict JSON (RFC 8259; the portal's first control is the file format, seed 002 flow
 * chart; docs/rules.md#s12): comments, trailing commas, single quotes, NaN/Infinity, duplicate keys, a BOM,
 * an empty file, any other syntax error, a nesting too deep to be a Ségur file, and a file not in UTF-8
 * (S12/encoding, from the encoding the caller decoded it with). As a table of text replacements over the MDV-LGC-Va1
 * avance example (and whole texts for what is no longer that example). Literal case (`Null`, `True`) is S3's and S4's.
 */
import { S12 } from './S12-strict-json';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

ruleTable(S12, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [
    { name: 'the example: strict JSON' },
    {
      name: '« // » and « /* » inside a string are no comments',
      patch: [{ replace: '"nomMedecin": "Isabelle Moreau"', with: '"nomMedecin": "Isabelle // Moreau /* x */"' }],
    },
    {
      name: 'an apostrophe inside a double-quoted string',
      patch: [{ replace: '"nomMedecin": "Isabelle Moreau"', with: '"nomMedecin": "Isabelle d\'Moreau"' }],
    },
    {
      name: 'the same key in two different blocks is no duplicate',
      patch: [{ replace: '"regimeTVA": "TTC",', with: '"regimeTVA": "TTC",\n        "numeroEditeur": null,' }],
    },
    {
      name: 'CRLF line ends and a final line break',
      text: '{\r\n  "impId": null,\r\n  "numeroAns": "CVA1LGC001",\r\n  "siret": "33493272000017",\r\n  "lignesImport": []\r\n}\r\n',
    },
    { name: "Null (literal case) is S3's, not S12's", patch: [{ replace: '"impId": null', with: '"impId": Null' }] },
  ],
  invalid: [
    {
      name: 'a line comment: removed by the fix',
      patch: [{ replace: '"impId": null,', with: '"impId": null, // à remplir' }],
      errors: [{ code: 'S12/comment', span: '// à remplir', line: 2, fixed: [{ replace: ' // à remplir', with: '' }] }],
    },
    {
      name: 'a block comment on its own line: the fix removes the line',
      patch: [{ replace: '  "impId": null,', with: '  /* en-tête */\n  "impId": null,' }],
      errors: [{ code: 'S12/comment', span: '/* en-tête */', line: 2, fixed: [{ replace: '  /* en-tête */\n', with: '' }] }],
    },
    {
      name: 'a trailing comma in an object',
      patch: [{ replace: '"montantSegurHT": 358.33\n', with: '"montantSegurHT": 358.33,\n' }],
      errors: [{ code: 'S12/trailing-comma', span: ',', line: 14, fixed: [{ replace: '358.33,\n', with: '358.33\n' }] }],
    },
    {
      name: 'a trailing comma in an array',
      patch: [{ replace: '"typeFichier": "BON_COMMANDE"\n        }\n      ]', with: '"typeFichier": "BON_COMMANDE"\n        },\n      ]' }],
      errors: [{ code: 'S12/trailing-comma', span: ',', line: 44, fixed: [{ replace: '},\n      ]', with: '}\n      ]' }] }],
    },
    {
      name: 'single quotes around a key and its value: one finding each, each fix writes double quotes',
      patch: [{ replace: '"numeroAns": "CVA1LGC001"', with: "'numeroAns': 'CVA1LGC001'" }],
      errors: [
        { code: 'S12/single-quote', span: "'numeroAns'", line: 3, fixed: [{ replace: "'numeroAns'", with: '"numeroAns"' }] },
        { code: 'S12/single-quote', span: "'CVA1LGC001'", line: 3, fixed: [{ replace: "'CVA1LGC001'", with: '"CVA1LGC001"' }] },
      ],
    },
    {
      name: 'NaN for an amount: no fix (which number is meant is not known)',
      patch: [{ replace: '"montantSegurHT": 358.33', with: '"montantSegurHT": NaN' }],
      errors: [{ code: 'S12/nan-infinity', span: 'NaN', line: 14 }],
    },
    {
      name: '-Infinity: the range is the word',
      patch: [{ replace: '"montantSegurHT": 358.33', with: '"montantSegurHT": -Infinity' }],
      errors: [{ code: 'S12/nan-infinity', span: 'Infinity', line: 14 }],
    },
    {
      name: "a key written twice in the header: reported on the second, no fix (which one to keep is the user's choice)",
      patch: [{ replace: '"siret": "33493272000017",', with: '"siret": "33493272000017",\n  "siret": "33493272000017",' }],
      errors: [{ code: 'S12/duplicate-key', span: '"siret"', line: 5 }],
    },
    {
      name: 'a byte order mark: removed by the fix',
      patch: [{ replace: '{', with: '\uFEFF{' }],
      errors: [{ code: 'S12/bom', span: '\uFEFF', line: 1, fixed: [{ replace: '\uFEFF', with: '' }] }],
    },
    {
      name: 'an empty file',
      text: '',
      errors: [{ code: 'S12/empty', span: '' }],
    },
    {
      name: 'a file of blanks only: the range covers them',
      text: '  \n',
      errors: [{ code: 'S12/empty', span: '  \n' }],
    },
    {
      name: 'a missing comma: reported on the next key',
      patch: [{ replace: '"impId": null,', with: '"impId": null' }],
      errors: [{ code: 'S12/syntax', span: '"numeroAns"', line: 3 }],
    },
    {
      name: 'a truncated file: the unterminated string, then the missing brace at the end',
      text: '{"impId": null, "numeroAns": "CVA1',
      errors: [
        { code: 'S12/syntax', span: '"CVA1' },
        { code: 'S12/syntax', span: '' },
      ],
    },
    {
      name: 'nesting deeper than the limit: not a Ségur file, only the syntax checked',
      text: `${'['.repeat(300)}${']'.repeat(300)}`,
      errors: [{ code: 'S12/too-deep', span: '[' }],
    },
    {
      name: 'decoded from Windows-1252 (guessed): S12/encoding on the first character',
      options: { encoding: 'windows-1252' },
      errors: [{ code: 'S12/encoding', span: '{', line: 1 }],
    },
    {
      name: 'decoded from UTF-16LE (a BOM said so)',
      options: { encoding: 'utf-16le' },
      errors: [{ code: 'S12/encoding', span: '{', line: 1 }],
    },
  ],
});
