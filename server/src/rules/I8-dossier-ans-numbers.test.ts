/**
 * I8 — n° dossier ASP: `FIN` + corridor code + digits (`FINIMG013656M0`), of the file's corridor; n° ANS such as
 * `CVA2RIS001` (sources 000, 004; docs/rules.md#i8). The n° ANS form is modelled (`x-provenance-values:
 * modelled`): its findings are `model` warnings. Tables over IMG-RIS-Va2 avance (`numeroAns`) and solde (`numeroASP`,
 * filled in once the ASP has given the file number).
 */
import { I8 } from './I8-dossier-ans-numbers';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const ans = ['numeroAns'];

ruleTable(I8, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: CVA2RIS001, the n° ASP null in the avance' },
    { name: 'another n° ANS of the modelled form', patch: [{ path: ans, value: 'CVA2RIS002' }] },
  ],
  invalid: [
    {
      name: 'a lower-case n° ANS: a modelled warning, the fix writes it in upper case',
      patch: [{ path: ans, value: 'cva2ris001' }],
      errors: [{ code: 'I8/numero-ans', span: '"cva2ris001"', line: 3, severity: 'warning', provenance: 'model', fixed: [{ path: ans, value: 'CVA2RIS001' }] }],
    },
    {
      name: 'a blank inside: the fix removes it',
      patch: [{ path: ans, value: 'CVA2 RIS001' }],
      errors: [{ code: 'I8/numero-ans', span: '"CVA2 RIS001"', fixed: [{ path: ans, value: 'CVA2RIS001' }] }],
    },
    {
      name: '9 characters: no fix',
      patch: [{ path: ans, value: 'CVA2RIS01' }],
      errors: [{ code: 'I8/numero-ans', span: '"CVA2RIS01"', severity: 'warning' }],
    },
    {
      name: 'not starting with C: no fix',
      patch: [{ path: ans, value: 'XVA2RIS001' }],
      errors: [{ code: 'I8/numero-ans', span: '"XVA2RIS001"', line: 3 }],
    },
  ],
});

const asp = ['lignesImport', 0, 'numeroASP'];

ruleTable(I8, {
  sons: 'IMG-RIS-Va2',
  kind: 'solde',
  valid: [
    { name: 'the solde example: FINIMG… numbers of the IMG corridor' },
    { name: 'the seed 000 number FINIMG013656M0', patch: [{ path: asp, value: 'FINIMG013656M0' }] },
  ],
  invalid: [
    {
      name: 'a n° dossier of another corridor (HOP in an IMG file): an error, no fix',
      patch: [{ path: asp, value: 'FINHOP013760M0' }],
      errors: [{ code: 'I8/dossier-asp', span: '"FINHOP013760M0"', line: 9, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'in lower case: the fix writes it in upper case',
      patch: [{ path: asp, value: 'finimg013760m0' }],
      errors: [{ code: 'I8/dossier-asp', span: '"finimg013760m0"', line: 9, fixed: [{ path: asp, value: 'FINIMG013760M0' }] }],
    },
    {
      name: 'a blank inside: the fix removes it',
      patch: [{ path: asp, value: 'FINIMG 013760M0' }],
      errors: [{ code: 'I8/dossier-asp', span: '"FINIMG 013760M0"', fixed: [{ path: asp, value: 'FINIMG013760M0' }] }],
    },
    {
      name: 'without FIN: no fix',
      patch: [{ path: asp, value: 'IMG013760M0' }],
      errors: [{ code: 'I8/dossier-asp', span: '"IMG013760M0"', line: 9 }],
    },
  ],
});
