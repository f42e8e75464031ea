/**
 * `segur-json`: the command line on the same engine as the editor.
 *   segur-json check [--format text|json|sarif] [--fix] [--sons SONS] [--kind avance|solde] [--lang fr|en] <files or folders>
 * Exit codes: 0 no error, 1 errors found, 2 bad usage or unreadable input.
 */
import { readFileSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { soldeFromAvance, SoldeFromAvanceError } from '../engine/soldeFromAvance';
import { learnTemplate, TemplateError } from '../engine/learnTemplate';
import type { SchemaNode } from '../engine/schemaData';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { check, applyEdits, selectFixes, LineIndex, sonsById, SONS_TABLE, RULES, PROJECT_RULES, crossCheck, type ProjectEntry } from '../engine';
import type { CheckOptions, Locale } from '../engine/types';
import { formatText, formatJson, formatSarif, type FileReport } from './report';
import { loadTemplateFolder } from '../io/templates';
import { checkTemplate, sizeProblem, BLANK, EXAMPLE } from '../engine/templateFormat';

const VERSION = '0.1.0';

export class UsageError extends Error {}

const HELP = `segur-json ${VERSION} — valide les JSON Ségur numérique (avance, solde) / validates Ségur funding JSON files

Usage:
  segur-json check [options] <fichiers ou dossiers / files or folders>
  segur-json rules [--lang en]           liste des règles (Markdown) / rule list
  segur-json solde-from-avance <avance.json> [-o FICHIER]   squelette de solde / solde skeleton
  segur-json learn-template <vierge.json> [<exemple.json>] --sons SONS --kind avance|solde [-o FICHIER]
  segur-json lsp --stdio                 serveur de langage (LSP) pour tout éditeur / language server

Options de check:
  --format text|json|sarif   format de sortie (défaut text)
  --fix                      applique les corrections sûres et écrit les fichiers
  --sons <SONS>              impose le SONS (${SONS_TABLE.sons.map((s) => s.id).join(', ')})
  --kind avance|solde        impose le type de demande
  --lang fr|en               langue des messages (défaut fr)
  --templates <dossier>      modèles officiels appris (learn-template) à utiliser au lieu du modèle fourni

Code de sortie / exit code: 0 aucune erreur, 1 erreurs trouvées, 2 usage incorrect ou fichier illisible.
`;

interface CheckArgs {
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  sons?: string;
  kind?: 'avance' | 'solde';
  lang: Locale;
  templates?: string;
  paths: string[];
}

export function parseCheckArgs(argv: string[]): CheckArgs {
  const a: CheckArgs = { format: 'text', fix: false, lang: 'fr', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`option ${arg} : valeur manquante / missing value`);
      return v;
    };
    if (arg === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format ${f} : text, json ou sarif`);
      a.format = f;
    } else if (arg === '--fix') a.fix = true;
    else if (arg === '--sons') {
      const s = value();
      const info = sonsById(s);
      if (!info) throw new UsageError(`--sons ${s} : SONS inconnu / unknown SONS (${SONS_TABLE.sons.map((x) => x.id).join(', ')})`);
      a.sons = info.id;
    } else if (arg === '--kind') {
      const k = value();
      if (k !== 'avance' && k !== 'solde') throw new UsageError(`--kind ${k} : avance ou solde`);
      a.kind = k;
    } else if (arg === '--lang') {
      const l = value();
      if (l !== 'fr' && l !== 'en') throw new UsageError(`--lang ${l} : fr ou en`);
      a.lang = l;
    } else if (arg === '--templates') a.templates = value();
    else if (arg.startsWith('-')) throw new UsageError(`option inconnue / unknown option ${arg}`);
    else a.paths.push(arg);
  }
  if (a.paths.length === 0) throw new UsageError('aucun fichier ni dossier / no file or folder given');
  return a;
}

/** Expands folders into their .json files (recursively, skipping node_modules and dot folders). */
function collectFiles(paths: string[]): { file: string; explicit: boolean }[] {
  const out: { file: string; explicit: boolean }[] = [];
  const walkDir = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walkDir(p);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.json')) out.push({ file: p, explicit: false });
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`illisible / unreadable: ${p}`);
    }
    if (st.isDirectory()) walkDir(p);
    else out.push({ file: p, explicit: true });
  }
  return out;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`illisible / unreadable: ${file}`);
  }
}

/** Applies safe fixes pass after pass (overlapping ones wait for the next pass) until none is left. */
export function fixText(text: string, options: CheckOptions): { text: string; fixed: Map<string, number> } {
  const fixed = new Map<string, number>();
  for (let pass = 0; pass < 10; pass++) {
    const { findings } = check(text, options);
    const { chosen, edits } = selectFixes(findings);
    if (edits.length === 0) break;
    text = applyEdits(text, edits);
    for (const f of chosen) fixed.set(f.code, (fixed.get(f.code) ?? 0) + 1);
  }
  return { text, fixed };
}

/**
 * Official templates of a folder (server/src/io/templates.ts: learned `*.template.json`, blanks
 * `<SONS>.<kind>.blank.json` with their optional example), keyed by `<SONS>.<kind>`. A file that is left out gets
 * one warning on stderr naming it (the bundled model applies to its SONS × kind; the exit code does not change);
 * an unreadable folder is bad usage (exit 2).
 */
export function loadTemplates(dir: string, lang: Locale = 'fr', warn: (line: string) => void = (line) => process.stderr.write(line)): Record<string, SchemaNode> {
  const folder = loadTemplateFolder(dir);
  if (folder.unreadable) throw new UsageError(`${folder.unreadable.fr} / ${folder.unreadable.en}`);
  for (const p of folder.problems) {
    warn(lang === 'fr' ? `segur-json: avertissement : ${p.file} : ${p.message.fr}.\n` : `segur-json: warning: ${p.file}: ${p.message.en}.\n`);
  }
  return folder.templates;
}

export function runCheck(args: CheckArgs, cwd = process.cwd()): { output: string; exitCode: number } {
  const files = collectFiles(args.paths);
  const templates = args.templates ? loadTemplates(args.templates, args.lang) : undefined;
  const checked: { file: string; text: string; result: ReturnType<typeof check>; fixed?: Map<string, number>; explicit: boolean }[] = [];
  for (const { file, explicit } of files) {
    let text = readText(file);
    const options: CheckOptions = { fileName: file, sons: args.sons, kind: args.kind, templates };
    let fixed: Map<string, number> | undefined;
    if (args.fix) {
      const r = fixText(text, options);
      if (r.fixed.size > 0) {
        writeFileSync(file, r.text);
        text = r.text;
        fixed = r.fixed;
      }
    }
    // The result is kept for the rules across files; its summary keeps the text (kept here anyway), not the value.
    checked.push({ file, text, result: check(text, options), fixed, explicit });
  }
  // An avance and its solde checked together are checked against each other (C1–C6), and uniqueness across files.
  const segur = checked.filter((c) => c.result.detection.isSegur);
  const cross = crossCheck(segur.map((c): ProjectEntry => ({ file: c.file, result: c.result })));
  const reports: FileReport[] = [];
  for (const c of checked) {
    if (!c.result.detection.isSegur && !c.explicit) continue;
    const index = new LineIndex(c.text);
    const all = [...c.result.findings, ...(cross.get(c.file) ?? [])].sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
    reports.push({
      file: relative(cwd, c.file) || c.file,
      detection: c.result.detection,
      findings: all.map((f) => ({ ...f, range: index.range(f.offset, f.length) })),
      fixed: c.fixed ? [...c.fixed].map(([code, count]) => ({ code, count })) : undefined,
    });
  }
  const output = args.format === 'json' ? formatJson(reports, args.lang) : args.format === 'sarif' ? formatSarif(reports, args.lang, VERSION) : formatText(reports, args.lang);
  const hasError = reports.some((r) => r.findings.some((f) => f.severity === 'error'));
  return { output, exitCode: hasError ? 1 : 0 };
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(HELP);
      return command ? 0 : 2;
    }
    if (command === '--version' || command === '-v') {
      process.stdout.write(VERSION + '\n');
      return 0;
    }
    if (command === 'rules') {
      process.stdout.write(rulesMarkdown(rest.includes('--lang') && rest[rest.indexOf('--lang') + 1] === 'en' ? 'en' : 'fr'));
      return 0;
    }
    if (command === 'solde-from-avance') {
      let out: string | undefined;
      const files: string[] = [];
      let lang: Locale = 'fr';
      for (let i = 0; i < rest.length; i++) {
        if (rest[i] === '-o' || rest[i] === '--output') out = rest[++i];
        else if (rest[i] === '--lang') lang = rest[++i] === 'en' ? 'en' : 'fr';
        else if (rest[i].startsWith('-')) throw new UsageError(`option inconnue / unknown option ${rest[i]}`);
        else files.push(rest[i]);
      }
      if (files.length !== 1 || (out !== undefined && !out)) throw new UsageError('solde-from-avance <avance.json> [-o FICHIER]');
      const text = readText(files[0]);
      try {
        const r = soldeFromAvance(text, { fileName: files[0] });
        if (out) writeFileSync(out, r.text);
        else process.stdout.write(r.text);
        if (out) process.stderr.write(lang === 'fr' ? `Solde ${r.sons} écrit dans ${out} : complétez les balises à null (facture, VA, pièces justificatives, n° de dossier si absent).\n` : `${r.sons} solde written to ${out}: fill in the null keys (invoice, VA, attachments, file number if missing).\n`);
        return 0;
      } catch (e) {
        if (e instanceof SoldeFromAvanceError) throw new UsageError(e.reason[lang]);
        throw e;
      }
    }
    if (command === 'learn-template') {
      const files: string[] = [];
      let sons: string | undefined;
      let kind: string | undefined;
      let out: string | undefined;
      for (let i = 0; i < rest.length; i++) {
        const a = rest[i];
        if (a === '--sons') sons = rest[++i];
        else if (a === '--kind') kind = rest[++i];
        else if (a === '-o' || a === '--output') out = rest[++i];
        else if (a.startsWith('-')) throw new UsageError(`option inconnue / unknown option ${a}`);
        else files.push(a);
      }
      const info = sonsById(sons);
      if (files.length < 1 || files.length > 2 || !info || (kind !== 'avance' && kind !== 'solde')) throw new UsageError('learn-template <vierge.json> [<exemple.json>] --sons SONS --kind avance|solde [-o FICHIER]');
      // A template file over the size limit is refused before it is read (schemas/templates.json).
      const readTemplate = (file: string, what: { fr: string; en: string }) => {
        let size = 0;
        try {
          size = statSync(file).size;
        } catch {
          // readText reports it.
        }
        const big = sizeProblem(size, what);
        if (big) throw new UsageError(`${file} : ${big.fr} / ${big.en}`);
        return readText(file);
      };
      const named = files[1] ? `${files[0]} (exemple / example ${files[1]})` : files[0];
      try {
        const schema = learnTemplate(readTemplate(files[0], BLANK), files[1] ? readTemplate(files[1], EXAMPLE) : undefined, info.id, kind, files[0].split(/[\\/]/).pop());
        // What is written must load again (the learned-template format); a refusal here would be our bug.
        const self = checkTemplate(schema, true);
        if (!self.template) throw new Error('learned template breaks its format');
        const target = out ?? join('templates', `${info.id}.${kind}.template.json`);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, JSON.stringify(schema, null, 2) + '\n');
        process.stdout.write(`Modèle appris / learned template: ${target} (segur-json check --templates ${dirname(target)} …)\n`);
        return 0;
      } catch (e) {
        if (e instanceof TemplateError) throw new UsageError(`${named} : ${e.reason.fr} / ${e.reason.en}`);
        throw e;
      }
    }
    if (command === 'lsp') {
      // `segur-json lsp --stdio` (or --node-ipc): the language server for any editor.
      if (!rest.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket'))) throw new UsageError('lsp : précisez --stdio / use --stdio');
      const { startServer } = await import('../server/server');
      process.on('unhandledRejection', () => undefined); // the server never dies of one; nothing is logged
      startServer();
      return -1; // keeps running until the client exits
    }
    if (command === 'check') {
      const { output, exitCode } = runCheck(parseCheckArgs(rest));
      process.stdout.write(output);
      return exitCode;
    }
    throw new UsageError(`commande inconnue / unknown command: ${command}`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`segur-json: ${e.message}\n(segur-json --help)\n`);
      return 2;
    }
    process.stderr.write(`segur-json: erreur interne / internal error: ${(e as Error).name}\n`);
    return 2;
  }
}

const SOURCE_NAMES: Record<string, string> = {
  '000': 'webinaire ANS/ASP du 28/04/2026 (PV pilotes, solde)',
  '001': 'webinaire du 05/07/2024 (financement hôpital vague 2)',
  '002': 'atelier solde vague 1, biologie',
  '003': 'webinaire imagerie vague 2 du 24/04/2025',
  '004': 'FAQ ASP vague 1',
  csv2json: 'franztrierweiler/csv2json (générateur public d\'avance vague 1)',
};

/** The rule catalogue as Markdown (docs/rules.md is generated from it: diagnostics link to its anchors). */
export function rulesMarkdown(lang: Locale): string {
  const head = lang === 'fr' ? '# Règles segur-json\n\nChaque diagnostic porte le code de sa règle (`S3`, `I1/finess`…). Sources : documents publics ANS/ASP (voir README).\n' : '# segur-json rules\n\nEach diagnostic carries its rule code (`S3`, `I1/finess`…). Sources: public ANS/ASP documents (see README).\n';
  const parts = [...RULES, ...PROJECT_RULES].map((r) => {
    const msgs = Object.values(r.meta.messages).map((m) => `- ${m[lang]}`).join('\n');
    const src = r.meta.sources.map((s) => `${s} (${SOURCE_NAMES[s] ?? s})`).join(', ');
    return `\n<a id="${r.meta.id.toLowerCase()}"></a>\n## ${r.meta.id} — ${r.meta.title[lang]}\n\n${lang === 'fr' ? 'Sources' : 'Sources'} : ${src}. ${lang === 'fr' ? 'Gravité par défaut' : 'Default severity'} : ${r.meta.severity}. ${lang === 'fr' ? 'Correction automatique' : 'Quick fix'} : ${r.meta.fixable ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no'}.\n\n${msgs}\n`;
  });
  return head + parts.join('');
}

/** Entry point of bin/segur-json.js. */
export function run(): void {
  main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
