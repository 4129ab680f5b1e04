import type { LedgerEntryJson, LedgerOk, LedgerQuery, LedgerRouteKey } from '../../../ledger/src/http/contract';
import type { NodeActual } from '../render/hover';

/** The secret storage key of the ledger API key. */
export const LEDGER_KEY_SECRET = 'n8nCredits.ledgerApiKey';

export type FetchLike = (url: string, init: { headers: Record<string, string>; signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export interface LedgerSource {
  url: string;
  key: string | undefined;
  fetch: FetchLike;
}

/** The ledger routes the extension calls; each must be a route of the ledger's contract (checked by tsc and a test). */
export const LEDGER_ROUTES = { entries: 'GET /v1/entries' } as const satisfies Record<string, LedgerRouteKey>;

/** Entries read per refresh: the newest page the ledger gives (its most). */
const ENTRY_PAGE = 1000;

/**
 * Reads each node's measured average per execution for one workflow from the ledger's newest entries
 * (`GET /v1/entries?workflowId=…&limit=1000`, a member or admin key): per node name, the millicredits of its
 * entries over the number of executions they came from. Returns an error string instead of throwing: the
 * ledger is optional.
 */
export async function fetchNodeActuals(source: LedgerSource, workflowId: string): Promise<Map<string, NodeActual> | { error: string }> {
  const query = new URLSearchParams({ workflowId, limit: String(ENTRY_PAGE) } satisfies LedgerQuery<typeof LEDGER_ROUTES.entries>);
  const path = LEDGER_ROUTES.entries.slice('GET '.length);
  const url = `${source.url.replace(/\/+$/, '')}${path}?${query.toString()}`;
  try {
    const response = await source.fetch(url, { headers: { accept: 'application/json', ...(source.key ? { authorization: `Bearer ${source.key}` } : {}) } });
    if (!response.ok) return { error: `ledger answered ${response.status} for ${url}` };
    const body = (await response.json()) as LedgerOk<typeof LEDGER_ROUTES.entries>;
    return averagePerNode(Array.isArray(body?.entries) ? body.entries : []);
  } catch (error) {
    return { error: `ledger not reachable at ${source.url}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Per node name: its entries' millicredits over the executions they belong to (entries without either are left out). */
function averagePerNode(entries: LedgerEntryJson[]): Map<string, NodeActual> {
  const totals = new Map<string, { millicredits: number; executions: Set<string> }>();
  for (const entry of entries) {
    if (!entry.nodeName || !entry.executionId) continue;
    const total = totals.get(entry.nodeName) ?? { millicredits: 0, executions: new Set<string>() };
    total.millicredits += entry.millicredits;
    total.executions.add(entry.executionId);
    totals.set(entry.nodeName, total);
  }
  const actuals = new Map<string, NodeActual>();
  for (const [name, total] of totals) actuals.set(name, { average: total.millicredits / total.executions.size, executions: total.executions.size });
  return actuals;
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
