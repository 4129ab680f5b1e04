import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file whole, synchronously: a temp file beside it, then a rename, so a crash (or another process reading
 * the spool) never sees half a record. The temp name starts with a dot, which `recordFiles` skips.
 */
export function writeWhole(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The record files in a spool folder (or its `dead/`), oldest first; none when the folder does not exist. */
export function recordFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
  } catch {
    return [];
  }
}

/** A record file's text, or null when it is gone (delivered or moved by another process meanwhile). */
export function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
