/**
 * Attachment file names (rule V8): one file per family, its test beside it.
 * Vectors: the rule's edge cases (docs/rules.md). Kept inline (the purity test scans this folder: no fs).
 */
import { test } from 'node:test';
import { checkFileName } from './fileName';
import { assertValid, assertInvalid, assertFailure } from '../../../test/helpers/identifier-asserts.ts';

test('file name: characters, extension, length (V8)', () => {
  assertValid(checkFileName, ['BDC_CVA2RIS001_FINIMG013656M0.pdf', 'va-signee.PDF', 'scan.jpg', 'scan.JPEG', 'x.png', 'a'.repeat(46) + '.pdf']);
  assertInvalid(checkFileName, [
    ['bdc.doc', 'format'],
    ['bdc', 'format'],
    ['.pdf', 'format'],
    ['bdc.pdf.zip', 'format'],
    ['a'.repeat(47) + '.pdf', 'length'],
    ['', 'format'],
  ]);
});

test('file name: accents and blanks get a suggestion', () => {
  assertFailure(checkFileName('Bon de commande signé.pdf'), 'format', 'Bon_de_commande_signe.pdf');
  assertFailure(checkFileName('Procès-verbal.PDF'), 'format', 'Proces-verbal.PDF');
  assertFailure(checkFileName('œuvre.png'), 'format', 'oeuvre.png');
  assertFailure(checkFileName('é'.repeat(47) + '.pdf'), 'format'); // fixed name still too long: no suggestion
  assertFailure(checkFileName('procès.docx'), 'format'); // fixed name has a wrong extension: no suggestion
});
