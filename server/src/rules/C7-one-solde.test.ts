/**
 * C7 — one solde per avance (004: « Il faut déposer une seule demande de solde pour une demande d'avance »): a dossier
 * number in more than one solde line is an error on each line. Pair table over the IMG-RIS-Va2 avance and solde
 * examples (the solde's lines carry FINIMG013760M0, …61M0, …62M0); two solde files: test/golden/cross-reproductions.
 */
import { C7 } from './C7-one-solde';
import { pairTable } from '../../../test/helpers/rule-tester.ts';

const asp = (i: number) => ['lignesImport', i, 'numeroASP'];
const output = [0, 1, 2].map((i) => ({ path: asp(i), value: `FINIMG01376${i}M0` }));

pairTable(C7, {
  sons: 'IMG-RIS-Va2',
  valid: [
    { name: 'the examples: three lines, three dossier numbers' },
    { name: 'the avance output JSON carries the same numbers: C7 counts solde lines only', avance: output },
    {
      name: "a dossier number still null on two lines is S3's, not a duplicate",
      solde: [
        { path: asp(0), value: null },
        { path: asp(1), value: null },
      ],
    },
    { name: 'one character apart (…60M0 and …60M1): two numbers', solde: [{ path: asp(1), value: 'FINIMG013760M1' }] },
  ],
  invalid: [
    {
      name: "line 2 with line 1's dossier number: an error on each, source 004",
      solde: [{ path: asp(1), value: 'FINIMG013760M0' }],
      errors: [
        { file: 'solde', code: 'C7', span: '"FINIMG013760M0"', line: 9, severity: 'error', provenance: 'source' },
        { file: 'solde', code: 'C7', span: '"FINIMG013760M0"', line: 48, severity: 'error', provenance: 'source' },
      ],
    },
    {
      name: 'the three lines with one number: three errors',
      solde: [
        { path: asp(1), value: 'FINIMG013762M0' },
        { path: asp(0), value: 'FINIMG013762M0' },
      ],
      errors: [
        { file: 'solde', code: 'C7', span: '"FINIMG013762M0"', line: 9 },
        { file: 'solde', code: 'C7', span: '"FINIMG013762M0"', line: 48 },
        { file: 'solde', code: 'C7', span: '"FINIMG013762M0"', line: 100 },
      ],
    },
    {
      name: 'spaces around a number do not make another number (trimmed, as the portal compares them)',
      solde: [{ path: asp(2), value: ' FINIMG013761M0 ' }],
      errors: [
        { file: 'solde', code: 'C7', span: '"FINIMG013761M0"', line: 48 },
        { file: 'solde', code: 'C7', span: '" FINIMG013761M0 "', line: 100 },
      ],
    },
  ],
});
