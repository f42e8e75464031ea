/** Snippet text as an editor inserts it when the user accepts every placeholder's default. */
/** The text a snippet inserts when every placeholder keeps its default (`${1:null}` → `null`, `$1` → ``). */
export function resolveSnippet(s: string): string {
  let i = 0;
  const body = (stopAtBrace: boolean): string => {
    let out = '';
    while (i < s.length) {
      const ch = s[i];
      if (ch === '\\' && i + 1 < s.length && '\\$}'.includes(s[i + 1])) {
        out += s[i + 1];
        i += 2;
      } else if (stopAtBrace && ch === '}') {
        i++;
        return out;
      } else if (ch === '$' && /^\d/.test(s.slice(i + 1))) {
        i += /^\d+/.exec(s.slice(i + 1))![0].length + 1;
      } else if (ch === '$' && s[i + 1] === '{') {
        const m = /^\$\{\d+(:|\})/.exec(s.slice(i))!;
        i += m[0].length;
        if (m[1] === ':') out += body(true);
      } else {
        out += ch;
        i++;
      }
    }
    return out;
  };
  return body(false);
}
