import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { convertPathToPattern, globSync, isDynamicPattern } from 'tinyglobby';
import { CliError } from '../io';

/** Folders never searched: dependencies and version control. */
const IGNORED = ['**/node_modules/**', '**/.git/**'];

/**
 * The files that the command-line arguments name: an existing file as is, an existing folder as every `*.json`
 * in it (recursively), anything else with glob syntax as a glob (tinyglobby: `**`, `*`, `?`, `{a,b}`, character
 * classes `[0-9]`), relative to `cwd` or absolute. Sorted absolute paths, no duplicates. Dot files and folders
 * are searched; node_modules and .git are not. Throws a `CliError` (exit 2) for an argument that matches nothing.
 */
export function expandPatterns(patterns: readonly string[], cwd: string): string[] {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const files = matchPattern(pattern.replace(/\\/g, '/'), cwd);
    if (files.length === 0) throw new CliError(`no files match "${pattern}"`);
    for (const file of files) found.add(file);
  }
  return [...found].sort();
}

/** The files one argument names; a path that exists is taken literally even when it looks like a glob. */
function matchPattern(pattern: string, cwd: string): string[] {
  const path = resolve(cwd, pattern);
  const stat = statOrUndefined(path);
  if (stat?.isFile()) return [path];
  if (stat?.isDirectory()) return search(`${convertPathToPattern(path)}/**/*.json`, cwd);
  return isDynamicPattern(pattern) ? search(pattern, cwd) : [];
}

function search(pattern: string, cwd: string): string[] {
  return globSync(pattern, { cwd, absolute: true, onlyFiles: true, dot: true, expandDirectories: false, ignore: IGNORED }).map((file) => resolve(file));
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
