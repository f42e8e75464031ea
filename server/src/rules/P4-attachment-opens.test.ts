/**
 * P4 — A PDF opens (pdf-lib): whole, readable (000, 001); encrypted or without a page: `model` warnings. Facts given
 * as data.
 */
import { P4 } from './P4-attachment-opens';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';
import type { AttachmentFact } from '../engine/check/attachmentNames';

const FAC = 'IMG-RIS-Va2-FAC-RIS-2025-0412.pdf';
const pdf = (p: NonNullable<AttachmentFact['pdf']>, kind: AttachmentFact['kind'] = 'PDF'): { attachments: AttachmentFact[] } => ({
  attachments: [{ name: FAC, state: 'found', size: 3000, kind, pdf: p }],
});

ruleTable(P4, {
  sons: 'IMG-RIS-Va2',
  kind: 'solde',
  valid: [
    { name: 'no facts: nothing' },
    { name: 'a PDF of 3 pages', options: pdf({ state: 'ok', pages: 3 }) },
    { name: 'not a PDF by its bytes: P3 says it, not P4', options: pdf({ state: 'broken' }, 'PNG') },
  ],
  invalid: [
    {
      name: 'a PDF cut in half',
      options: pdf({ state: 'truncated' }),
      errors: [{ code: 'P4/truncated', span: `"${FAC}"`, line: 32, severity: 'error', provenance: 'source' }],
    },
    { name: 'a PDF that does not parse', options: pdf({ state: 'broken' }), errors: [{ code: 'P4/broken', span: `"${FAC}"`, line: 32, severity: 'error' }] },
    {
      name: 'an encrypted PDF: a model warning',
      options: pdf({ state: 'encrypted' }),
      errors: [{ code: 'P4/encrypted', span: `"${FAC}"`, line: 32, severity: 'warning', provenance: 'model' }],
    },
    {
      name: 'a PDF without a page: a model warning',
      options: pdf({ state: 'ok', pages: 0 }),
      errors: [{ code: 'P4/no-page', span: `"${FAC}"`, line: 32, severity: 'warning', provenance: 'model' }],
    },
  ],
});
