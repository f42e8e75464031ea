/**
 * One file of `segur-json check`, from its path to what the report and the rules across files need, and nothing
 * more: read, `--fix` / `--fix-encoding` (written atomically, only over the file as it was read: io/atomicWrite.ts),
 * check, then its own findings with their ranges, its detection, its summary settled (positions read, nothing of the
 * document kept) and its line starts packed (the ranges of the findings across files, known only once every file is
 * checked). The text is dropped here, except for
 * `--format html`, whose excerpts quote lines of the findings across files too. The same function runs in the main
 * thread (one file, a handful) and in the worker threads of a folder (worker.ts): both paths give the same output.
 */
import { relative, resolve } from 'node:path';
import { readRegularFile, FileReadError, type ReadResult } from '../io/files';
import { writeFileAtomic, FileWriteError, type AtomicWriteOptions } from '../io/atomicWrite';
import { inTemplatesFolder } from '../io/templates';
import {
  encodeUtf8,
  isUtf8,
  ENCODING_LABEL,
  check,
  asBlankTemplate,
  cliInternalFinding,
  fixAll,
  settleSummary,
  LineIndex,
  lineStarts,
  type CheckOptions,
  type CheckResult,
  type Detection,
  type FileSummary,
  type Finding,
  type Locale,
  type Localized,
  type Range,
  type SchemaNode,
  type Severity,
  type AttachmentFact,
} from '../segur';
import { associationOf, type FileAssociation } from '../config/segurConfig';

/** A usage error (exit 2): main.ts re-exports it; defined here so that a worker can tell it from a crash. */
export class UsageError extends Error {}

/** What every file of one run shares (plain data: it is given to the workers as is). */
export interface FileCheckOptions {
  sons?: string;
  kind?: 'avance' | 'solde';
  templates?: Record<string, SchemaNode>;
  /** The folder `templates` were loaded from (--templates, relative to `cwd`): its blank templates are « in use ». */
  templatesDir?: string;
  modelled?: 'error' | 'warning' | 'information' | 'off';
  /** Per-rule severities (`rules` of segur.config.json). */
  severities?: Record<string, Severity | 'off'>;
  /** Globs → SONS and kind (`files` of segur.config.json); `sons` and `kind` (the options) win over them. */
  files?: FileAssociation[];
  fix: boolean;
  fixEncoding?: boolean;
  /** `--format html`: the text is kept for the excerpts. */
  keepText: boolean;
  lang: Locale;
  /** Files are named relative to it in notes and messages. */
  cwd: string;
  /** `--attachments`: what the attachments folder holds for this file's names (cli/checkAttachments.ts; rules P1–P4). */
  attachments?: readonly AttachmentFact[];
}

export type RangedFinding = Finding & { range: Range };

/** One checked file, as the report and the cross stage need it. Plain data (structured clone). */
export interface FileOutcome {
  file: string;
  explicit: boolean;
  detection: Detection;
  /** Its own findings (a failed --fix first), in report order (offset, then code), with their ranges. */
  findings: RangedFinding[];
  fixed?: Map<string, number>;
  /** Settled (settleSummary), for the rules across files and the HTML totals; Ségur files only. */
  summary?: FileSummary;
  /** Packed line starts (packLineStarts): Ségur files that have a summary, the only ones with findings across files. */
  lines?: Uint16Array | Uint32Array;
  /** `--format html` only. */
  text?: string;
  /** Notes for stderr (files not rewritten, converted), each naming its file. */
  notes: string[];
  /** Ranges could not be computed: the report shows one internal finding for the file (as before). */
  reportFailed?: boolean;
  /**
   * The file could not be read (no findings), or its fixed text could not be written (checked as it is on disk):
   * told on stderr and in the report, and the run ends with exit 2; the other files are checked all the same.
   * `message` does not name the file (the report does).
   */
  problem?: FileProblem;
  /** What stderr says of this file as soon as it is done, naming it: the file written by --fix, or its problem. */
  progress?: string;
}

export interface FileProblem {
  kind: 'unreadable' | 'unwritten';
  message: Localized;
}

/**
 * A file whose check throws gets this one finding (no identifier, no exception text: it could quote the document) and
 * the other files run (one file's failure never affects another). An error, so that a file that could not be checked
 * never passes.
 */
export function internalCheckResult(stage: 'check' | 'fix' | 'cross'): CheckResult {
  return {
    detection: { isSegur: true, reason: { fr: 'vérification interrompue', en: 'check interrupted' } },
    findings: [cliInternalFinding(stage)],
  };
}

/** Applies safe fixes pass after pass until none is left (the engine's fixAll, shared with the editor). */
export function fixText(text: string, options: CheckOptions): { text: string; fixed: Map<string, number> } {
  const { text: out, fixed } = fixAll(text, options);
  return { text: out, fixed };
}

