/**
 * `check --attachments <folder>` (and, without it, the JSON's own folder when it holds the files: io/attachmentFacts.ts
 * attachmentFactsBeside): before the files are checked, what the attachments folder holds for the names each
 * file lists (server/src/io/attachmentFacts.ts). The facts go into each file's check as data (CheckOptions.attachments):
 * the rules P1–P4 read them. A folder that cannot be listed is a usage error (exit 2) before any file is checked.
 */
import type { AttachmentFact, CheckOptions } from '../segur';
import { readRegularFile } from '../io/files';
import { attachmentFactsBeside, attachmentFactsOf, AttachmentsFolderError, besideListing } from '../io/attachmentFacts';
import { UsageError, type FileCheckOptions } from './checkFile';

type Files = readonly { file: string; stdin?: boolean; group?: number }[];

/**
 * Each file read (stdin and unreadable files left out: checkFile reports them) and given to `factsOf` with the options
 * it is checked with; the facts it returns, by file.
 */
async function factsOfFiles(
  files: Files,
  groups: readonly FileCheckOptions[],
  factsOf: (text: string, options: CheckOptions, file: string) => Promise<AttachmentFact[] | undefined>,
  skip: (file: string) => boolean = () => false,
): Promise<Map<string, AttachmentFact[]>> {
  const out = new Map<string, AttachmentFact[]>();
  for (const { file, stdin, group } of files) {
    if (stdin || skip(file)) continue;
    const options = groups[group ?? 0];
    let read;
    try {
      read = readRegularFile(file);
    } catch {
      continue;
    }
    const facts = await factsOf(
      read.text,
      { fileName: file, sons: options.sons, kind: options.kind, templates: options.templates, encoding: read.encoding },
      file,
    );
    if (facts) out.set(file, facts);
  }
  return out;
}

/** The facts of each file's attachments in `folder` (--attachments); a folder that cannot be listed is a usage error. */
export function attachmentFactsOfFiles(files: Files, folder: string, groups: readonly FileCheckOptions[]): Promise<Map<string, AttachmentFact[]>> {
  return factsOfFiles(files, groups, async (text, options) => {
    try {
      return await attachmentFactsOf(text, options, folder);
    } catch (e) {
      if (e instanceof AttachmentsFolderError) throw new UsageError(`--attachments : ${e.reason.fr} / ${e.reason.en}`);
      throw e;
    }
  });
}

/**
 * Without --attachments: the facts of the files whose own folder holds at least one of the attachments they name
 * (only those files are in the map; the others get no disk check). Each folder is listed once, and a file whose
 * folder holds no PDF, JPEG or PNG is not even read.
 */
export function attachmentFactsBesideFiles(files: Files, groups: readonly FileCheckOptions[]): Promise<Map<string, AttachmentFact[]>> {
  const listing = new Map<string, string[] | undefined>();
  return factsOfFiles(
    files,
    groups,
    async (text, options, file) => (await attachmentFactsBeside(text, options, file, listing))?.facts,
    (file) => !besideListing(file, listing),
  );
}
