/**
 * What every command of `segur-json` shares: its arguments read strictly with our own messages, its outputs written
 * safely and never over an input, its files and templates read.
 */
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sizeProblem, type SchemaNode, type Locale } from '../segur';
import { FileWriteError, writeFileAtomic, sameFileAs } from '../io/atomicWrite';
import { loadTemplateFolder } from '../io/templates';
import { readFile, UsageError } from './checkFile';

export const VERSION = '0.1.0';

/** A file the command had to write was not written (named, with the reason): exit 2, without the usage hint. */
export class WriteFailure extends Error {}

/** Writes a report or a result (io/atomicWrite.ts); a failure names the file and the reason. */
export function writeOutput(target: string, text: string): void {
  try {
    writeFileAtomic(target, text);
  } catch (e) {
    if (!(e instanceof FileWriteError)) throw e;
    const d = e.describe();
    throw new WriteFailure(`${d.fr} / ${d.en}`);
  }
}

/** `-o` naming one of the inputs (after links, hard links included) is refused before anything is read or written. */
export function refuseOutputOverInput(output: string | undefined, inputs: Iterable<string>): void {
  if (output === undefined) return;
  const input = sameFileAs(output, inputs);
  if (input !== undefined)
    throw new UsageError(
      `-o ${output} est aussi une entrée (${input}) : le résultat l'écraserait ; choisissez un autre fichier / -o ${output} is also an input (${input}): the output would overwrite it; choose another file`,
    );
}

/** The options of one command for node:util `parseArgs` (`type`, `short`). */
type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/**
 * A command's arguments through node:util `parseArgs` (strict: an unknown option, a missing value or a value given
 * to a flag is an error), with our own usage messages, French then English, naming the option as it was written
 * (node's own messages are English only). A value that starts with a dash is taken for a forgotten value
 * (`-o --fix`), as before; `--output=-x` gives it explicitly. `usage` is appended to every message when given.
 */
export function parseOptions<O extends OptionSpec>(
  args: string[],
  options: O,
  usage?: string,
): { values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string }; positionals: string[] } {
  const tail = usage ? ` (${usage})` : '';
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { values: values as { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string }, positionals };
  } catch (e) {
    // Which argument: the same arguments read leniently, then checked one by one.
    const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
    for (const t of tokens) {
      if (t.kind !== 'option') continue;
      const spec = options[t.name];
      if (!spec) throw new UsageError(`option inconnue / unknown option ${t.rawName}${tail}`);
      if (spec.type === 'boolean' && t.value !== undefined) throw new UsageError(`option ${t.rawName} : sans valeur / takes no value${tail}`);
      if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.length > 1 && t.value.startsWith('-'))))
        throw new UsageError(`option ${t.rawName} : valeur manquante / missing value${tail}`);
    }
    throw new UsageError(`arguments incorrects / invalid arguments${tail}`);
  }
}

export function readText(file: string): string {
  return readFile(file).text;
}

/** A blank or example template: over the size limit it is refused before it is read (schemas/templates.json). */
export function readTemplateText(file: string, what: { fr: string; en: string }): string {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    // readText reports it.
  }
  const big = sizeProblem(size, what);
  if (big) throw new UsageError(`${file} : ${big.fr} / ${big.en}`);
  return readText(file);
}

/**
 * Official templates of a folder (server/src/io/templates.ts: learned `*.template.json`, blanks
 * `<SONS>.<kind>.blank.json` with their optional example), keyed by `<SONS>.<kind>`. A file that is left out gets
 * one warning on stderr naming it (the bundled model applies to its SONS × kind; the exit code does not change);
 * an unreadable folder is bad usage (exit 2).
 */
export function loadTemplates(
  dir: string,
  lang: Locale = 'fr',
  warn: (line: string) => void = (line) => process.stderr.write(line),
): Record<string, SchemaNode> {
  const folder = loadTemplateFolder(dir);
  if (folder.unreadable) throw new UsageError(`${folder.unreadable.fr} / ${folder.unreadable.en}`);
  for (const p of folder.problems) {
    warn(lang === 'fr' ? `segur-json: avertissement : ${p.file} : ${p.message.fr}.\n` : `segur-json: warning: ${p.file}: ${p.message.en}.\n`);
  }
  return folder.templates;
}
