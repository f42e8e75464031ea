/**
 * `segur-json check`: its options, the files it is given (folders, globs, stdin), the options of each file (flags over
 * segur.config.json), the check of each file in this thread or dealt to worker threads, the rules across files, and
 * the report in the format asked for, with the exit code.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { crossCheck, sonsById, learnedSonsOf, overview, type ProjectEntry, type Finding, type AttachmentFact } from '../segur';
import { addFile, kindOf, listJsonFiles, notRegular } from '../io/files';
import {
  checkFile,
  internalCheckResult,
  reportOrder,
  unpackLineStarts,
  UsageError,
  type FileCheckOptions,
  type FileIo,
  type FileOutcome,
  type RangedFinding,
} from './checkFile';
import { formatCompact, formatHtml, formatJson, formatSarif, formatText, type FileReport } from './formats/report';
import type { FromWorker, ToWorker } from './worker';
import { expandInputs, readStdin, STDIN_ARG, STDIN_NAME } from './inputs';
import { checkStdin } from './stdin';
import { formatGithub } from './formats/github';
import { formatJunit } from './formats/junit';
import { formatGitlab } from './formats/gitlab';
import { applyGate } from './gate';
import { configGroups } from './configs';
import { attachmentFactsBesideFiles, attachmentFactsOfFiles } from './checkAttachments';
import type { CheckArgs } from './checkArgs';
export { parseCheckArgs, type CheckArgs } from './checkArgs';
import { VERSION, refuseOutputOverInput, loadTemplates } from './commandLine';

interface InputFile {
  file: string;
  explicit: boolean;
  stdin?: boolean;
  /** Its options: the index of its configuration's group (configs.ts). */
  group?: number;
}

/**
 * Expands folders into their .json files (recursively, skipping node_modules and dot folders; server/src/io/files.ts).
 * Only regular files: an explicit FIFO, socket or device is a usage error naming it; inside a folder, such an entry,
 * a broken link or a file reached twice is told in `notes` and skipped. Symbolic links are followed once.
 */
function collectFiles(paths: string[], notes: string[] = [], stdinFile = STDIN_NAME): InputFile[] {
  const out: InputFile[] = [];
  const seenFiles = new Map<string, string>();
  const seenDirs = new Set<string>();
  const skipped = (path: string, reason: { fr: string; en: string }) => notes.push(`${path} : ${reason.fr} / ${reason.en}`);
  for (const p of paths) {
    if (p === STDIN_ARG) {
      out.push({ file: stdinFile, explicit: true, stdin: true });
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`illisible / unreadable: ${p}`);
    }
    const kind = kindOf(st);
    if (kind === 'directory') {
      for (const file of listJsonFiles(p, { seenFiles, seenDirs, skipped: (s) => skipped(s.path, s.reason) })) out.push({ file, explicit: false });
    } else if (kind === 'file') {
      const one: string[] = [];
      addFile(p, one, seenFiles, skipped);
      for (const file of one) out.push({ file, explicit: true });
    } else {
      const r = notRegular(kind);
      throw new UsageError(`illisible / unreadable: ${p} : ${r.fr} / ${r.en}`);
    }
  }
  return out;
}

