/**
 * P1 — Each named attachment is a file of the attachments folder under exactly that name (004); a name that is not a
 * plain file name is never opened (001); a name found only with another letter case is a `model` finding. Table over
 * the IMG-RIS-Va2 solde example (line 1: invoice `nomFichier` line 32, VA line 37), with the disk's facts given as
 * data (CheckOptions.attachments), as server/src/io/attachmentFacts.ts makes them.
 */
import { P1 } from './P1-attachment-present';
import { ruleTable } from '../../../test/helpers/rule-tester.ts';
import type { AttachmentFact } from '../engine/check/attachmentNames';

const FAC = 'IMG-RIS-Va2-FAC-RIS-2025-0412.pdf';
const VA = 'IMG-RIS-Va2-VA-RIS-2025-0412.pdf';
const ok = (name: string): AttachmentFact => ({ name, state: 'found', size: 1000, kind: 'PDF', pdf: { state: 'ok', pages: 1 } });
const facts = (...f: AttachmentFact[]) => ({ attachments: f });
const file = ['lignesImport', 0, 'piecesJustificatives', 0, 'nomFichier'];

ruleTable(P1, {
  sons: 'IMG-RIS-Va2',
  kind: 'solde',
  valid: [
    { name: 'no attachments folder given: no disk check at all' },
    { name: 'every file found', options: facts(ok(FAC), ok(VA)) },
    { name: 'a name without a fact (not listed) is not judged', options: facts(ok(VA)) },
  ],
  invalid: [
    {
      name: 'the invoice missing: an error on its name (004)',
      options: facts({ name: FAC, state: 'missing' }, ok(VA)),
      errors: [{ code: 'P1/missing', span: `"${FAC}"`, line: 32, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'only with another letter case: a model warning naming the file found',
      options: facts({ name: VA, state: 'missing', caseOf: VA.toLowerCase() }),
      errors: [{ code: 'P1/case', span: `"${VA}"`, line: 37, severity: 'warning', provenance: 'model' }],
    },
    {
      name: 'a name leaving the folder is never opened: P1/path (001)',
      patch: [{ path: file, value: '../x.pdf' }],
      options: facts({ name: '../x.pdf', state: 'path' }),
      errors: [{ code: 'P1/path', span: '"../x.pdf"', line: 32, provenance: 'source' }],
    },
    {
      name: 'a symbolic link out of the folder is not followed',
      options: facts({ name: FAC, state: 'link-outside' }),
      errors: [{ code: 'P1/link-outside', span: `"${FAC}"`, line: 32 }],
    },
    {
      name: 'a folder of that name, and an unreadable file',
      options: facts({ name: FAC, state: 'not-file' }, { name: VA, state: 'unreadable', reason: 'EACCES' }),
      errors: [
        { code: 'P1/not-file', span: `"${FAC}"`, line: 32 },
        { code: 'P1/unreadable', span: `"${VA}"`, line: 37 },
      ],
    },
  ],
});
