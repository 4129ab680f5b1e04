import type { AdmissionJson, LedgerBody, LedgerOk, LedgerQuery, LedgerRouteKey } from '../http/contract';
import type { HookConfig } from './config';
import { httpRequest, type HttpResponse } from './httpRequest';

/** The ledger routes this client calls, by name; each must be a route of the contract (checked by tsc and a test). */
export const LEDGER_CLIENT_ROUTES = {
  sendExecution: 'POST /v1/executions',
  admission: 'GET /v1/admission',
  admitWorkflow: 'POST /v1/admission',
  verify: 'GET /v1/balance',
} as const satisfies Record<string, LedgerRouteKey>;

type ExecutionAnswer = LedgerOk<typeof LEDGER_CLIENT_ROUTES.sendExecution>;

/**
 * What became of one delivery. `retry`: the ledger is unreachable or says it is busy or down (network error, 408,
 * 429, 502–504, 507), which is no fault of the record, so nothing is counted against it. `failed`: the ledger answered
 * with an error on this record (500 and the other 5xx) or not in time; the record may be at fault, so the attempt
 * counts toward the spool's limit. `reject`: refused for good (any other 4xx); never retried on its own.
 */
export type SendResult =
  | ({ status: 'ok' } & Pick<ExecutionAnswer, 'recorded' | 'duplicates'>)
  | { status: 'retry'; reason: string }
  | { status: 'failed'; reason: string; httpStatus: number | null; timedOut?: boolean }
  | { status: 'reject'; reason: string; httpStatus: number };

/** Answers that say the ledger as a whole cannot take anything now, whichever record is sent (507: its disk is full). */
const LEDGER_WIDE_STATUSES = [408, 429, 502, 503, 504, 507];

/** The few ledger routes the hook and `sync` use, over `fetch` with timeouts. Never throws. */
export class LedgerClient {
  constructor(private readonly config: Pick<HookConfig, 'url' | 'apiKey' | 'workspace' | 'sendTimeoutMs' | 'gateTimeoutMs'>) {}

  /** The URL of a contract route (`METHOD /path`), with the configured workspace and the query. */
  private address(route: LedgerRouteKey, query: Record<string, string | undefined> = {}): string {
    const path = route.slice(route.indexOf(' ') + 1);
    const params = new URLSearchParams();
    if (this.config.workspace) params.set('workspaceId', this.config.workspace);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
    const qs = params.toString();
    return `${this.config.url}${path}${qs ? `?${qs}` : ''}`;
  }

  private headers(json: boolean): Record<string, string> {
    return { authorization: `Bearer ${this.config.apiKey}`, ...(json ? { 'content-type': 'application/json' } : {}) };
  }

  /** `POST /v1/executions` with a prepared JSON body; see SendResult for which answers are retried and counted. */
  async sendExecution(bodyJson: string): Promise<SendResult> {
    let res: HttpResponse;
    try {
      res = await httpRequest(this.address(LEDGER_CLIENT_ROUTES.sendExecution), { method: 'POST', headers: this.headers(true), body: bodyJson, timeoutMs: this.config.sendTimeoutMs });
    } catch (err) {
      // A record the ledger chokes on could time out every time: a timeout counts, a refused connection does not.
      if (err instanceof Error && err.name === 'TimeoutError') return { status: 'failed', reason: `the ledger at ${this.config.url} did not answer in time (${err.message})`, httpStatus: null, timedOut: true };
      return { status: 'retry', reason: `the ledger at ${this.config.url} is unreachable (${describe(err)})` };
    }
    if (res.status >= 200 && res.status < 300) {
      // Only two counters are needed from the answer: read them without parsing every charge.
      return { status: 'ok', recorded: counter(res.text, 'recorded'), duplicates: counter(res.text, 'duplicates') };
    }
    const reason = `the ledger answered ${res.status}: ${res.text.slice(0, 300)}`;
    if (LEDGER_WIDE_STATUSES.includes(res.status)) return { status: 'retry', reason };
    if (res.status >= 500) return { status: 'failed', reason, httpStatus: res.status };
    return { status: 'reject', reason, httpStatus: res.status };
  }

  /** `GET /v1/admission` by workflow version; null when the ledger cannot answer in time (the caller lets the execution run). */
  async admission(workflowId: string | undefined, versionId: string | undefined, mode: string | undefined): Promise<AdmissionJson | null> {
    const query: LedgerQuery<typeof LEDGER_CLIENT_ROUTES.admission> = { workflowId, versionId, mode };
    return this.admissionAnswer(this.address(LEDGER_CLIENT_ROUTES.admission, query), { headers: this.headers(false) });
  }

  /** `POST /v1/admission` with the workflow, which the ledger prices; null when it cannot answer in time. */
  async admitWorkflow(workflow: LedgerBody<typeof LEDGER_CLIENT_ROUTES.admitWorkflow>['workflow'], mode: string | undefined): Promise<AdmissionJson | null> {
    const body: LedgerBody<typeof LEDGER_CLIENT_ROUTES.admitWorkflow> = mode === undefined ? { workflow } : { workflow, mode };
    return this.admissionAnswer(this.address(LEDGER_CLIENT_ROUTES.admitWorkflow), { method: 'POST', headers: this.headers(true), body: JSON.stringify(body) });
  }

  private async admissionAnswer(url: string, init: { method?: string; headers: Record<string, string>; body?: string }): Promise<AdmissionJson | null> {
    try {
      const res = await httpRequest(url, { ...init, timeoutMs: this.config.gateTimeoutMs });
      if (res.status !== 200) return null;
      return JSON.parse(res.text) as LedgerOk<typeof LEDGER_CLIENT_ROUTES.admission>;
    } catch {
      return null;
    }
  }

  /** Checks the key and workspace with `GET /v1/balance`: `fatal` for a refused key or unknown workspace. */
  async verify(): Promise<{ status: 'ok' } | { status: 'unreachable'; reason: string } | { status: 'fatal'; reason: string }> {
    try {
      const res = await httpRequest(this.address(LEDGER_CLIENT_ROUTES.verify), { headers: this.headers(false), timeoutMs: this.config.sendTimeoutMs });
      if (res.status === 200) return { status: 'ok' };
      const text = res.text.slice(0, 300);
      if (res.status === 401 || res.status === 403 || res.status === 404) return { status: 'fatal', reason: `the ledger at ${this.config.url} refused the key or workspace (${res.status}: ${text})` };
      return { status: 'unreachable', reason: `the ledger answered ${res.status}` };
    } catch (err) {
      return { status: 'unreachable', reason: `the ledger at ${this.config.url} is unreachable (${describe(err)})` };
    }
  }
}

/** A top-level integer field of the execution answer (`"recorded":3`); 0 when absent. */
function counter(text: string, field: keyof ExecutionAnswer): number {
  const m = new RegExp(`"${field}":(\\d+)`).exec(text);
  return m ? Number(m[1]) : 0;
}

/** A short description of a fetch failure (the cause holds ECONNREFUSED and friends). */
export function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as Error & { code?: string }).code;
    if (code) return code;
    const cause = (err as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) return `${err.message}: ${(cause as Error & { code?: string }).code ?? cause.message}`;
    return err.name === 'TimeoutError' ? 'timed out' : err.message;
  }
  return String(err);
}
