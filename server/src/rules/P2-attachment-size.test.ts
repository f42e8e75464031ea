/**
 * P2 — 4 Mo at most (000, 001): above 4 194 304 bytes an error (source); between 4 000 000 and 4 194 304 bytes a
 * `model` warning (which « 4 Mo » the portal means is not published). Facts given as data.
 */
import { P2 } from './P2-attachment-size';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';
import type { AttachmentFact } from '../engine/check/attachmentNames';

const FAC = 'IMG-RIS-Va2-FAC-RIS-2025-0412.pdf';
const sized = (size: number): { attachments: AttachmentFact[] } => ({
  attachments: [{ name: FAC, state: 'found', size, kind: 'PDF', pdf: { state: 'ok', pages: 1 } }],
});

ruleTable(P2, {
  sons: 'IMG-RIS-Va2',
  kind: 'solde',
  valid: [
    { name: 'no facts: nothing' },
    { name: 'a small file', options: sized(120_000) },
    { name: 'exactly 4 000 000 bytes', options: sized(4_000_000) },
    { name: 'a missing file has no size: P1 says it, not P2', options: { attachments: [{ name: FAC, state: 'missing' }] } },
  ],
  invalid: [
    {
      name: 'one byte above 4 MiB: an error',
      options: sized(4_194_305),
      errors: [{ code: 'P2/too-big', span: `"${FAC}"`, line: 32, severity: 'error', provenance: 'source' }],
    },
    { name: 'a 5 MB scan: an error', options: sized(5_000_000), errors: [{ code: 'P2/too-big', span: `"${FAC}"`, line: 32, severity: 'error' }] },
    {
      name: 'one byte above 4 000 000: a model warning',
      options: sized(4_000_001),
      errors: [{ code: 'P2/size-band', span: `"${FAC}"`, line: 32, severity: 'warning', provenance: 'model' }],
    },
    {
      name: 'exactly 4 194 304 bytes: still in the doubtful band',
      options: sized(4_194_304),
      errors: [{ code: 'P2/size-band', span: `"${FAC}"`, line: 32, severity: 'warning' }],
    },
  ],
});
