/**
 * The deposit folder of `segur-json package` on disk: one ZIP per request holding exactly the pièces justificatives
 * that request names, the JSON byte for byte, and `manifest.json` (each request's ZIP and each file's size and
 * SHA-256). The ZIP's name comes from schemas/attachments.json `zip.name`: the portal publishes none (modelled).
 *
 * Deterministic: every entry carries the fixed time of `zip.modifiedAt`, the entries follow the JSON's order and
 * entries are stored, so two runs give the same bytes. Each attachment is read once; its CRC-32 (node's native zlib.crc32)
 * and SHA-256 are computed from those bytes, which the ZIP holds. Each ZIP is read back from the disk after it is
 * written: byte for byte the ZIP built, and its central directory, listed by fflate's reader, names the entries in
 * order with the sizes and CRC-32 computed while writing. At the end every attachment must still be the file that was
 * read (device, inode, size, modification and change times), as the JSON must still be its bytes.
 *
 * Never half-written: everything goes to a hidden temporary folder beside the target, each file through
 * io/atomicWrite.ts (flushed to the disk), and the folder is renamed to the target at the very end. A failure removes
 * the temporary folder; a kill leaves it (hidden, `.<target>.<pid>-<random>.tmp`) and no target. Nothing is written
 * in the attachments folder; the attachments and the JSON are only read.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  fsyncSync,
  statSync,
  type BigIntStats,
} from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { isStrictlyInside } from './paths';
import { crc32, storedZip, zipMismatch, ZipWriteError, type ZipEntry } from './zipWriter';
import { ATTACHMENT_LIMITS, isPlainFileName, type AttachmentName, type Localized } from '../segur';
import { errnoReason, FileWriteError, writeFileAtomic } from './atomicWrite';

/** Without blocking on a FIFO put in place of a file between the check and the read. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
export { crc32, zipMismatch, type ZipEntry, type ExpectedEntry } from './zipWriter';
export const MANIFEST_NAME = 'manifest.json';

/** The package cannot be made as asked (a name, a read, a write, a ZIP that does not read back): nothing is left. */
export class PackageError extends Error {
  constructor(readonly reason: Localized) {
    super(reason.en);
  }
}

/** One request's ZIP: its name and the attachment names it holds, in the JSON's order. */
export interface PlannedZip {
  /** The request's numLigne as the JSON writes it (a string: the value may be a number or a string). */
  numLigne: string;
  /** Index of the request line in lignesImport (0-based): how the user finds it. */
  lineIndex: number;
  zip: string;
  files: string[];
}

/** The ZIP name for one request: `pattern` (schemas/attachments.json `zip.name`) with `{editeur}` and `{numLigne}`. */
export function zipNameOf(pattern: string, editeur: string, numLigne: string): string {
  return pattern.replaceAll('{editeur}', editeur).replaceAll('{numLigne}', numLigne);
}

/**
 * The ZIPs of a document's attachment names (engine's `attachmentNames`): one per request line that names at least one
 * file, in the JSON's order; a name listed twice in one request is one entry. Throws PackageError, naming the request
 * lines (never a file name), when a name is outside any request, a request has no éditeur number or numLigne, its ZIP
 * name is not a plain file name, or two requests would get the same ZIP name (letter case aside: Windows and macOS
 * would merge them) or that of the JSON or the manifest.
 */
