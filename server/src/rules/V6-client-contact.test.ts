/**
 * V6 — `nomClient`, `emailClient`, `telephoneClient` identify the client's legal representative named in the
 * purchase order (source 004; csv2json removes spaces from phone numbers; docs/rules.md#v6): a usable
 * e-mail (error), a phone without separators (our model: a `model` warning), a `nomClient` that is not the
 * beneficiary structure's name (V6/representative, FAQ 004: a warning). Table over the IMG-RIS-Va2 avance example
 * (line 1: `nomClient` line 13, `emailClient` 14, `telephoneClient` 15, structure « Centre hospitalier de Fleyriat »).
 */
import { V6 } from './V6-client-contact';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const commande = ['lignesImport', 0, 'commande'];
const email = [...commande, 'emailClient'];
const phone = [...commande, 'telephoneClient'];
const name = [...commande, 'nomClient'];

ruleTable(V6, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    // Blanks at either end are S8's alone (one finding per fault): the value without them is valid here.
    { name: "a blank at an end of a valid value: S8's, not this rule's", patch: [{ path: email, value: 'sophie.marchand@ch-fleyriat.example.org ' }] },
    { name: "the example: the representatives' names, e-mails and phones" },
    { name: 'a phone in the +33 form', patch: [{ path: phone, value: '+33465710123' }] },
    {
      name: "a nomClient that contains the structure's name but is a person",
      patch: [{ path: name, value: 'Sophie Marchand, directrice du Centre hospitalier de Fleyriat' }],
    },
  ],
  invalid: [
    {
      name: 'an e-mail without domain: an error, no fix',
      patch: [{ path: email, value: 'sophie.marchand@' }],
      errors: [{ code: 'V6/email', span: '"sophie.marchand@"', line: 14, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'a phone with spaces: a modelled warning, the fix removes them',
      patch: [{ path: phone, value: '04 65 71 01 23' }],
      errors: [
        { code: 'V6/phone', span: '"04 65 71 01 23"', line: 15, severity: 'warning', provenance: 'model', fixed: [{ path: phone, value: '0465710123' }] },
      ],
    },
    {
      name: 'a phone with dots: the fix removes them',
      patch: [{ path: phone, value: '04.65.71.01.23' }],
      errors: [{ code: 'V6/phone', span: '"04.65.71.01.23"', fixed: [{ path: phone, value: '0465710123' }] }],
    },
    {
      name: '0033 instead of +33: the fix writes +33',
      patch: [{ path: phone, value: '0033465710123' }],
      errors: [{ code: 'V6/phone', span: '"0033465710123"', fixed: [{ path: phone, value: '+33465710123' }] }],
    },
    {
      name: '9 digits: no fix',
      patch: [{ path: phone, value: '046571012' }],
      errors: [{ code: 'V6/phone', span: '"046571012"', line: 15, severity: 'warning' }],
    },
    {
      name: 'the phone as a number (leading zero lost): the fix quotes the digits written, on request only (still no phone number once quoted)',
      patch: [{ replace: '"0465710123"', with: '465710123' }],
      errors: [{ code: 'V6/phone', span: '465710123', line: 15, fixed: [{ replace: '465710123', with: '"465710123"' }], unsafe: true }],
    },
    {
      name: "nomClient repeats the structure's name (other case): a warning from FAQ 004, no fix",
      patch: [{ path: name, value: 'Centre Hospitalier de FLEYRIAT' }],
      errors: [{ code: 'V6/representative', span: '"Centre Hospitalier de FLEYRIAT"', line: 13, severity: 'warning', provenance: 'source' }],
    },
    {
      name: "nomClient repeats the structure's name without its accents (line 3)",
      patch: [{ path: ['lignesImport', 2, 'commande', 'nomClient'], value: 'Centre hospitalier intercommunal de Haute-Comte' }],
      errors: [{ code: 'V6/representative', span: '"Centre hospitalier intercommunal de Haute-Comte"', line: 98 }],
    },
  ],
});
