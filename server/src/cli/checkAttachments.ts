/**
 * `check --attachments <folder>`: before the files are checked, what the attachments folder holds for the names each
 * file lists (server/src/io/attachmentFacts.ts). The facts go into each file's check as data (CheckOptions.attachments):
 * the rules P1–P4 read them. A folder that cannot be listed is a usage error (exit 2) before any file is checked.
 */
import type { AttachmentFact } from '../segur';
import { readRegularFile } from '../io/files';
import { attachmentFactsOf, AttachmentsFolderError } from '../io/attachmentFacts';
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