export function planZips(names: readonly AttachmentName[], jsonName: string, pattern = ATTACHMENT_LIMITS.zip.name): PlannedZip[] {
  const byLine = new Map<number, PlannedZip>();
  for (const n of names) {
    if (n.lineIndex === undefined)
      throw new PackageError({
        fr: 'une pièce justificative est nommée hors des demandes (lignesImport) : aucun ZIP ne peut la contenir',
        en: 'an attachment is named outside the requests (lignesImport): no ZIP can hold it',
      });
    let z = byLine.get(n.lineIndex);
    if (!z) {
      const at = { fr: `demande n° ${n.lineIndex + 1} de lignesImport`, en: `request #${n.lineIndex + 1} of lignesImport` };
      if (n.editeur === undefined || n.editeur === '' || n.numLigne === undefined || n.numLigne === '')
        throw new PackageError({
          fr: `${at.fr} : sans numéro éditeur ou sans numLigne, son ZIP ne peut pas être nommé (${pattern})`,
          en: `${at.en}: without an éditeur number or a numLigne, its ZIP cannot be named (${pattern})`,
        });
      const zip = zipNameOf(pattern, n.editeur, n.numLigne);
      if (!isPlainFileName(zip) || /[\u0000-\u001f]/.test(zip))
        throw new PackageError({
          fr: `${at.fr} : le nom de son ZIP n'est pas un simple nom de fichier (numéro éditeur ou numLigne avec / \\ : ou un caractère de contrôle)`,
          en: `${at.en}: its ZIP's name is not a plain file name (éditeur number or numLigne with / \\ : or a control character)`,
        });
      z = { numLigne: n.numLigne, lineIndex: n.lineIndex, zip, files: [] };
      byLine.set(n.lineIndex, z);
    }
    if (!z.files.includes(n.name)) z.files.push(n.name);
  }
  const plan = [...byLine.values()].sort((a, b) => a.lineIndex - b.lineIndex);
  const taken = new Map<string, string>([
    [jsonName.toLowerCase(), jsonName],
    [MANIFEST_NAME, MANIFEST_NAME],
  ]);
  const owner = new Map<string, PlannedZip>();
  for (const z of plan) {
    const key = z.zip.toLowerCase();
    const first = owner.get(key);
    if (first)
      throw new PackageError({
        fr: `les demandes numLigne ${first.numLigne} et ${z.numLigne} auraient le même nom de ZIP (${z.zip}) : numéro éditeur et numLigne doivent distinguer chaque demande (modèle ${pattern})`,
        en: `the requests with numLigne ${first.numLigne} and ${z.numLigne} would get the same ZIP name (${z.zip}): the éditeur number and numLigne must tell each request apart (pattern ${pattern})`,
      });
    if (taken.has(key))
      throw new PackageError({
        fr: `numLigne ${z.numLigne} : le nom de son ZIP (${z.zip}) est celui de ${taken.get(key)}`,
        en: `numLigne ${z.numLigne}: its ZIP's name (${z.zip}) is that of ${taken.get(key)}`,
      });
    owner.set(key, z);
  }
  return plan;
}

/** The bytes of a regular file, opened without blocking; what was opened is what is read (its descriptor checked). */
export function readRegularBytes(path: string): Uint8Array {
  return readWithIdentity(path).bytes;
}

