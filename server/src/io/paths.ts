/**
 * Whether a path lies inside a folder, through node:path rather than string prefixes: `relative()` then the three
 * ways out (the parent itself, a `../` step, another drive on Windows). A prefix test like `rel.startsWith('..')`
 * would put a folder named `..x` outside its own workspace. `p`: the path flavour (tests pass path.win32).
 */
import * as nodePath from 'node:path';

/** `target` relative to `dir` (`''` for the folder itself) when it is inside, else undefined. */
export function relativeInside(dir: string, target: string, p: nodePath.PlatformPath = nodePath): string | undefined {
  const rel = p.relative(dir, target);
  if (rel === '..' || rel.startsWith(`..${p.sep}`) || p.isAbsolute(rel)) return undefined;
  return rel;
}

/** Whether `target` is `dir` itself or lies below it. */
export function isWithin(dir: string, target: string, p: nodePath.PlatformPath = nodePath): boolean {
  return relativeInside(dir, target, p) !== undefined;
}

/** Whether `target` lies strictly below `dir` (not the folder itself). */
export function isStrictlyInside(dir: string, target: string, p: nodePath.PlatformPath = nodePath): boolean {
  const rel = relativeInside(dir, target, p);
  return rel !== undefined && rel !== '';
}
