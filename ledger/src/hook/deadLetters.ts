import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { isReason, parseSpoolRecord, spooledAtOf, type DeadRecord, type FailureReason } from './spoolRecord';
import { readText, recordFiles, writeWhole } from './spoolFiles';

/** The dead-letter folder inside the spool folder. */
export const DEAD_FOLDER = 'dead';
/** Where earlier versions of the hook kept refused records, with no way back; moved into `dead/` when found. */
const OLD_REJECTED_FOLDER = 'rejected';

/** What `n8n-credits spool list` shows of a dead record. */
export interface DeadEntry {
  /** The file name in `dead/`: unique, unlike the execution id (queue mode can report an execution twice). */
  name: string;
  /** Null for a damaged file, which can only be dropped. */
  executionId: string | null;
  workflowId: string | null;
  workflowName: string | null;
  reason: FailureReason | null;
  spooledAt: Date | null;
}

/**
 * The records the hook gave up on, kept in `<spool>/dead/` with the reason: read, moved back to the live spool
 * (attempts reset), or deleted. The hook writes here and never reads a record back; `n8n-credits spool` does.
 */
export class DeadLetters {
  readonly dir: string;
  constructor(readonly spoolDir: string) {
    this.dir = join(spoolDir, DEAD_FOLDER);
  }

  /** Stores a record as dead under `name` (whole-file write). */
  write(name: string, record: DeadRecord): void {
    mkdirSync(this.dir, { recursive: true });
    writeWhole(join(this.dir, name), JSON.stringify(record));
  }

  /** File names of dead records, oldest first. */
  names(): string[] {
    return recordFiles(this.dir);
  }

  /** Every dead record, oldest first. */
  list(): DeadEntry[] {
    return this.names().map((name) => this.entry(name));
  }

  /** The records an id names: a file name (with or without `.json`) or an execution id (all its records). */
  find(id: string): DeadEntry[] {
    return this.list().filter((e) => e.name === id || e.name === `${id}.json` || e.executionId === id);
  }

  /** Moves a dead record back to the live spool under its old name (so it keeps its place), attempts reset. */
  replay(entry: DeadEntry): void {
    const record = this.read(entry.name);
    if (!record) throw new Error(`${join(this.dir, entry.name)} is damaged: it cannot be replayed, only dropped`);
    writeWhole(join(this.spoolDir, entry.name), JSON.stringify({ executionId: record.executionId, body: record.body }));
    unlinkSync(join(this.dir, entry.name));
  }

  drop(entry: DeadEntry): void {
    unlinkSync(join(this.dir, entry.name));
  }

  /**
   * Moves records an older hook left in `rejected/` into `dead/`, with what is known of why (their reason text,
   * the file's time). Safe to run from several processes at once. Returns how many moved.
   */
  migrateRejected(): number {
    const old = join(this.spoolDir, OLD_REJECTED_FOLDER);
    if (!existsSync(old)) return 0;
    let moved = 0;
    for (const name of recordFiles(old)) {
      const path = join(old, name);
      try {
        const text = readFileSync(path, 'utf8');
        const record = parseSpoolRecord(text);
        if (record) {
          const said = (JSON.parse(text) as { reason?: unknown }).reason;
          const message = typeof said === 'string' ? said : 'refused by the ledger (an older hook did not keep why)';
          const status = /answered (\d{3})/.exec(message);
          this.write(name, { executionId: record.executionId, body: record.body, dead: { status: status ? Number(status[1]) : null, message, attempts: 1, at: statSync(path).mtime.toISOString() } });
          unlinkSync(path);
        } else {
          // A damaged file stays as it is, for a person to look at or drop.
          mkdirSync(this.dir, { recursive: true });
          renameSync(path, join(this.dir, name));
        }
        moved++;
      } catch {
        // another process moved it first
      }
    }
    try {
      rmdirSync(old);
    } catch {
      // not empty (a write in progress) or gone already
    }
    return moved;
  }

  private read(name: string): DeadRecord | null {
    const text = readText(join(this.dir, name));
    if (text === null) return null;
    const record = parseSpoolRecord(text);
    if (!record) return null;
    const dead = (JSON.parse(text) as { dead?: unknown }).dead;
    return { executionId: record.executionId, body: record.body, dead: isReason(dead) ? dead : { status: null, message: 'unknown', attempts: record.attempts ?? 0, at: '' } };
  }

  private entry(name: string): DeadEntry {
    const record = this.read(name);
    const workflow = record ? workflowOf(record.body) : { workflowId: null, workflowName: null };
    return { name, executionId: record?.executionId ?? null, ...workflow, reason: record?.dead ?? null, spooledAt: spooledAtOf(name) };
  }
}

/** The workflow an execution body names (`POST /v1/executions`: `workflowId`, `workflowName`). */
function workflowOf(body: string): { workflowId: string | null; workflowName: string | null } {
  try {
    const b = JSON.parse(body) as { workflowId?: unknown; workflowName?: unknown };
    return { workflowId: typeof b.workflowId === 'string' ? b.workflowId : null, workflowName: typeof b.workflowName === 'string' ? b.workflowName : null };
  } catch {
    return { workflowId: null, workflowName: null };
  }
}
