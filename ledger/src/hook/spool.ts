import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeadLetters } from './deadLetters';
import { parseSpoolRecord, type FailureReason, type SpoolRecord } from './spoolRecord';
import { readText, recordFiles, writeWhole } from './spoolFiles';

export type { SpoolRecord } from './spoolRecord';

/**
 * Records on disk while the ledger cannot take them: one file per delivery, written whole (temp file + rename) so a
 * crash never leaves half a record. Records the hook gives up on move to `dead/` with the reason (see DeadLetters).
 * Several n8n processes may share the folder: the ledger's idempotency keys make a record sent twice count once.
 */
export class Spool {
  private seq = 0;
  readonly dead: DeadLetters;
  constructor(readonly dir: string) {
    this.dead = new DeadLetters(dir);
  }

  /** Creates the folders and moves an older hook's `rejected/` records to `dead/`; throws when they cannot be written. */
  open(): void {
    mkdirSync(this.dead.dir, { recursive: true });
    const probe = join(this.dir, `.probe-${process.pid}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
    this.dead.migrateRejected();
  }

  /** Writes a new record synchronously (also safe in a process `exit` handler); returns its file name. */
  write(record: SpoolRecord): string {
    const name = this.newName(record.executionId);
    writeWhole(join(this.dir, name), JSON.stringify(record));
    return name;
  }

  /** Rewrites a waiting record in place (its attempt count), keeping its name and so its place in the queue. */
  update(name: string, record: SpoolRecord): void {
    writeWhole(join(this.dir, name), JSON.stringify(record));
  }

  /** File names of waiting records, oldest first. */
  list(): string[] {
    return recordFiles(this.dir);
  }

  /** Waiting and dead records now, counted from the folder (which other processes may share). */
  counts(): { waiting: number; dead: number } {
    return { waiting: this.list().length, dead: this.dead.names().length };
  }

  /** The record, or null when another process already delivered it or the file is damaged (then set aside in `dead/`). */
  read(name: string): SpoolRecord | null {
    const text = readText(join(this.dir, name));
    if (text === null) return null;
    const record = parseSpoolRecord(text);
    if (!record) this.setAside(name);
    return record;
  }

  remove(name: string): void {
    try {
      unlinkSync(join(this.dir, name));
    } catch {
      // already delivered by another process sharing the folder
    }
  }

  /** Moves a waiting record to `dead/` with the reason; the hook never sends it again on its own. */
  kill(name: string, record: SpoolRecord, reason: FailureReason): void {
    this.dead.write(name, { executionId: record.executionId, body: record.body, dead: reason });
    this.remove(name);
  }

  /** Stores a record that was never spooled directly as dead (refused on its first delivery). */
  writeDead(record: SpoolRecord, reason: FailureReason): void {
    this.dead.write(this.newName(record.executionId), { executionId: record.executionId, body: record.body, dead: reason });
  }

  /** A new file name: the time first, so names sort oldest first (see `spooledAtOf`). */
  private newName(executionId: string): string {
    // The sequence is padded so that records written in the same millisecond also sort in the order written.
    return `${Date.now().toString().padStart(14, '0')}-${process.pid}-${String(++this.seq).padStart(9, '0')}-${safeName(executionId)}.json`;
  }

  /** A damaged file is kept as it is, in `dead/`, for a person to look at. */
  private setAside(name: string): void {
    try {
      renameSync(join(this.dir, name), join(this.dead.dir, name));
    } catch {
      // gone already
    }
  }
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}
