import type { Admission } from '../http/routes/admission';
import type { HookConfig } from './config';

/** What became of one delivery: recorded, worth retrying later, or refused for good (kept aside, never retried). */
export type SendResult = { status: 'ok'; recorded: number; duplicates: number } | { status: 'retry'; reason: string } | { status: 'reject'; reason: string };

/** The few ledger routes the hook and `sync` use, over `fetch` with timeouts. Never throws. */
export class LedgerClient {
  constructor(private readonly config: Pick<HookConfig, 'url' | 'apiKey' | 'workspace' | 'sendTimeoutMs' | 'gateTimeoutMs'>) {}

  private address(path: string, query: Record<string, string | undefined> = {}): string {
    const params = new URLSearchParams();
    if (this.config.workspace) params.set('workspaceId', this.config.workspace);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
    const qs = params.toString();
    return `${this.config.url}${path}${qs ? `?${qs}` : ''}`;
  }

  private headers(json: boolean): Record<string, string> {
    return { authorization: `Bearer ${this.config.apiKey}`, ...(json ? { 'content-type': 'application/json' } : {}) };
  }

  /** `POST /v1/executions` with a prepared JSON body. 5xx, 429 and network errors are retryable; other 4xx are not. */
  async sendExecution(bodyJson: string): Promise<SendResult> {
    let res: Response;
    try {
      res = await fetch(this.address('/v1/executions'), { method: 'POST', headers: this.headers(true), body: bodyJson, signal: AbortSignal.timeout(this.config.sendTimeoutMs) });
    } catch (err) {
      return { status: 'retry', reason: `the ledger at ${this.config.url} is unreachable (${describe(err)})` };
    }
    const text = await res.text().catch(() => '');
    if (res.ok) {
      const body = parseJson(text);
      return { status: 'ok', recorded: Number(body?.recorded ?? 0), duplicates: Number(body?.duplicates ?? 0) };
    }
    const reason = `the ledger answered ${res.status}: ${text.slice(0, 300)}`;
    if (res.status >= 500 || res.status === 429 || res.status === 408) return { status: 'retry', reason };
    return { status: 'reject', reason };
  }

  /** `GET /v1/admission`; null when the ledger cannot answer in time (the caller lets the execution run). */
  async admission(workflowId: string | undefined, mode: string | undefined): Promise<Admission | null> {
    try {
      const res = await fetch(this.address('/v1/admission', { workflowId, mode }), { headers: this.headers(false), signal: AbortSignal.timeout(this.config.gateTimeoutMs) });
      if (!res.ok) return null;
      return (await res.json()) as Admission;
    } catch {
      return null;
    }
  }

  /** Checks the key and workspace with `GET /v1/balance`: `fatal` for a refused key or unknown workspace. */
  async verify(): Promise<{ status: 'ok' } | { status: 'unreachable'; reason: string } | { status: 'fatal'; reason: string }> {
    try {
      const res = await fetch(this.address('/v1/balance'), { headers: this.headers(false), signal: AbortSignal.timeout(this.config.sendTimeoutMs) });
      if (res.ok) return { status: 'ok' };
      const text = (await res.text().catch(() => '')).slice(0, 300);
      if (res.status === 401 || res.status === 403 || res.status === 404) return { status: 'fatal', reason: `the ledger at ${this.config.url} refused the key or workspace (${res.status}: ${text})` };
      return { status: 'unreachable', reason: `the ledger answered ${res.status}` };
    } catch (err) {
      return { status: 'unreachable', reason: `the ledger at ${this.config.url} is unreachable (${describe(err)})` };
    }
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** A short description of a fetch failure (the cause holds ECONNREFUSED and friends). */
export function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) return `${err.message}: ${(cause as Error & { code?: string }).code ?? cause.message}`;
    return err.name === 'TimeoutError' ? 'timed out' : err.message;
  }
  return String(err);
}