/** What `runCheck` needs before any file is checked: the files, the notes of the walk, the options of every file. */
function prepareCheck(args: CheckArgs, cwd: string): { files: InputFile[]; notes: string[]; options: FileCheckOptions[] } {
  const notes: string[] = [];
  const stdinFile = args.stdinFilename !== undefined ? resolve(cwd, args.stdinFilename) : STDIN_NAME;
  // segur.config.json (configs.ts): the language first, for every message that follows.
  const base: FileCheckOptions = {
    sons: args.sons,
    kind: args.kind,
    templatesDir: args.templates,
    modelled: args.modelled,
    fix: args.fix,
    fixEncoding: args.fixEncoding,
    keepText: args.format === 'html',
    lang: args.lang,
    cwd,
  };
  const groups = configGroups(base, args.config, { templates: args.templates !== undefined }, (dir) => loadTemplates(dir, args.lang));
  if (args.langFromConfig) {
    const first = args.paths.find((p) => p !== STDIN_ARG);
    const language =
      first !== undefined
        ? groups.configOf(resolve(cwd, first), isFolder(resolve(cwd, first)))?.language
        : groups.configOf(stdinFile === STDIN_NAME ? cwd : stdinFile, stdinFile === STDIN_NAME)?.language;
    if (language) args.lang = base.lang = language;
  }
  const inputs = expandInputs(args.paths, cwd, (file) => groups.excluded(resolve(cwd, file)));
  // A file found in a folder is left out when its configuration excludes it; a file named on the command line is not.
  const files = collectFiles(inputs, notes, stdinFile).filter((f) => f.explicit || !groups.excluded(resolve(cwd, f.file)));
  if (args.output !== undefined) {
    // The templates are inputs too: a report over one of them would be read as a template next time.
    let templateFiles: string[] = [];
    try {
      if (args.templates) templateFiles = listJsonFiles(args.templates);
    } catch {
      // An unreadable folder is told when the templates are loaded.
    }
    refuseOutputOverInput(args.output, [...files.filter((f) => !f.stdin).map((f) => f.file), ...templateFiles]);
  }
  const templates = args.templates ? loadTemplates(args.templates, args.lang) : undefined;
  base.templates = templates;
  if (args.sons && !sonsById(args.sons) && !learnedSonsOf(templates).some((s) => s.id.toLowerCase() === args.sons!.toLowerCase())) {
    throw new UsageError(
      `--sons ${args.sons} : SONS inconnu, et aucun modèle appris pour lui (--templates) / unknown SONS, and no learned template for it (--templates)`,
    );
  }
  for (const f of files) f.group = groups.groupOf(f.stdin ? (stdinFile === STDIN_NAME ? resolve(cwd, 'stdin.json') : stdinFile) : resolve(cwd, f.file));
  if (args.templates) for (const o of groups.options) o.templates = templates;
  notes.unshift(...groups.notes);
  return { files, notes, options: groups.options };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Told of each file's `progress` line (written by --fix, or not read or not written), in input order. */
export type Progress = (line: string) => void;

/**
 * @returns `notes`: what the user must know besides the report (files skipped, files not converted), each naming its
 *   file; `main` writes them to stderr. `progress` is told, file by file as each is done, of the files --fix wrote
 *   and of those that could not be read or written. One thread; `runCheckAsync` deals a folder to worker threads
 *   and gives the same output. `io`: tests only (a reader that fails, a hook in the write).
 */
export function runCheck(args: CheckArgs, cwd = process.cwd(), progress: Progress = () => undefined, io?: FileIo): CheckRun {
  if (args.attachments !== undefined) throw new UsageError('--attachments : runCheckAsync');
  return runCheckIn(args, cwd, prepareCheck(args, cwd), progress, io);
}

/** What a run gives `main`: the report, the exit code, the notes for stderr, and `--fix`'s text of stdin for stdout. */
export interface CheckRun {
  output: string;
  exitCode: number;
  notes: string[];
  stdinOutput?: Uint8Array;
  /** Each file's report as the formats got it (`segur-json package` lists the errors that block it). */
  reports?: FileReport[];
}

function runCheckIn(
  args: CheckArgs,
  cwd: string,
  { files, notes, options }: ReturnType<typeof prepareCheck>,
  progress: Progress,
  io?: FileIo,
  stdin?: Awaited<ReturnType<typeof readStdin>>,
  attachments?: Map<string, AttachmentFact[]>,
): CheckRun {
  const outcomes: FileOutcome[] = [];
  let stdinOutput: Uint8Array | undefined;
  for (const { file, explicit, stdin: fromStdin, group } of files) {
    if (fromStdin) {
      if (!stdin) throw new UsageError('« - » (stdin) : non lu / not read');
      const s = checkStdin(file, stdin.read, stdin.bytes, options[group ?? 0]);
      stdinOutput = s.output;
      outcomes.push(s.outcome);
      continue;
    }
    // A file that cannot be read or written is one outcome among the others: the run goes on.
    const o = checkFile(file, explicit, attachments?.has(file) ? { ...options[group ?? 0], attachments: attachments.get(file) } : options[group ?? 0], io);
    if (o.progress !== undefined) progress(o.progress);
    outcomes.push(o);
  }
  return {
    ...finishCheck(
      args,
      cwd,
      outcomes,
      notes,
      files.map((f) => options[f.group ?? 0]),
    ),
    ...(stdinOutput ? { stdinOutput } : {}),
  };
}

/**
 * Below this many files, one thread. Each worker loads and warms up its own engine: on 60 files of 200 requests,
 * two workers took 2.5 s of CPU where one thread took 1.75 s (bench/cli-folder.mjs, shared machine), so the
 * second core pays only from several dozen files on; a handful of files is done before workers would be warm.
 */
export const MIN_FILES_FOR_WORKERS = 64;
/** At most this many workers (each holds an engine: about 20–30 MB). */
const MAX_WORKERS = 8;

/**
 * How many worker threads check these files: `SEGUR_JSON_THREADS` when set (1: the main thread only; N: N workers,
 * whatever the number of files: tests and benchmarks), else one per core (os.availableParallelism, at most 8) when
 * there are at least MIN_FILES_FOR_WORKERS files and at least two cores, else none.
 */
export function workerCount(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const forced = Number(env.SEGUR_JSON_THREADS);
  if (Number.isInteger(forced) && forced >= 1) return forced === 1 ? 0 : Math.min(forced, MAX_WORKERS, Math.max(files, 1));
  const cores = availableParallelism();
  if (files < MIN_FILES_FOR_WORKERS || cores < 2) return 0;
  return Math.min(cores, MAX_WORKERS, Math.ceil(files / (MIN_FILES_FOR_WORKERS / 2)));
}

/** The worker's script: dist/cli-worker.js beside the bundled CLI, or worker.ts when run from the sources (tsx). */
function workerScript(): string {
  const bundled = join(__dirname, 'cli-worker.js');
  return existsSync(bundled) ? bundled : join(__dirname, 'worker.ts');
}

/**
 * `runCheck` with the files dealt to worker threads (workerCount): each worker reads, fixes and checks the files it
 * is given and returns only their outcomes (checkFile.ts); the results are put back in input order, then the rules
 * across files and the report run here, as in one thread: the same output, byte for byte, and the same exit code.
 * A file is given to the first idle worker. A worker that dies loses no file: the files it held are checked here.
 */
export async function runCheckAsync(
  args: CheckArgs,
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
  progress: Progress = () => undefined,
): Promise<CheckRun> {
  const prepared = prepareCheck(args, cwd);
  const { files, notes, options } = prepared;
  // stdin is read once, here, and checked in this thread: a run with `-` stays in one thread. The attachment
  // files are read first (pdf-lib opens a PDF asynchronously), then each file is checked here too.
  const stdin = files.some((f) => f.stdin) ? await readStdin() : undefined;
  // Without --attachments, the files whose own folder holds their attachments are checked with them (the others
  // without a disk check); a run with none stays on the worker threads.
  let attachments = args.attachments !== undefined ? await attachmentFactsOfFiles(files, resolve(cwd, args.attachments), options) : undefined;
  if (attachments === undefined) {
    const beside = await attachmentFactsBesideFiles(files, options);
    if (beside.size > 0) attachments = beside;
  }
  if (stdin || attachments) return runCheckIn(args, cwd, prepared, progress, undefined, stdin, attachments);
  const n = workerCount(files.length, env);
  if (n === 0) return runCheckIn(args, cwd, prepared, progress);
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  const orphans: number[] = [];
  let next = 0;
  // Progress lines in input order, as in one thread: each as soon as its file and every file before it are done.
  let told = 0;
  const tell = () => {
    for (; told < files.length && outcomes[told]; told++) {
      const line = outcomes[told]!.progress;
      if (line !== undefined) progress(line);
    }
  };
  await new Promise<void>((resolve) => {
    let alive = n;
    const script = workerScript();
    for (let w = 0; w < n; w++) {
      const held = new Set<number>();
      let worker: Worker;
      try {
        worker = new Worker(script, { workerData: options });
      } catch {
        if (--alive === 0) resolve();
        continue;
      }
      const give = () => {
        if (next >= files.length) {
          if (held.size === 0) void worker.terminate();
          return;
        }
        const i = next++;
        held.add(i);
        const msg: ToWorker = { i, file: files[i].file, explicit: files[i].explicit, group: files[i].group ?? 0 };
        worker.postMessage(msg);
      };
      worker.on('message', (m: FromWorker) => {
        held.delete(m.i);
        if (m.outcome) {
          outcomes[m.i] = m.outcome;
          tell();
        } else orphans.push(m.i); // its check threw outside checkFile's guards: checked again here
        give();
      });
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        orphans.push(...held);
        held.clear();
        if (--alive === 0) resolve();
      };
      worker.on('error', end);
      worker.on('exit', end);
      // Two files each at first: a worker never waits for its next file.
      give();
      give();
    }
  });
  // Files no worker checked (no worker could start, one died): here, in input order.
  const missing = [...new Set(orphans)];
  for (let i = next; i < files.length; i++) missing.push(i);
  for (const i of missing.sort((a, b) => a - b)) {
    if (outcomes[i]) continue;
    try {
      outcomes[i] = checkFile(files[i].file, files[i].explicit, options[files[i].group ?? 0]);
    } catch {
      const r = internalCheckResult('check');
      outcomes[i] = { file: files[i].file, explicit: files[i].explicit, detection: r.detection, findings: [], notes: [], reportFailed: true };
    }
    tell();
  }
  const kept = outcomes.map((o, i) => (o ? i : -1)).filter((i) => i >= 0);
  return finishCheck(
    args,
    cwd,
    kept.map((i) => outcomes[i]!),
    notes,
    kept.map((i) => options[files[i].group ?? 0]),
  );
}

