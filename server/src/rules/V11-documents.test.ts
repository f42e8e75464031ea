/**
 * V11 — the documents each request carries (004, 000, csv2json): a BON_COMMANDE at the avance, one FACTURE in a
 * solde, at most one of each (and at most one VA, one MOM: modelled codes, warnings), no VA required (pilot PVs
 * stand for it, 000). The table is schemas/documents.json; cases over the IMG-RIS-Va2 avance (line 1: its one
 * BON_COMMANDE, line 36) and solde (line 1: FACTURE line 34, VA line 39) and the MDV-LGC-Va1 avance (vague 1).
 */
import { V11, documentRows, type DocumentTable } from './V11-documents';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatches, exampleText, ruleTable, runRule } from '../../../test/helpers/rule-tester.ts';
import { check } from '../segur.ts';
import documents from '../../../schemas/documents.json';

const pieces = (line: number) => ['lignesImport', line, 'piecesJustificatives'];
const typeOf = (line: number, i: number) => [...pieces(line), i, 'typeFichier'];
const piece = (name: string, type: string) => ({ nomFichier: name, formatFichier: 'PDF', typeFichier: type });

ruleTable(V11, {
  sons: 'IMG-RIS-Va2',
  kind: 'avance',
  valid: [
    { name: 'the example: one BON_COMMANDE per request' },
    {
      name: "the purchase order with the HT attestation (V8's)",
      patch: [{ path: [...pieces(0), 1], value: piece('IMG-RIS-Va2-ATT-RIS-2025-0412.pdf', 'ATTESTATION_TVA') }],
    },
    { name: "a type written in lower case still counts as its code (the case is S6's)", patch: [{ path: typeOf(0, 0), value: 'bon_commande' }] },
  ],
  invalid: [
    {
      name: 'no BON_COMMANDE in an avance line: an error on its attachments (004)',
      patch: [{ path: typeOf(0, 0), value: 'FACTURE' }],
      errors: [{ code: 'V11/missing-order', span: '"piecesJustificatives"', line: 32, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'no attachment at all ([]): the same',
      patch: [{ path: pieces(1), value: [] }],
      errors: [{ code: 'V11/missing-order', span: '"piecesJustificatives"', severity: 'error' }],
    },
    {
      name: 'two purchase orders in one line: one purchase order per JSON line (004), on the second',
      patch: [{ path: [...pieces(0), 1], value: piece('IMG-RIS-Va2-BDC2-RIS-2025-0412.pdf', 'BON_COMMANDE') }],
      errors: [{ code: 'V11/extra-order', span: '"BON_COMMANDE"', line: 41, severity: 'error', provenance: 'source' }],
    },
  ],
});

ruleTable(V11, {
  sons: 'IMG-RIS-Va2',
  kind: 'solde',
  valid: [
    { name: 'the example: one FACTURE and one VA' },
    { name: 'a FACTURE alone: no VA required (a MOM or pilot PVs stand for it)', patch: [{ path: [...pieces(0), 1], remove: true }] },
    { name: 'a pilot solde: FACTURE and the pilot report, no VA (000)', patch: [{ path: typeOf(0, 1), value: 'PV_PILOTE' }] },
    { name: 'a FACTURE and a MOM', patch: [{ path: typeOf(0, 1), value: 'MOM' }] },
  ],
  invalid: [
    {
      // The reproduction: a solde line whose attachments have no FACTURE.
      name: 'no FACTURE in a solde line: an error on its attachments (004, code of 000)',
      patch: [
        { path: typeOf(0, 0), value: 'VA' },
        { path: [...pieces(0), 1], remove: true },
      ],
      errors: [{ code: 'V11/missing-invoice', span: '"piecesJustificatives"', line: 30, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'two invoice documents: one only, all invoices concatenated (004), on the second',
      patch: [{ path: typeOf(0, 1), value: 'FACTURE' }],
      errors: [{ code: 'V11/extra-invoice', span: '"FACTURE"', line: 39, severity: 'error', provenance: 'source' }],
    },
    {
      name: 'two VA documents: one only (004), the code VA modelled: a warning',
      patch: [{ path: [...pieces(0), 2], value: piece('IMG-RIS-Va2-VA2-RIS-2025-0412.pdf', 'VA') }],
      errors: [{ code: 'V11/extra-va', span: '"VA"', line: 44, severity: 'warning', provenance: 'model' }],
    },
    {
      name: 'a second FACTURE written " facture " counts too (its spelling is S6\'s and S8\'s)',
      patch: [{ path: typeOf(0, 1), value: ' facture ' }],
      errors: [{ code: 'V11/extra-invoice', span: '" facture "', line: 39 }],
    },
  ],
});

ruleTable(V11, {
  sons: 'MDV-LGC-Va1',
  kind: 'avance',
  valid: [{ name: 'the vague 1 example (csv2json): one BON_COMMANDE per line' }],
  invalid: [
    {
      name: 'no BON_COMMANDE (vague 1)',
      patch: [{ path: typeOf(0, 0), value: 'FACTURE' }],
      errors: [{ code: 'V11/missing-order', span: '"piecesJustificatives"', line: 39, severity: 'error' }],
    },
  ],
});

test("V11 messages: the source's words, the modelled note only on modelled codes", () => {
  const solde = exampleText('IMG-RIS-Va2', 'solde');
  const [missing] = runRule(
    V11,
    applyPatches(solde, [
      { path: typeOf(0, 0), value: 'VA' },
      { path: [...pieces(0), 1], remove: true },
    ]),
    { sons: 'IMG-RIS-Va2', kind: 'solde' },
  );
  assert.match(
    missing.message.fr,
    /^Aucune pièce de type « FACTURE » dans cette demande de solde : « il est demandé de présenter une seule facture globale à 100% »/,
  );
  assert.doesNotMatch(missing.message.fr, /modélisé/);
  assert.deepEqual(missing.provenance, { kind: 'source', sources: ['004', '000'] });
  assert.match(missing.message.en, /^No attachment of type "FACTURE" in this solde request/);
  const [va] = runRule(V11, applyPatches(solde, [{ path: [...pieces(0), 2], value: piece('IMG-RIS-Va2-VA2-RIS-2025-0412.pdf', 'VA') }]), {
    sons: 'IMG-RIS-Va2',
    kind: 'solde',
  });
  assert.match(va.message.fr, /« on n'attend qu'un seul document informatique VA\. »/);
  assert.match(va.message.fr, /structure modélisée/);
  assert.doesNotMatch(va.message.fr, /rejette/);
  assert.equal(va.related?.[0] && solde.substr(va.related[0].offset, va.related[0].length), '"VA"');
});

test('V11 with every rule: the examples carry their documents, and a solde without FACTURE is an error of V11 alone', () => {
  for (const sons of ['HOP-DPI-Va2', 'HOP-PFI-Va2', 'IMG-DB-Va2', 'IMG-RIS-Va2', 'MDV-LGC-Va2']) {
    for (const kind of ['avance', 'solde'] as const) {
      const fs = check(exampleText(sons, kind), { today: new Date(2025, 9, 1) }).findings.filter((f) => f.code.startsWith('V11'));
      assert.deepEqual(
        fs.map((f) => f.code),
        [],
        `${sons} ${kind}`,
      );
    }
  }
  const text = applyPatches(exampleText('IMG-RIS-Va2', 'solde'), [
    { path: typeOf(0, 0), value: 'VA' },
    { path: [...pieces(0), 1], remove: true },
  ]);
  const errors = check(text, { today: new Date(2025, 9, 1) }).findings.filter((f) => f.severity === 'error');
  assert.deepEqual(
    errors.map((f) => f.code),
    ['V11/missing-invoice'],
  );
});

test("V11 table: per SONS and kind, a SONS's own list replaces the default for that kind only", () => {
  const table = documents as unknown as DocumentTable;
  assert.deepEqual(
    documentRows(table, 'IMG-RIS-Va2', 'avance').map((r) => r.type),
    ['BON_COMMANDE'],
  );
  assert.deepEqual(
    documentRows(table, 'IMG-RIS-Va2', 'solde').map((r) => [r.type, r.min, r.max]),
    [
      ['FACTURE', 1, 1],
      ['VA', 0, 1],
      ['MOM', 0, 1],
    ],
  );
  assert.deepEqual(documentRows(table, undefined, 'output'), []);
  const own = { ...table, bySons: { 'X-Y-Va9': { solde: [{ ...table.default.solde![0], min: 0 }] } } };
  assert.equal(documentRows(own, 'X-Y-Va9', 'solde')[0].min, 0);
  assert.deepEqual(
    documentRows(own, 'X-Y-Va9', 'avance').map((r) => r.type),
    ['BON_COMMANDE'],
  );
  // Provenance as the sources allow: a code a source shows (BON_COMMANDE: csv2json, FACTURE: 000) is `source`, else `model`.
  for (const kind of ['avance', 'solde'] as const) {
    for (const r of table.default[kind]!) assert.equal(r.provenance, ['BON_COMMANDE', 'FACTURE'].includes(r.type) ? 'source' : 'model', r.type);
  }
});
