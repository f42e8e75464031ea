/**
 * V8 — Attachments: file name ≤ 50 characters, no accented or special character, PDF/JPEG/PNG, `formatFichier`
 * consistent with the extension, the éditeur number in the name (sources 000, 001, 002); in the HT regime, the VAT
 * non-liability certificate among the attachments (004, V8/ht-attestation; code ATTESTATION_TVA modelled); a
 * `typeFichier` outside the modelled list is a `model` warning. Table over the
 * IMG-RIS-Va2 avance example (line 1: `nomFichier` line 34, `formatFichier` 35, `typeFichier` 36, `regimeTVA` 16).
 */
import { V8 } from './V8-attachments';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';

const piece = ['lignesImport', 0, 'piecesJustificatives', 0];
const file = [...piece, 'nomFichier'];
const format = [...piece, 'formatFichier'];
const type = [...piece, 'typeFichier'];
const regime = ['lignesImport', 0, 'commande', 'regimeTVA'];
const attestation = { nomFichier: 'IMG-RIS-Va2-ATT-RIS-2025-0412.pdf', formatFichier: 'PDF', typeFichier: 'ATTESTATION_TVA' };

ruleTable(V8, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: names with the éditeur number, PDF, BON_COMMANDE' },
    {
      name: 'a PNG declared PNG',
      patch: [
        { path: file, value: 'IMG-RIS-Va2-BDC-RIS-2025-0412.png' },
        { path: format, value: 'PNG' },
      ],
    },
    { name: 'exactly 50 characters', patch: [{ path: file, value: 'RIS-2025-0412-' + 'x'.repeat(50 - 'RIS-2025-0412-'.length - 4) + '.pdf' }] },
    {
      name: 'HT with the certificate among the attachments',
      patch: [
        { path: regime, value: 'HT' },
        { path: ['lignesImport', 0, 'piecesJustificatives', 1], value: attestation },
      ],
    },
  ],
  invalid: [
    {
      name: 'an accent and a blank: an unsafe fix offers the ASCII name',
      patch: [{ path: file, value: 'IMG-RIS-Va2-BDC-RIS-2025-0412 signé.pdf' }],
      errors: [
        {
          code: 'V8/name',
          span: '"IMG-RIS-Va2-BDC-RIS-2025-0412 signé.pdf"',
          line: 34,
          provenance: 'source',
          unsafe: true,
          fixed: [{ path: file, value: 'IMG-RIS-Va2-BDC-RIS-2025-0412_signe.pdf' }],
        },
      ],
    },
    {
      name: 'a .docx: no fix',
      patch: [{ path: file, value: 'IMG-RIS-Va2-BDC-RIS-2025-0412.docx' }],
      errors: [{ code: 'V8/name', span: '"IMG-RIS-Va2-BDC-RIS-2025-0412.docx"', line: 34 }],
    },
    {
      name: '51 characters: no fix',
      patch: [{ path: file, value: 'RIS-2025-0412-' + 'x'.repeat(51 - 'RIS-2025-0412-'.length - 4) + '.pdf' }],
      errors: [{ code: 'V8/name', span: `"RIS-2025-0412-${'x'.repeat(51 - 'RIS-2025-0412-'.length - 4)}.pdf"`, line: 34 }],
    },
    {
      name: 'a .png declared PDF: on formatFichier, an unsafe fix writes PNG',
      patch: [{ path: file, value: 'IMG-RIS-Va2-BDC-RIS-2025-0412.png' }],
      errors: [{ code: 'V8/format', span: '"PDF"', line: 35, unsafe: true, fixed: [{ path: format, value: 'PNG' }] }],
    },
    {
      name: "the line's éditeur number missing from the name: a warning",
      patch: [{ path: file, value: 'IMG-RIS-Va2-BDC-RIS-2025-9999.pdf' }],
      errors: [{ code: 'V8/editeur-number', span: '"IMG-RIS-Va2-BDC-RIS-2025-9999.pdf"', line: 34, severity: 'warning' }],
    },
    {
      name: 'a typeFichier outside the modelled list: a model warning, no fix',
      patch: [{ path: type, value: 'DEVIS' }],
      errors: [{ code: 'V8/type-fichier', span: '"DEVIS"', line: 36, severity: 'warning', provenance: 'model' }],
    },
    {
      name: 'HT without the certificate: a warning on the regime (FAQ 004)',
      patch: [{ path: regime, value: 'HT' }],
      errors: [{ code: 'V8/ht-attestation', span: '"HT"', line: 16, severity: 'warning', provenance: 'source' }],
    },
    {
      name: 'the HT regime written "ht" is still HT: the certificate is asked for (the spelling is S6\'s)',
      patch: [{ path: regime, value: 'ht' }],
      errors: [{ code: 'V8/ht-attestation', span: '"ht"', line: 16, severity: 'warning' }],
    },
  ],
});
