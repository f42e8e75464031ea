/**
 * P3 — The content (first bytes) is an accepted format (001: pdf, jpeg, png) and the one the name and formatFichier
 * claim. Facts given as data.
 */
import { P3 } from './P3-attachment-format';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';
import type { AttachmentFact } from '../engine/check/attachmentNames';

const FAC = 'IMG-RIS-Va2-FAC-RIS-2025-0412.pdf';
const PNG_NAME = 'IMG-RIS-Va2-FAC-RIS-2025-0412.png';
const piece = ['lignesImport', 0, 'piecesJustificatives', 0];
const of = (name: string, kind: AttachmentFact['kind']): { attachments: AttachmentFact[] } => ({ attachments: [{ name, state: 'found', size: 2000, kind }] });

ruleTable(P3, {
  sons: 'IMG-RIS-Va2',
  kind: 'solde',
  valid: [
    { name: 'no facts: nothing' },
    { name: 'a PDF named .pdf, declared PDF', options: of(FAC, 'PDF') },
    {
      name: 'a PNG named .png, declared PNG',
      patch: [
        { path: [...piece, 'nomFichier'], value: PNG_NAME },
        { path: [...piece, 'formatFichier'], value: 'PNG' },
      ],
      options: of(PNG_NAME, 'PNG'),
    },
    {
      name: 'a JPEG named .jpeg declared JPEG',
      patch: [
        { path: [...piece, 'nomFichier'], value: 'IMG-RIS-Va2-FAC-RIS-2025-0412.jpeg' },
        { path: [...piece, 'formatFichier'], value: 'JPEG' },
      ],
      options: of('IMG-RIS-Va2-FAC-RIS-2025-0412.jpeg', 'JPEG'),
    },
  ],
  invalid: [
    {
      name: 'a PNG saved as facture .pdf',
      options: of(FAC, 'PNG'),
      errors: [{ code: 'P3/mismatch', span: `"${FAC}"`, line: 32, severity: 'error', provenance: 'source' }],
    },
    { name: 'a Word file renamed .pdf', options: of(FAC, 'other'), errors: [{ code: 'P3/not-accepted', span: `"${FAC}"`, line: 32 }] },
    { name: 'an empty file', options: of(FAC, 'empty'), errors: [{ code: 'P3/not-accepted', span: `"${FAC}"`, line: 32 }] },
    {
      name: 'named .png, content PNG, but formatFichier says PDF: P3 says the content is PNG (V8/format says the declaration differs)',
      patch: [{ path: [...piece, 'nomFichier'], value: PNG_NAME }],
      options: of(PNG_NAME, 'PNG'),
      errors: [{ code: 'P3/mismatch', span: `"${PNG_NAME}"`, line: 32 }],
    },
  ],
});
