/**
 * Pure helpers of the VS Code client for the file's overview: the status bar's text with the error count, and the message
 * that ends « Valider l'espace de travail » (per SONS and kind: files, requests, total excl. VAT per VAT regime,
 * errors), in French and English.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusText, workspaceSummary } from '../../client/src/statusText';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

test('status bar: SONS, kind and the error count', () => {
  assert.equal(statusText({ sons: 'IMG-RIS-Va2', kind: 'solde' }, { errors: 3 }, 'fr'), '$(checklist) Ségur IMG-RIS-Va2 solde $(error) 3');
  assert.equal(statusText({ sons: 'IMG-RIS-Va2', kind: 'solde' }, { errors: 0 }, 'fr'), '$(checklist) Ségur IMG-RIS-Va2 solde $(pass) 0');
  assert.equal(statusText({ sons: 'HOP-DPI-Va2', kind: 'output' }, undefined, 'en'), '$(checklist) Ségur HOP-DPI-Va2 avance (output JSON)');
  assert.equal(statusText({}, { errors: 1 }, 'fr'), '$(checklist) Ségur ? ? $(error) 1');
});

test("« Valider l'espace de travail » ends with a summary per SONS and kind", () => {
  const answer = {
    files: 3,
    errors: 4,
    bySons: [
      {
        sons: 'HOP-DPI-Va2',
        kind: 'avance' as const,
        files: 1,
        requests: 3,
        totals: [{ regime: 'TTC', rate: 20, totalHT: 123767.5, lines: 3 }],
        errors: 0,
        warnings: 0,
        portalAnswers: 0,
      },
      {
        sons: 'IMG-RIS-Va2',
        kind: 'solde' as const,
        files: 2,
        requests: 6,
        totals: [{ totalHT: 148966.66, lines: 6 }],
        errors: 4,
        warnings: 1,
        portalAnswers: 0,
      },
    ],
  };
  assert.equal(
    plain(workspaceSummary(answer, 'fr')),
    'Ségur : 3 fichiers vérifiés, 4 erreurs. HOP-DPI-Va2 avance : 1 fichier, 3 demandes, 123 767,50 € HT (TTC 20 %), 0 erreur ; IMG-RIS-Va2 solde : 2 fichiers, 6 demandes, 148 966,66 € HT, 4 erreurs.',
  );
  assert.equal(
    workspaceSummary(answer, 'en'),
    'Ségur: 3 files checked, 4 errors. HOP-DPI-Va2 avance: 1 file, 3 requests, €123,767.50 excl. VAT (TTC 20%), 0 errors; IMG-RIS-Va2 solde: 2 files, 6 requests, €148,966.66 excl. VAT, 4 errors.',
  );
  assert.equal(workspaceSummary({ files: 0, errors: 0, bySons: [] }, 'fr'), 'Ségur : 0 fichier vérifié, 0 erreur.');
});
