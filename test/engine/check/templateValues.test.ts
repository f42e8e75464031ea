/**
 * A learned template gets the value checks of the bundled schemas (types,
 * enumerations, patterns, lengths, bounds, item counts), with the same codes (`S1/schema`, `<x-rule>/schema`, rule S1
 * of docs/rules.md), no duplicate of a rule's finding, and provenance `template` (or `model` for a value
 * list the template kept from our model: engine/schema/provenance.ts).
 * The template is learned from test/templates/official-like/ (our own stand-in for the ASP's blank template).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, findNodeAtLocation } from 'jsonc-parser';
import { learnTemplate, check } from '../../../server/src/segur.ts';
import type { SchemaNode } from '../../../server/src/engine/schema/schemaData.ts';

const root = join(__dirname, '..', '..', '..');
const blank = readFileSync(join(root, 'test/templates/official-like/IMG-RIS-Va2.solde.blank.json'), 'utf8');
const example = readFileSync(join(root, 'examples/IMG-RIS-Va2/solde.json'), 'utf8');

type Doc = { lignesImport: Record<string, any>[] } & Record<string, unknown>;

/** The example made to follow the official-like blank (its extra `numeroFacture`, its `VA` order): valid for it. */
function validDoc(): Doc {
  const d = JSON.parse(example) as Doc;
  for (const l of d.lignesImport) {
    const f = l.facture;
    l.facture = {
      dateEditionFacture: f.dateEditionFacture,
      numeroFacture: null,
      montantPrestationPrincipaleSegurHTFacture: f.montantPrestationPrincipaleSegurHTFacture,
    };
    l.VA = { dateSignatureVA: l.VA.dateSignatureVA, typePrestation: l.VA.typePrestation };
  }
  return d;
}

const learned = learnTemplate(blank, example, 'IMG-RIS-Va2', 'solde', 'blank.json');
const templates = { 'IMG-RIS-Va2.solde': learned };
const text = (d: unknown) => JSON.stringify(d, null, 2);

/** The range of the value at `path`, found by jsonc-parser (not by the engine). */
function rangeOf(t: string, path: (string | number)[]): { offset: number; length: number } {
  const n = findNodeAtLocation(parseTree(t)!, path)!;
  return { offset: n.offset, length: n.type === 'object' || n.type === 'array' ? 1 : n.length };
}

function findingsAt(t: string, pointer: string, opts: Parameters<typeof check>[1]) {
  return check(t, opts).findings.filter((f) => f.pointer === pointer);
}

test('a valid file for the learned template gets no finding (tape and tree parsers)', () => {
  const t = text(validDoc());
  assert.deepEqual(
    check(t, { templates }).findings.map((f) => f.code),
    [],
  );
  assert.deepEqual(
    check(t, { templates, parser: 'tree' }).findings.map((f) => f.code),
    [],
  );
});

test('a string where the example has a number: S1/schema on the value, provenance template', () => {
  const d = validDoc();
  d.lignesImport[1].numLigne = '2';
  const t = text(d);
  for (const parser of ['tape', 'tree'] as const) {
    const fs = check(t, { templates, parser }).findings;
    assert.deepEqual(
      fs.map((f) => f.code),
      ['S1/schema'],
      parser,
    );
    const f = fs[0];
    assert.equal(f.pointer, '/lignesImport/1/numLigne');
    assert.deepEqual({ offset: f.offset, length: f.length }, rangeOf(t, ['lignesImport', 1, 'numLigne']));
    assert.deepEqual(f.provenance, { kind: 'template' });
    assert.equal(f.severity, 'error');
    assert.match(f.message.en, /integer/);
  }
});

test('a new integer tag of the official template (capaciteLits): "850" is reported', () => {
  // A template of our own making: the official-like blank with a tag the model does not know.
  const b = JSON.parse(blank);
  b.lignesImport[0].capaciteLits = null;
  const ex = JSON.parse(example);
  for (const l of ex.lignesImport) l.capaciteLits = 12;
  const t2 = learnTemplate(text(b), text(ex), 'IMG-RIS-Va2', 'solde', 'blank.json');
  const d = validDoc();
  for (const l of d.lignesImport) l.capaciteLits = 40;
  d.lignesImport[2].capaciteLits = '850';
  const t = text(d);
  const fs = check(t, { templates: { 'IMG-RIS-Va2.solde': t2 } }).findings;
  assert.deepEqual(
    fs.map((f) => `${f.code} ${f.pointer}`),
    ['S1/schema /lignesImport/2/capaciteLits'],
  );
  assert.deepEqual({ offset: fs[0].offset, length: fs[0].length }, rangeOf(t, ['lignesImport', 2, 'capaciteLits']));
  assert.deepEqual(fs[0].provenance, { kind: 'template' });
});

