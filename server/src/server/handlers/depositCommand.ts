/**
 * « Préparer le dépôt » (`segur/prepareDeposit`, the client's segur.prepareDeposit): the rules of `segur-json package`
 * (io/depositPackage.ts) on a saved Ségur JSON, with the server's own findings. The file on disk is what is deposited,
 * so it is what is checked: its bytes, with the attachments of `segur.attachments.folder`
 * (server/shared/attachmentFolder.ts), else of the JSON's own folder as on the command line, and the findings across
 * files of the workspace index. While one of them is an error, the blocking findings are answered (nothing written);
 * else, without a target, a folder is proposed (`depot-<name>` beside the JSON's folder, outside the attachments
 * folder, one that does not exist); with one, the package is written there.
 */
import { basename, dirname, join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PrepareDepositRequest, type DepositBlocker, type ParamsOf, type ResultOf } from '../../protocol/protocol';
import { decodeBytes, type Finding } from '../../segur';
import { attachmentFactsOf } from '../../io/attachmentFacts';
import { depositBlockers, isInsideFolder, prepareDeposit, targetRefusal } from '../../io/depositPackage';
import { exists, PackageError, readRegularBytes } from '../../io/zipPackage';
import { filePathOf } from '../shared/uris';
import { attachmentsFolderOf } from '../shared/attachmentFolder';
import type { ServerState } from '../shared/state';
import { crossFindings, safeCheck } from './documentChecks';

type Result = ResultOf<typeof PrepareDepositRequest>;

/** `depot-<name without .json>` beside the JSON's folder (its parent), never in the attachments folder, not taken. */
export function proposedTarget(jsonPath: string, folder: string): string {
  const name = `depot-${basename(jsonPath).replace(/\.json$/i, '')}`;
  let dir = dirname(dirname(jsonPath));
  while (isInsideFolder(folder, join(dir, name)) && dirname(dir) !== dir) dir = dirname(dir);
  for (let n = 1; n < 100; n++) {
    const candidate = join(dir, n === 1 ? name : `${name}-${n}`);
    if (!exists(candidate)) return candidate;
  }
  return join(dir, name);
}

async function prepare(s: ServerState, p: ParamsOf<typeof PrepareDepositRequest>): Promise<Result> {
  // The document's language (segur.language, else its segur.config.json, else the client's), as its diagnostics.
  const locale = s.localeOf(p.uri);
  const fr = locale === 'fr';
  const path = filePathOf(p.uri);
  if (path === undefined) return { status: 'error', message: fr ? "enregistrez d'abord ce fichier sur le disque" : 'save this file to disk first' };
  const settings = await s.settingsFor(p.uri);
  // The attachments: the setting's folder, else the JSON's own (as `segur-json package` without --attachments).
  const folder = attachmentsFolderOf(s, p.uri, settings) ?? dirname(path);
  let bytes: Uint8Array;
  try {
    bytes = readRegularBytes(path);
  } catch {
    return { status: 'error', message: fr ? 'fichier illisible sur le disque' : 'file unreadable on disk' };
  }
  const { text, encoding } = decodeBytes(bytes);
  const doc = TextDocument.create(p.uri, 'json', 0, text);
  const options = { ...s.optionsFor(doc, settings), encoding };
  try {
    options.attachments = await attachmentFactsOf(text, options, folder);
  } catch {
    return { status: 'error', message: fr ? 'dossier des pièces justificatives illisible' : 'attachments folder unreadable' };
  }
  const result = safeCheck(s, p.uri, text, options);
  if (!result.detection.isSegur) return { status: 'error', message: fr ? 'pas un fichier Ségur (avance ou solde)' : 'not a Ségur file (avance or solde)' };
  const findings: Finding[] = [...result.findings, ...crossFindings(s, p.uri, result, options.severities)];
  const blocked = (blockers: { finding: Finding; attachment?: string }[]): Result => ({
    status: 'blocked',
    blockers: blockers.map(({ finding: f, attachment }): DepositBlocker => {
      const at = doc.positionAt(f.offset);
      return { line: at.line, character: at.character, code: f.code, message: f.message[locale], ...(attachment ? { attachment } : {}) };
    }),
    message: fr ? `${blockers.length} erreur(s) bloquent le dépôt : rien n'est écrit` : `${blockers.length} error(s) block the deposit: nothing is written`,
  });
  try {
    if (p.target === undefined) {
      // Only the check: the deposit is refused before a folder is asked for.
      const { blockers } = depositBlockers({ jsonPath: path, bytes, findings, options });
      return blockers.length > 0 ? blocked(blockers) : { status: 'choose', proposed: proposedTarget(path, folder) };
    }
    if (typeof p.target !== 'string' || p.target === '') return { status: 'error', message: fr ? 'dossier cible manquant' : 'target folder missing' };
    const refused = targetRefusal(folder, p.target, p.target);
    if (refused) return { status: 'error', message: refused[locale] };
    const done = await prepareDeposit({ jsonPath: path, bytes, folder, findings, target: p.target, options });
    if (done.status === 'blocked') return blocked(done.blockers);
    return {
      status: 'written',
      target: p.target,
      zips: done.zips,
      files: done.files,
      message: fr
        ? `${done.zips} ZIP (${done.files} pièces), ${basename(path)} et manifest.json écrits`
        : `${done.zips} ZIP (${done.files} attachments), ${basename(path)} and manifest.json written`,
    };
  } catch (e) {
    if (e instanceof PackageError) return { status: 'error', message: e.reason[locale] };
    throw e;
  }
}

export function registerDeposit(s: ServerState): void {
  s.connection.onRequest(
    PrepareDepositRequest.method,
    s.guard(
      PrepareDepositRequest.method,
      (): Result => ({ status: 'error', message: s.locale === 'fr' ? 'erreur interne' : 'internal error' }),
      (p: ParamsOf<typeof PrepareDepositRequest>) => prepare(s, p),
    ),
  );
}
