/**
 * C1 — a solde carries the éditeur number of its avance, else it is rejected automatically (sources 002, 004;
 * docs/rules.md#c1), matched by the dossier number: the avance is an output JSON (numeroASP filled in by
 * the portal). `C1/no-avance-line`: a solde line that matches no line of an avance of the same SONS, n° ANS and SIRET
 * checked with it (a warning: its avance may be elsewhere). Pair table over the IMG-RIS-Va2 avance and solde examples.
 */
import { C1 } from './C1-same-editeur';
import { pairTable } from '../../../test/helpers/rule-tester.ts';

const asp = (i: number) => ['lignesImport', i, 'numeroASP'];
const editeur = (i: number) => ['lignesImport', i, 'numeroEditeur'];
/** The avance as its output JSON: the dossier numbers the solde example reuses. */
const output = [
  { path: asp(0), value: 'FINIMG013760M0' },
  { path: asp(1), value: 'FINIMG013761M0' },
  { path: asp(2), value: 'FINIMG013762M0' },
];

pairTable(C1, {
  sons: 'IMG-RIS-Va2',
  valid: [
    { name: 'the examples: the solde lines match the avance lines by éditeur number' },
    { name: 'the avance output JSON and the solde: same dossier, same éditeur number', avance: output },
    { name: "an éditeur number still null in the solde is S3's, not a difference", avance: output, solde: [{ path: editeur(0), value: null }] },
    {
      name: "line 2 with line 1's dossier number (C7): only line 1, of the avance line's éditeur number, is compared with that avance line",
      avance: output,
      solde: [{ path: asp(1), value: 'FINIMG013760M0' }],
    },
    {
      name: 'a solde line of another SIRET is another group: not compared',
      solde: [
        { path: ['siret'], value: '43216756700036' },
        { path: asp(0), value: 'FINIMG099999M0' },
        { path: editeur(0), value: 'RIS-2025-9999' },
      ],
    },
  ],
  invalid: [
    {
      name: "a solde line of the same dossier with another éditeur number: rejected, on the solde's number",
      avance: output,
      solde: [{ path: editeur(0), value: 'RIS-2025-9999' }],
      errors: [{ file: 'solde', code: 'C1', span: '"RIS-2025-9999"', line: 10, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'two solde lines with other éditeur numbers: one finding each',
      avance: output,
      solde: [
        { path: editeur(1), value: 'RIS-2025-0499' },
        { path: editeur(2), value: 'RIS-2025-0412' },
      ],
      errors: [
        { file: 'solde', code: 'C1', span: '"RIS-2025-0499"', line: 49 },
        { file: 'solde', code: 'C1', span: '"RIS-2025-0412"', line: 101 },
      ],
    },
    {
      name: "two lines with one dossier number, neither of the avance line's éditeur number: the first is compared (C1), the other not",
      avance: output,
      solde: [
        { path: asp(1), value: 'FINIMG013760M0' },
        { path: editeur(0), value: 'RIS-2025-9999' },
      ],
      errors: [{ file: 'solde', code: 'C1', span: '"RIS-2025-9999"', line: 10 }],
    },
    {
      name: 'a solde line matching no avance line (neither dossier nor éditeur number): warning on its dossier number',
      solde: [{ path: editeur(0), value: 'RIS-2025-9999' }],
      errors: [{ file: 'solde', code: 'C1/no-avance-line', span: '"FINIMG013760M0"', line: 9, severity: 'warning' }],
    },
    {
      name: 'no match and no dossier number: the warning goes on the éditeur number',
      solde: [
        { path: editeur(2), value: 'RIS-2025-9999' },
        { path: asp(2), value: null },
      ],
      errors: [{ file: 'solde', code: 'C1/no-avance-line', span: '"RIS-2025-9999"', line: 101, severity: 'warning' }],
    },
  ],
});
