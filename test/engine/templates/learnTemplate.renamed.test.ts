/**
 * Through the vocabulary of key meanings: a learned template that renames
 * identifier keys and adds tags keeps every value check on them. The template (test/templates/renamed, of our own
 * making from the HOP-DPI-Va2 avance example, see its README) spells `finessPmsi`, `numeroFinessJuridique`,
 * `finessGeographique` (one value, not the model's `FINESGeos` list), `sirenEtablissement`, `rppsPraticien`,
 * `dateSignatureCommande`, `regimeTVAClient`, `montantHT`, and adds `referenceFacture` (a string) and
 * `capaciteLits` (an integer). Learned, then a document checked against it gets I1 under the renamed FINESS key, I4
 * on a bad RPPS, U1 for the same FINESS PMSI in two lines (sons.json uniqueness of HOP-DPI-Va2), S11 for a second
 * VAT regime, V1 on an ISO date, V2 on a bad amount, S1/schema for "850" where the example has a number, V4/schema
 * for tauxTVA 19.6 (the model's list 20 / 8.5 / 0, kept). Each finding asserted with its code and range.
 * The annotations come from schemas/vocabulary.json through server/src/engine/schema/vocabulary.ts (learnTemplate.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNodeAtLocation, parseTree, type JSONPath } from 'jsonc-parser';
import { check } from '../../../server/src/segur.ts';
import { learnTemplate } from '../../../server/src/engine/templates/learnTemplate.ts';
import type { Finding } from '../../../server/src/engine/shared/types.ts';

const dir = join(__dirname, '..', '..', 'templates', 'renamed');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const blank = read('HOP-DPI-Va2.avance.blank.json');
const example = read('HOP-DPI-Va2.avance.example.json');
const documentText = read('HOP-DPI-Va2.avance.document.json');
const TODAY = new Date('2025-12-01T00:00:00Z');

const template = learnTemplate(blank, example, 'HOP-DPI-Va2', 'avance');
const templates = { 'HOP-DPI-Va2.avance': template };
const run = (text: string) => check(text, { templates, today: TODAY }).findings;

/** The range of the value at `path` in `text` (jsonc-parser, independent of the engine). */
function rangeAt(text: string, path: JSONPath): { offset: number; length: number } {
  const n = findNodeAtLocation(parseTree(text)!, path);
  assert.ok(n, `no value at ${path.join('/')}`);
  return { offset: n.offset, length: n.length };
}

function expectAt(findings: Finding[], text: string, code: string, path: JSONPath): Finding {
  const r = rangeAt(text, path);
  const f = findings.find((x) => x.code === code && x.offset === r.offset);
  assert.ok(
    f,
    `${code} at /${path.join('/')} (${JSON.stringify(text.substr(r.offset, r.length))}); got ${findings.map((x) => `${x.code}@${x.offset}`).join(', ')}`,
  );
  assert.equal(f.length, r.length, `${code}: range length`);
  return f;
}

const L = (i: number, ...rest: (string | number)[]): JSONPath => ['lignesImport', i, ...rest];
const E = (i: number, key: string): JSONPath => L(i, 'beneficiaires', 'Etablissements', 0, key);

test('the example checked against its own learned template is clean (the renamed keys are the truth)', () => {
  assert.deepEqual(
    run(example).map((f) => f.code),
    [],
  );
});

test('renamed and new keys get the vocabulary meanings from their names, the renamed keys the model values', () => {
  const line = template.properties!.lignesImport.items!;
  const etab = line.properties!.beneficiaires.properties!.Etablissements.items!.properties!;
  assert.deepEqual(
    [etab.finessGeographique['x-check'], etab.finessGeographique['x-role'], etab.finessGeographique['x-rule']],
    ['finess', 'id:finessGeo', 'I1'],
  );
  assert.deepEqual([etab.finessPmsi['x-check'], etab.finessPmsi['x-role']], ['finess', 'id:finessPmsi']);
  assert.deepEqual([etab.numeroFinessJuridique['x-check'], etab.numeroFinessJuridique['x-role']], ['finess', 'id:finessJuridique']);
  assert.deepEqual([etab.sirenEtablissement['x-check'], etab.sirenEtablissement['x-role']], ['siren', 'id:siren']);
  assert.deepEqual([etab.rppsPraticien['x-check'], etab.rppsPraticien['x-role']], ['rpps', 'id:rpps']);
  assert.equal(etab.capaciteLits['x-check'], undefined);
  assert.deepEqual(etab.capaciteLits.type, 'integer');
  const commande = line.properties!.commande.properties!;
  assert.deepEqual(commande.regimeTVAClient.enum, ['TTC', 'HT'], 'the enumeration of the model key of the same meaning (regimeTVA)');
  assert.equal(commande.regimeTVAClient['x-role'], 'vatRegime');
  assert.equal(commande.regimeTVAClient['x-provenance-values'], 'modelled');
  assert.equal(commande.dateSignatureCommande['x-role'], 'orderDate');
  assert.equal(commande.montantHT['x-check'], 'amount');
  assert.equal(line.properties!.referenceFacture['x-check'], undefined);
});

test("a renamed key whose example value does not have the meaning's shape gets no check", () => {
  const ex = JSON.parse(example);
  ex.lignesImport[0].beneficiaires.Etablissements[0].finessGeographique = 'abc';
  ex.lignesImport[0].commande.montantHT = '14100.83';
  const t = learnTemplate(blank, JSON.stringify(ex), 'HOP-DPI-Va2', 'avance');
  const line = t.properties!.lignesImport.items!;
  const g = line.properties!.beneficiaires.properties!.Etablissements.items!.properties!.finessGeographique;
  assert.equal(g['x-check'], undefined);
  assert.equal(g['x-role'], undefined);
  assert.equal(line.properties!.commande.properties!.montantHT['x-check'], undefined);
});