/** The rules across files over every entry, with the severities of each entry's options (one run per set of options). */
function crossCheckByOptions(
  entries: ProjectEntry[],
  options: (FileCheckOptions | undefined)[],
  modelled: CheckArgs['modelled'],
  name: (file: string) => string,
): Map<string, Finding[]> {
  const sets = [...new Set(options)];
  if (sets.length <= 1) return crossCheck(entries, sets[0]?.severities ?? {}, sets[0]?.modelled ?? modelled, name);
  const out = new Map<string, Finding[]>();
  for (const o of sets) {
    const found = crossCheck(entries, o?.severities ?? {}, o?.modelled ?? modelled, name);
    entries.forEach((e, i) => {
      if (options[i] === o && found.has(e.file)) out.set(e.file, found.get(e.file)!);
    });
  }
  return out;
}

/** The rules across files, then the report, from the outcomes of every file in input order. */
function finishCheck(args: CheckArgs, cwd: string, outcomes: FileOutcome[], walkNotes: string[], optionsOf: FileCheckOptions[] = []): CheckRun {
  const name = (file: string) => relative(cwd, file) || file;
  const notes = [...walkNotes, ...outcomes.flatMap((o) => o.notes)];
  // An avance and its solde checked together are checked against each other (C1–C8), and uniqueness across files.
  const segur = outcomes.filter((o) => o.detection.isSegur);
  let cross: Map<string, Finding[]>;
  try {
    // Each file's findings across files take its own configuration's severities (configs.ts): once per configuration.
    cross = crossCheckByOptions(
      segur.map((o): ProjectEntry => ({ file: o.file, result: { detection: o.detection, summary: o.summary } })),
      segur.map((o) => optionsOf[outcomes.indexOf(o)]),
      args.modelled,
      name,
    );
  } catch {
    // crossCheck isolates each file, pair and group; this is the last guard: every file keeps its own findings.
    cross = new Map(segur.map((o) => [o.file, internalCheckResult('cross').findings]));
  }
  const html = args.format === 'html';
  const reports: FileReport[] = [];
  for (const o of outcomes) {
    if (o.problem?.kind === 'unreadable') {
      reports.push({ file: name(o.file), detection: o.detection, findings: [], problem: o.problem });
      continue;
    }
    if (!o.detection.isSegur && !o.explicit && !o.problem) continue;
    try {
      if (o.reportFailed) throw new Error('ranges');
      const more = cross.get(o.file) ?? [];
      let findings: RangedFinding[] = o.findings;
      if (more.length > 0) {
        if (!o.lines) throw new Error('no positions');
        const lines = unpackLineStarts(o.lines);
        findings = [...o.findings, ...more.map((f) => ({ ...f, range: lines.range(f.offset, f.length) }))].sort(reportOrder);
      }
      reports.push({
        file: name(o.file),
        detection: o.detection,
        findings,
        fixed: o.fixed ? [...o.fixed].map(([code, count]) => ({ code, count })) : undefined,
        problem: o.problem,
        ...(html
          ? { text: o.text, overview: o.detection.isSegur ? overview({ detection: o.detection, findings, summary: o.summary }, findings) : undefined }
          : {}),
      });
    } catch {
      const r = internalCheckResult('check');
      reports.push({
        file: name(o.file),
        detection: r.detection,
        findings: r.findings.map((f) => ({ ...f, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } })),
        problem: o.problem,
      });
    }
  }
  // --quiet keeps errors only; --max-warnings counts the warnings before that (gate.ts).
  const gate = applyGate(reports, args);
  if (gate.note) notes.push(gate.note);
  reports.splice(0, reports.length, ...gate.reports);
  const output =
    args.format === 'github'
      ? formatGithub(reports, args.lang)
      : args.format === 'junit'
        ? formatJunit(reports, args.lang)
        : args.format === 'gitlab'
          ? formatGitlab(reports, args.lang)
          : args.format === 'json'
            ? formatJson(reports, args.lang)
            : args.format === 'sarif'
              ? formatSarif(reports, args.lang, VERSION)
              : args.format === 'compact'
                ? formatCompact(reports, args.lang)
                : args.format === 'html'
                  ? formatHtml(reports, args.lang, VERSION)
                  : formatText(reports, args.lang);
  const hasError = reports.some((r) => r.findings.some((f) => f.severity === 'error'));
  // A file that could not be read or written outranks any finding: the run did not do all it was asked.
  const failed = outcomes.some((o) => o.problem);
  return { output, exitCode: failed ? 2 : hasError || gate.tooManyWarnings ? 1 : 0, notes, reports };
}