test('a value outside an enumeration kept from the model: S1/schema, provenance model (x-provenance-values)', () => {
  assert.equal(learned.properties!.lignesImport.items!.properties!.typeAction['x-provenance-values'], 'modelled');
  const d = validDoc();
  d.lignesImport[0].typeAction = 'M';
  const t = text(d);
  const fs = check(t, { templates }).findings;
  assert.deepEqual(
    fs.map((f) => `${f.code} ${f.pointer}`),
    ['S1/schema /lignesImport/0/typeAction'],
  );
  const f = fs[0];
  assert.deepEqual({ offset: f.offset, length: f.length }, rangeOf(t, ['lignesImport', 0, 'typeAction']));
  assert.deepEqual(f.provenance, { kind: 'model' });
  // A model finding is capped to a warning and says it is modelled (as on the bundled path).
  assert.equal(f.severity, 'warning');
  assert.match(f.message.en, /modelled structure/);
  // The same finding as the bundled path gives on the same value (code, range, message).
  const bundled = check(t).findings.filter((x) => x.pointer === '/lignesImport/0/typeAction');
  assert.deepEqual(
    bundled.map((x) => [x.code, x.offset, x.length, x.message.fr]),
    [[f.code, f.offset, f.length, f.message.fr]],
  );
});

test('an enumeration with the rule id of the node: V8/schema, like the bundled path', () => {
  const d = validDoc();
  d.lignesImport[0].piecesJustificatives[0].formatFichier = 'DOCX';
  const t = text(d);
  const p = '/lignesImport/0/piecesJustificatives/0/formatFichier';
  const mine = findingsAt(t, p, { templates }).map((f) => [f.code, f.offset, f.length]);
  assert.deepEqual(mine, [['V8/schema', ...Object.values(rangeOf(t, ['lignesImport', 0, 'piecesJustificatives', 0, 'formatFichier']))]]);
  assert.deepEqual(
    findingsAt(t, p, {}).map((f) => [f.code, f.offset, f.length]),
    mine,
  );
});

test('a pattern break a rule already reports is not reported twice (covered pointers)', () => {
  const d = validDoc();
  d.lignesImport[0].facture.dateEditionFacture = '2025-01-31';
  const fs = check(text(d), { templates }).findings;
  assert.deepEqual(
    fs.map((f) => `${f.code} ${f.pointer}`),
    ['V1/date /lignesImport/0/facture/dateEditionFacture'],
  );
});

test('pattern, lengths, bounds and item counts of a template: each its finding', () => {
  // The learned template, edited by the user (the learned-template format allows these keywords).
  const t2 = structuredClone(learned) as SchemaNode;
  const line = t2.properties!.lignesImport.items!.properties!;
  Object.assign(line.facture.properties!.numeroFacture, { type: ['string', 'null'], pattern: '^F-\\d+$' });
  Object.assign(line.codeTraitement, { type: ['string', 'null'], maxLength: 3 });
  Object.assign(line.facture.properties!.montantPrestationPrincipaleSegurHTFacture, { maximum: 30000 });
  Object.assign(line.piecesJustificatives, { minItems: 2 });
  const d = validDoc();
  d.lignesImport[0].facture.numeroFacture = 'FAC-12';
  d.lignesImport[1].facture.numeroFacture = 'F-12';
  d.lignesImport[0].codeTraitement = 'ABCD';
  d.lignesImport[1].piecesJustificatives = d.lignesImport[1].piecesJustificatives.slice(0, 1);
  const t = text(d);
  const got = check(t, { template: t2 })
    .findings.filter((f) => f.code.endsWith('/schema'))
    .map((f) => `${f.code} ${f.pointer} ${f.message.en}`);
  const amounts = d.lignesImport.map((l, i) => (l.facture.montantPrestationPrincipaleSegurHTFacture > 30000 ? i : -1)).filter((i) => i >= 0);
  assert.deepEqual(
    got.sort(),
    [
      'S1/schema /lignesImport/0/facture/numeroFacture Invalid format (expected pattern ^F-\\d+$).',
      'S3/schema /lignesImport/0/codeTraitement At most 3 characters.',
      ...amounts.map((i) => `V2/schema /lignesImport/${i}/facture/montantPrestationPrincipaleSegurHTFacture Maximum value: 30000.`),
      'S1/schema /lignesImport/1/piecesJustificatives At least 2 item(s).',
    ].sort(),
  );
  assert.ok(amounts.length > 0, 'the example has an amount above the bound');
});

