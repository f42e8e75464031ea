/**
 * S13 — the output JSON: the input with the tags that were null filled in by the portal, the dossier number among
 * them; a solde reuses the avance output's dossier number (source 004: « Ce numéro de dossier à renseigner dans le
 * JSON Solde doit être identique au numéro indiqué dans la demande d'avance (JSON de sortie) »); the portal's answer
 * per line, `codeTraitement` / `libelleTraitement` (sources 002, csv2json), quoted, not interpreted
 * (docs/rules.md#s13). Tables over the IMG-RIS-Va2 solde and avance examples; an avance whose first line has
 * its numeroASP filled in is detected as an output JSON (kind `output`).
 */
import { S13 } from './S13-output-json';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const asp = (i: number) => ['lignesImport', i, 'numeroASP'];
const code = (i: number) => ['lignesImport', i, 'codeTraitement'];
const label = (i: number) => ['lignesImport', i, 'libelleTraitement'];

ruleTable(S13, {
  sons: 'IMG-RIS-Va2',
  kind: 'solde',
  valid: [
    { name: 'the solde example: every line has its numeroASP (FIN…)' },
    { name: "another dossier number, still filled in (whether it is the avance's is C2's)", patch: [{ path: asp(0), value: 'FINIMG099999M0' }] },
  ],
  invalid: [
    {
      name: 'a solde line whose numeroASP is null: reported on the value',
      patch: [{ path: asp(0), value: null }],
      errors: [{ code: 'S13/solde-without-number', span: 'null', line: 9, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'a blank numeroASP',
      patch: [{ path: asp(1), value: '  ' }],
      errors: [{ code: 'S13/solde-without-number', span: '"  "', line: 48 }],
    },
    {
      name: "the numeroASP key deleted: reported on the line's brace",
      patch: [{ path: asp(2), remove: true }],
      errors: [{ code: 'S13/solde-without-number', span: '{', line: 97 }],
    },
    {
      name: "the portal's answer on a line (code and label): information on the label, quoted as written",
      patch: [
        { path: code(0), value: 'R12' },
        { path: label(0), value: 'Bon de commande illisible' },
      ],
      errors: [{ code: 'S13/portal-answer', span: '"Bon de commande illisible"', severity: 'information' }],
    },
  ],
});

ruleTable(S13, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the avance example: numeroASP null before the portal numbers the lines' },
    {
      name: 'a complete output JSON: every line numbered by the portal',
      patch: [
        { path: asp(0), value: 'FINIMG013760M0' },
        { path: asp(1), value: 'FINIMG013761M0' },
        { path: asp(2), value: 'FINIMG013762M0' },
      ],
    },
  ],
  invalid: [
    {
      name: 'an output JSON (line 1 numbered) whose other lines have no number: a warning on each',
      patch: [{ path: asp(0), value: 'FINIMG013760M0' }],
      errors: [
        { code: 'S13/partial-output', span: 'null', line: 45, severity: 'warning' },
        { code: 'S13/partial-output', span: 'null', line: 94, severity: 'warning' },
      ],
    },
    {
      name: 'a code without a label: information on the code',
      patch: [{ path: code(2), value: 'R07' }],
      errors: [{ code: 'S13/portal-answer', span: '"R07"', severity: 'information', provenance: 'source' }],
    },
    {
      name: 'a label without a code, on two lines',
      patch: [
        { path: label(0), value: 'Montant supérieur au plafond' },
        { path: label(1), value: 'OK' },
      ],
      errors: [
        { code: 'S13/portal-answer', span: '"Montant supérieur au plafond"', line: 40 },
        { code: 'S13/portal-answer', span: '"OK"', line: 89 },
      ],
    },
  ],
});
