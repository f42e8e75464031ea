/**
 * The overview's words (server/src/protocol/labels.ts), shared by the client, the server and the CLI: amounts as
 * people read them and the one-line label of the editor's CodeLens, in French and English.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overviewLabel, formatEuros } from '../../server/src/protocol/labels.ts';

test('amounts as people read them: French 1 234 567,89 € (narrow no-break spaces), English €1,234,567.89', () => {
  assert.equal(formatEuros(1234567.89, 'fr'), '1\u202f234\u202f567,89\u00a0€');
  assert.equal(formatEuros(1234567.89, 'en'), '€1,234,567.89');
  assert.equal(formatEuros(0.1 + 0.2, 'fr'), '0,30\u00a0€');
  assert.equal(formatEuros(999, 'en'), '€999.00');
  assert.equal(formatEuros(1000, 'fr'), '1\u202f000,00\u00a0€');
});

test('the CodeLens label: « 200 demandes · 1 234 567,89 € HT · 3 erreurs · IMG-RIS-Va2 solde »', () => {
  const o = {
    sons: 'IMG-RIS-Va2',
    kind: 'solde' as const,
    requests: 200,
    totals: [{ totalHT: 1234567.89, lines: 200 }],
    errors: 3,
    warnings: 0,
    portalAnswers: 0,
  };
  assert.equal(overviewLabel(o, 'fr').replace(/[\u202f\u00a0]/g, ' '), '200 demandes · 1 234 567,89 € HT · 3 erreurs · IMG-RIS-Va2 solde');
  assert.equal(overviewLabel(o, 'en'), '200 requests · €1,234,567.89 excl. VAT · 3 errors · IMG-RIS-Va2 solde');
  assert.equal(
    overviewLabel({ ...o, requests: 1, errors: 0 }, 'fr').replace(/[\u202f\u00a0]/g, ' '),
    '1 demande · 1 234 567,89 € HT · 0 erreur · IMG-RIS-Va2 solde',
  );
  assert.equal(overviewLabel({ ...o, requests: 1, errors: 1 }, 'en'), '1 request · €1,234,567.89 excl. VAT · 1 error · IMG-RIS-Va2 solde');
});