/** What a file is on disk, to tell later whether it is still the file that was read (a change, a replacement). */
const identityOf = (st: BigIntStats) => `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;

function readWithIdentity(path: string): { bytes: Uint8Array; identity: string } {
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const st = fstatSync(fd, { bigint: true });
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EINVAL' });
    return { bytes: readFileSync(fd), identity: identityOf(st) };
  } finally {
    closeSync(fd);
  }
}

/**
 * One attachment's bytes, read as rule P1 found it (io/attachmentFacts.ts): a plain name of the folder, a link only
 * when it leads inside the folder, a regular file. Throws PackageError without the name (the caller names the request).
 */
export function readAttachment(folder: string, name: string): Uint8Array {
  return readAttachmentFile(folder, name).bytes;
}

function readAttachmentFile(folder: string, name: string): { bytes: Uint8Array; identity: string } {
  if (!isPlainFileName(name)) throw new PackageError({ fr: 'nom de pièce qui sort du dossier', en: 'attachment name that leaves the folder' });
  const path = join(folder, name);
  try {
    if (lstatSync(path).isSymbolicLink() && !isStrictlyInside(realpathSync(folder), realpathSync(path)))
      throw new PackageError({ fr: 'lien vers un fichier hors du dossier des pièces', en: 'link to a file outside the attachments folder' });
    return readWithIdentity(path);
  } catch (e) {
    if (e instanceof PackageError) throw e;
    const why = errnoReason(e);
    throw new PackageError({ fr: `pièce illisible : ${why.fr}`, en: `attachment unreadable: ${why.en}` });
  }
}

/**
 * The fixed time of every entry (schemas/attachments.json `zip.modifiedAt`). A ZIP stores a wall-clock time without
 * a zone, which fflate takes from the Date's local fields: the Date is built from the written fields in local time,
 * so the bytes are the same whatever the machine's time zone.
 */
export function zipTime(modifiedAt = ATTACHMENT_LIMITS.zip.modifiedAt): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(modifiedAt);
  if (!m) throw new PackageError({ fr: `zip.modifiedAt illisible : ${modifiedAt}`, en: `zip.modifiedAt unreadable: ${modifiedAt}` });
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  return new Date(y, mo - 1, d, h, mi, s);
}

/**
 * One ZIP of `entries` in their order, at the fixed time: the same bytes for the same input (io/zipWriter.ts: stored
 * entries, node's native CRC-32).
 */
export function zipOf(entries: readonly ZipEntry[], mtime = zipTime()): Uint8Array {
  try {
    return storedZip(entries, mtime);
  } catch (e) {
    throw e instanceof ZipWriteError ? new PackageError(e.reason) : e;
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** manifest.json: the JSON, then for each request its numLigne, its ZIP and each file's size and SHA-256. */
export interface Manifest {
  json: { name: string; size: number; sha256: string };
  zipName: { pattern: string; provenance: string };
  requests: { numLigne: number | string; zip: string; size: number; sha256: string; files: { name: string; size: number; sha256: string }[] }[];
}

/** Tests only: called after each ZIP is written and checked (a failure thrown here, or a pause to kill the run). */
export interface PackageHooks {
  afterZip?: (index: number, tempFolder: string) => void | Promise<void>;
}

export interface PackageInput {
  /** The JSON's bytes, as read before the check (copied byte for byte). */
  json: { name: string; bytes: Uint8Array };
  /** The JSON's path: read again at the end, it must still be those bytes. */
  jsonPath: string;
  folder: string;
  plan: readonly PlannedZip[];
}

/**
 * Writes the package to `target` (which must not exist) through a temporary sibling folder renamed at the end (see the
 * module's comment). Throws PackageError (the temporary folder removed, `target` absent) on any failure.
 */
export async function writePackage(input: PackageInput, target: string, hooks: PackageHooks = {}): Promise<Manifest> {
  const out = resolve(target);
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(tmp);
  } catch (e) {
    const why = errnoReason(e);
    throw new PackageError({
      fr: `impossible de créer le dossier temporaire à côté de ${target} : ${why.fr}`,
      en: `cannot create the temporary folder beside ${target}: ${why.en}`,
    });
  }
  try {
    const mtime = zipTime();
    const write = (name: string, data: string | Uint8Array) => {
      try {
        writeFileAtomic(join(tmp, name), data);
      } catch (e) {
        if (!(e instanceof FileWriteError)) throw e;
        throw new PackageError({ fr: `impossible d'écrire dans ${target} : ${e.reason.fr}`, en: `cannot write into ${target}: ${e.reason.en}` });
      }
    };
    write(input.json.name, input.json.bytes);
    const manifest: Manifest = {
      json: { name: input.json.name, size: input.json.bytes.length, sha256: sha256(input.json.bytes) },
      zipName: { pattern: ATTACHMENT_LIMITS.zip.name, provenance: ATTACHMENT_LIMITS.zip.provenance },
      requests: [],
    };
    // Every attachment read, to tell at the end that it is still the file that was read (none changed meanwhile).
    const sources: { name: string; identity: string; at: (r: Localized) => Localized }[] = [];
    for (const [i, z] of input.plan.entries()) {
      const at = (r: Localized): Localized => ({ fr: `numLigne ${z.numLigne} (${z.zip}) : ${r.fr}`, en: `numLigne ${z.numLigne} (${z.zip}): ${r.en}` });
      const read = (name: string) => {
        try {
          return readAttachmentFile(input.folder, name);
        } catch (e) {
          throw e instanceof PackageError ? new PackageError(at(e.reason)) : e;
        }
      };
      const entries = z.files.map((name) => {
        const { bytes, identity } = read(name);
        sources.push({ name, identity, at });
        return { name, bytes, crc: crc32(bytes) };
      });
      const bytes = zipOf(entries, mtime);
      write(z.zip, bytes);
      // Read back from the disk: the very bytes built, and a ZIP that another reader lists as expected (names in
      // order, sizes and CRC-32 computed while writing).
      let written: Uint8Array;
      try {
        written = readRegularBytes(join(tmp, z.zip));
      } catch (e) {
        const why = errnoReason(e);
        throw new PackageError(at({ fr: `ZIP écrit illisible : ${why.fr}`, en: `ZIP written unreadable: ${why.en}` }));
      }
      const wrong =
        (Buffer.from(written.buffer, written.byteOffset, written.byteLength).equals(bytes)
          ? undefined
          : { fr: 'le ZIP relu diffère du ZIP écrit', en: 'the ZIP read back differs from the ZIP written' }) ??
        zipMismatch(
          written,
          entries.map((e) => ({ name: e.name, size: e.bytes.length, crc: e.crc })),
        );
      if (wrong) throw new PackageError(at(wrong));
      manifest.requests.push({
        numLigne: /^(0|[1-9]\d{0,14})$/.test(z.numLigne) ? Number(z.numLigne) : z.numLigne,
        zip: z.zip,
        size: written.length,
        sha256: sha256(bytes),
        files: entries.map((e) => ({ name: e.name, size: e.bytes.length, sha256: sha256(e.bytes) })),
      });
      await hooks.afterZip?.(i, tmp);
    }
    for (const r of sources) {
      let now: string | undefined;
      try {
        now = identityOf(statSync(join(input.folder, r.name), { bigint: true }));
      } catch {
        now = undefined;
      }
      if (now !== r.identity)
        throw new PackageError(
          r.at({
            fr: 'une pièce a changé sur le disque pendant la préparation : relancez',
            en: 'an attachment changed on disk while the package was made: run again',
          }),
        );
    }
    write(MANIFEST_NAME, JSON.stringify(manifest, null, 2) + '\n');
    let now: Uint8Array | undefined;
    try {
      now = readRegularBytes(input.jsonPath);
    } catch {
      now = undefined;
    }
    if (!now || !Buffer.from(now).equals(input.json.bytes))
      throw new PackageError({
        fr: `${input.json.name} a changé sur le disque pendant la préparation : relancez`,
        en: `${input.json.name} changed on disk while the package was made: run again`,
      });
    commitFolder(tmp, out, target);
    return manifest;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Renames the finished temporary folder to the target, then flushes the parent folder so that the name is durable.
 * A target that appeared meanwhile is never replaced: a folder with files makes the rename fail (ENOTEMPTY), a file
 * too (ENOTDIR); only an empty folder would be replaced (nothing in it is lost), and the look just before prevents it.
 */
function commitFolder(tmp: string, out: string, target: string): void {
  if (exists(out)) throw new PackageError(alreadyThere(target));
  try {
    renameSync(tmp, out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') throw new PackageError(alreadyThere(target));
    const why = errnoReason(e);
    throw new PackageError({
      fr: `impossible de renommer le dossier temporaire en ${target} : ${why.fr}`,
      en: `cannot rename the temporary folder to ${target}: ${why.en}`,
    });
  }
  try {
    const fd = openSync(dirname(out), constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The files are on disk; only the folder's name may not be, after a power cut.
  }
}

/** Whether anything (a file, a folder, a link, even broken) has this name. */
export function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export function alreadyThere(target: string): Localized {
  return {
    fr: `${target} existe déjà : il n'est ni remplacé ni complété ; choisissez un autre dossier ou supprimez-le`,
    en: `${target} already exists: it is neither replaced nor added to; choose another folder or delete it`,
  };
}
