/**
 * Pure helpers of the VS Code client for the file's overview: the language status item (SONS and kind, no error
 * count; an error only when the file cannot be checked), and the message
 * that ends « Valider l'espace de travail » (per SONS and kind: files, requests, total excl. VAT per VAT regime,
 * errors), in French (l10n/bundle.l10n.fr.json) and English.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageStatus, workspaceSummary } from '../../client/src/statusText';
import { clientL10n } from '../helpers/l10n';

const fr = clientL10n('fr');
const en = clientL10n('en');

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const reason = { fr: 'contenu (impId)', en: 'content (impId)' };

test('language status: the SONS and kind detected, how, and no error count', () => {
  assert.deepEqual(languageStatus({ isSegur: true, sons: 'IMG-RIS-Va2', kind: 'solde', reason }, fr), {
    text: '$(checklist) IMG-RIS-Va2 solde',
    detail: 'Détecté : contenu (impId)',
    error: false,
  });
  assert.deepEqual(languageStatus({ isSegur: true, sons: 'HOP-DPI-Va2', kind: 'output', reason }, en), {
    text: '$(checklist) HOP-DPI-Va2 avance (output JSON)',
    detail: 'Detected: content (impId)',
    error: false,
  });
  assert.doesNotMatch(languageStatus({ isSegur: true, sons: 'IMG-RIS-Va2', kind: 'solde', reason }, fr).text, /\d+$|\$\((error|pass)\)/);
});

test('language status: an error only when the file cannot be checked (SONS or kind unknown)', () => {
  const unknown = languageStatus({ isSegur: true, kind: 'avance', reason }, fr);
  assert.equal(unknown.error, true);
  assert.equal(unknown.text, '$(error) Ségur ? avance');
  assert.match(unknown.detail, /ne peut pas être vérifié/);
  assert.equal(languageStatus({ isSegur: true, sons: 'IMG-RIS-Va2', reason }, en).error, true);
  const other = languageStatus({ isSegur: false, reason: { fr: 'pas un fichier Ségur', en: 'not a Ségur file' } }, en);
  assert.deepEqual(other, { text: 'Ségur: not detected', detail: 'not a Ségur file', error: false });
  assert.deepEqual(languageStatus(undefined, fr), { text: 'Ségur', detail: 'analyse en cours…', error: false });
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
    plain(workspaceSummary(answer, fr)),
    'Ségur : 3 fichiers vérifiés, 4 erreurs. HOP-DPI-Va2 avance : 1 fichier, 3 demandes, 123 767,50 € HT (TTC 20 %), 0 erreur ; IMG-RIS-Va2 solde : 2 fichiers, 6 demandes, 148 966,66 € HT, 4 erreurs.',
  );
  assert.equal(
    workspaceSummary(answer, en),
    'Ségur: 3 files checked, 4 errors. HOP-DPI-Va2 avance: 1 file, 3 requests, €123,767.50 excl. VAT (TTC 20%), 0 errors; IMG-RIS-Va2 solde: 2 files, 6 requests, €148,966.66 excl. VAT, 4 errors.',
  );
  assert.equal(workspaceSummary({ files: 0, errors: 0, bySons: [] }, fr), 'Ségur : 0 fichier vérifié, 0 erreur.');
});
