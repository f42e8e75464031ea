/**
 * The findings of a rule that no rule's visitor can make: the engine (or the CLI and the server around it) makes
 * them, and this module is the one place where their code, message, severity and provenance are written. The CLI and
 * the server call it through server/src/segur.ts; they write no code of their own. A rule's messages live in its
 * file (server/src/rules/); the ones here live in the core because the rule cannot see what they are about:
 *
 * - `S1/template`: the official template given breaks the learned-template format (engine/check/document.ts): the
 *   rules never run on it, the bundled model applies instead.
 * - `S1/schema`, `<x-rule>/schema`: a schema error no rule explained (engine/check/schemaStage.ts, the bundled
 *   validators; engine/check/templateValues.ts, a learned template): made from the schema, after the walk.
 * - `S1/blank-template`, `S1/blank-template-in-use`: a blank official template is not a request
 *   (engine/templates/blankTemplate.ts): its check is replaced as a whole, which no rule of the check can do.
 * - `S9/file-size`, `S12/syntax` of a file over the size limit (engine/check/runner.ts): the file is not parsed, no
 *   rule runs.
 * - `S9/more-findings`: the findings past the per-file limit (engine/schema/limits.ts), counted after every rule ran.
 * - `<rule>/internal`: a rule threw (engine/check/runner.ts), or a finding could not be shown (the server);
 *   `S12/internal`, `C1/internal`: the whole check of a file, or the rules across files, threw (the CLI, the server):
 *   the rule that failed cannot report its own failure.
 *
 * No message names a value of the document (health data), nor the text of an exception (it could quote one).
 * Pure: no I/O.
 */
import type { Finding, Localized, Severity } from '../shared/types';
import { numberText } from './messages';
import { MAX_FINDINGS_PER_FILE } from '../schema/limits';
import { toolProvenance } from '../schema/provenance';

const L = (fr: string, en: string): Localized => ({ fr, en });

/** `S1/template`: the given template cannot be used (`problem`: why, from engine/schema/templateFormat.ts). */
export function templateUnusableFinding(problem: Localized): Finding {
  return {
    code: 'S1/template',
    severity: 'warning',
    message: L(
      `Modèle officiel inutilisable (${problem.fr}) : le modèle fourni s'applique.`,
      `Official template not usable (${problem.en}): the bundled model applies.`,
    ),
    offset: 0,
    length: 1,
    // It rests on the template the user gave (its format: docs/schema-format.md).
    provenance: { kind: 'template' },
  };
}

/** The code of a schema error at a key whose schema names its rule (`x-rule`), else S1's; and that rule's id. */
export function schemaErrorCode(rule: string | undefined): { code: string; ruleId: string } {
  return rule ? { code: `${rule}/schema`, ruleId: rule } : { code: 'S1/schema', ruleId: 'S1' };
}

/** `S9/file-size`: a file of `mb` MB over the `limit` (MB), with its number of requests when it could be read. */
export function fileSizeFinding(mb: string, limit: string, lines: number | undefined): Finding {
  return {
    code: 'S9/file-size',
    severity: 'warning',
    message: {
      fr: `Fichier de ${mb} Mo : au-delà de ${limit} Mo, seuls la syntaxe et le nombre de demandes sont vérifiés${lines !== undefined ? ` (${lines} demandes ; le portail en accepte 200 par fichier)` : ''}.`,
      en: `${mb} MB file: above ${limit} MB only the syntax and the number of requests are checked${lines !== undefined ? ` (${lines} requests; the portal accepts 200 per file)` : ''}.`,
    },
    offset: 0,
    length: 1,
    provenance: toolProvenance(),
  };
}

/** `S12/syntax` of a file over the size limit (read by `JSON.parse` only, no position): rule S12's `sources`. */
export function largeFileSyntaxFinding(sources: readonly string[]): Finding {
  return {
    code: 'S12/syntax',
    severity: 'error',
    message: L('JSON invalide : le portail rejette le fichier.', 'Invalid JSON: the portal rejects the file.'),
    offset: 0,
    length: 1,
    provenance: { kind: 'source', sources: [...sources] },
  };
}

/**
 * `S9/more-findings`: `count` findings left out past the limit, `errors` of them errors; the severity of the worst one
 * left out (a file with errors never looks as if it had none), at `offset` (the last finding shown).
 */
export function moreFindingsFinding(count: number, errors: number, worst: Severity | undefined, offset: number): Finding {
  const n = (x: number, lang: 'fr' | 'en') => numberText(x)[lang];
  const errorsFr = errors ? ` (dont ${n(errors, 'fr')} erreur${errors > 1 ? 's' : ''})` : '';
  const errorsEn = errors ? ` (${n(errors, 'en')} error${errors > 1 ? 's' : ''})` : '';
  return {
    code: 'S9/more-findings',
    severity: worst ?? 'warning',
    message: {
      fr: `… et ${n(count, 'fr')} autre${count > 1 ? 's' : ''} constat${count > 1 ? 's' : ''}${errorsFr} non affiché${count > 1 ? 's' : ''} : l'outil en montre ${n(MAX_FINDINGS_PER_FILE, 'fr')} par fichier. Corrigez les premiers puis vérifiez à nouveau.`,
      en: `… and ${n(count, 'en')} more finding${count > 1 ? 's' : ''}${errorsEn} not shown: the tool shows ${n(MAX_FINDINGS_PER_FILE, 'en')} per file. Fix the first ones, then check again.`,
    },
    offset,
    length: 1,
    provenance: toolProvenance(),
  };
}

