/**
 * What `segur-json check` is given, before any file is read: `-` for stdin (a pipe in CI: `cat f.json | segur-json
 * check -`), and globs the shell did not expand. cmd and PowerShell hand `examples/**\/avance.json` over as is, and a
 * quoted glob reaches the command unexpanded in every shell: the command expands it itself (tinyglobby), in a stable
 * order. An argument that names an existing file or folder is always taken literally, glob characters or not
 * (`solde [1].json`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeBytes } from '../segur';
import type { ReadResult } from '../io/files';
import { UsageError } from './checkFile';

// Required, not imported: the bundle is CommonJS, and an import would pull tinyglobby's (and fdir's) ES module build,
// which reads `import.meta.url`, empty in a CommonJS bundle; `require` takes their CommonJS build.
const { globSync, isDynamicPattern } = require('tinyglobby') as typeof import('tinyglobby');

/** The argument that stands for stdin. */
export const STDIN_ARG = '-';

/** How stdin is named in reports when `--stdin-filename` does not name it. */
export const STDIN_NAME = '<stdin>';

/** Folders a glob never walks into, as a folder argument never does (io/files.ts listJsonFiles). */
const GLOB_IGNORE = ['**/node_modules/**', '**/.git/**'];

/**
 * The arguments with every glob replaced by the files it matches (sorted, each once), `-` kept in its place.
 * A glob that matches nothing is a usage error naming it: a CI job given a wrong pattern must not pass silently.
 * @param excluded whether a match is left out (its configuration's `exclude`).
 */
export function expandInputs(
  args: string[],
  cwd: string,
  excluded: (file: string) => boolean = () => false,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const out: string[] = [];
  let stdin = false;
  for (const arg of args) {
    if (arg === STDIN_ARG) {
      if (stdin)
        throw new UsageError(
          '« - » (stdin) donné deux fois : l\'entrée standard ne se lit qu\'une fois / "-" (stdin) given twice: stdin can be read only once',
        );
      stdin = true;
      out.push(arg);
      continue;
    }
    if (existsSync(resolve(cwd, arg))) {
      out.push(arg);
      continue;
    }
    // On Windows a backslash separates folders; elsewhere it escapes a glob character.
    const pattern = platform === 'win32' ? arg.split('\\').join('/') : arg;
    if (!isDynamicPattern(pattern)) {
      out.push(arg); // a missing file: told as unreadable, as before
      continue;
    }
    const matches = globSync(pattern, { cwd, onlyFiles: true, expandDirectories: false, ignore: GLOB_IGNORE })
      .sort()
      .filter((f) => !excluded(f));
    if (matches.length === 0) throw new UsageError(`aucun fichier ne correspond à ${arg} / no file matches ${arg}`);
    out.push(...matches);
  }
  return out;
}

/** Everything piped to the command, decoded as a file would be (io/files.ts): UTF-8, UTF-16/32, else a guess. */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<{ read: ReadResult; bytes: Buffer }> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const bytes = Buffer.concat(chunks);
  return { read: { ...decodeBytes(bytes), size: bytes.length }, bytes };
}
