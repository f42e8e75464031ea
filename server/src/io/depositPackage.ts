/**
 * Preparing the deposit once the JSON is checked: what `segur-json package` (cli/package.ts), `segur-json split
 * --attachments` (cli/splitFiles.ts) and the editor's « Préparer le dépôt » (server/handlers/depositCommand.ts) share.
 * Each caller checks the JSON with the attachments of `folder` its own way (the CLI with `check --attachments`, the
 * server with its settings and its findings) and hands the findings here: while one of them is an error the deposit is
 * refused, nothing written, and each blocking finding is handed back with the attachment it names (rules P1–P4);
 * otherwise the package is written by io/zipPackage.ts (the JSON byte for byte, one ZIP per request, manifest.json),
 * through a temporary folder renamed at the end. The target must not exist and is never inside the attachments folder.
 */
import { basename, dirname, resolve } from 'node:path';
import { mkdirSync, realpathSync } from 'node:fs';
import { decodeBytes, type AttachmentName, type CheckOptions, type Finding, type Localized } from '../segur';
import { attachmentNamesOf } from './attachmentFacts';
import { errnoReason } from './atomicWrite';
import { isWithin } from './paths';
import { alreadyThere, exists, PackageError, planZips, writePackage, type Manifest, type PackageHooks } from './zipPackage';

/** Whether `path` is `dir` or inside it, after links (a path that does not exist yet: its nearest existing parent). */
export function isInsideFolder(dir: string, path: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      const up = dirname(p);
      return up === p ? p : resolve(real(up), basename(p));
    }
  };
  return isWithin(real(dir), real(path));
}

/**
 * Why the package cannot go to `target` (absolute), if so: it exists already, or it is in the attachments folder
 * (`folder`). `shown`: the target as the user wrote or chose it.
 */
export function targetRefusal(folder: string, target: string, shown: string): Localized | undefined {
  if (exists(target)) return alreadyThere(shown);
  if (isInsideFolder(folder, target))
    return {
      fr: `${shown} est dans le dossier des pièces justificatives : rien n'y est écrit ; choisissez un dossier à côté (ex. ../depot)`,
      en: `${shown} is inside the attachments folder: nothing is written there; choose a folder beside it (e.g. ../depot)`,
    };
  return undefined;
}

/** An error that blocks the deposit, with the attachment's name when it is one of P1–P4 on a `nomFichier`. */
export interface Blocker<F extends Finding = Finding> {
  finding: F;
  attachment?: string;
}

/** The errors among `findings`, each with the attachment its P1–P4 finding is on (from the document's names). */
export function blockersOf<F extends Finding>(findings: readonly F[], names: readonly AttachmentName[]): Blocker<F>[] {
  return findings
    .filter((f) => f.severity === 'error')
    .map((finding) => {
      const pj = /^P\d/.test(finding.code) ? names.find((n) => n.offset <= finding.offset && finding.offset < n.offset + n.length) : undefined;
      return pj ? { finding, attachment: pj.name } : { finding };
    });
}

export interface DepositRequest<F extends Finding> {
  /** The JSON's path: its name is the package's JSON, it is read again at the end (it must not have changed). */
  jsonPath: string;
  /** The JSON's bytes as they were checked: copied byte for byte. */
  bytes: Uint8Array;
  /** The attachments folder the findings were made with. */
  folder: string;
  /** All the findings of the JSON and its attachments (the caller's check); any error refuses the deposit. */
  findings: readonly F[];
  /** Where the package goes (absolute; must not exist), and how the user named it. */
  target: string;
  shown?: string;
  /** The check's options (SONS and kind chosen…), for the attachment names; default: from the file's name. */
  options?: CheckOptions;
}

export type DepositOutcome<F extends Finding> =
  { status: 'blocked'; blockers: Blocker<F>[] } | { status: 'written'; manifest: Manifest; zips: number; files: number };

/** The document's attachment names and the errors that block its deposit (nothing is read but the bytes given). */
export function depositBlockers<F extends Finding>(
  req: Pick<DepositRequest<F>, 'jsonPath' | 'bytes' | 'findings' | 'options'>,
): { names: AttachmentName[]; blockers: Blocker<F>[] } {
  const decoded = decodeBytes(req.bytes);
  const names = attachmentNamesOf(decoded.text, { ...req.options, fileName: req.jsonPath, encoding: decoded.encoding });
  return { names, blockers: blockersOf(req.findings, names) };
}

/**
 * Refuses while an error remains (nothing written), else writes the package to `target`. Throws PackageError when it
 * cannot be made as asked (the target there already or in the attachments folder, no attachment named, a ZIP name
 * clash, a read or a write that failed): `target` is then absent.
 */
export async function prepareDeposit<F extends Finding>(req: DepositRequest<F>, hooks?: PackageHooks): Promise<DepositOutcome<F>> {
  const shown = req.shown ?? req.target;
  const { names, blockers } = depositBlockers(req);
  if (blockers.length > 0) return { status: 'blocked', blockers };
  const refused = targetRefusal(req.folder, req.target, shown);
  if (refused) throw new PackageError(refused);
  const plan = planZips(names, basename(req.jsonPath));
  if (plan.length === 0) throw new PackageError({ fr: 'aucune pièce justificative nommée : aucun ZIP à faire', en: 'no attachment named: no ZIP to make' });
  try {
    mkdirSync(dirname(req.target), { recursive: true });
  } catch (e) {
    const why = errnoReason(e);
    throw new PackageError({ fr: `impossible de créer le dossier de ${shown} : ${why.fr}`, en: `cannot create the folder of ${shown}: ${why.en}` });
  }
  const manifest = await writePackage(
    { json: { name: basename(req.jsonPath), bytes: req.bytes }, jsonPath: req.jsonPath, folder: req.folder, plan },
    req.target,
    hooks,
  );
  return { status: 'written', manifest, zips: manifest.requests.length, files: manifest.requests.reduce((s, r) => s + r.files.length, 0) };
}