/** `<rule>/internal`: rule `ruleId` threw while checking the file; the others ran. */
export function ruleInternalFinding(ruleId: string): Finding {
  return {
    provenance: toolProvenance(),
    code: `${ruleId}/internal`,
    severity: 'warning',
    message: L(
      `Erreur interne de la règle ${ruleId} : elle n'a pas pu vérifier ce fichier (les autres règles l'ont fait).`,
      `Internal error in rule ${ruleId}: it could not check this file (the other rules did).`,
    ),
    offset: 0,
    length: 1,
  };
}

/**
 * The editor's internal findings: `check`, the check of the document threw (`S12/internal`: the rule is not known);
 * `diagnostic`, findings of rule `ruleId` could not be shown (`<rule>/internal`).
 */
export function editorInternalFinding(what: 'check' | 'diagnostic', ruleId = 'S12'): Finding {
  const message =
    what === 'check'
      ? L(
          "Erreur interne de segur-json : ce fichier n'a pas pu être vérifié (les autres fichiers le sont).",
          'segur-json internal error: this file could not be checked (the other files are).',
        )
      : L(
          `Erreur interne de segur-json : des résultats de la règle ${ruleId} n'ont pas pu être affichés.`,
          `segur-json internal error: some results of rule ${ruleId} could not be shown.`,
        );
  return { code: `${ruleId}/internal`, severity: 'warning', message, offset: 0, length: 1, provenance: toolProvenance() };
}

/** The editor's `C1/internal`: the rules across files threw; the document keeps its own findings. */
export function editorCrossInternalFinding(): Finding {
  return {
    code: 'C1/internal',
    severity: 'warning',
    message: L(
      "Erreur interne des règles entre fichiers (C1–C8, U1–U3) : ce fichier n'a pas pu être comparé aux autres.",
      'Internal error in the rules across files (C1–C8, U1–U3): this file could not be compared with the others.',
    ),
    offset: 0,
    length: 1,
    provenance: toolProvenance(),
  };
}

/**
 * The command line's internal finding of a file whose `stage` threw (`C1/internal` for the rules across files, else
 * `S12/internal`): an error, so that a file that could not be checked never passes.
 */
export function cliInternalFinding(stage: 'check' | 'fix' | 'cross'): Finding {
  const what =
    stage === 'fix'
      ? L("la correction (--fix) de ce fichier a échoué, il n'a pas été modifié", 'fixing this file (--fix) failed, it was not changed')
      : stage === 'cross'
        ? L('la comparaison de ce fichier aux autres (règles entre fichiers) a échoué', 'comparing this file with the others (rules across files) failed')
        : L('la vérification de ce fichier a échoué', 'checking this file failed');
  return {
    code: stage === 'cross' ? 'C1/internal' : 'S12/internal',
    severity: 'error',
    message: L(`Erreur interne : ${what.fr} ; les autres fichiers ont été vérifiés.`, `Internal error: ${what.en}; the other files were checked.`),
    offset: 0,
    length: 0,
    provenance: toolProvenance(),
  };
}

/** The codes of a blank official template's one finding (the editor's action and CodeLens look for them). */
export const BLANK_TEMPLATE_CODE = 'S1/blank-template';
export const BLANK_TEMPLATE_IN_USE_CODE = 'S1/blank-template-in-use';

/**
 * `S1/blank-template` (or `S1/blank-template-in-use` when the templates folder in force provides it): the file is a
 * blank official template of `what` (« SONS kind », or what to choose), not a request; at `offset`, its first
 * character. `action`: the title of the editor's action « use this file as the official template ».
 */
export function blankTemplateFinding(inUse: boolean, what: Localized, offset: number, action: Localized): Finding {
  return inUse
    ? {
        code: BLANK_TEMPLATE_IN_USE_CODE,
        severity: 'information',
        message: L(
          `Modèle officiel vierge (${what.fr}) utilisé par segur.templates.folder : les fichiers de ce SONS et de ce type sont vérifiés sur lui (règles S2–S8). Ce fichier n'est pas une demande à déposer.`,
          `Blank official template (${what.en}) in use through segur.templates.folder: the files of this SONS and kind are checked against it (rules S2–S8). This file is not a request to deposit.`,
        ),
        offset,
        length: 1,
        provenance: { kind: 'template' },
      }
    : {
        code: BLANK_TEMPLATE_CODE,
        severity: 'information',
        message: L(
          `Modèle officiel vierge (${what.fr}) : toutes ses balises sont à null et ses blocs à [], ce n'est pas une demande à déposer. Action « ${action.fr} » pour vérifier les fichiers de ce SONS sur lui plutôt que sur le modèle fourni.`,
          `Blank official template (${what.en}): every tag is null and every block [], it is not a request to deposit. Action "${action.en}" to check the files of this SONS against it instead of the bundled model.`,
        ),
        offset,
        length: 1,
        provenance: toolProvenance(),
      };
}
