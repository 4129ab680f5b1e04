import type { SendResult } from '../hook/client';
import { prepareExecution } from '../hook/executionBody';
import { loadCheckpoint, saveCheckpoint, type SyncCheckpoint } from './checkpoint';
import type { ApiExecution, N8nApiClient } from './n8nApi';

/** Statuses after which an execution's run data no longer changes. */
export const FINISHED_STATUSES = ['success', 'error', 'crashed', 'canceled'];

export interface SyncOptions {
  n8n: Pick<N8nApiClient, 'listExecutions' | 'getExecution'>;
  /** Posts one `POST /v1/executions` body to the ledger. */
  send(bodyJson: string): Promise<SendResult>;
  checkpointPath: string;
  n8nUrl: string;
  pageSize?: number;
  log?(line: string): void;
}

export interface SyncSummary {
  /** Executions read from n8n in this pass. */
  seen: number;
  /** Executions posted to the ledger. */
  metered: number;
  /** Ledger entries newly recorded (0 when the hook or an earlier sync already had them). */
  recorded: number;
  /** Executions the ledger refused (bad run data); logged and skipped. */
  refused: number;
  /** Executions still running or waiting, to meter when they finish. */
  pending: number;
}

/** A failure that stops the pass; the checkpoint keeps what was done. */
export class SyncError extends Error {}

/** Orders n8n execution ids (increasing integers, as strings). */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

function isFinished(e: ApiExecution): boolean {
  return FINISHED_STATUSES.includes(String(e.status)) || (e.status === undefined && e.finished === true);
}

/**
 * One sync pass: reads n8n's executions newest first, page by page, down to the checkpoint; meters each finished
 * one (the ledger's idempotency keys make a repeat count once); remembers running and waiting ones and meters them
 * once they finish. The checkpoint is saved after every page, so a pass cut short resumes where it stopped.
 */
export async function syncExecutions(options: SyncOptions): Promise<SyncSummary> {
  const log = options.log ?? (() => {});
  const cp: SyncCheckpoint = loadCheckpoint(options.checkpointPath, options.n8nUrl);
  const summary: SyncSummary = { seen: 0, metered: 0, recorded: 0, refused: 0, pending: 0 };
  const pending = new Set(cp.pending);

  const meter = async (e: ApiExecution): Promise<void> => {
    const prepared = prepareExecution({ mode: e.mode, status: e.status, data: e.data }, e.workflowData, e.id);
    if (!prepared || prepared.refusedByCredits) return;
    if (prepared.dropped.length > 0) log(`execution ${prepared.executionId}: skipped ${prepared.dropped.join('; ')}`);
    const result = await options.send(prepared.body);
    // sync stops and resumes at the next run on any failure that may pass; it keeps no per-record count.
    if (result.status === 'retry' || result.status === 'failed') throw new SyncError(`${result.reason}; run sync again to resume`);
    if (result.status === 'reject') {
      summary.refused++;
      log(`execution ${prepared.executionId}: the ledger refused it (${result.reason})`);
      return;
    }
    summary.metered++;
    summary.recorded += result.recorded;
  };
  const save = (): void => saveCheckpoint(options.checkpointPath, { ...cp, pending: [...pending] });

  if (!cp.pass) cp.pass = { top: null, cursor: null };
  let firstPage = cp.pass.top === null;
  for (;;) {
    const page = await options.n8n.listExecutions({ cursor: cp.pass.cursor, limit: options.pageSize ?? 50, includeData: true });
    if (firstPage) {
      firstPage = false;
      // The list leaves out running executions: remember them (and waiting ones) before the watermark passes them.
      for (const status of ['running', 'waiting']) {
        const open = await options.n8n.listExecutions({ status, limit: 250 });
        for (const e of open.data) if (cp.meteredThrough === null || compareIds(String(e.id), cp.meteredThrough) > 0) pending.add(String(e.id));
      }
    }
    let reachedCheckpoint = false;
    for (const e of page.data) {
      const id = String(e.id);
      if (cp.meteredThrough !== null && compareIds(id, cp.meteredThrough) <= 0) {
        reachedCheckpoint = true;
        break;
      }
      if (cp.pass.top === null || compareIds(id, cp.pass.top) > 0) cp.pass.top = id;
      summary.seen++;
      if (isFinished(e)) {
        await meter(e);
        pending.delete(id);
      } else pending.add(id);
    }
    cp.pass.cursor = page.nextCursor;
    save();
    if (reachedCheckpoint || !page.nextCursor || page.data.length === 0) break;
  }
  if (cp.pass.top !== null && (cp.meteredThrough === null || compareIds(cp.pass.top, cp.meteredThrough) > 0)) cp.meteredThrough = cp.pass.top;
  cp.pass = null;
  save();

  for (const id of [...pending]) {
    const e = await options.n8n.getExecution(id);
    if (!e) pending.delete(id);
    else if (isFinished(e)) {
      await meter(e);
      pending.delete(id);
      save();
    }
  }
  save();
  summary.pending = pending.size;
  return summary;
}
