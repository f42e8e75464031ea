import * as nodePath from 'node:path';
import { writeFileAtomic, FileWriteError, sameFileAs } from '../../server/src/io/atomicWrite';
import type { Locale } from '../../server/src/protocol/protocol';

/**
 * « Créer le JSON de solde depuis l'avance »: the file name proposed in the save dialog (pure helper of
 * extension.ts): `<avance name>-solde.json` beside the avance, `-solde-2.json`… when that file exists already.
 * `avancePath`: a file-system path (`Uri.fsPath`), split by node:path of the platform; `p`: tests pass path.win32.
 */
export function soldePathFor(avancePath: string, exists: (path: string) => boolean, p: nodePath.PlatformPath = nodePath): string {
  const dir = p.dirname(avancePath);
  const base = p.basename(avancePath).replace(/\.json$/i, '') || 'avance';
  const named = (n: number) => p.join(dir, `${base}-solde${n === 1 ? '' : `-${n}`}.json`);
  for (let n = 1; n < 100; n++) {
    const candidate = named(n);
    if (!exists(candidate)) return candidate;
  }
  return named(1);
}

/**
 * Writes the created solde: a local file (`file:` scheme) atomically through io/atomicWrite.ts (a crash or a full
 * disk never leaves half a solde over the file chosen in the save dialog), any other scheme through the editor's file
 * system (`other`). The avance itself (`avance`, after links) is refused: the solde would replace it. Returns why it
 * was not written, naming the file (in `l10n`'s words: vscode.l10n in the extension; io/atomicWrite.ts's own reasons in
 * `l10n.locale`), or nothing when it was written.
 */
export async function writeSolde(
  target: { scheme: string; fsPath: string },
  text: string,
  other: (bytes: Uint8Array) => PromiseLike<void>,
  l10n: { t(message: string, ...args: string[]): string; locale: Locale },
  avance?: string,
): Promise<string | undefined> {
  if (target.scheme === 'file' && avance !== undefined && sameFileAs(target.fsPath, [avance]) !== undefined) {
    return l10n.t('{0} is the avance itself: the solde would replace it; choose another file', target.fsPath);
  }
  try {
    if (target.scheme === 'file') writeFileAtomic(target.fsPath, text);
    else await other(new TextEncoder().encode(text));
    return undefined;
  } catch (e) {
    if (e instanceof FileWriteError) return e.describe()[l10n.locale];
    return l10n.t('cannot write {0}', target.fsPath);
  }
}
