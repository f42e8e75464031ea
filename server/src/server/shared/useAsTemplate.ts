/**
 * Blank official templates where users keep them. A blank ASP template in the workspace is not a request to deposit:
 * instead of a flood of S3 « balise à compléter » findings it gets one information finding, `S1/blank-template` (rule
 * S1: which format a file is), saying so (engine/templates/blankTemplate.ts `asBlankTemplate`, which the command line
 * applies too), and the editor offers « Utiliser ce fichier comme modèle officiel » (code action and CodeLens, command
 * `segur.useAsTemplate`, run by the client, which asks the server `segur/useAsTemplate`, below). Once the file is
 * the template of its SONS × kind in `segur.templates.folder`, it gets `S1/blank-template-in-use` instead, and the
 * files of that SONS are checked against it (provenance `template`).
 *
 * What « use » does (`useAsTemplate`): the templates folder reads `<SONS>.<kind>.blank.json` (io/templates.ts), so
 * - no folder set: the file's own folder becomes `segur.templates.folder`; a file whose name does not fit is first
 *   copied beside itself under the right name;
 * - a folder set: the file is copied there under the right name (nothing to do when it already is that file);
 * - the SONS and kind come from the file's name, else from the user (the client's SONS picker: answer `choose`);
 * - a different file already at the target is never replaced without asking (answer `exists`; again with
 *   `overwrite`); the same content there is left as is.
 * The blank is learned first (engine/templates/learnTemplate.ts): a blank that would be refused on load is refused here, with
 * the reason. Messages name files, never a value of a document. Ignored in Restricted Mode (the setting is).
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { writeFileAtomic, FileWriteError, errnoReason } from '../../io/atomicWrite';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import {
  isBlankTemplate,
  blankFileName,
  learnTemplate,
  TemplateError,
  schemaKey,
  asBlankTemplate,
  USE_AS_TEMPLATE_TITLE,
  BLANK_TEMPLATE_CODE,
  BLANK_TEMPLATE_IN_USE_CODE,
  type SchemaNode,
  type Finding,
  type Locale,
  type Localized,
} from '../../segur';
import type { UseAsTemplateAnswer, UseAsTemplateParams } from '../../protocol/protocol';
export type { UseAsTemplateAnswer, UseAsTemplateParams };
import { CodeActionKind, type CodeAction, type CodeLens, type Diagnostic } from 'vscode-languageserver/node';
import { inFolder } from './workspace';

export const USE_AS_TEMPLATE_COMMAND = 'segur.useAsTemplate';
// A blank's reading and its codes are the engine's (engine/templates/blankTemplate.ts, engine/check/engineFindings.ts),
// the same for the command line; the action and the CodeLens below look for these codes.
export { asBlankTemplate, USE_AS_TEMPLATE_TITLE };
export const BLANK_CODE = BLANK_TEMPLATE_CODE;
export const BLANK_IN_USE_CODE = BLANK_TEMPLATE_IN_USE_CODE;

const L = (fr: string, en: string): Localized => ({ fr, en });

/** `segur.templates.folder` as an absolute path (a relative one is read from the first workspace folder). */
export function templatesDir(folder: string | undefined, workspaceFolders: string[]): string | undefined {
  if (!folder) return undefined;
  return resolve(isAbsolute(folder) ? folder : join(workspaceFolders[0] ?? process.cwd(), folder));
}

export interface UseAsTemplateContext {
  /** The document's path and its text (the editor's, saved or not). */
  path: string;
  text: string;
  /** `segur.templates.folder` as set (undefined when unset or in Restricted Mode). */
  folderSetting?: string;
  workspaceFolders: string[];
  trusted: boolean;
  /** The learned templates in force (a SONS outside the bundle named by the file). */
  templates?: Record<string, SchemaNode>;
  locale: Locale;
}

