/**
 * Writing a user's file so that nothing is ever lost: the new bytes go to a temporary file in the target's folder,
 * are flushed to the disk (fsync), given the target's mode (and owner, when the system lets us), then renamed over
 * the target in one step. A crash, a kill or a full disk at any moment leaves the old file or the new one, never a
 * mix; a failed write removes its temporary file and leaves the target byte for byte.
 *
 * A file that was read to be rewritten (`--fix`) carries the identity it had when it was read (`identityOf`: device,
 * inode, size, modification time): if the file on disk is no longer that one just before the rename (edited, replaced
 * with `mv`, deleted), it is not overwritten and the caller is told (`FileWriteError`, kind `changed`); the new text
 * is not kept anywhere (a copy beside it would be one more `.json` file in the folder, checked and paired with the
 * others on the next run): running the fix again fixes the file as it now is. Between that last look and the rename
 * there is still a window of a few system calls; no portable call closes it.
 *
 * An existing target that is not a regular file (`/dev/stdout`, `/dev/null`, `/dev/full`, a FIFO a reader waits on)
 * is written directly: renaming over a device or a pipe would replace it by a file. A path under /dev or /proc that
 * leads to a regular file (`-o /dev/stdout` redirected to a file by the shell) is appended to: the file is the
 * shell's, opened and perhaps written before us. A symbolic link is kept: the file
 * it points to is replaced. A file with several hard links gets a new inode: its other names keep the old content.
 *
 * Why not the library write-file-atomic: it does the temporary file, the fsync and the rename, but it has no hook
 * between the fsync and the rename for the « unchanged since read » check, it renames over whatever the path names
 * (a device or a FIFO included) and its errors carry no reason we could name in French; the steps are a few calls.
 */
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  constants,
  type BigIntStats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import type { Localized } from '../segur';

/** What a file was when it was read: the same path naming another file, or the same file changed, differ from it. */
export interface FileIdentity {
  dev: string;
  ino: string;
  size: string;
  mtimeNs: string;
}

export function identityOf(st: BigIntStats): FileIdentity {
  return { dev: String(st.dev), ino: String(st.ino), size: String(st.size), mtimeNs: String(st.mtimeNs) };
}

function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

const REASONS: Record<string, Localized> = {
  ENOSPC: { fr: 'disque plein', en: 'disk full' },
  EDQUOT: { fr: 'quota de disque dépassé', en: 'disk quota exceeded' },
  EACCES: { fr: 'permission refusée', en: 'permission denied' },
  EPERM: { fr: 'opération non permise', en: 'operation not permitted' },
  EROFS: { fr: 'système de fichiers en lecture seule', en: 'read-only file system' },
  ENOENT: { fr: 'introuvable', en: 'not found' },
  ENOTDIR: { fr: "un élément du chemin n'est pas un dossier", en: 'a part of the path is not a folder' },
  EISDIR: { fr: "c'est un dossier", en: 'it is a folder' },
  EFBIG: { fr: 'fichier trop gros', en: 'file too large' },
  EIO: { fr: "erreur d'entrée-sortie", en: 'input/output error' },
  ENXIO: { fr: 'aucun lecteur', en: 'no reader' },
  EPIPE: { fr: 'le lecteur est parti', en: 'the reader went away' },
  EBUSY: { fr: 'occupé', en: 'busy' },
  ETXTBSY: { fr: 'occupé', en: 'busy' },
  ELOOP: { fr: 'boucle de liens symboliques', en: 'symbolic link loop' },
  ENAMETOOLONG: { fr: 'nom trop long', en: 'name too long' },
  EXDEV: { fr: 'autre système de fichiers', en: 'another file system' },
};

/** « disque plein (ENOSPC) » / "disk full (ENOSPC)": why a system call failed, from its error code. */
export function errnoReason(e: unknown): Localized {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const r = code ? REASONS[code] : undefined;
  if (r) return { fr: `${r.fr} (${code})`, en: `${r.en} (${code})` };
  return code ? { fr: `erreur système (${code})`, en: `system error (${code})` } : { fr: 'erreur inconnue', en: 'unknown error' };
}

/** A file that was not written: it is left as it was. `message` names the file and says why, French then English. */
export class FileWriteError extends Error {
  constructor(
    readonly file: string,
    /** `failed`: a system call failed (`code`); `changed`: the file changed on disk since it was read. */
    readonly kind: 'failed' | 'changed',
    readonly code: string | undefined,
    readonly reason: Localized,
  ) {
    super(`cannot write ${file}: ${reason.en}`);
  }

  /** « impossible d'écrire x.json : disque plein (ENOSPC) » and its English; `name`: the file as the user knows it. */
  describe(name = this.file): Localized {
    if (this.kind === 'changed')
      return {
        fr: `${name} a changé sur le disque depuis sa lecture : il n'est pas réécrit (${this.reason.fr})`,
        en: `${name} changed on disk since it was read: not overwritten (${this.reason.en})`,
      };
    return { fr: `impossible d'écrire ${name} : ${this.reason.fr}`, en: `cannot write ${name}: ${this.reason.en}` };
  }
}

