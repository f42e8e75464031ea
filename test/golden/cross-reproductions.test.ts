/**
 * Reproductions of the rules across files, written as a careful vendor would, from the IMG-RIS-Va2 examples changed as
 * stated: the files are checked as the CLI checks a folder (each file alone, then the stage across files), with the
 * full catalogue of rules.
 * - C8: a solde whose SIRET (or n° ANS) matches no avance is not compared, and says so; an avance of the same dossier
 *   under another SIRET is named, with 002's words on a SIRET changed since the avance.
 * - C7: one solde per avance (004); a duplicated dossier number is named on each line, and the line that is not the
 *   avance's does not cascade into C1/C3/C6 findings.
 * - C4 and C6 do not contradict each other (C6's accepted downgrade, C4's « must be equal »).
 * - C5 names the 100 % rule of 004 when a solde declares the solde share of the avance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, crossCheck } from '../../server/src/segur.ts';
import type { Finding } from '../../server/src/engine/shared/types.ts';
import { applyPatches, exampleText, type Patch } from '../helpers/rule-tester.ts';

const TODAY = new Date(Date.UTC(2026, 10, 23));
const SONS = 'IMG-RIS-Va2';

/** The findings of each file (its own and those across files), without hints. */
function run(files: Record<string, string>): Record<string, Finding[]> {
  const results = Object.entries(files).map(([file, text]) => ({ file, text, result: check(text, { fileName: file, today: TODAY }) }));
  const cross = crossCheck(results.map((r) => ({ file: r.file, result: r.result })));
  return Object.fromEntries(results.map((r) => [r.file, [...r.result.findings, ...(cross.get(r.file) ?? [])].filter((f) => f.severity !== 'hint')]));
}

const avance = (patch: Patch[] = []) => applyPatches(exampleText(SONS, 'avance'), patch);
const solde = (patch: Patch[] = []) => applyPatches(exampleText(SONS, 'solde'), patch);
const at = (text: string, f: Finding) => text.substr(f.offset, f.length);
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
const codes = (fs: Finding[]) => fs.map((f) => f.code).sort();

/** 002's words on a SIRET changed after the avance, as the seed writes them. */
const SEED_002 = 'Si ce SIRET est modifié après le dépôt de la demande d’avance, le fournisseur doit impérativement prévenir l’assistance utilisateur';

test('C8: a solde whose SIRET changed since its avance (amount raised, FINESS replaced) is not silent', () => {
  const s = solde([
    { path: ['siret'], value: '43216756700036' },
    { path: ['lignesImport', 0, 'facture', 'montantPrestationPrincipaleSegurHTFacture'], value: 40000 },
    { path: ['lignesImport', 0, 'beneficiaires', 'Etablissements', 0, 'FINESGeos', 0], value: '010000032' },
  ]);
  const got = run({ 'avance.json': avance(), 'solde.json': s });
  assert.deepEqual(got['avance.json'], []);
  const f = got['solde.json'];
  assert.deepEqual(codes(f), ['C8/no-avance', 'C8/siret-changed'], codes(f).join(' '));
  const info = f.find((x) => x.code === 'C8/no-avance')!;
  assert.equal(info.severity, 'information');
  assert.equal(info.offset, 0);
  // It names the checks that were not run.
  for (const id of ['C1', 'C2', 'C3', 'C4', 'C5', 'C6']) assert.match(info.message.fr, new RegExp(`\\b${id}\\b`));
  const warn = f.find((x) => x.code === 'C8/siret-changed')!;
  assert.equal(warn.severity, 'warning');
  assert.equal(at(s, warn), '"43216756700036"');
  assert.ok(warn.message.fr.includes(`« ${SEED_002}`), warn.message.fr);
  assert.match(warn.message.fr, /avance\.json/);
  assert.deepEqual(warn.provenance, { kind: 'source', sources: ['002'] });
  // No identifier value in the messages.
  for (const x of f) assert.doesNotMatch(x.message.fr + x.message.en, /432167567000(28|36)/);
});

test('C8: a solde of another n° ANS than its avance: the warning is on the n° ANS', () => {
  const s = solde([{ path: ['numeroAns'], value: 'CVA2RIS002' }]);
  const f = run({ 'avance.json': avance(), 'solde.json': s })['solde.json'];
  assert.deepEqual(codes(f), ['C8/ans-changed', 'C8/no-avance'], codes(f).join(' '));
  const warn = f.find((x) => x.code === 'C8/ans-changed')!;
  assert.equal(warn.severity, 'warning');
  assert.equal(at(s, warn), '"CVA2RIS002"');
  assert.match(warn.message.fr, /avance\.json/);
});

