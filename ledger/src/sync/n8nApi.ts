/** An execution as n8n's public API lists it (`GET /api/v1/executions?includeData=true`). */
export interface ApiExecution {
  id: string | number;
  mode?: string;
  status?: string;
  finished?: boolean;
  workflowId?: string | number | null;
  startedAt?: string | null;
  stoppedAt?: string | null;
  /** With `includeData`: n8n's IRunExecutionData (`resultData.runData`). */
  data?: unknown;
  /** With `includeData`: the workflow as it ran. */
  workflowData?: unknown;
}

export interface ExecutionPage {
  data: ApiExecution[];
  nextCursor: string | null;
}

/** A failure talking to n8n, with what to check. */
export class N8nApiError extends Error {
  constructor(message: string, readonly status: number | null) {
    super(message);
    this.name = 'N8nApiError';
  }
}

/** The n8n public API routes `sync` reads, authenticated with `X-N8N-API-KEY`. */
export class N8nApiClient {
  private readonly base: string;
  constructor(url: string, private readonly apiKey: string, private readonly timeoutMs = 30000) {
    this.base = url.replace(/\/+$/, '');
  }

  private async get(path: string, query: Record<string, string | undefined>): Promise<unknown> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
    const address = `${this.base}/api/v1${path}?${params.toString()}`;
    let res: Response;
    try {
      res = await fetch(address, { headers: { 'X-N8N-API-KEY': this.apiKey, accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new N8nApiError(`n8n at ${this.base} is unreachable (${cause ?? (err as Error).message})`, null);
    }
    const text = await res.text();
    if (res.status === 401 || res.status === 403) throw new N8nApiError(`n8n refused the API key (${res.status}); create one under Settings → n8n API and pass --n8n-api-key`, res.status);
    if (!res.ok) throw new N8nApiError(`n8n answered ${res.status} to GET ${path}: ${text.slice(0, 300)}`, res.status);
    try {
      return JSON.parse(text);
    } catch {
      throw new N8nApiError(`n8n answered GET ${path} with something that is not JSON (is ${this.base} the n8n address?)`, res.status);
    }
  }

  /** One page of executions, newest first; `cursor` from the previous page's `nextCursor`. */
  async listExecutions(options: { cursor?: string | null; limit?: number; includeData?: boolean; status?: string }): Promise<ExecutionPage> {
    const body = (await this.get('/executions', {
      cursor: options.cursor ?? undefined,
      limit: options.cursor ? undefined : String(options.limit ?? 50),
      includeData: options.includeData ? 'true' : undefined,
      status: options.status,
    })) as { data?: unknown; nextCursor?: unknown };
    if (!body || !Array.isArray(body.data)) throw new N8nApiError('n8n\'s execution list has no "data" array', 200);
    return { data: body.data as ApiExecution[], nextCursor: typeof body.nextCursor === 'string' && body.nextCursor ? body.nextCursor : null };
  }

  /** One execution with its data; null when n8n no longer has it. */
  async getExecution(id: string): Promise<ApiExecution | null> {
    try {
      return (await this.get(`/executions/${encodeURIComponent(id)}`, { includeData: 'true' })) as ApiExecution;
    } catch (err) {
      if (err instanceof N8nApiError && err.status === 404) return null;
      throw err;
    }
  }
}