/** The system calls a test may replace to see a failure at one step (a full disk, a rename refused). */
export interface WriteSteps {
  write: (fd: number, data: string | Uint8Array) => void;
  fsync: (fd: number) => void;
  rename: (from: string, to: string) => void;
}

const SYSTEM: WriteSteps = { write: (fd, data) => writeFileSync(fd, data), fsync: fsyncSync, rename: renameSync };

export interface AtomicWriteOptions {
  /** The file as it was read: if the target is no longer this file, it is not overwritten (kind `changed`). */
  expected?: FileIdentity;
  /** Called between the flushed temporary file and the last look at the target (tests replace the file here). */
  beforeCommit?: () => void;
  /** Tests only: one step failing. */
  steps?: Partial<WriteSteps>;
}

/**
 * Writes `data` to `file` (see the module's comment): atomically when `file` is a regular file or does not exist,
 * directly when it exists and is not a regular file (a device, a FIFO). Throws `FileWriteError` and leaves `file`
 * as it was (and no temporary file) on any failure.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const steps = { ...SYSTEM, ...options.steps };
  const fail = (e: unknown) => {
    const code = (e as NodeJS.ErrnoException)?.code;
    // Writing, a missing name is the folder: the file itself is created.
    return new FileWriteError(
      file,
      'failed',
      code,
      code === 'ENOENT' ? { fr: 'dossier introuvable (ENOENT)', en: 'folder not found (ENOENT)' } : errnoReason(e),
    );
  };
  const changed = (why: Localized) => new FileWriteError(file, 'changed', undefined, why);
  let st: BigIntStats | undefined;
  try {
    st = statSync(file, { bigint: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fail(e);
  }
  if (options.expected && !st) throw changed({ fr: 'il a été supprimé ou déplacé', en: 'it was deleted or moved' });
  if (st?.isDirectory()) throw fail(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }));
  // `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N` name a descriptor the caller was given: when it leads to a regular
  // file (a shell redirection), the file is the shell's, open, perhaps written already: appended to, never replaced.
  const descriptor = /^\/(dev|proc)\//.test(resolve(file));
  if (st && (!st.isFile() || descriptor)) {
    if (options.expected && !sameIdentity(identityOf(st), options.expected))
      throw changed({ fr: 'modifié ou remplacé pendant la correction', en: 'modified or replaced while it was being fixed' });
    // A device or a FIFO: what is written goes to it, as a shell redirection would.
    try {
      const fd = openSync(file, constants.O_WRONLY | (st.isFile() ? constants.O_APPEND : 0));
      try {
        steps.write(fd, data);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      throw fail(e);
    }
    return;
  }
  // A symbolic link stays one: the file it names is replaced, in its own folder.
  let target = file;
  try {
    if (lstatSync(file).isSymbolicLink()) target = realpathSync(file);
  } catch {
    // A missing file, or a dangling link: replaced by a file under this name.
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    // Private until its mode is set: the new content is never readable by more people than the old one.
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, st ? 0o600 : 0o666);
    created = true;
    steps.write(fd, data);
    steps.fsync(fd);
    if (st) {
      fchmodSync(fd, Number(st.mode & 0o7777n));
      if (typeof process.getuid === 'function' && (Number(st.uid) !== process.getuid() || Number(st.gid) !== process.getgid?.())) {
        try {
          fchownSync(fd, Number(st.uid), Number(st.gid));
        } catch {
          // Only root may give a file away: a user rewriting a file of another owner (in a folder they may write
          // to) becomes its owner, as with any editor that saves through a temporary file.
        }
      }
    }
    closeSync(fd);
    fd = undefined;
    options.beforeCommit?.();
    if (options.expected) {
      let now: BigIntStats;
      try {
        now = statSync(file, { bigint: true });
      } catch {
        throw changed({ fr: 'il a été supprimé ou déplacé', en: 'it was deleted or moved' });
      }
      if (!sameIdentity(identityOf(now), options.expected))
        throw changed({ fr: 'modifié ou remplacé pendant la correction', en: 'modified or replaced while it was being fixed' });
    }
    steps.rename(tmp, target);
    created = false;
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing
      }
    }
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        // the folder refuses: nothing more can be done
      }
    }
    throw e instanceof FileWriteError ? e : fail(e);
  }
  // The rename itself is made durable by flushing the folder (not every system or file system allows it).
  try {
    const dfd = openSync(dirname(target), constants.O_RDONLY);
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // The data is on disk; only the name may not be, after a power cut.
  }
}

/**
 * The first of `inputs` that is the same file as `output` (same device and inode, whatever the names, links and
 * hard links that lead to it), if any: a report or a result written over an input would destroy it. An output that
 * does not exist yet is none of the inputs (they all exist).
 */
export function sameFileAs(output: string, inputs: Iterable<string>): string | undefined {
  let key: string;
  try {
    const st = statSync(output, { bigint: true });
    key = `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
  for (const input of inputs) {
    try {
      const st = statSync(input, { bigint: true });
      if (`${st.dev}:${st.ino}` === key) return input;
    } catch {
      // An input that cannot be looked at is not the output (reading it will say why).
    }
  }
  return undefined;
}
