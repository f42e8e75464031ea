/**
 * mergeAttachmentsEdit / mergeGroups (engine/commands/mergeAttachments.ts) on the examples and a fixture with errors:
 * a request that names two invoices gets one entry for the merged PDF, and the text is byte for byte the input's but
 * for that entry; wrong requests and parts are refused, naming them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, findNodeAtLocation, type Node } from 'jsonc-parser';
import { mergeAttachmentsEdit, mergeGroups, mergeGroupAt, MergeEditError, applyEdits, check } from '../../../server/src/segur.ts';

const root = join(__dirname, '..', '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

/** The entry of piecesJustificatives naming `name`, found by jsonc-parser (not by the module under test). */
function entryNode(text: string, name: string): Node {
  const tree = parseTree(text)!;
  const lines = findNodeAtLocation(tree, ['lignesImport'])!.children!;
  for (const line of lines) {
    const pjs = findNodeAtLocation(line, ['piecesJustificatives']);
    for (const e of pjs?.children ?? []) if (findNodeAtLocation(e, ['nomFichier'])?.value === name) return e;
  }
  throw new Error(`no entry ${name}`);
}

/** The text with a copy of `name`'s entry, renamed `copy`, inserted right after it (with the array's own separator). */
function withCopy(text: string, name: string, copy: string): string {
  const e = entryNode(text, name);
  const own = text.slice(e.offset, e.offset + e.length);
  const next = e.parent!.children![e.parent!.children!.indexOf(e) + 1];
  const sep = next ? text.slice(e.offset + e.length, next.offset) : ', ';
  const end = e.offset + e.length;
  return text.slice(0, end) + sep + own.replace(JSON.stringify(name), JSON.stringify(copy)) + text.slice(end);
}

const SOLDES = readdirSync(join(root, 'examples'))
  .map((d) => `examples/${d}/solde.json`)
  .filter((f) => existsSync(join(root, f)));

test('every example solde: two invoices of a request merged give the input with the first one renamed, byte for byte', () => {
  assert.ok(SOLDES.length >= 5);
  for (const file of SOLDES) {
    const original = read(file);
    const first = findNodeAtLocation(parseTree(original)!, ['lignesImport', 0, 'piecesJustificatives', 0, 'nomFichier'])!.value as string;
    const numLigne = String(findNodeAtLocation(parseTree(original)!, ['lignesImport', 0, 'numLigne'])!.value);
    const two = withCopy(original, first, 'FAC-2.pdf');
    assert.deepEqual(
      mergeGroups(two).map((g) => g.parts),
      [[first, 'FAC-2.pdf']],
      file,
    );
    const r = mergeAttachmentsEdit(two, { numLigne, parts: ['FAC-2.pdf', first], merged: 'FACTURES-1.pdf' });
    assert.equal(r.text, original.replace(JSON.stringify(first), '"FACTURES-1.pdf"'), file);
    assert.equal(applyEdits(two, [r.edit]), r.text, file);
    assert.equal(r.lineIndex, 0);
    assert.equal(mergeGroups(r.text).length, 0, file);
  }
});

test('CRLF line ends and a part in the middle of the list: the other entries and the line ends stay', () => {
  const original = read('examples/HOP-DPI-Va2/solde.json');
  // FACTURE, VA, then a second FACTURE after the VA: the kept entry is the first one, the VA stays between.
  const va = 'HOP-DPI-Va2-VA-DPI-2025-0101.pdf';
  const fac = 'HOP-DPI-Va2-FAC-DPI-2025-0101.pdf';
  const three = withCopy(original, va, 'FAC-BIS.pdf').replace(
    '"FAC-BIS.pdf",\n          "formatFichier": "PDF",\n          "typeFichier": "VA"',
    '"FAC-BIS.pdf",\n          "formatFichier": "PDF",\n          "typeFichier": "FACTURE"',
  );
  assert.ok(three.includes('"FAC-BIS.pdf",\n          "formatFichier": "PDF",\n          "typeFichier": "FACTURE"'));
  const crlf = three.replace(/\n/g, '\r\n');
  const r = mergeAttachmentsEdit(crlf, { numLigne: '1', parts: [fac, 'FAC-BIS.pdf'], merged: 'FACTURES.pdf' });
  assert.equal(r.text, original.replace(/\n/g, '\r\n').replace(JSON.stringify(fac), '"FACTURES.pdf"'));
  assert.equal(r.type, 'FACTURE');
  assert.equal(r.numLigne, '1');
});

