/**
 * « Fusionner des PDF » in the editor (the client's segur.mergePdf): the parts of one type a request names (source 004:
 * one document per kind, « concaténer toutes les factures en un seul PDF »), read from the attachments folder
 * (shared/attachmentFolder.ts, else the JSON's own folder, as the CLI), merged by io/pdf.ts into a PDF written beside
 * them (a name of V8's rule, never over an existing file), and the JSON change (engine/commands/mergeAttachments.ts)
 * answered as a workspace edit whose edits carry a change annotation that needs confirmation: the editor shows it
 * before it is applied. Offered as a code action on a part's nomFichier; the palette asks with the cursor's position.
 */
import { dirname, join } from 'node:path';
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MergePdfRequest, type MergePdfAnswer, type MergePdfParams } from '../../protocol/protocol';
import { mergeAttachmentsEdit, mergeGroupAt, MergeEditError, isPlainFileName, type Localized, type MergeGroup } from '../../segur';
import { mergePdf, outputNameProblem, PdfPartError, readPart } from '../../io/pdf';
import { FileWriteError, writeFileAtomic } from '../../io/atomicWrite';
import { exists } from '../../io/zipPackage';
import { filePathOf } from '../shared/uris';
import { attachmentsFolderOf } from '../shared/attachmentFolder';
import type { ServerState } from '../shared/state';

export const MERGE_PDF_COMMAND = 'segur.mergePdf';
const ANNOTATION = 'segur.mergePdf';

/** The name proposed: what the parts' names share (`…-0101`), else the type and numLigne; free in the folder. */
export function proposedName(group: MergeGroup, taken: (name: string) => boolean): string {
  const stems = group.parts.map((p) => p.replace(/\.[A-Za-z0-9]+$/, ''));
  let common = stems[0];
  for (const s of stems) while (!s.startsWith(common)) common = common.slice(0, -1);
  common = common.replace(/[-_. ]+$/, '');
  const base = common.length >= 3 ? common : `${group.type ?? 'PIECES'}-${group.numLigne ?? group.lineIndex + 1}`;
  for (let n = 1; n < 100; n++) {
    const suffix = n === 1 ? '-fusion' : `-fusion-${n}`;
    const name = `${base.slice(0, 50 - suffix.length - 4)}${suffix}.pdf`;
    if (!outputNameProblem(name) && !taken(name) && !group.parts.includes(name)) return name;
  }
  return `${(group.type ?? 'PIECES').slice(0, 30)}-fusion.pdf`;
}

/** In the document's language (segur.language, else its segur.config.json, else the client's), as its diagnostics. */
const say = (s: ServerState, uri: string, l: Localized) => l[s.localeOf(uri)];

