/**
 * A blank official template among the user's files (where users keep them): the ASP
 * template as it is downloaded, a Ségur-shaped file (the header tags and `lignesImport` with at least one request
 * line, templateFormat.ts blankShapeProblem) whose leaves are all `null` (tags) or `[]` (blocks), the way rules S2 and
 * S3 (seed 000) say a tag or a block that does not apply is written. A filled file, even half-filled (one value typed:
 * a string, even empty, a number, a boolean), is not blank.
 * A request being written from a skeleton (the snippets of engine/assist/snippets.ts, « Créer le JSON de solde ») looks just
 * the same: only a file whose name says it is a template (TEMPLATE_NAME) is one; any other blank-looking file keeps
 * its S3 « balise à compléter » findings, which guide whoever fills it.
 * Which SONS and kind it is for comes from its name (`<SONS>.<kind>.blank.json`, the name the templates folder
 * expects, server/src/io/templates.ts; or a SONS id and `avance` / `solde` anywhere in the name); a blank has no n° ANS
 * to detect from, so what its content suggests (detect.ts, the closest schema) is only a guess to confirm.
 * Pure: no I/O. The scan stops at the first value typed, so a filled file costs a few characters of it.
 */
import { parseDocument } from '../syntax/parse';
import { detect } from '../check/detect';
import { sonsById, schemaKey, SONS_TABLE } from '../schema/schemaData';
import { learnedSonsOf, SONS_ID } from '../schema/learnedSons';
import { blankShapeProblem, TEMPLATE_LIMITS } from '../schema/templateFormat';
import type { CheckOptions, CheckResult, Localized } from '../shared/types';
import { blankTemplateFinding } from '../check/engineFindings';

export type TemplateKind = 'avance' | 'solde';

export interface BlankTemplate {
  /** The SONS and kind the file's name gives (both, or neither: a name that gives one only gives nothing certain). */
  sons?: string;
  kind?: TemplateKind;
  /** What the content suggests when the name does not say (the closest bundled schema): to confirm with the user. */
  guess?: { sons?: string; kind?: TemplateKind };
  /** The name is already the one the templates folder reads: `<SONS>.<kind>.blank.json`. */
  nameFits: boolean;
}

/**
 * Words of a file name that say it is a template, not a request (ours, not the sources': the ASP's download names
 * are not known here): `blank`, `vierge`, `modèle` / `modele`, `template`, `gabarit`, `trame`.
 */
export const TEMPLATE_NAME = /blank|vierge|mod[eè]le|template|gabarit|trame/i;

/** The name of a blank template in the templates folder (server/src/io/templates.ts reads the same pattern). */
export const BLANK_NAME = /^(.+)\.(avance|solde)\.blank\.json$/i;

/** `<SONS>.<kind>.blank.json`, the SONS spelled as the table (or the learned template) spells it. */
export function blankFileName(sons: string, kind: TemplateKind): string {
  return `${sonsById(sons)?.id ?? sons}.${kind}.blank.json`;
}

/**
 * Whether every leaf of the text is `null` or `[]` (strict JSON tokens; anything else, a comment included, is not
 * blank). Linear, and it stops at the first value typed.
 */
export function onlyEmptyLeaves(text: string): boolean {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let values = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    // whitespace and structure: { } [ ] , :
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d || c === 0x2c || c === 0x3a) {
      if (c === 0x5b) values++;
      i++;
      continue;
    }
    if (c === 0x22) {
      // A string: a key when a colon follows, else a value (then not blank).
      i++;
      while (i < n && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
      if (i >= n) return false;
      i++;
      while (i < n && /\s/.test(text[i])) i++;
      if (text.charCodeAt(i) !== 0x3a) return false;
      continue;
    }
    if (text.startsWith('null', i)) {
      values++;
      i += 4;
      continue;
    }
    return false; // a number, true / false, or not JSON
  }
  return values > 0;
}

/** The SONS (a known one, a learned one, or one shaped `<CORRIDOR>-<SOFT>-Va<N>`) and kind a file name gives. */
function fromName(fileName: string | undefined, options: CheckOptions): { sons?: string; kind?: TemplateKind; nameFits: boolean } {
  const base = (fileName ?? '').split(/[\\/]/).pop() ?? '';
  const fit = BLANK_NAME.exec(base);
  if (fit) {
    const id = fit[1];
    const known =
      sonsById(id)?.id ?? learnedSonsOf(options.templates).find((s) => s.id.toLowerCase() === id.toLowerCase())?.id ?? (SONS_ID.test(id) ? id : undefined);
    if (known) {
      const kind = fit[2].toLowerCase() as TemplateKind;
      return { sons: known, kind, nameFits: base === blankFileName(known, kind) };
    }
  }
  const norm = base.toLowerCase().replace(/[_\s.]/g, '-');
  const ids = [...SONS_TABLE.sons.map((s) => s.id), ...learnedSonsOf(options.templates).map((s) => s.id)].sort((a, b) => b.length - a.length);
  let sons = ids.find((id) => norm.includes(id.toLowerCase()));
  if (!sons) {
    const m = /(?:^|[^a-z0-9])([a-z][a-z0-9]{1,7}-[a-z][a-z0-9]{0,9}-va[1-9][0-9]?)(?![0-9])/i.exec(base.replace(/[_\s.]/g, ' '));
    if (m && SONS_ID.test(m[1])) sons = m[1].toUpperCase().replace(/-VA(\d+)$/, '-Va$1');
  }
  const kind: TemplateKind | undefined = /solde/i.test(base) ? 'solde' : /avance/i.test(base) ? 'avance' : undefined;
  return sons && kind ? { sons, kind, nameFits: false } : { nameFits: false };
}

