/**
 * S1 — each file follows its own template, avance or solde (sources 000, 002, 004), as a
 * table over the IMG-RIS-Va2 avance and solde examples: keys of no template (`S1/unknown-key`, with a rename when a
 * template key is one typo away), the schema errors no other rule explains (`S1/schema`) and a Ségur file whose SONS
 * or kind cannot be determined (`S1`, run without --sons/--kind), or whose SONS and kind are known but have no bundled
 * model (`S1/no-model`: MDV-LGC-Va1 has no solde template; the message says how to load the official one).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exampleText, runRule } from '../../../test/helpers/rule-tester.ts';
import { S1 } from './S1-format';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const commande = ['lignesImport', 0, 'commande'];
const undetected = { sons: undefined, kind: undefined };

ruleTable(S1, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: every key is in the IMG-RIS-Va2 avance template' },
    {
      name: "template keys out of order are S7's, not unknown keys",
      patch: [
        {
          replace: '"dateCommande": "22/07/2025",\n        "nomClient": "Sophie Marchand",',
          with: '"nomClient": "Sophie Marchand",\n        "dateCommande": "22/07/2025",',
        },
      ],
    },
    { name: 'a nullable key written null', patch: [{ path: [...commande, 'emailClient'], value: null }] },
  ],
  invalid: [
    {
      name: 'a key of no template (« commentaire ») in a modelled vague 2 block: a [modelled] warning, no rename offered',
      patch: [{ path: [...commande, 'commentaire'], value: 'à voir' }],
      errors: [{ code: 'S1/unknown-key', span: '"commentaire"', severity: 'warning', provenance: 'model' }],
    },
    {
      name: 'a typo one letter away from a template key: rename offered, not applied by fix-all',
      patch: [{ replace: '"nomClient": "Sophie Marchand"', with: '"nomClent": "Sophie Marchand"' }],
      errors: [{ code: 'S1/unknown-key', span: '"nomClent"', line: 13, fixed: [{ replace: '"nomClent"', with: '"nomClient"' }], unsafe: true }],
    },
    {
      name: 'a transposition (two edits from « nomClient »): no rename guessed; the template key is then missing (S1/schema, as S3 is not run here)',
      patch: [{ replace: '"nomClient": "Sophie Marchand"', with: '"nomClinet": "Sophie Marchand"' }],
      errors: [
        { code: 'S1/schema', span: '"commande"', line: 11 },
        { code: 'S1/unknown-key', span: '"nomClinet"', line: 13 },
      ],
    },
    {
      name: 'a value of the wrong type that no rule explains (typeAction 5): the schema finding, modelled',
      patch: [{ path: ['lignesImport', 0, 'typeAction'], value: 5 }],
      errors: [{ code: 'S1/schema', span: '5', line: 8, severity: 'warning', provenance: 'model' }],
    },
    {
      name: 'a Ségur file checked without SONS nor kind, that its content does not tell: undetected (warning on the root brace)',
      text: '{\n  "lignesImport": []\n}\n',
      options: undetected,
      errors: [{ code: 'S1', span: '{', line: 1, severity: 'warning' }],
    },
    {
      name: 'the same in the editor (its message points to the SONS picker): same code and range',
      text: '{\n  "lignesImport": []\n}\n',
      options: { ...undetected, client: 'editor' },
      errors: [{ code: 'S1', span: '{', line: 1, severity: 'warning' }],
    },
  ],
});

ruleTable(S1, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [{ name: 'the vague 1 example (template of csv2json)' }],
  invalid: [
    {
      // The keys of csv2json's commande are the generator's, not a seed's, and no source says an extra key is
      // rejected: a modelled warning that never says « rejette ».
      name: 'a key of no template in the vague 1 commande (keys of csv2json): a modelled warning, not a rejection',
      patch: [{ path: [...commande, 'commentaire'], value: 'à voir' }],
      errors: [{ code: 'S1/unknown-key', span: '"commentaire"', line: 15, severity: 'warning', provenance: 'model' }],
    },
  ],
});

ruleTable(S1, {
  sons: 'IMG-RIS-Va2',
  kind: 'solde',
  valid: [{ name: 'the solde example against the solde template' }],
  invalid: [
    {
      name: "the avance's « commande » block in a solde line: a key of the avance, not of the solde template",
      patch: [{ path: ['lignesImport', 0, 'commande'], value: null }],
      errors: [{ code: 'S1/unknown-key', span: '"commande"' }],
    },
  ],
});

// MDV-LGC-Va1 has no bundled solde model: given both by option (or by the editor), the file is not « undetermined ».
ruleTable(S1, {
  sons: 'MDV-LGC-Va2',
  kind: 'solde',
  // The MDV-LGC-Va2 solde example checked as an MDV-LGC-Va1 solde.
  options: { sons: 'MDV-LGC-Va1' },
  valid: [],
  invalid: [
    {
      name: 'SONS and kind given, no bundled model for them: S1/no-model on the root brace, a warning',
      errors: [{ code: 'S1/no-model', span: '{', line: 1, severity: 'warning' }],
    },
    {
      name: 'the same in the editor',
      options: { client: 'editor' },
      errors: [{ code: 'S1/no-model', span: '{', line: 1, severity: 'warning' }],
    },
  ],
});

test('S1/no-model says no model is bundled for that SONS and kind and how to load the official one, never « précisez-le »', () => {
  const text = exampleText('MDV-LGC-Va2', 'solde');
  const [cli] = runRule(S1, text, { sons: 'MDV-LGC-Va1', kind: 'solde' });
  assert.doesNotMatch(cli.message.fr, /n'a pas pu être déterminé|précisez/);
  assert.match(cli.message.fr, /Aucun modèle de solde n'est fourni pour MDV-LGC-Va1/);
  assert.match(cli.message.fr, /learn-template/);
  assert.match(cli.message.fr, /--templates/);
  assert.match(cli.message.en, /No solde model is bundled for MDV-LGC-Va1/);
  const [editor] = runRule(S1, text, { sons: 'MDV-LGC-Va1', kind: 'solde', client: 'editor' });
  assert.match(editor.message.fr, /segur\.templates\.folder/);
  assert.match(editor.message.en, /segur\.templates\.folder/);
});