/** Why a file could not be read: « illisible : permission refusée (EACCES) », « introuvable »… */
export function readProblem(e: unknown): Localized {
  if (!(e instanceof FileReadError)) return { fr: 'illisible', en: 'unreadable' };
  const why = e.why;
  return { fr: `${e.reason.fr}${why ? ` : ${why.fr}` : ''}`, en: `${e.reason.en}${why ? `: ${why.en}` : ''}` };
}

/** Reads a file given on the command line (solde-from-avance, learn-template): unreadable is a usage error. */
export function readFile(file: string): ReadResult {
  try {
    return readRegularFile(file);
  } catch (e) {
    const p = readProblem(e);
    throw new UsageError(`illisible / unreadable: ${file} : ${p.fr} / ${p.en}`);
  }
}

/** The engine's options for one file: the run's, its configuration's (severities, SONS and kind by glob). */
export function checkOptionsOf(file: string, o: FileCheckOptions, read: { encoding: CheckOptions['encoding'] }): CheckOptions {
  const assoc = o.sons && o.kind ? undefined : associationOf(o.files, resolve(o.cwd, file));
  return {
    fileName: file,
    sons: o.sons ?? assoc?.sons,
    kind: o.kind ?? assoc?.kind,
    templates: o.templates,
    encoding: read.encoding,
    modelledSeverity: o.modelled,
    ...(o.severities ? { severities: o.severities } : {}),
    ...(o.attachments ? { attachments: o.attachments } : {}),
  };
}

/** How checkFile reads and writes (tests give a reader that fails, or a write hook). */
export interface FileIo {
  read: (file: string) => ReadResult;
  write?: AtomicWriteOptions;
}

// ——— Positions without the text ———

/**
 * The start offset of every line (engine/syntax/lineIndex.ts `lineStarts`), packed: the length of each line in a Uint16Array
 * (half the size of the offsets; a line of 64 K characters or more, as in a minified file, makes it a Uint32Array of
 * the offsets themselves). About 20 KB for a file of 200 requests.
 */
export function packLineStarts(text: string): Uint16Array | Uint32Array {
  const starts = lineStarts(text);
  let long = false;
  for (let i = 1; i < starts.length && !long; i++) if (starts[i] - starts[i - 1] > 0xffff) long = true;
  if (long) return Uint32Array.from(starts);
  const lengths = new Uint16Array(starts.length);
  for (let i = 1; i < starts.length; i++) lengths[i] = starts[i] - starts[i - 1];
  return lengths;
}

/** The positions of a file from its packed line starts (`packLineStarts`). */
export function unpackLineStarts(packed: Uint16Array | Uint32Array): LineIndex {
  if (packed instanceof Uint32Array) return new LineIndex(packed);
  const starts = new Uint32Array(packed.length);
  for (let i = 1; i < packed.length; i++) starts[i] = starts[i - 1] + packed[i];
  return new LineIndex(starts);
}

/** The order of a file's findings in the report: by offset, then code (a stable sort: ties keep their order). */
export const reportOrder = (a: Finding, b: Finding) => a.offset - b.offset || a.code.localeCompare(b.code);

/**
 * Checks one file (see the module's comment). A file that cannot be read, or whose fix cannot be written, is an
 * outcome with its `problem`, never an exception: the other files of the run go on.
 */
export function checkFile(file: string, explicit: boolean, o: FileCheckOptions, io: FileIo = { read: readRegularFile }): FileOutcome {
  const name = (f: string) => relative(o.cwd, f) || f;
  let read: ReadResult;
  try {
    read = io.read(file);
  } catch (e) {
    const message = readProblem(e);
    return {
      file,
      explicit,
      detection: { isSegur: false, reason: message },
      findings: [],
      notes: [],
      problem: { kind: 'unreadable', message },
      progress: `${name(file)} : ${message.fr} / ${message.en}`,
    };
  }
  return checkRead(file, explicit, o, read, io);
}

