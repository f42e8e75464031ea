/**
 * n° dossier ASP and n° ANS (rule I8): one file per family, its test beside it.
 * Vectors: the rule's edge cases (docs/rules.md). Kept inline (the purity test scans this folder: no fs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOSSIER_ASP_RE, checkDossierAsp, checkNumeroAns, parseNumeroAns } from './dossier-ans';
import { assertValid, assertInvalid, assertFailure } from '../../../test/helpers/identifier-asserts.ts';

test('dossier ASP: examples, placeholder, corridor', () => {
  assertValid(checkDossierAsp, ['FINIMG013656M0', 'FINIMG013751M0', 'FINHOP000123', 'FINMS1000123']);
  assertInvalid(checkDossierAsp, [
    ['FINYYYXXXXX', 'format'],
    ['FINIMG', 'format'],
    ['IMG013656M0', 'format'],
    ['FIN013656M0', 'format'],
    ['finimg013656m0', 'case'],
    ['', 'format'],
  ]);
  assert.deepEqual(checkDossierAsp('FINIMG013656M0', 'IMG'), { ok: true });
  assert.deepEqual(checkDossierAsp('FINIMG013656M0', 'img'), { ok: true });
  assert.match(assertFailure(checkDossierAsp('FINIMG013656M0', 'HOP'), 'prefix'), /HOP/);
  assertFailure(checkDossierAsp('finimg013656m0'), 'case', 'FINIMG013656M0');
  assertFailure(checkDossierAsp('finimg013656m0', 'HOP'), 'case'); // upper case would still be the wrong corridor
  const m = DOSSIER_ASP_RE.exec('FINIMG013656M0');
  assert.deepEqual(m && [m[1], m[2], m[3]], ['IMG', '013656', 'M0']);
});

test('n° ANS: check', () => {
  assertValid(checkNumeroAns, ['CVA2RIS001']);
  assertInvalid(checkNumeroAns, [
    ['0123456789', 'prefix'], // csv2json placeholder
    ['cva2ris001', 'case'],
    ['CVA2RIS01', 'length'],
    ['CVA2RIS0011', 'length'],
    ['CVA2-RIS01', 'format'],
    ['', 'format'],
  ]);
  assertFailure(checkNumeroAns('cva2ris001'), 'case', 'CVA2RIS001');
});

test('n° ANS: parse vague and software code', () => {
  assert.deepEqual(parseNumeroAns('CVA2RIS001'), { vague: 2, software: 'RIS' });
  assert.deepEqual(parseNumeroAns('CVA1DPI002'), { vague: 1, software: 'DPI' });
  assert.deepEqual(parseNumeroAns('CRIS001'), { vague: undefined, software: 'RIS' });
  assert.deepEqual(parseNumeroAns('0123456789'), { vague: undefined, software: undefined });
  assert.deepEqual(parseNumeroAns('cva2ris001'), { vague: undefined, software: undefined });
});