test('a document checked against the renamed template keeps I1, I4, U1, S11, V1, V2 and the type of capaciteLits', () => {
  const findings = run(documentText);
  const t = documentText;
  expectAt(findings, t, 'I1/finess', E(0, 'finessGeographique'));
  expectAt(findings, t, 'I4/rpps', E(0, 'rppsPraticien'));
  const type = expectAt(findings, t, 'S1/schema', E(0, 'capaciteLits'));
  assert.equal(type.provenance.kind, 'template');
  const date = expectAt(findings, t, 'V1/date', L(0, 'commande', 'dateSignatureCommande'));
  assert.equal(date.pointer, '/lignesImport/0/commande/dateSignatureCommande');
  expectAt(findings, t, 'V2/amount', L(1, 'commande', 'montantHT'));
  // U1: the second line's FINESS PMSI, related to the first one.
  const u1 = expectAt(findings, t, 'U1/finessPmsi', E(1, 'finessPmsi'));
  assert.equal(u1.related?.[0]?.offset, rangeAt(t, E(0, 'finessPmsi')).offset);
  // S11: the second line's regime (HT, renamed key) with the same rate: the file mixes two regimes.
  const s11 = expectAt(findings, t, 'S11', L(1, 'commande', 'tauxTVA'));
  assert.match(s11.message.fr, /HT 20/);
  assert.equal(s11.related?.[0]?.offset, rangeAt(t, L(0, 'commande', 'tauxTVA')).offset);
  // Nothing else but the consequences of an HT line (the attestation, the HT 20 pair): the exact list.
  assert.deepEqual(findings.map((f) => f.code).sort(), [
    'I1/finess',
    'I4/rpps',
    'S1/schema',
    'S11',
    'U1/finessPmsi',
    'V1/date',
    'V2/amount',
    'V4',
    'V8/ht-attestation',
  ]);
});

test('tauxTVA 19.6 is outside the model list 20 / 8.5 / 0 kept by the learned template (V4/schema)', () => {
  const text = example.replace('"tauxTVA": 20', '"tauxTVA": 19.6');
  assert.notEqual(text, example);
  const findings = run(text);
  const f = expectAt(findings, text, 'V4/schema', L(0, 'commande', 'tauxTVA'));
  assert.equal(f.provenance.kind, 'model');
  // Renamed too (`tauxDeTVA`): the rate's meaning maps it to the model's tauxTVA, whose list it keeps.
  const rename = (t: string) => t.replace('"tauxTVA"', '"tauxDeTVA"');
  const t2 = learnTemplate(rename(blank), rename(example), 'HOP-DPI-Va2', 'avance');
  const rate = t2.properties!.lignesImport.items!.properties!.commande.properties!.tauxDeTVA;
  assert.deepEqual([rate.enum, rate['x-role'], rate['x-rule'], rate['x-provenance-values']], [[20, 8.5, 0], 'vatRate', 'V4', 'modelled']);
  const renamed = rename(text);
  const g = expectAt(check(renamed, { templates: { 'HOP-DPI-Va2.avance': t2 }, today: TODAY }).findings, renamed, 'V4/schema', L(0, 'commande', 'tauxDeTVA'));
  assert.equal(g.provenance.kind, 'model');
});

test('rules read meanings, not key names: S10 and V5 under renamed line number, order reference and order date', () => {
  // `numeroLigne` (numLigne), `referenceBDC` (numeroEditeur): roles numLigne / editeur from the vocabulary.
  const rename = (t: string) => t.replace(/"numLigne"/g, '"numeroLigne"').replace(/"numeroEditeur"/g, '"referenceBDC"');
  const t2 = learnTemplate(rename(blank), rename(example), 'HOP-DPI-Va2', 'avance');
  const line = t2.properties!.lignesImport.items!.properties!;
  assert.deepEqual([line.numeroLigne['x-role'], line.referenceBDC['x-role']], ['numLigne', 'editeur']);
  const d = JSON.parse(rename(example));
  const second = structuredClone(d.lignesImport[0]);
  second.numeroLigne = 3; // expected 2
  second.commande.dateSignatureCommande = '01/06/2026'; // after TODAY: V5
  d.lignesImport.push(second); // same referenceBDC: one purchase order on two lines
  const text = JSON.stringify(d, null, 2);
  const findings = check(text, { templates: { 'HOP-DPI-Va2.avance': t2 }, today: TODAY }).findings;
  const num = expectAt(findings, text, 'S10/num-ligne', L(1, 'numeroLigne'));
  assert.equal(num.pointer, '/lignesImport/1/numeroLigne');
  // The message names the template's key, not the model's (`numLigne`).
  assert.match(num.message.fr, /^« numeroLigne » vaut 3 /);
  assert.match(num.message.en, /^"numeroLigne" is 3:/);
  const dup = expectAt(findings, text, 'S10/duplicate-order', L(1, 'referenceBDC'));
  assert.equal(dup.related?.[0]?.offset, rangeAt(text, L(0, 'referenceBDC')).offset);
  const v5 = expectAt(findings, text, 'V5', L(1, 'commande', 'dateSignatureCommande'));
  assert.match(v5.message.fr, /^« dateSignatureCommande » est dans le futur/);
});
