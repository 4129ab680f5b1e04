import type { LedgerBody } from '../http/contract';

/** The parts of n8n's IRun the hook reads; everything is checked before use because shapes vary by version. */
interface LooseRun {
  mode?: unknown;
  status?: unknown;
  waitTill?: unknown;
  finished?: unknown;
  data?: { resultData?: { runData?: unknown; error?: unknown; lastNodeExecuted?: unknown } } | null;
}

export interface PreparedExecution {
  executionId: string;
  /** The JSON body for `POST /v1/executions`. */
  body: string;
  /** Node runs sent (for logs and tests). */
  nodeRuns: number;
  /** What could not be priced and why; logged, never thrown. */
  dropped: string[];
  /**
   * The admission check refused it before any step ran (its error is ours): nothing to charge, and sending it would
   * count as a failure of the workflow for the circuit breaker.
   */
  refusedByCredits: boolean;
}

/** The prefix of every message the admission check refuses an execution with. */
export const REFUSAL_PREFIX = 'n8n Credits:';

const FINAL_STATUSES = ['success', 'error', 'crashed', 'canceled', 'waiting'];

/**
 * The execution's outcome. n8n can hand the hook an IRun still marked `running` (its status is finalised by another
 * lifecycle handler, not always first), so an unfinished status is derived the way n8n derives it: waiting when it
 * has `waitTill`, error when the result has an error, else success.
 */
function finalStatus(run: LooseRun): string {
  if (typeof run.status === 'string' && FINAL_STATUSES.includes(run.status)) return run.status;
  if (run.waitTill) return 'waiting';
  if (run.data?.resultData?.error) return 'error';
  return 'success';
}

/** Keeps an item's `json` (pricing reads token usage there) and drops binary data, which can be large. */
function slimData(data: unknown): unknown {
  if (!data || typeof data !== 'object') return null;
  const out: Record<string, unknown> = {};
  for (const [type, outputs] of Object.entries(data as Record<string, unknown>)) {
    if (!Array.isArray(outputs)) continue;
    out[type] = outputs.map((items) => (Array.isArray(items) ? items.map((item) => (item && typeof item === 'object' ? { json: (item as { json?: unknown }).json ?? {} } : null)) : null));
  }
  return out;
}

function errorSummary(error: unknown): unknown {
  if (!error || typeof error !== 'object') return error === undefined ? undefined : { message: String(error) };
  const e = error as { message?: unknown; name?: unknown; description?: unknown };
  return { message: typeof e.message === 'string' ? e.message : 'error', name: typeof e.name === 'string' ? e.name : undefined };
}

/** One node run with only the fields pricing reads, so the body stays small and free of circular references. */
function slimRun(run: Record<string, unknown>): Record<string, unknown> {
  return {
    startTime: typeof run.startTime === 'number' ? run.startTime : undefined,
    executionIndex: typeof run.executionIndex === 'number' ? run.executionIndex : undefined,
    executionTime: typeof run.executionTime === 'number' ? run.executionTime : undefined,
    executionStatus: typeof run.executionStatus === 'string' ? run.executionStatus : undefined,
    data: slimData(run.data),
    error: errorSummary(run.error),
    metadata: run.metadata && typeof run.metadata === 'object' ? safeJson(run.metadata) : undefined,
  };
}

/** A JSON copy without cycles (n8n errors point back at their node); null when it cannot be copied. */
function safeJson(value: unknown): unknown {
  const seen = new WeakSet<object>();
  try {
    return JSON.parse(JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'bigint') return String(v);
      if (v && typeof v === 'object') {
        if (seen.has(v)) return undefined;
        seen.add(v);
      }
      return v;
    }));
  } catch {
    return null;
  }
}

/**
 * Turns what n8n hands `workflow.postExecute` (IRun, the workflow, the execution id) into the body of
 * `POST /v1/executions`. Odd shapes are dropped with a note rather than thrown: a node whose runs are not a list,
 * a run that is not an object, a node without a name or type. Returns null only without an execution id.
 */
export function prepareExecution(fullRunData: unknown, workflowData: unknown, executionId: unknown): PreparedExecution | null {
  if ((typeof executionId !== 'string' && typeof executionId !== 'number') || String(executionId) === '') return null;
  const id = String(executionId);
  const dropped: string[] = [];
  const run = (fullRunData && typeof fullRunData === 'object' ? fullRunData : {}) as LooseRun;
  const wf = (workflowData && typeof workflowData === 'object' ? workflowData : {}) as { id?: unknown; name?: unknown; nodes?: unknown; connections?: unknown };
  // The contract names each node's name and type; the other fields pricing reads ride along.
  const nodes: Array<{ name: string; type: string } & Record<string, unknown>> = [];
  for (const node of Array.isArray(wf.nodes) ? wf.nodes : []) {
    const n = node as Record<string, unknown> | null;
    if (n && typeof n.name === 'string' && typeof n.type === 'string') {
      nodes.push({ id: n.id, name: n.name, type: n.type, typeVersion: n.typeVersion, parameters: safeJson(n.parameters ?? {}), disabled: n.disabled, executeOnce: n.executeOnce });
    } else dropped.push(`a workflow node without a name or type`);
  }
  const runData: Record<string, unknown[]> = {};
  let nodeRuns = 0;
  const rawRunData = run.data?.resultData?.runData;
  if (rawRunData && typeof rawRunData === 'object') {
    for (const [name, runs] of Object.entries(rawRunData as Record<string, unknown>)) {
      if (!Array.isArray(runs)) {
        dropped.push(`node "${name}": its runs are not a list`);
        continue;
      }
      runData[name] = runs.map((r, i) => {
        if (r && typeof r === 'object') {
          nodeRuns++;
          return slimRun(r as Record<string, unknown>);
        }
        dropped.push(`node "${name}" run ${i}: not an object`);
        return null;
      }).filter((r) => r !== null) as unknown[];
    }
  } else if (rawRunData !== undefined && rawRunData !== null) dropped.push('runData is not an object');
  const workflowId = typeof wf.id === 'string' || typeof wf.id === 'number' ? String(wf.id) : null;
  const body: LedgerBody<'POST /v1/executions'> = {
    executionId: id,
    workflowId,
    workflowName: typeof wf.name === 'string' ? wf.name : null,
    workflow: { id: workflowId, name: typeof wf.name === 'string' ? wf.name : null, nodes, connections: wf.connections && typeof wf.connections === 'object' ? safeJson(wf.connections) ?? {} : {} },
    run: {
      mode: typeof run.mode === 'string' ? run.mode : undefined,
      status: finalStatus(run),
      data: { resultData: { runData, error: errorSummary(run.data?.resultData?.error), lastNodeExecuted: typeof run.data?.resultData?.lastNodeExecuted === 'string' ? run.data.resultData.lastNodeExecuted : undefined } },
    },
  };
  const error = run.data?.resultData?.error as { message?: unknown } | undefined;
  const refusedByCredits = typeof error?.message === 'string' && error.message.startsWith(REFUSAL_PREFIX);
  return { executionId: id, body: JSON.stringify(body), nodeRuns, dropped, refusedByCredits };
}
