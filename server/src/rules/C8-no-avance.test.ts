/**
 * C8 — a solde compared with no avance says so: an information at the top when no avance of its SONS, n° ANS and
 * SIRET is checked with it; a warning on its `siret` (002) or `numeroAns` (000) when an avance of its SONS shares a
 * dossier or éditeur number with it under another SIRET or n° ANS. Pair table over the IMG-RIS-Va2 examples (the
 * solde alone: test/golden/cross-reproductions).
 */
import { C8 } from './C8-no-avance';
import { pairTable } from '../../../test/helpers/rule-tester.ts';

const asp = (i: number) => ['lignesImport', i, 'numeroASP'];
const editeur = (i: number) => ['lignesImport', i, 'numeroEditeur'];
const otherNumbers = [0, 1, 2].flatMap((i) => [
  { path: asp(i), value: `FINIMG09999${i}M0` },
  { path: editeur(i), value: `RIS-2025-990${i}` },
]);

pairTable(C8, {
  sons: 'IMG-RIS-Va2',
  valid: [
    { name: 'the examples: same SONS, n° ANS and SIRET, compared' },
    {
      name: 'the SIRET written with spaces, the n° ANS in lower case: the same header',
      solde: [
        { path: ['siret'], value: '432 167 567 00028' },
        { path: ['numeroAns'], value: 'cva2ris001' },
      ],
    },
    { name: "the solde's lines match no avance line but the header does: C1/no-avance-line's, not C8's", solde: otherNumbers },
    { name: 'a SIRET still null: the solde is compared with nothing (S3 says what to fill), no C8', solde: [{ path: ['siret'], value: null }] },
  ],
  invalid: [
    {
      name: 'another SIRET, same éditeur numbers as the avance: the information at the top and a warning on the SIRET (002)',
      solde: [{ path: ['siret'], value: '43216756700036' }],
      errors: [
        { file: 'solde', code: 'C8/no-avance', span: '{', line: 1, severity: 'information', provenance: 'source' },
        { file: 'solde', code: 'C8/siret-changed', span: '"43216756700036"', line: 4, severity: 'warning', provenance: 'source' },
      ],
    },
    {
      name: 'another n° ANS: the warning is on the n° ANS (000)',
      solde: [{ path: ['numeroAns'], value: 'CVA2RIS002' }],
      errors: [
        { file: 'solde', code: 'C8/no-avance', span: '{', line: 1, severity: 'information' },
        { file: 'solde', code: 'C8/ans-changed', span: '"CVA2RIS002"', line: 3, severity: 'warning' },
      ],
    },
    {
      name: 'both changed: a warning on each',
      solde: [
        { path: ['numeroAns'], value: 'CVA2RIS002' },
        { path: ['siret'], value: '43216756700036' },
      ],
      errors: [
        { file: 'solde', code: 'C8/no-avance', span: '{', line: 1 },
        { file: 'solde', code: 'C8/ans-changed', span: '"CVA2RIS002"', line: 3 },
        { file: 'solde', code: 'C8/siret-changed', span: '"43216756700036"', line: 4 },
      ],
    },
    {
      name: "another SIRET and no number in common with the avance: another éditeur's solde, the information only",
      solde: [{ path: ['siret'], value: '43216756700036' }, ...otherNumbers],
      errors: [{ file: 'solde', code: 'C8/no-avance', span: '{', line: 1, severity: 'information' }],
    },
    {
      name: 'one dossier number in common (the avance output JSON) is enough',
      avance: [{ path: asp(1), value: 'FINIMG013761M0' }],
      solde: [{ path: ['siret'], value: '43216756700036' }, ...otherNumbers.filter((p) => p.path[1] !== 1 || p.path[2] !== 'numeroASP')],
      errors: [
        { file: 'solde', code: 'C8/no-avance', span: '{', line: 1 },
        { file: 'solde', code: 'C8/siret-changed', span: '"43216756700036"', line: 4 },
      ],
    },
  ],
});
