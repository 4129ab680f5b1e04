import { relative } from 'node:path';

/** A file's path relative to `root`, with forward slashes (for SARIF and baselines). */
export function relativeUri(root: string, file: string): string {
  const path = relative(root, file).split(/[\\/]/).join('/');
  return path === '' ? '.' : path;
}
