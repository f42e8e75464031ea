/**
 * C2 — a solde carries the dossier number of its avance as the avance's output JSON gives it (sources 002, 004:
 * « Ce numéro de dossier à renseigner dans le JSON Solde doit être identique au numéro indiqué dans la demande
 * d'avance (JSON de sortie) »; docs/rules.md#c2), matched by the éditeur number; checked when the avance is
 * an output JSON. The fix writes the avance's number, offered one by one (not applied by fix-all). Pair table over
 * the IMG-RIS-Va2 avance (made an output JSON) and solde examples.
 */
import { C2 } from './C2-same-dossier';
import { pairTable } from '../../../test/helpers/rule-tester.ts';

const asp = (i: number) => ['lignesImport', i, 'numeroASP'];
const output = [
  { path: asp(0), value: 'FINIMG013760M0' },
  { path: asp(1), value: 'FINIMG013761M0' },
  { path: asp(2), value: 'FINIMG013762M0' },
];

pairTable(C2, {
  sons: 'IMG-RIS-Va2',
  valid: [
    { name: 'the avance output JSON and the solde: same dossier numbers', avance: output },
    { name: 'an avance that is no output JSON yet (numeroASP null): nothing to compare', solde: [{ path: asp(0), value: 'FINIMG099999M0' }] },
    {
      name: "two solde lines whose dossier numbers were swapped: each matches the other avance line by dossier, so the éditeur numbers differ (C1's)",
      avance: output,
      solde: [
        { path: asp(0), value: 'FINIMG013761M0' },
        { path: asp(1), value: 'FINIMG013760M0' },
      ],
    },
    {
      name: 'an avance line not numbered (blank) in a partial output',
      avance: [...output, { path: asp(1), value: ' ' }],
      solde: [{ path: asp(1), value: 'FINIMG099999M0' }],
    },
  ],
  invalid: [
    {
      name: "a solde line with another dossier number than its avance's output: the fix writes the avance's (unsafe)",
      avance: output,
      solde: [{ path: asp(0), value: 'FINIMG099999M0' }],
      errors: [
        {
          file: 'solde',
          code: 'C2',
          span: '"FINIMG099999M0"',
          line: 9,
          severity: 'error',
          provenance: 'source',
          fixed: [{ path: asp(0), value: 'FINIMG013760M0' }],
          unsafe: true,
        },
      ],
    },
    {
      name: "a solde line still without its dossier number: the avance's is offered",
      avance: output,
      solde: [{ path: asp(2), value: null }],
      errors: [{ file: 'solde', code: 'C2', span: 'null', line: 100, fixed: [{ path: asp(2), value: 'FINIMG013762M0' }], unsafe: true }],
    },
  ],
});