test('tauxTVA 19.6 where the model lists 20 / 8.5 / 0 (a rate from before 2014): V4/schema as on the bundled path', () => {
  // A blank of our own making from the IMG-RIS-Va2 avance example: every leaf null, one line.
  const ex = readFileSync(join(root, 'examples/IMG-RIS-Va2/avance.json'), 'utf8');
  const nul = (v: unknown): unknown =>
    Array.isArray(v) ? v.slice(0, 1).map(nul) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, nul(x)])) : null;
  const t2 = learnTemplate(JSON.stringify(nul(JSON.parse(ex))), ex, 'IMG-RIS-Va2', 'avance', 'blank.json');
  const tpl = { 'IMG-RIS-Va2.avance': t2 };
  assert.deepEqual(
    check(ex, { templates: tpl }).findings.map((f) => f.code),
    [],
  );
  const d = JSON.parse(ex);
  d.lignesImport[0].commande.tauxTVA = 19.6;
  const t = text(d);
  const p = '/lignesImport/0/commande/tauxTVA';
  const mine = findingsAt(t, p, { templates: tpl });
  assert.deepEqual(
    mine.map((f) => [f.code, f.provenance.kind, f.offset, f.length]),
    [['V4/schema', 'model', ...Object.values(rangeOf(t, ['lignesImport', 0, 'commande', 'tauxTVA']))]],
  );
  assert.match(mine[0].message.fr, /20, 8\.5 ou 0/);
  assert.deepEqual(
    findingsAt(t, p, {}).map((f) => [f.code, f.provenance.kind, f.offset, f.length, f.message.fr]),
    mine.map((f) => [f.code, f.provenance.kind, f.offset, f.length, f.message.fr]),
  );
});

test('bad input never crashes: a pattern that does not compile, __proto__ keys in the template and the document', () => {
  const t2 = structuredClone(learned) as SchemaNode;
  const line = t2.properties!.lignesImport.items!.properties!;
  // A pattern that does not compile: the template is not usable (one S1/template), never a crash; the bundled model applies.
  const broken = structuredClone(t2) as SchemaNode;
  Object.assign(broken.properties!.lignesImport.items!.properties!.facture.properties!.numeroFacture, { type: ['string', 'null'], pattern: '(' });
  const refused = check(text(validDoc()), { template: broken }).findings;
  assert.deepEqual(refused.filter((f) => f.code === 'S1/template').length, 1);
  assert.match(refused.find((f) => f.code === 'S1/template')!.message.en, /numeroFacture\/pattern: pattern the linear-time engine .* cannot compile/);
  Object.assign(line.facture.properties!.numeroFacture, { type: ['string', 'null'] });
  const d = validDoc();
  d.lignesImport[0].facture.numeroFacture = 'F-1';
  // A key "__proto__" of the template (JSON.parse keeps it as an own key) and of the document.
  const tpl = JSON.parse(JSON.stringify(t2).replace('"numeroFacture":{', '"__proto__":{"type":"integer"},"numeroFacture":{'));
  const t = text(d).replace('"numeroFacture": "F-1"', '"__proto__": "x", "numeroFacture": "F-1"');
  for (const parser of ['tape', 'tree'] as const) {
    const fs = check(t, { template: tpl, parser }).findings.filter((f) => f.code.endsWith('/schema'));
    // The "__proto__" tag of the template types the document's "__proto__" key.
    assert.deepEqual(
      fs.map((f) => `${f.code} ${f.pointer}`),
      ['S1/schema /lignesImport/0/facture/__proto__'],
      parser,
    );
  }
});

test('a block of the wrong shape: S1/schema on its first character, as on the bundled path; a null block stays S2', () => {
  const d = validDoc();
  d.lignesImport[0].beneficiaires = [];
  d.lignesImport[1].piecesJustificatives = null;
  const t = text(d);
  const pick = (opts: Parameters<typeof check>[1]) =>
    check(t, opts)
      .findings.filter((f) => /^S[12]\//.test(f.code) && f.code !== 'S1/unknown-key')
      .map((f) => [f.code, f.pointer, f.offset, f.length]);
  const mine = pick({ templates });
  assert.deepEqual(mine, [
    ['S1/schema', '/lignesImport/0/beneficiaires', rangeOf(t, ['lignesImport', 0, 'beneficiaires']).offset, 1],
    ['S2/null-block', '/lignesImport/1/piecesJustificatives', ...Object.values(rangeOf(t, ['lignesImport', 1, 'piecesJustificatives']))],
  ]);
  assert.deepEqual(pick({}), mine);
});
