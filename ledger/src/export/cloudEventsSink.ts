import type { LedgerEntry } from '../store/types';
import type { UsageSink } from './sink';
import { usageRecordOf } from './usageRecord';

export interface CloudEventsOptions {
  url: string;
  /** The ledger's URI (`source` of every event, with `/workspaces/<id>` after it); default `urn:n8n-credits:ledger`. */
  source?: string;
  /** Extra request headers (an ingestion token: `authorization: Bearer …`). */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export const USAGE_EVENT_TYPE = 'com.n8n-credits.usage';
export const REVERSAL_EVENT_TYPE = 'com.n8n-credits.usage.reversal';

/**
 * A usage entry as a CloudEvent 1.0 (structured JSON): `id` is the entry key, `source` the ledger and the
 * workspace (keys are unique per workspace, and receivers such as OpenMeter deduplicate by id and source),
 * `subject` the workspace, `time` when the ledger recorded it. A reversal is its own event type, negative.
 */
export function cloudEventOf(entry: LedgerEntry, source: string): Record<string, unknown> {
  const { key, workspaceId, type, ...data } = usageRecordOf(entry);
  return {
    specversion: '1.0', id: key, source: `${source}/workspaces/${encodeURIComponent(workspaceId)}`, type: type === 'reversal' ? REVERSAL_EVENT_TYPE : USAGE_EVENT_TYPE,
    subject: workspaceId, time: entry.recordedAt, datacontenttype: 'application/json', data,
  };
}

/** CloudEvents over HTTP in batch mode (`application/cloudevents-batch+json`), one request per batch. */
export class CloudEventsSink implements UsageSink {
  readonly name: string;
  private readonly source: string;

  constructor(private readonly options: CloudEventsOptions) {
    this.name = `cloudevents:${options.url}`;
    this.source = options.source ?? 'urn:n8n-credits:ledger';
  }

  async open(): Promise<null> {
    return null;
  }

  async send(entries: LedgerEntry[]): Promise<{ fileOffset: null }> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents-batch+json; charset=utf-8', ...this.options.headers },
      body: JSON.stringify(entries.map((e) => cloudEventOf(e, this.source))),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    // The whole batch is one request: acknowledged together or not at all.
    if (!response.ok) throw new Error(`the receiver answered ${response.status} ${response.statusText}`);
    await response.arrayBuffer();
    return { fileOffset: null };
  }

  async close(): Promise<void> {}
}