function checkRead(file: string, explicit: boolean, o: FileCheckOptions, read: ReadResult, io: FileIo): FileOutcome {
  const name = (f: string) => relative(o.cwd, f) || f;
  const notes: string[] = [];
  let text = read.text;
  let problem: FileProblem | undefined;
  let progress: string | undefined;
  const options = checkOptionsOf(file, o, read);
  let fixed: Map<string, number> | undefined;
  const failed: Finding[] = [];
  if (o.fix || o.fixEncoding) {
    // Never a byte not meant: UTF-8 text (a BOM kept as U+FEFF) is written back as the same bytes but for the
    // edits; a file in another encoding is only rewritten when --fix-encoding asks for its conversion.
    let r: ReturnType<typeof fixText> = { text, fixed: new Map<string, number>() };
    try {
      if (o.fix) r = fixText(text, options);
    } catch {
      failed.push(...internalCheckResult('fix').findings); // nothing written: the file keeps its bytes
    }
    const convert = failed.length === 0 && !isUtf8(read.encoding) && !!o.fixEncoding && check(text, options).detection.isSegur;
    const label = ENCODING_LABEL[read.encoding] + (read.guessed ? ' ?' : '');
    const labelEn = ENCODING_LABEL[read.encoding] + (read.guessed ? '?' : '');
    if (!isUtf8(read.encoding) && r.fixed.size > 0 && !o.fixEncoding) {
      const n = [...r.fixed.values()].reduce((a, b) => a + b, 0);
      notes.push(
        `${name(file)} : le fichier n'est pas en UTF-8 (${label}) : le JSON échangé s'écrit en UTF-8 (RFC 8259) ; --fix ne le réécrit pas (${n} correction(s) non appliquée(s)), --fix-encoding le convertit en UTF-8 / the file is not UTF-8 (${labelEn}): exchanged JSON is written in UTF-8 (RFC 8259); --fix does not rewrite it (${n} fix(es) not applied), --fix-encoding converts it to UTF-8`,
      );
    } else if (convert && !read.lossless) {
      notes.push(
        `${name(file)} : le fichier n'est pas en UTF-8 (${label}) et ne se décode pas sans perte : il n'est ni converti ni réécrit / the file is not UTF-8 (${labelEn}) and does not decode losslessly: it is neither converted nor rewritten`,
      );
    } else if (r.fixed.size > 0 || convert) {
      let written = false;
      try {
        // Only over the file that was read: one edited or replaced meanwhile is not overwritten.
        writeFileAtomic(file, encodeUtf8(r.text), { ...io.write, expected: read.identity });
        written = true;
      } catch (e) {
        if (!(e instanceof FileWriteError)) throw e;
        // Checked as it is on disk: the findings are those of the text that was read, not of the fix.
        const said = e.describe(name(file));
        problem = {
          kind: 'unwritten',
          message:
            e.kind === 'changed'
              ? {
                  fr: `a changé sur le disque depuis sa lecture : non réécrit (${e.reason.fr})`,
                  en: `changed on disk since it was read: not overwritten (${e.reason.en})`,
                }
              : {
                  fr: `impossible d'écrire le fichier corrigé, il est inchangé : ${e.reason.fr}`,
                  en: `cannot write the fixed file, it is unchanged: ${e.reason.en}`,
                },
        };
        progress = `${said.fr} / ${said.en}`;
      }
      if (written) {
        text = r.text;
        fixed = r.fixed;
        if (convert) {
          fixed.set('S12/encoding', 1);
          options.encoding = 'utf-8';
          notes.push(`${name(file)} : converti en UTF-8 (${ENCODING_LABEL[read.encoding]}) / converted to UTF-8 (from ${ENCODING_LABEL[read.encoding]})`);
        }
        const what = [...fixed].map(([code, count]) => `${code} × ${count}`).join(', ');
        progress = `${name(file)} : corrigé et écrit (${what}) / fixed and written (${what})`;
      }
    }
  }
  let result: CheckResult;
  try {
    // A blank official template gets one finding saying so, not the S3 of every tag: as in the editor.
    const folder = o.templatesDir === undefined ? undefined : resolve(o.cwd, o.templatesDir);
    result = asBlankTemplate(text, options, check(text, options), inTemplatesFolder(folder)).result;
  } catch {
    // One internal finding per file: a failed --fix has already said so.
    result = internalCheckResult('check');
    if (failed.length > 0) result.findings = [];
  }
  const out: FileOutcome = { file, explicit, detection: result.detection, findings: [], fixed, notes, problem, progress };
  try {
    const own = [...failed, ...result.findings].sort(reportOrder);
    const segur = result.detection.isSegur && result.summary !== undefined;
    // Positions are read only when something needs them: a clean file outside the rules across files never pays.
    const packed = segur || own.length > 0 ? packLineStarts(text) : undefined;
    if (own.length > 0) {
      const lines = unpackLineStarts(packed!);
      out.findings = own.map((f) => ({ ...f, range: lines.range(f.offset, f.length) }));
    }
    if (segur) out.lines = packed;
  } catch {
    out.reportFailed = true;
    out.findings = [];
    out.lines = undefined;
  }
  if (result.detection.isSegur && result.summary) {
    try {
      out.summary = settleSummary(result.summary);
    } catch {
      // Left out of the rules across files; its own findings stand.
    }
  }
  if (o.keepText) out.text = text;
  return out;
}
