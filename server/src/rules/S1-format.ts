/**
 * S1 — The solde JSON is a different format from the avance JSON: each file is validated against its own
 * template (sources 000, 002, 004). Reports a Ségur file whose SONS or kind cannot be determined, one whose SONS
 * and kind are known (given by option, by the editor, or read from the file) but have no bundled model (S1/no-model:
 * asking the user to say what they already said would send them in circles; what they need is the official template,
 * learned with learn-template), and keys that belong to no template (a key of the avance in a solde, a typo that no
 * other rule explains).
 */
import type { Rule } from '../engine/rule-api';
import { L, pointerOf, renameKeyEdit, fix, keyNodeOf } from './util';

export const S1: Rule = {
  meta: {
    id: 'S1',
    title: L('Format avance ou solde reconnu', 'Recognised avance or solde format'),
    sources: ['000', '002', '004'],
    severity: 'error',
    fixable: false,
    stated: L(
      "Le JSON de solde est un format différent du JSON d'avance : chaque fichier suit son propre modèle (000, 002, 004).",
      'The solde JSON is a different format from the avance JSON: each file follows its own template (000, 002, 004).',
    ),
    modelled: L(
      "Les balises des modèles vague 2 au-delà de l'exemple de solde IMG (000) : une balise inconnue d'un bloc modélisé, ou une erreur de schéma sur une partie modélisée, est un avertissement [modélisé].",
      'The keys of the vague 2 templates beyond the IMG solde example (000): an unknown key in a modelled block, or a schema error on a modelled part, is a [modelled] warning.',
    ),
    messages: {
      undetected: L(
        "Fichier Ségur dont le SONS ou le type (avance/solde) n'a pas pu être déterminé ({reason}) : précisez-le (option --sons/--kind, ou nom de fichier contenant par ex. « IMG-RIS-Va2-solde »).",
        'Ségur file whose SONS or kind (avance/solde) could not be determined ({reasonEn}): set it (--sons/--kind option, or a file name containing e.g. "IMG-RIS-Va2-solde").',
      ),
      undetectedEditor: L(
        "Fichier Ségur dont le SONS ou le type (avance/solde) n'a pas pu être déterminé ({reason}) : choisissez-les en cliquant sur la barre d'état ou avec la commande « Ségur : Choisir le SONS et le type » (ou le réglage segur.files, ou un nom de fichier contenant par ex. « IMG-RIS-Va2-solde »).",
        'Ségur file whose SONS or kind (avance/solde) could not be determined ({reasonEn}): choose them by clicking the status bar or with the command "Ségur: Choose the SONS and kind" (or the segur.files setting, or a file name containing e.g. "IMG-RIS-Va2-solde").',
      ),
      noModel: L(
        "Aucun modèle de {kind} n'est fourni pour {sons} : la structure de ce fichier n'est pas vérifiée. Chargez le modèle officiel de l'ASP : « segur-json learn-template <modèle-vierge.json> --sons {sons} --kind {kind} » l'écrit dans templates/, puis vérifiez avec l'option --templates templates/.",
        'No {kind} model is bundled for {sons}: the structure of this file is not checked. Load the ASP\'s official template: "segur-json learn-template <blank-template.json> --sons {sons} --kind {kind}" writes it in templates/, then check with the --templates templates/ option.',
      ),
      noModelEditor: L(
        "Aucun modèle de {kind} n'est fourni pour {sons} : la structure de ce fichier n'est pas vérifiée. Chargez le modèle officiel de l'ASP : placez le modèle vierge ({sons}.{kind}.blank.json) ou le modèle appris par « segur-json learn-template » dans un dossier désigné par le réglage segur.templates.folder.",
        'No {kind} model is bundled for {sons}: the structure of this file is not checked. Load the ASP\'s official template: put the blank template ({sons}.{kind}.blank.json) or the one learned by "segur-json learn-template" in a folder named by the segur.templates.folder setting.',
      ),
      unknownKey: L(
        'Balise « {key} » absente du modèle {model} : le portail rejette le fichier. Supprimez-la ou corrigez son nom.',
        'Key "{key}" is not in the {model} template: the portal rejects the file. Remove it or fix its name.',
      ),
      // The keys of this block are modelled: the official template may have it (no « rejette » then).
      'unknownKey@model': L(
        "Balise « {key} » absente du modèle {model} : supprimez-la ou corrigez son nom si le modèle officiel ne l'a pas non plus.",
        'Key "{key}" is not in the {model} template: remove it or fix its name if the official template does not have it either.',
      ),
      didYouMean: L(
        'Balise « {key} » absente du modèle {model} : vouliez-vous écrire « {target} » ?',
        'Key "{key}" is not in the {model} template: did you mean "{target}"?',
      ),
    },
  },
  stage: 'structure',
  create(ctx) {
    const model = `${ctx.detection.sons ?? '?'} ${ctx.detection.kind ?? ''}`.trim();
    return {
      only: { object: 'keys-differ' },
      end(root) {
        if (!ctx.schema && root && ctx.detection.sons && ctx.detection.kind) {
          const { sons, kind } = ctx.detection;
          ctx.report({
            messageId: ctx.client === 'editor' ? 'noModelEditor' : 'noModel',
            slug: 'no-model',
            args: { sons, kind },
            offset: root.offset,
            length: 1,
            severity: 'warning',
          });
        } else if (!ctx.schema && root) {
          // The editor offers a quick fix that opens its SONS picker (server: « Choisir le SONS et le type »).
          ctx.report({
            messageId: ctx.client === 'editor' ? 'undetectedEditor' : 'undetected',
            args: { reason: ctx.detection.reason.fr, reasonEn: ctx.detection.reason.en },
            offset: root.offset,
            length: 1,
            severity: 'warning',
          });
        }
      },
      object(v) {
        for (const u of v.keys.unknown) {
          const pointer = pointerOf([...v.path, u.key]);
          if (!u.target) {
            // No source shows a complete block (000's example is an excerpt): that the official template has no such
            // key is our model's reading, unless the official template is loaded.
            ctx.report({ messageId: 'unknownKey', slug: 'unknown-key', args: { key: u.key, model }, node: keyNodeOf(u.prop), pointer, basis: 'keyset' });
          } else if (u.reason === 'spelling') {
            ctx.report({
              messageId: 'didYouMean',
              slug: 'unknown-key',
              args: { key: u.key, target: u.target, model },
              node: keyNodeOf(u.prop),
              pointer,
              basis: 'object',
              covers: [pointerOf([...v.path, u.target])],
              fix: fix(L(`Renommer en « ${u.target} »`, `Rename to "${u.target}"`), [renameKeyEdit(u.prop, u.target)], false),
            });
          }
        }
      },
    };
  },
};
