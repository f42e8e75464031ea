/**
 * The globs of the settings and of `segur.config.json` (`files`, `exclude`), and VS Code's `files.exclude`, through
 * picomatch: the matcher tinyglobby uses for the command line's globs, with the same options (`posix`: `[!a]` is a
 * negated class), so that the editor and the pipeline read a glob alike. `**` any number of folders, `*` any
 * characters of a name, `?` one character, `{a,b}` alternatives, `[abc]` / `[!abc]` classes; case-insensitive;
 * dot files included; `(`, `)` and `|` are literal (file names such as `solde (1).json`), and so is a leading `!`.
 */
import picomatch from 'picomatch';

const OPTIONS: picomatch.PicomatchOptions = { nocase: true, dot: true, posix: true, noextglob: true, nonegate: true };

/** Backslashes as folder separators (a setting written on Windows), no leading `./`, parentheses and bars literal. */
function normalize(glob: string): string {
  return glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/[()|]/g, '\\$&');
}

/**
 * Glob → RegExp. `anchored`: the glob matches the whole (relative) path, as VS Code's `files.exclude`; otherwise it
 * matches the end of a path at a `/` boundary (`segur.files`, matched against absolute paths).
 */
export function globToRegExp(glob: string, anchored = false): RegExp {
  const g = normalize(glob);
  return picomatch.makeRe(anchored ? g : `**/${g}`, OPTIONS);
}

/**
 * Whether a path relative to its folder (`/` or `\` separators) is left out by any of `globs`: it, or one of the
 * folders above it, matches. A folder is tested as `dir` and `dir/` so that `**\/backup/**` and `**\/backup` both
 * leave it out.
 */
export function excludeMatcher(globs: string[]): (relPath: string, isDir?: boolean) => boolean {
  const res = globs.map((g) => globToRegExp(g.trim().replace(/^\//, ''), true));
  return (relPath, isDir = false) => {
    const parts = relPath.replace(/\\/g, '/').split('/');
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      const dir = i < parts.length || isDir;
      if (res.some((re) => re.test(p) || (dir && re.test(`${p}/`)))) return true;
    }
    return false;
  };
}
