/**
 * V8 — Attachments: file name ≤ 50 characters, no accented or special characters, PDF/JPEG/PNG, and the
 * éditeur number appears in the attachment names (sources 000, 001, 002). The name checks are in
 * server/src/identifiers (checkFileName); this rule adds the consistency of `formatFichier` with the extension
 * and the éditeur number in the name (a warning: the portal's exact control is not public).
 */
import type { Rule } from './types';
import { checkFileName } from '../identifiers';
import { getPropertyValue } from '../engine/tree';
import { L, pointerOf, fix, replaceNode, capitalize } from './util';

const EXT_FORMAT: Record<string, string> = { pdf: 'PDF', jpg: 'JPEG', jpeg: 'JPEG', png: 'PNG' };
const EXTENSION_RE = /\.([A-Za-z]+)$/;

export const V8: Rule = {
  meta: {
    id: 'V8',
    title: L('Pièces justificatives : noms et formats', 'Attachments: names and formats'),
    sources: ['000', '001', '002'],
    severity: 'error',
    fixable: true,
    stated: L('Nom de PJ de 50 caractères au plus, sans accents ni caractères spéciaux, en PDF/JPEG/PNG (001) ; le n° éditeur dans le nom des pièces (000, 002).', 'Attachment names of at most 50 characters, no accents or special characters, PDF/JPEG/PNG (001); the éditeur number in the attachment names (000, 002).'),
    modelled: L('La cohérence formatFichier / extension et la place du n° éditeur dans le nom (avertissement).', 'The formatFichier / extension consistency and where the éditeur number stands in the name (a warning).'),
    messages: {
      name: L('{hint}.', 'Invalid attachment name: {hintEn}.'),
      format: L('formatFichier « {format} » ne correspond pas à l\'extension du fichier ({expected} attendu).', 'formatFichier "{format}" does not match the file extension ({expected} expected).'),
      editeur: L('Le n° éditeur de la ligne n\'apparaît pas dans le nom de la pièce justificative.', 'The line\'s éditeur number does not appear in the attachment name.'),
    },
  },
  stage: 'value',
  create(ctx) {
    return {
      checks: {
        fileName(v) {
          if (v.type !== 'string') return;
          const n = v.node;
          const name = v.value as string;
          const r = checkFileName(name);
          if (!r.ok) {
            ctx.report({
              messageId: 'name',
              slug: 'name',
              args: { hint: capitalize(r.hint ?? 'nom de pièce justificative invalide'), hintEn: r.reason === 'length' ? 'more than 50 characters' : 'only A-Z a-z 0-9 . _ - and a pdf/jpg/jpeg/png extension' },
              node: n,
              pointer: pointerOf(v.path),
              basis: 'check',
              fix: r.suggestion ? fix(L(`Renommer en « ${r.suggestion} »`, `Rename to "${r.suggestion}"`), [replaceNode(n, JSON.stringify(r.suggestion))], false) : undefined,
            });
            return;
          }
          // Sibling formatFichier must match the extension.
          const item = v.prop?.parent;
          const fmt = getPropertyValue(item, 'formatFichier');
          const ext = EXTENSION_RE.exec(name)?.[1].toLowerCase();
          const expected = ext ? EXT_FORMAT[ext] : undefined;
          if (fmt?.type === 'string' && expected && fmt.value !== expected && String(fmt.value).toUpperCase() !== expected) {
            ctx.report({ messageId: 'format', slug: 'format', args: { format: fmt.value as string, expected }, node: fmt, fix: fix(L(`Écrire « ${expected} »`, `Write "${expected}"`), [replaceNode(fmt, JSON.stringify(expected))], false) });
          }
          const ed = getPropertyValue(v.line, 'numeroEditeur');
          if (ed?.type === 'string' && (ed.value as string).trim() && !name.includes((ed.value as string).trim())) {
            ctx.report({ messageId: 'editeur', slug: 'editeur-number', severity: 'warning', node: n, pointer: pointerOf(v.path) + '#editeur' });
          }
        },
      },
    };
  },
};
