/**
 * `check --attachments <folder>` (and, without it, the JSON's own folder when it holds the files: io/attachmentFacts.ts
 * attachmentFactsBeside): before the files are checked, what the attachments folder holds for the names each
 * file lists (server/src/io/attachmentFacts.ts). The facts go into each file's check as data (CheckOptions.attachments):
 * the rules P1–P4 read them. A folder that cannot be listed is a usage error (exit 2) before any file is checked.
 */
import type { AttachmentFact } from '../segur';
import { readRegularFile } from '../io/files';
import { attachmentFactsBeside, attachmentFactsOf, AttachmentsFolderError, besideListing } from '../io/attachmentFacts';
import { UsageError, type FileCheckOptions } from './checkFile';

/** The facts of each file's attachments (by file); a file that cannot be read gets none (checkFile reports it). */
export async function attachmentFactsOfFiles(
  files: readonly { file: string; stdin?: boolean; group?: number }[],
  folder: string,
  groups: readonly FileCheckOptions[],
): Promise<Map<string, AttachmentFact[]>> {
  const out = new Map<string, AttachmentFact[]>();
  for (const { file, stdin, group } of files) {
    if (stdin) continue;
    const options = groups[group ?? 0];
    let read;
    try {
      read = readRegularFile(file);
    } catch {
      continue;
    }
    try {
      out.set(
        file,
        await attachmentFactsOf(
          read.text,
          { fileName: file, sons: options.sons, kind: options.kind, templates: options.templates, encoding: read.encoding },
          folder,
        ),
      );
    } catch (e) {
      if (e instanceof AttachmentsFolderError) throw new UsageError(`--attachments : ${e.reason.fr} / ${e.reason.en}`);
      throw e;
    }
  }
  return out;
}

/**
 * Without --attachments: the facts of the files whose own folder holds at least one of the attachments they name
 * (only those files are in the map; the others get no disk check). Each folder is listed once.
 */
export async function attachmentFactsBesideFiles(
  files: readonly { file: string; stdin?: boolean; group?: number }[],
  groups: readonly FileCheckOptions[],
): Promise<Map<string, AttachmentFact[]>> {
  const out = new Map<string, AttachmentFact[]>();
  const listing = new Map<string, string[] | undefined>();
  for (const { file, stdin, group } of files) {
    if (stdin || !besideListing(file, listing)) continue;
    const options = groups[group ?? 0];
    let read;
    try {
      read = readRegularFile(file);
    } catch {
      continue;
    }
    const beside = await attachmentFactsBeside(
      read.text,
      { fileName: file, sons: options.sons, kind: options.kind, templates: options.templates, encoding: read.encoding },
      file,
      listing,
    );
    if (beside) out.set(file, beside.facts);
  }
  return out;
}
