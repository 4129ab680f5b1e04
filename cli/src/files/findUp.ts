import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest `name` (file or folder) in `start` or one of its parents, or undefined. */
export function findUp(name: string, start: string): string | undefined {
  let dir = start;
  for (;;) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The folder paths are reported relative to: the git work tree's root, else `cwd`. */
export function projectRoot(cwd: string): string {
  const git = findUp('.git', cwd);
  return git ? dirname(git) : cwd;
}
