/**
 * A file URI's path, as the editor computes it. node:url's fileURLToPath throws on URIs an editor can send for a
 * real document (a host such as `file://server/share/…`, an encoded slash `%2F`, an escape that is not one `%ZZ`,
 * bytes that are not UTF-8 `%E9`); vscode-uri, the library VS Code and vscode-languageserver's own services use,
 * never throws and gives the same path the editor shows (a bad escape kept as written). A path that cannot name a
 * file (a NUL byte) is still a path for detection by name; reading it fails like any unreadable file.
 */
import { URI } from 'vscode-uri';

/** The path of a `file:` URI; undefined for another scheme (`untitled:`…) or a URI vscode-uri cannot read. */
export function filePathOf(uri: string): string | undefined {
  if (typeof uri !== 'string' || !/^file:/i.test(uri)) return undefined;
  try {
    return URI.parse(uri).fsPath;
  } catch {
    return undefined;
  }
}
