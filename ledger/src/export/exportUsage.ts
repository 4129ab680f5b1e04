import type { LedgerStore } from '../store/types';
import { DeliveryError, type UsageSink } from './sink';

export interface ExportOptions {
  /** Entries per batch (a CloudEvents request, a file write); default 500. */
  batchSize?: number;
  /**
   * Entries younger than this are left for the next run (ms; default 0). On PostgreSQL several writers commit
   * out of id order; a few seconds' lag lets every lower id commit before the cursor passes it.
   */
  lagMs?: number;
  now?: () => number;
}

/** What one run did: entries read, entries put on the wire, entries the sink acknowledged. */
export interface ExportSummary {
  sink: string;
  entries: number;
  sent: number;
  acknowledged: number;
  /** The cursor after the run: the id of the last acknowledged entry. */
  cursor: number;
}

/** Thrown when the export cannot go on; `summary` says what it did before. */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly summary: ExportSummary,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/**
 * Sends every usage entry after the sink's cursor, batch by batch, moving the cursor (in the ledger) past each
 * acknowledged batch: a restart continues where the last acknowledged entry left off, so nothing is sent twice
 * and nothing skipped. The sinks carry the entry key as the receiver's idempotency key, so even a crash between
 * an acknowledgement and the cursor's move is deduplicated by the receiver.
 */
export async function exportUsage(store: LedgerStore, sink: UsageSink, options: ExportOptions = {}): Promise<ExportSummary> {
  const batchSize = options.batchSize ?? 500;
  const now = options.now ?? Date.now;
  const cursor = await store.getExportCursor(sink.name);
  const summary: ExportSummary = { sink: sink.name, entries: 0, sent: 0, acknowledged: 0, cursor: cursor?.lastEntryId ?? 0 };
  const move = async (to: number, fileOffset: number | null) => {
    if (!(await store.moveExportCursor(sink.name, summary.cursor, to, fileOffset))) {
      throw new ExportError(`another exporter moved the cursor of ${sink.name}: stopped so that nothing is sent twice`, summary);
    }
    summary.cursor = to;
  };
  try {
    const offset = await sink.open(cursor);
    // The cursor exists before the first write: a crash right after it cuts the file back to this offset.
    if (!cursor) await move(0, offset);
    for (;;) {
      const lagMs = options.lagMs ?? 0;
      const batch = await store.usageEntries({ afterId: summary.cursor, limit: batchSize, recordedBefore: lagMs > 0 ? new Date(now() - lagMs).toISOString() : undefined });
      if (batch.length === 0) break;
      summary.entries += batch.length;
      summary.sent += batch.length;
      try {
        const { fileOffset } = await sink.send(batch);
        summary.acknowledged += batch.length;
        await move(batch[batch.length - 1].id, fileOffset);
      } catch (error) {
        if (error instanceof DeliveryError && error.acknowledged > 0) {
          summary.acknowledged += error.acknowledged;
          await move(batch[error.acknowledged - 1].id, null);
        }
        if (error instanceof ExportError) throw error;
        throw new ExportError(`${sink.name}: ${(error as Error).message}`, summary);
      }
    }
    return summary;
  } finally {
    await sink.close();
  }
}