async function merge(s: ServerState, p: MergePdfParams): Promise<MergePdfAnswer> {
  const doc = s.documents.get(p.uri) ?? s.textOf(p.uri);
  const path = filePathOf(p.uri);
  if (!doc || path === undefined) return { status: 'error', message: say(s, p.uri, { fr: "enregistrez d'abord ce fichier", en: 'save this file first' }) };
  const text = doc.getText();
  const group = mergeGroupAt(text, doc.offsetAt(p.position));
  if (!group)
    return {
      status: 'error',
      message: say(s, p.uri, {
        fr: "placez le curseur sur le nomFichier d'une pièce d'une demande qui en nomme plusieurs du même typeFichier",
        en: 'put the cursor on the nomFichier of a part of a request that names several of one typeFichier',
      }),
    };
  const folder = attachmentsFolderOf(s, p.uri, await s.settingsFor(p.uri)) ?? dirname(path);
  if (p.name === undefined) return { status: 'name', proposed: proposedName(group, (n) => exists(join(folder, n))), parts: group.parts };
  const again = (message: Localized): MergePdfAnswer => ({ status: 'name', proposed: p.name!, parts: group.parts, message: say(s, p.uri, message) });
  const problem = outputNameProblem(p.name);
  if (problem) return again(problem);
  if (group.parts.includes(p.name) || exists(join(folder, p.name)))
    return again({
      fr: `${p.name} existe déjà dans le dossier des pièces : choisissez un autre nom`,
      en: `${p.name} already exists in the attachments folder: choose another name`,
    });
  let change;
  try {
    change = mergeAttachmentsEdit(text, { lineIndex: group.lineIndex, parts: group.parts, merged: p.name });
  } catch (e) {
    if (e instanceof MergeEditError) return { status: 'error', message: say(s, p.uri, e.reason) };
    throw e;
  }
  let merged;
  try {
    const parts = group.parts.map((name) => {
      if (!isPlainFileName(name)) throw new PdfPartError(name, { fr: 'nom de pièce qui sort du dossier', en: 'attachment name that leaves the folder' });
      try {
        return { name, bytes: readPart(join(folder, name)) };
      } catch (e) {
        // Named as the JSON names it, not by its path.
        throw e instanceof PdfPartError ? new PdfPartError(name, e.reason) : e;
      }
    });
    merged = await mergePdf(parts, p.name);
  } catch (e) {
    if (e instanceof PdfPartError) return { status: 'error', message: `${e.part} : ${say(s, p.uri, e.reason)}` };
    throw e;
  }
  const pdf = join(folder, p.name);
  // Looked at again just before: a file that appeared meanwhile is never replaced.
  if (exists(pdf)) return again({ fr: `${p.name} existe déjà : choisissez un autre nom`, en: `${p.name} already exists: choose another name` });
  try {
    writeFileAtomic(pdf, merged.bytes);
  } catch (e) {
    if (e instanceof FileWriteError) return { status: 'error', message: say(s, p.uri, e.describe(p.name)) };
    throw e;
  }
  const at = change.numLigne !== undefined ? `numLigne ${change.numLigne}` : `n° ${change.lineIndex + 1}`;
  const label = say(s, p.uri, { fr: `Fusionner des PDF : ${p.name}`, en: `Merge PDFs: ${p.name}` });
  const e = change.edit;
  return {
    status: 'done',
    pdf,
    pages: merged.pages,
    message: say(s, p.uri, {
      fr: `${p.name} : ${merged.pages} pages (récapitulatif, puis ${group.parts.length} pièces) ; la demande ${at} le nomme à la place des pièces une fois la modification confirmée`,
      en: `${p.name}: ${merged.pages} pages (summary, then ${group.parts.length} parts); request ${at} names it instead of the parts once the change is confirmed`,
    }),
    edit: {
      documentChanges: [
        {
          textDocument: { uri: p.uri, version: s.documents.get(p.uri)?.version ?? null },
          edits: [{ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.newText, annotationId: ANNOTATION }],
        },
      ],
      changeAnnotations: {
        [ANNOTATION]: {
          label,
          needsConfirmation: true,
          description: say(s, p.uri, {
            fr: `demande ${at} : ${group.parts.join(', ')} → ${p.name}`,
            en: `request ${at}: ${group.parts.join(', ')} → ${p.name}`,
          }),
        },
      },
    },
  };
}

/** The code action on a part's nomFichier of a request that names several of one type (a client that runs commands). */
export function mergePdfActions(s: ServerState, doc: TextDocument, params: CodeActionParams): CodeAction[] {
  if (!s.clientCommands) return [];
  const group = mergeGroupAt(doc.getText(), doc.offsetAt(params.range.start));
  if (!group) return [];
  const title = say(s, doc.uri, {
    fr: `Fusionner des PDF (${group.parts.length} pièces ${group.type ?? ''})`,
    en: `Merge PDFs (${group.parts.length} ${group.type ?? ''} parts)`,
  }).replace(/\s+\)/, ')');
  return [{ title, kind: CodeActionKind.RefactorRewrite, command: { title, command: MERGE_PDF_COMMAND, arguments: [doc.uri, params.range.start] } }];
}

export function registerMergePdf(s: ServerState): void {
  s.connection.onRequest(
    MergePdfRequest.method,
    s.guard(
      MergePdfRequest.method,
      (): MergePdfAnswer => ({ status: 'error', message: s.locale === 'fr' ? 'erreur interne' : 'internal error' }),
      (p: MergePdfParams) => merge(s, p),
    ),
  );
}