test('a JPEG part: the kept entry says formatFichier "PDF"', () => {
  const original = read('examples/IMG-RIS-Va2/solde.json');
  const first = findNodeAtLocation(parseTree(original)!, ['lignesImport', 1, 'piecesJustificatives', 0, 'nomFichier'])!.value as string;
  const text = original.replace(`${JSON.stringify(first)},\n          "formatFichier": "PDF"`, `"scan.jpg",\n          "formatFichier": "JPEG"`);
  assert.notEqual(text, original);
  const r = mergeAttachmentsEdit(withCopy(text, 'scan.jpg', 'scan-2.png'), { lineIndex: 1, parts: ['scan.jpg', 'scan-2.png'], merged: first });
  assert.equal(r.text, original);
});

test('a file with errors elsewhere (V8 fixture): the edit is made, and adds no error', () => {
  const original = read('test/fixtures/IMG-RIS-Va2/V8-attachments.json');
  const fac = 'IMG-RIS-Va2-FAC-RIS-2025-0413.pdf';
  const two = withCopy(original, fac, 'IMG-RIS-Va2-FAC-RIS-2025-0413-b.pdf');
  const r = mergeAttachmentsEdit(two, { lineIndex: 1, parts: [fac, 'IMG-RIS-Va2-FAC-RIS-2025-0413-b.pdf'], merged: 'IMG-RIS-Va2-FACTURES-0413.pdf' });
  assert.equal(r.text, original.replace(JSON.stringify(fac), '"IMG-RIS-Va2-FACTURES-0413.pdf"'));
  const errors = (t: string) => check(t, { fileName: 'IMG-RIS-Va2-solde.json' }).findings.filter((f) => f.severity === 'error').length;
  assert.equal(errors(r.text), errors(original));
  assert.ok(errors(original) > 0);
});

test('mergeGroupAt: the group under the cursor, on a part name only', () => {
  const original = read('examples/HOP-DPI-Va2/solde.json');
  const fac = 'HOP-DPI-Va2-FAC-DPI-2025-0102.pdf';
  const two = withCopy(original, fac, 'FAC-2.pdf');
  const at = two.indexOf('"FAC-2.pdf"') + 3;
  assert.deepEqual(mergeGroupAt(two, at)?.parts, [fac, 'FAC-2.pdf']);
  assert.equal(mergeGroupAt(two, at)?.lineIndex, 1);
  assert.equal(mergeGroupAt(two, at)?.type, 'FACTURE');
  assert.equal(mergeGroupAt(two, two.indexOf('"HOP-DPI-Va2-VA-DPI-2025-0102.pdf"') + 2), undefined);
  assert.equal(mergeGroupAt(two, 0), undefined);
});

test('refused: a missing request, parts the request does not name (named), parts of two types, a name taken', () => {
  const text = read('examples/HOP-DPI-Va2/solde.json');
  const fac = 'HOP-DPI-Va2-FAC-DPI-2025-0101.pdf';
  const va = 'HOP-DPI-Va2-VA-DPI-2025-0101.pdf';
  const refused = (o: Parameters<typeof mergeAttachmentsEdit>[1], re: RegExp) =>
    assert.throws(
      () => mergeAttachmentsEdit(text, o),
      (e: unknown) => e instanceof MergeEditError && re.test(e.reason.en) && re.test(e.reason.fr),
    );
  refused({ numLigne: '9', parts: [fac], merged: 'X.pdf' }, /numLigne 9/);
  refused({ numLigne: '1', parts: [fac, 'HOP-DPI-Va2-FAC-DPI-2025-0102.pdf', 'autre.pdf'], merged: 'X.pdf' }, /HOP-DPI-Va2-FAC-DPI-2025-0102\.pdf, autre\.pdf/);
  refused({ numLigne: '1', parts: [fac, va], merged: 'X.pdf' }, /FACTURE, VA/);
  refused({ numLigne: '1', parts: [fac], merged: va }, new RegExp(va.replace(/\./g, '\\.')));
  assert.throws(() => mergeAttachmentsEdit('{"a": 1}', { numLigne: '1', parts: [fac], merged: 'X.pdf' }), MergeEditError);
});
