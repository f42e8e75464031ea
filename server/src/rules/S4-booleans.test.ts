/**
 * S4 — booleans are JSON true/false (source 000 « Langue : true ou vrai ? »; csv2json commit dec68ef), as a table
 * over the MDV-LGC-Va1 avance example (the SONS whose model has booleans: `isMandataire`, `isClientUnique`, …).
 */
import { S4 } from './S4-booleans';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatches, exampleText, ruleTable, runRule } from '../../../test/helpers/rule-tester.ts';

const mandataire = ['lignesImport', 0, 'beneficiaires', 'isMandataire'];

ruleTable(S4, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [
    { name: 'the example: every boolean is true or false' },
    { name: 'a boolean set to the other value', patch: [{ path: mandataire, value: true }] },
    { name: 'a string "vrai" where the model has a string is not S4', patch: [{ path: ['lignesImport', 0, 'commande', 'regimeTVA'], value: 'vrai' }] },
  ],
  invalid: [
    {
      name: '"vrai" (French, quoted) for true',
      patch: [{ path: mandataire, value: 'vrai' }],
      errors: [{ code: 'S4', span: '"vrai"', line: 18, fixed: [{ path: mandataire, value: true }] }],
    },
    {
      name: '"false" quoted',
      patch: [{ path: mandataire, value: 'false' }],
      errors: [{ code: 'S4', span: '"false"', fixed: [{ path: mandataire, value: false }] }],
    },
    {
      name: 'the number 1 for true',
      patch: [{ path: mandataire, value: 1 }],
      errors: [{ code: 'S4', span: '1', line: 18, fixed: [{ path: mandataire, value: true }] }],
    },
    {
      name: 'True (capitalised, not JSON): the literal is corrected in place',
      patch: [{ replace: '"isMandataire": false', with: '"isMandataire": True' }],
      errors: [{ code: 'S4/literal-case', span: 'True', line: 18, fixed: [{ replace: 'True', with: 'true' }] }],
    },
    {
      name: 'a word that is no boolean ("peut-être"): the schema check of the boolean key (x-rule S4), no fix',
      patch: [{ path: mandataire, value: 'peut-être' }],
      errors: [{ code: 'S4/schema', span: '"peut-être"', line: 18 }],
    },
  ],
});

test('S4 message: a string is shown as the file writes it, not inside « » a second time', () => {
  const [f] = runRule(S4, applyPatches(exampleText('MDV-LGC-Va1', 'avance'), [{ path: mandataire, value: 'false' }]), { sons: 'MDV-LGC-Va1', kind: 'avance' });
  assert.equal(f.message.fr, 'La chaîne "false" n\'est pas un booléen JSON : écrivez false sans guillemets, en minuscules.');
  assert.doesNotMatch(f.message.fr, /« "/);
  assert.match(f.message.en, /^The string "false" is not a JSON boolean/);
});
