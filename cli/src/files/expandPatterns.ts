import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { CliError } from '../io';
import { globToRegExp, hasGlob } from './globToRegExp';

/** Folders never searched: dependencies and version control. */
const SKIPPED = new Set(['node_modules', '.git']);

/**
 * The files that the command-line arguments name: a file as is, a folder as every `*.json` in
 * it (recursively), a glob by walking its fixed leading folders. Sorted, no duplicates.
 * Throws a `CliError` (exit 2) for an argument that matches nothing.
 */
export function expandPatterns(patterns: readonly string[], cwd: string): string[] {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const slashed = pattern.replace(/\\/g, '/');
    const matched = hasGlob(slashed) ? expandGlob(slashed, cwd, found) : addPath(resolve(cwd, pattern), found);
    if (matched === 0) throw new CliError(`no files match "${pattern}"`);
  }
  return [...found].sort();
}

/** Adds a file, or a folder's JSON files; returns how many matched (duplicates included). */
function addPath(path: string, found: Set<string>): number {
  const stat = statOrUndefined(path);
  let matched = 0;
  const add = (file: string) => {
    found.add(file);
    matched++;
  };
  if (stat?.isFile()) add(path);
  else if (stat?.isDirectory()) walk(path, (file) => file.endsWith('.json') && add(file));
  return matched;
}

/** Adds the files under the glob's fixed leading folders that match the rest; returns how many. */
function expandGlob(pattern: string, cwd: string, found: Set<string>): number {
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((s) => hasGlob(s));
  const baseSegments = segments.slice(0, firstGlob);
  const base = baseSegments.length === 0 ? cwd : resolve(isAbsolute(pattern) && baseSegments.join('/') === '' ? '/' : cwd, baseSegments.join('/') || '.');
  const matcher = globToRegExp(segments.slice(firstGlob).join('/'));
  if (!statOrUndefined(base)?.isDirectory()) return 0;
  let matched = 0;
  walk(base, (file) => {
    const relative = file.slice(base.length + 1).replace(/\\/g, '/');
    if (!matcher.test(relative)) return;
    found.add(file);
    matched++;
  });
  return matched;
}

/** Calls `visit` for every file under `dir`, depth first, skipping node_modules and .git. */
function walk(dir: string, visit: (file: string) => unknown): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else if (entry.isFile()) visit(path);
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