/** What « Utiliser ce fichier comme modèle officiel » does (see the file's comment); writes at most one file. */
export function useAsTemplate(p: UseAsTemplateParams, ctx: UseAsTemplateContext): UseAsTemplateAnswer {
  const t = (m: Localized) => m[ctx.locale];
  const base = basename(ctx.path);
  if (!ctx.trusted)
    return {
      status: 'error',
      message: t(
        L(
          "Mode restreint : segur.templates.folder n'est pas lu dans un espace de travail non approuvé.",
          'Restricted Mode: segur.templates.folder is not read in an untrusted workspace.',
        ),
      ),
    };
  const b = isBlankTemplate(ctx.text, { fileName: ctx.path, templates: ctx.templates });
  if (!b)
    return {
      status: 'error',
      message: t(
        L(
          `${base} n'est pas un modèle officiel vierge (en-tête Ségur et lignesImport, toutes les balises à null et les blocs à []).`,
          `${base} is not a blank official template (Ségur header and lignesImport, every tag null and every block []).`,
        ),
      ),
    };
  const sons = p.sons ?? b.sons;
  const kind = p.kind ?? b.kind;
  if (!sons || (kind !== 'avance' && kind !== 'solde')) {
    return {
      status: 'choose',
      guess: b.guess,
      message: t(L('Choisissez le SONS et le type de ce modèle vierge.', 'Choose the SONS and kind of this blank template.')),
    };
  }
  const name = blankFileName(sons, kind);
  try {
    learnTemplate(ctx.text, undefined, sons, kind, name);
  } catch (e) {
    if (e instanceof TemplateError) return { status: 'error', message: t(L(`Modèle refusé : ${e.reason.fr}.`, `Template refused: ${e.reason.en}.`)) };
    throw e;
  }
  const key = schemaKey(name.replace(/\.(avance|solde)\.blank\.json$/, ''), kind);
  const here = resolve(dirname(ctx.path));
  const configured = templatesDir(ctx.folderSetting, ctx.workspaceFolders);
  const dir = configured ?? here;
  const target = join(dir, name);
  let copiedTo: string | undefined;
  if (resolve(ctx.path) !== target) {
    let same = false;
    if (existsSync(target)) {
      try {
        same = statSync(target).isFile() && readFileSync(target, 'utf8') === ctx.text;
      } catch {
        same = false;
      }
      if (!same && !p.overwrite) {
        return {
          status: 'exists',
          target,
          message: t(L(`${target} existe déjà et diffère de ce fichier : le remplacer ?`, `${target} already exists and differs from this file: replace it?`)),
        };
      }
    }
    if (!same) {
      try {
        mkdirSync(dir, { recursive: true });
        // Atomic: a crash or a full disk never leaves a half template that the next check would read.
        writeFileAtomic(target, ctx.text);
      } catch (e) {
        const why = e instanceof FileWriteError ? e.reason : errnoReason(e);
        return { status: 'error', message: t(L(`impossible d'écrire ${target} : ${why.fr}`, `cannot write ${target}: ${why.en}`)) };
      }
      copiedTo = target;
    }
  }
  const setFolder = !configured;
  const hit = inFolder(ctx.workspaceFolders.slice(0, 1), dir);
  const folder = setFolder ? (hit ? (hit.rel === '' ? '.' : hit.rel) : dir) : ctx.folderSetting!;
  const where = copiedTo ? L(` (copié en ${copiedTo})`, ` (copied to ${copiedTo})`) : L('', '');
  const message = setFolder
    ? L(
        `Modèle officiel ${sons} ${kind}${where.fr} : segur.templates.folder = ${folder}. Les fichiers de ce SONS et de ce type sont maintenant vérifiés sur lui.`,
        `Official template ${sons} ${kind}${where.en}: segur.templates.folder = ${folder}. The files of this SONS and kind are now checked against it.`,
      )
    : L(
        `Modèle officiel ${sons} ${kind}${where.fr} dans segur.templates.folder (${folder}). Les fichiers de ce SONS et de ce type sont maintenant vérifiés sur lui.`,
        `Official template ${sons} ${kind}${where.en} in segur.templates.folder (${folder}). The files of this SONS and kind are now checked against it.`,
      );
  return { status: 'done', key, folder, setFolder, copiedTo, message: t(message) };
}

/** The code action on the `S1/blank-template` diagnostic: the client's command `segur.useAsTemplate` (uri). */
export function blankTemplateActions(diagnostics: readonly Diagnostic[], uri: string, locale: Locale): CodeAction[] {
  const d = diagnostics.find((x) => x.source === 'segur' && x.code === BLANK_CODE);
  if (!d) return [];
  const title = USE_AS_TEMPLATE_TITLE[locale];
  return [
    { title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, command: { title, command: USE_AS_TEMPLATE_COMMAND, arguments: [uri] } },
  ];
}

/**
 * The CodeLens at the top of a blank template (instead of the overview of a request file, which it is not): the
 * action when the client runs commands, else what it is.
 */
export function blankTemplateLens(findings: readonly Finding[], uri: string, locale: Locale, commands: boolean): CodeLens | undefined {
  const f = findings.length === 1 ? findings[0] : undefined;
  if (!f || (f.code !== BLANK_CODE && f.code !== BLANK_IN_USE_CODE)) return undefined;
  const at = { line: 0, character: 0 };
  const range = { start: at, end: at };
  if (f.code === BLANK_IN_USE_CODE)
    return {
      range,
      command: {
        title: locale === 'fr' ? 'Modèle officiel vierge en usage (segur.templates.folder)' : 'Blank official template in use (segur.templates.folder)',
        command: '',
      },
    };
  const title = commands ? USE_AS_TEMPLATE_TITLE[locale] : locale === 'fr' ? 'Modèle officiel vierge' : 'Blank official template';
  return { range, command: { title, command: commands ? USE_AS_TEMPLATE_COMMAND : '', arguments: commands ? [uri] : undefined } };
}
