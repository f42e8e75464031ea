/**
 * V7 — MSS addresses (MSS Pro, MSS Citoyen) are complete e-mail addresses of the sending mailbox; a bare domain is
 * rejected (sources 002, 004; docs/rules.md#v7), as a table over the MDV-LGC-Va2 solde example (the
 * `messagerie` block: `adresseMSSPro` line 32, `adresseMSSCitoyen` line 33).
 */
import { V7 } from './V7-mss-addresses';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const pro = ['lignesImport', 0, 'messagerie', 'adresseMSSPro'];
const citoyen = ['lignesImport', 0, 'messagerie', 'adresseMSSCitoyen'];

ruleTable(V7, {
  sons: 'MDV-LGC-Va2',
  kind: 'solde',
  valid: [
    // Blanks at either end are S8's alone (one finding per fault): the value without them is valid here.
    { name: "a blank at an end of a valid value: S8's, not this rule's", patch: [{ path: pro, value: ' julie.lefevre@medecin.mssante.fr' }] },
    { name: 'the example: complete MSS Pro addresses, MSS Citoyen null or complete' },
    { name: 'an MSS Citoyen address filled in', patch: [{ path: citoyen, value: 'cabinet.lefevre@medecin.mssante.fr' }] },
  ],
  invalid: [
    {
      name: 'a bare domain for the MSS Pro mailbox: no fix',
      patch: [{ path: pro, value: 'medecin.mssante.fr' }],
      errors: [{ code: 'V7/mss', span: '"medecin.mssante.fr"', line: 32, severity: 'error' }],
    },
    {
      name: 'a domain written @domain',
      patch: [{ path: pro, value: '@medecin.mssante.fr' }],
      errors: [{ code: 'V7/mss', span: '"@medecin.mssante.fr"', line: 32 }],
    },
    {
      name: 'an MSS Citoyen address without top-level domain',
      patch: [{ path: citoyen, value: 'julie.lefevre@medecin' }],
      errors: [{ code: 'V7/mss', span: '"julie.lefevre@medecin"', line: 33 }],
    },
  ],
});