/**
 * The blank official template `text` is, or undefined when it is not one (a name that does not say template, not
 * strict JSON, not Ségur-shaped, a value typed somewhere, over the template size limit). `options.fileName` names the file; `options.templates` the
 * learned templates (a SONS outside the bundle named in the file name).
 */
export function isBlankTemplate(text: string, options: CheckOptions = {}): BlankTemplate | undefined {
  const base = (options.fileName ?? '').split(/[\\/]/).pop() ?? '';
  if (!TEMPLATE_NAME.test(base.normalize('NFC'))) return undefined;
  if (text.length > TEMPLATE_LIMITS.maxBytes || !text.includes('lignesImport') || !onlyEmptyLeaves(text)) return undefined;
  const parsed = parseDocument(text, TEMPLATE_LIMITS.maxDepth);
  if (!parsed.strict || parsed.value === undefined || parsed.problems.length > (parsed.problems.some((p) => p.kind === 'bom') ? 1 : 0)) return undefined;
  if (blankShapeProblem(parsed.value, undefined)) return undefined;
  const named = fromName(options.fileName, options);
  if (named.sons && named.kind) return { sons: named.sons, kind: named.kind, nameFits: named.nameFits };
  const d = detect(parsed.root, parsed.value, { fileName: options.fileName, templates: options.templates });
  const kind = d.kind === 'avance' || d.kind === 'solde' ? d.kind : undefined;
  return { guess: d.sons || kind ? { sons: d.sons, kind } : undefined, nameFits: false };
}

/** The title of the editor's action that makes a blank the official template of its SONS × kind (server/src/server/shared/useAsTemplate.ts). */
export const USE_AS_TEMPLATE_TITLE: Localized = { fr: 'Utiliser ce fichier comme modèle officiel', en: 'Use this file as the official template' };

/**
 * The check of a blank template, the same for the command line and the editor: its findings are replaced by one
 * information finding, `S1/blank-template` (engine/check/engineFindings.ts: the file is not a request, its `null` tags
 * and `[]` blocks are what a blank is made of), or `S1/blank-template-in-use` when it is the template the checks use
 * (`options.templates` has its SONS × kind, its name fits, and `inTemplatesFolder(options.fileName)` says the
 * templates folder in force is its folder: the caller knows the file system); and it has no summary (no rule across
 * files compares it with the requests). Any other result is returned as it is.
 */
export function asBlankTemplate(
  text: string,
  options: CheckOptions,
  result: CheckResult,
  inTemplatesFolder?: (fileName: string) => boolean,
): { result: CheckResult; blank?: BlankTemplate } {
  if (!result.detection.isSegur || !text.includes('lignesImport')) return { result };
  const b = isBlankTemplate(text, options);
  if (!b) return { result };
  const used = options.fileName !== undefined && inTemplatesFolder !== undefined && inUse(options.fileName, b, inTemplatesFolder, options.templates);
  const start = Math.max(0, text.search(/\S/));
  const what: Localized =
    b.sons && b.kind ? { fr: `${b.sons} ${b.kind}`, en: `${b.sons} ${b.kind}` } : { fr: 'SONS et type à choisir', en: 'SONS and kind to choose' };
  const finding = blankTemplateFinding(used, what, start, USE_AS_TEMPLATE_TITLE);
  const { summary: _summary, ...rest } = result;
  void _summary;
  return {
    result: { ...rest, detection: { ...result.detection, sons: b.sons ?? result.detection.sons, kind: b.kind ?? result.detection.kind }, findings: [finding] },
    blank: b,
  };
}

/** Whether the blank file `fileName` is the one the templates folder in force provides for its SONS × kind. */
function inUse(fileName: string, b: BlankTemplate, inTemplatesFolder: (fileName: string) => boolean, templates: CheckOptions['templates']): boolean {
  if (!b.sons || !b.kind || !b.nameFits) return false;
  return inTemplatesFolder(fileName) && !!templates && Object.hasOwn(templates, schemaKey(b.sons, b.kind));
}