test('C8: a solde checked alone gets one information (no avance among the files), exit code unaffected', () => {
  const f = run({ 'solde.json': solde() })['solde.json'];
  assert.deepEqual(
    f.map((x) => [x.code, x.severity, x.offset]),
    [['C8/no-avance', 'information', 0]],
  );
  // The avances alone, and the pair together, get nothing.
  assert.deepEqual(run({ 'avance.json': avance() })['avance.json'], []);
  const both = run({ 'avance.json': avance(), 'solde.json': solde() });
  assert.deepEqual([...both['avance.json'], ...both['solde.json']], []);
});

/** The avance as its output JSON: the dossier numbers the solde example reuses. */
const output = [0, 1, 2].map((i) => ({ path: ['lignesImport', i, 'numeroASP'], value: `FINIMG01376${i}M0` }));
/** Line 2 of the solde given line 1's dossier number. */
const duplicated: Patch[] = [{ path: ['lignesImport', 1, 'numeroASP'], value: 'FINIMG013760M0' }];

test('C7: one dossier number on two lines of one solde, checked alone: an error on each, naming the other line', () => {
  const s = solde(duplicated);
  const f = run({ 'solde.json': s })['solde.json'].filter((x) => x.code.startsWith('C7'));
  assert.deepEqual(
    f.map((x) => [x.code, x.severity, at(s, x), lineOf(s, x.offset)]),
    [
      ['C7', 'error', '"FINIMG013760M0"', 9],
      ['C7', 'error', '"FINIMG013760M0"', 48],
    ],
  );
  assert.match(f[0].message.fr, /ligne 2/);
  assert.match(f[1].message.fr, /ligne 1/);
  assert.deepEqual(f[0].provenance, { kind: 'source', sources: ['004'] });
});

test('C7: against the avance output JSON, the duplicate line does not cascade into C1, C3, C6 findings', () => {
  const s = solde(duplicated);
  const got = run({ 'avance.json': avance(output), 'solde.json': s });
  const f = got['solde.json'];
  assert.deepEqual(codes(f), ['C7', 'C7'], f.map((x) => `${x.code} @${lineOf(s, x.offset)}`).join(' '));
});

test('C7: the same dossier number in two solde files: an error in each, naming the other file', () => {
  // The same solde deposited twice (a copy left in the folder): its three dossier numbers are each in two files.
  const got = run({ 'avance.json': avance(), 'solde-a.json': solde(), 'solde-b.json': solde() });
  for (const [file, other] of [
    ['solde-a.json', 'solde-b.json'],
    ['solde-b.json', 'solde-a.json'],
  ]) {
    const c7 = got[file].filter((x) => x.code === 'C7');
    assert.equal(c7.length, 3, `${file}: ${codes(got[file]).join(' ')}`);
    for (const x of c7) assert.ok(x.message.fr.includes(other), x.message.fr);
  }
});

test('C7: five copies of one solde: each message names three other places and counts the rest', () => {
  const files: Record<string, string> = { 'avance.json': avance() };
  for (const n of [1, 2, 3, 4, 5]) files[`solde-${n}.json`] = solde();
  const c7 = run(files)['solde-1.json'].filter((x) => x.code === 'C7');
  assert.equal(c7.length, 3);
  assert.match(c7[0].message.fr, /aussi porté par la ligne 1 de solde-2\.json, la ligne 1 de solde-3\.json, la ligne 1 de solde-4\.json et 1 autre :/);
  assert.match(c7[0].message.en, /line 1 of solde-2\.json, line 1 of solde-3\.json, line 1 of solde-4\.json and 1 other:/);
  assert.equal(c7[0].related?.length, 3);
});

test('C4 and C6: a v1v2 order downgraded to v2 at a lower amount, same beneficiaries: accepted, no C4 warning', () => {
  const s = solde([
    { path: ['lignesImport', 1, 'VA', 'typePrestation'], value: 'v2' },
    { path: ['lignesImport', 1, 'facture', 'montantPrestationPrincipaleSegurHTFacture'], value: 15000 },
  ]);
  const f = run({ 'avance.json': avance(), 'solde.json': s })['solde.json'];
  assert.deepEqual(codes(f), ['C6/downgrade'], codes(f).join(' '));
});

test('C5: a solde declaring the solde share (60 %) of its avance instead of the 100 % total', () => {
  // Line 1: avance 31250.00; 60 % = 18750.00.
  const s = solde([{ path: ['lignesImport', 0, 'facture', 'montantPrestationPrincipaleSegurHTFacture'], value: 18750 }]);
  const f = run({ 'avance.json': avance(), 'solde.json': s })['solde.json'];
  assert.deepEqual(codes(f), ['C5/solde-share'], codes(f).join(' '));
  const c5 = f[0];
  assert.equal(at(s, c5), '18750');
  assert.ok(
    c5.message.fr.includes("« Le montant de la facture transmise au client et à l'ASP en fin de projet doit correspondre au montant total (100%). »"),
    c5.message.fr,
  );
  assert.match(c5.message.fr, /60 %/);
  assert.deepEqual(c5.provenance, { kind: 'source', sources: ['004'] });
});
