import type { ExportCursor, LedgerEntry } from '../store/types';

/** Where a usage export delivers: Stripe meter events, a CloudEvents endpoint, a CSV or JSON Lines file. */
export interface UsageSink {
  /** The cursor's name: the kind and its target (`cloudevents:https://…`, `csv:/abs/path`). */
  readonly name: string;
  /** Prepares to continue from `cursor` (a file is cut back to what the cursor acknowledged); returns the file offset. */
  open(cursor: ExportCursor | null): Promise<number | null>;
  /**
   * Delivers the entries in order and resolves once all are acknowledged, with the file offset after them. A
   * failure part-way throws `DeliveryError` saying how many (from the first) were acknowledged before it.
   */
  send(entries: LedgerEntry[]): Promise<{ fileOffset: number | null }>;
  close(): Promise<void>;
}

/** A delivery that failed after `acknowledged` entries of the batch got through (the cursor moves past those). */
export class DeliveryError extends Error {
  constructor(
    readonly acknowledged: number,
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
