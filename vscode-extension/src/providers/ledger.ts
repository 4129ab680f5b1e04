import type { NodeActual } from '../render/hover';

/** The secret storage key of the ledger API key. */
export const LEDGER_KEY_SECRET = 'n8nCredits.ledgerApiKey';

export type FetchLike = (url: string, init: { headers: Record<string, string>; signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export interface LedgerSource {
  url: string;
  key: string | undefined;
  fetch: FetchLike;
}

/**
 * Reads each node's measured average for one workflow from the ledger's report API
 * (`GET /v1/reports/nodes?workflowId=…`, rows `{ node, millicredits, executions }`).
 * Returns an error string instead of throwing: the ledger is optional.
 */
export async function fetchNodeActuals(source: LedgerSource, workflowId: string): Promise<Map<string, NodeActual> | { error: string }> {
  const url = `${source.url.replace(/\/+$/, '')}/v1/reports/nodes?workflowId=${encodeURIComponent(workflowId)}`;
  try {
    const response = await source.fetch(url, { headers: { accept: 'application/json', ...(source.key ? { authorization: `Bearer ${source.key}` } : {}) } });
    if (!response.ok) return { error: `ledger answered ${response.status} for ${url}` };
    const body = (await response.json()) as { nodes?: unknown; rows?: unknown };
    const rows = Array.isArray(body?.nodes) ? body.nodes : Array.isArray(body?.rows) ? body.rows : [];
    const actuals = new Map<string, NodeActual>();
    for (const row of rows as Record<string, unknown>[]) {
      const name = row.node ?? row.nodeName ?? row.key;
      const total = row.millicredits;
      const executions = row.executions ?? row.entries;
      if (typeof name !== 'string' || typeof total !== 'number' || typeof executions !== 'number' || executions <= 0) continue;
      actuals.set(name, { average: total / executions, executions });
    }
    return actuals;
  } catch (error) {
    return { error: `ledger not reachable at ${source.url}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Caches the actuals per workflow, refreshing at most once a `ttlMs`; `onChange` hears new data. */
export class LedgerActuals {
  private readonly cache = new Map<string, { at: number; actuals?: Map<string, NodeActual> }>();
  lastError: string | undefined;

  constructor(
    private readonly source: () => Promise<LedgerSource | undefined>,
    private readonly onChange: () => void,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached actuals of a workflow; starts a refresh when stale. */
  get(workflowId: string | undefined): Map<string, NodeActual> | undefined {
    if (!workflowId) return undefined;
    const hit = this.cache.get(workflowId);
    if (!hit || this.now() - hit.at > this.ttlMs) void this.refresh(workflowId);
    return hit?.actuals;
  }

  async refresh(workflowId: string): Promise<void> {
    this.cache.set(workflowId, { at: this.now(), actuals: this.cache.get(workflowId)?.actuals });
    const source = await this.source();
    if (!source) return;
    const result = await fetchNodeActuals(source, workflowId);
    if (result instanceof Map) {
      this.lastError = undefined;
      this.cache.set(workflowId, { at: this.now(), actuals: result });
      this.onChange();
    } else this.lastError = result.error;
  }

  clear(): void {
    this.cache.clear();
  }
}
