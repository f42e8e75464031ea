/**
 * The official templates of a folder, for both faces (CLI `check --templates DIR`, server `segur.templates.folder`):
 * learned templates `*.template.json` (written by `segur-json learn-template`), and blank templates
 * `<SONS>.<kind>.blank.json` with an optional filled example `<SONS>.<kind>.example.json`, learned on load. Every file
 * is checked before use (a user's file, hence untrusted; docs/schema-format.md, « Learned templates »): a regular file,
 * within the size limit, strict JSON, the learned-template format or the Ségur header shape of a blank. A file that
 * fails is left out with one problem naming it (the bundled model applies to its SONS × kind); the others are used.
 * Problems never quote the content of a file. Nothing here throws on a file's content.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { learnTemplate, TemplateError, checkTemplate, sizeProblem, LEARNED, sonsById, type SchemaNode, type Localized } from '../segur';

export interface TemplateProblem {
  /** The file concerned (its path: the folder joined with its name). */
  file: string;
  message: Localized;
}

export interface TemplateFolder {
  /** Usable templates by `<SONS>.<kind>`. */
  templates: Record<string, SchemaNode>;
  /** One per file left out, in file name order. */
  problems: TemplateProblem[];
  /** Set when the folder itself cannot be listed (then nothing else is). */
  unreadable?: Localized;
}

const L = (fr: string, en: string): Localized => ({ fr, en });

const LEARNED_FILE = /\.template\.json$/;
const BLANK_FILE = /^(.+)\.(avance|solde)\.blank\.json$/;
const EXAMPLE_FILE = /^(.+)\.(avance|solde)\.example\.json$/;

class FileProblem extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

/** A template file's text: a regular file (never a FIFO or a device), within the size limit, UTF-8. */
function readTemplateFile(path: string, what: Localized): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new FileProblem(L(`${what.fr} n'est pas un fichier ordinaire`, `${what.en} is not a regular file`));
    size = st.size;
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    throw new FileProblem(L(`${what.fr} est illisible`, `${what.en} is unreadable`));
  }
  const big = sizeProblem(size, what);
  if (big) throw new FileProblem(big);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new FileProblem(L(`${what.fr} est illisible`, `${what.en} is unreadable`));
  }
}

/** The key of a template: the SONS as the table spells it (when it knows it), then the kind. */
function keyOf(sons: string, kind: string): string {
  return `${sonsById(sons)?.id ?? sons}.${kind}`;
}

function loadLearned(path: string): { key: string; template: SchemaNode } {
  const text = readTemplateFile(path, LEARNED);
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new FileProblem(L(`${LEARNED.fr} n'est pas du JSON valide`, `${LEARNED.en} is not valid JSON`));
  }
  const c = checkTemplate(value, true);
  if (!c.template) throw new FileProblem(c.problem);
  return { key: keyOf(c.template['x-sons']!, c.template['x-kind']!), template: c.template };
}

function loadBlank(dir: string, name: string, sons: string, kind: 'avance' | 'solde', names: Set<string>): SchemaNode {
  const blank = readTemplateFile(join(dir, name), L('le modèle vierge', 'the blank template'));
  const exampleName = `${sons}.${kind}.example.json`;
  const example = names.has(exampleName) ? readTemplateFile(join(dir, exampleName), L(`son exemple ${exampleName}`, `its example ${exampleName}`)) : undefined;
  try {
    return learnTemplate(blank, example, sons, kind, name);
  } catch (e) {
    if (e instanceof TemplateError) throw new FileProblem(e.reason);
    throw e;
  }
}

/** Loads, checks and returns the templates of a folder, with one problem per file left out. */
export function loadTemplateFolder(dir: string): TemplateFolder {
  const out: TemplateFolder = { templates: {}, problems: [] };
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    out.unreadable = L(`dossier de modèles illisible : ${dir}`, `unreadable templates folder: ${dir}`);
    return out;
  }
  const set = new Set(names);
  // Who provides each `<SONS>.<kind>`: a blank (the official file itself) before a learned template, then by name.
  const from = new Map<string, string>();
  const take = (key: string, file: string, template: SchemaNode) => {
    const first = from.get(key);
    if (first !== undefined) {
      out.problems.push({ file, message: L(`ignoré : ${first} fournit déjà le modèle ${key}`, `ignored: ${first} already provides the ${key} template`) });
      return;
    }
    from.set(key, file);
    out.templates[key] = template;
  };
  const guard = (name: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      const why = e instanceof FileProblem ? e.reason : L('erreur interne en lisant ce modèle', 'internal error while reading this template');
      out.problems.push({
        file: join(dir, name),
        message: L(`${why.fr} ; modèle ignoré, le modèle fourni s'applique`, `${why.en}; template ignored, the bundled model applies`),
      });
    }
  };
  for (const name of names) {
    const m = BLANK_FILE.exec(name);
    if (m) guard(name, () => take(keyOf(m[1], m[2]), join(dir, name), loadBlank(dir, name, m[1], m[2] as 'avance' | 'solde', set)));
  }
  for (const name of names) {
    if (LEARNED_FILE.test(name)) {
      guard(name, () => {
        const { key, template } = loadLearned(join(dir, name));
        take(key, join(dir, name), template);
      });
    }
    const e = EXAMPLE_FILE.exec(name);
    if (e && !set.has(`${e[1]}.${e[2]}.blank.json`)) {
      out.problems.push({
        file: join(dir, name),
        message: L(`exemple sans modèle vierge ${e[1]}.${e[2]}.blank.json : ignoré`, `example without a blank template ${e[1]}.${e[2]}.blank.json: ignored`),
      });
    }
  }
  out.problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return out;
}

/**
 * Whether a file is in the templates folder `dir` (absolute, as loaded), for a blank template's reading: the blank the
 * folder provides is « in use » (engine/templates/blankTemplate.ts `asBlankTemplate`). Undefined without a folder.
 */
export function inTemplatesFolder(dir: string | undefined): ((fileName: string) => boolean) | undefined {
  if (dir === undefined) return undefined;
  return (fileName) => resolve(dirname(fileName)) === dir;
}
