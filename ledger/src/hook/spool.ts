import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One execution waiting to be delivered: its id and the exact JSON body for `POST /v1/executions`. */
export interface SpoolRecord {
  executionId: string;
  body: string;
}

/**
 * Records on disk while the ledger is unreachable: one file per delivery, written whole (temp file + rename) so a
 * crash never leaves half a record. Refused records move to `rejected/` and are kept, never retried.
 * Several n8n processes may share the folder: the ledger's idempotency keys make a record sent twice count once.
 */
export class Spool {
  private seq = 0;
  constructor(readonly dir: string) {}

  /** Creates the folders; throws when they cannot be written (a configuration error). */
  open(): void {
    mkdirSync(join(this.dir, 'rejected'), { recursive: true });
    const probe = join(this.dir, `.probe-${process.pid}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
  }

  /** Writes a record synchronously (also safe in a process `exit` handler); returns its file name. */
  write(record: SpoolRecord): string {
    const name = `${Date.now().toString().padStart(14, '0')}-${process.pid}-${++this.seq}-${safeName(record.executionId)}.json`;
    const tmp = join(this.dir, `.${name}.tmp`);
    writeFileSync(tmp, JSON.stringify(record));
    renameSync(tmp, join(this.dir, name));
    return name;
  }

  /** File names of waiting records, oldest first. */
  list(): string[] {
    try {
      return readdirSync(this.dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
    } catch {
      return [];
    }
  }

  /** The record, or null when another process already delivered it or the file is unreadable (then set aside). */
  read(name: string): SpoolRecord | null {
    let text: string;
    try {
      text = readFileSync(join(this.dir, name), 'utf8');
    } catch {
      return null;
    }
    try {
      const record = JSON.parse(text) as SpoolRecord;
      if (typeof record.executionId === 'string' && typeof record.body === 'string') return record;
    } catch {
      // fall through: a damaged file is kept aside for a person to look at
    }
    this.reject(name);
    return null;
  }

  remove(name: string): void {
    try {
      unlinkSync(join(this.dir, name));
    } catch {
      // already delivered by another process sharing the folder
    }
  }

  /** Moves a record the ledger refused into `rejected/`. */
  reject(name: string): void {
    try {
      renameSync(join(this.dir, name), join(this.dir, 'rejected', name));
    } catch {
      // gone already
    }
  }

  /** Stores a record directly as rejected. */
  writeRejected(record: SpoolRecord, reason: string): void {
    const name = this.write({ ...record, reason } as SpoolRecord);
    this.reject(name);
  }

  rejected(): string[] {
    try {
      return readdirSync(join(this.dir, 'rejected')).filter((f) => f.endsWith('.json'));
    } catch {
      return [];
    }
  }
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}
