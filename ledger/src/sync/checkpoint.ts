import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where `sync` got to, saved after every page so an interrupted sync resumes instead of starting over. */
export interface SyncCheckpoint {
  version: 1;
  /** The n8n instance this checkpoint belongs to. */
  n8nUrl: string;
  /** Every finished execution with an id up to this one has been metered (ids are increasing numbers). */
  meteredThrough: string | null;
  /** Executions seen running or waiting: metered once they finish. */
  pending: string[];
  /** A pass in progress: the newest id it started from and the cursor of the next page. */
  pass: { top: string | null; cursor: string | null } | null;
}

export class CheckpointError extends Error {}

export function emptyCheckpoint(n8nUrl: string): SyncCheckpoint {
  return { version: 1, n8nUrl, meteredThrough: null, pending: [], pass: null };
}

/** Reads the checkpoint file; a missing file is a fresh start, a broken one a clear error (never silently reset). */
export function loadCheckpoint(path: string, n8nUrl: string): SyncCheckpoint {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyCheckpoint(n8nUrl);
    throw new CheckpointError(`cannot read the checkpoint ${path}: ${(err as Error).message}`);
  }
  let value: SyncCheckpoint;
  try {
    value = JSON.parse(text) as SyncCheckpoint;
  } catch (err) {
    throw new CheckpointError(`the checkpoint ${path} is not valid JSON (${(err as Error).message}); fix or delete it (deleting re-reads every execution, which meters nothing twice)`);
  }
  if (!value || value.version !== 1 || !Array.isArray(value.pending)) throw new CheckpointError(`the checkpoint ${path} is not a sync checkpoint (version 1)`);
  if (value.n8nUrl !== n8nUrl) throw new CheckpointError(`the checkpoint ${path} belongs to ${value.n8nUrl}, not ${n8nUrl}; use another --checkpoint file`);
  return value;
}

/** Writes the checkpoint whole (temp file + rename): a crash leaves the old one or the new one. */
export function saveCheckpoint(path: string, checkpoint: SyncCheckpoint): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(checkpoint, null, 2) + '\n');
  renameSync(tmp, path);
}
