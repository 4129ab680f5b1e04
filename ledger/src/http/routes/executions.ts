import { priceExecution } from '../../../../shared-pricing/src/execution/priceExecution';
import type { ExecutionRun, PricedExecution, Workflow } from '../../../../shared-pricing/src/execution/types';
import { PricingError } from '../../../../shared-pricing/src/errors';
import { isLedgerError, type LedgerError } from '../../store/errors';
import type { ChargeOutcome } from '../../store/types';
import { principalOf } from '../auth';
import { memberScope, resolveWorkspace, type AppContext } from '../context';
import { getExecutionEntries, postExecution } from '../contract/executions';
import { contractRoute, type LedgerApp } from '../contractRoute';
import { ApiError, fromLedgerError } from '../errors';
import { entryJson, outcomeJson, tally } from '../outcomes';
import { priceBookOf } from '../pricing';
import { countOutcomes } from './usage';

/** Largest run-data body `POST /v1/executions` accepts (bytes). */
export const EXECUTION_BODY_LIMIT = 32 * 1024 * 1024;

/** `POST /v1/executions` prices n8n run data and records each node run idempotently; `GET …/:id/entries` reads them back. */
export function executionRoutes(app: LedgerApp, ctx: AppContext): void {
  app.post(postExecution.url, {
    ...contractRoute(postExecution),
    // Run data carries every item n8n produced: allow more than the default limit here.
    bodyLimit: Math.max(app.initialConfig.bodyLimit ?? 0, EXECUTION_BODY_LIMIT),
  }, async (request) => {
    const principal = principalOf(request);
    const ws = await resolveWorkspace(ctx, request);
    // The contract checks only the outline of n8n's run data; pricing checks the rest (a PricingError is a 400).
    const workflow = request.body.workflow as Workflow;
    const executionId = request.body.executionId ?? request.body.run.executionId;
    if (!executionId) throw new ApiError(400, 'invalid_request', 'the execution id is missing: send run.executionId or executionId', 'run.executionId');
    if (request.body.executionId && request.body.run.executionId && request.body.executionId !== request.body.run.executionId) {
      throw new ApiError(400, 'invalid_request', 'executionId and run.executionId differ', 'executionId');
    }
    const run: ExecutionRun = { ...(request.body.run as Omit<ExecutionRun, 'executionId'>), executionId };
    const memberId = memberScope(principal, request.body.memberId) ?? null;
    const workflowId = request.body.workflowId ?? (workflow.id == null ? null : String(workflow.id));
    const workflowName = request.body.workflowName ?? workflow.name ?? null;
    let priced: PricedExecution | undefined;
    let outcomes: ChargeOutcome[];
    try {
      // Priced inside the ledger's transaction with the helper counter it holds, so re-posts count nothing twice.
      ({ outcomes } = await ctx.store.recordExecution({
        workspaceId: ws.id, executionId, workflowId, mode: run.mode ?? null, status: run.status ?? null,
        price: (state) => {
          priced = priceExecution(run, workflow, priceBookOf(ws.plan), ws.plan, state);
          const charges = priced.charges.map((c) => ({
            key: c.key, millicredits: c.millicredits, memberId, workflowId, workflowName,
            executionId: c.executionId, nodeName: c.nodeName, nodeType: c.nodeType || null, runIndex: c.runIndex,
            mode: run.mode ?? null, kind: c.kind, model: c.model ?? null, tokens: c.tokens ?? null, status: run.status ?? null,
          }));
          return { charges, state: priced.state };
        },
      }));
    } catch (err) {
      if (err instanceof PricingError) throw new ApiError(400, 'invalid-execution', err.message, 'run');
      if (isLedgerError(err)) throw executionError(err);
      throw err;
    }
    if (!priced) throw new Error('recordExecution returned without pricing the execution');
    countOutcomes(ctx, outcomes);
    const counts = tally(outcomes);
    return {
      executionId: priced.executionId,
      totalMillicredits: priced.totalMillicredits,
      ...counts,
      charges: priced.charges.map((c, i) => ({
        key: c.key, nodeName: c.nodeName, nodeType: c.nodeType, runIndex: c.runIndex, kind: c.kind, millicredits: c.millicredits, reason: c.reason,
        outcome: outcomes[i] ? outcomeJson(outcomes[i]!) : null,
      })),
      skipped: priced.skipped,
      notes: priced.notes,
    };
  });

  app.get(getExecutionEntries.url, contractRoute(getExecutionEntries), async (request) => {
    const principal = principalOf(request);
    const ws = await resolveWorkspace(ctx, request);
    let entries = await ctx.store.entriesOfExecution(ws.id, request.params.executionId);
    const member = memberScope(principal, undefined);
    if (member) entries = entries.filter((e) => e.memberId === member);
    if (entries.length === 0) throw new ApiError(404, 'unknown-execution', `no entries for execution "${request.params.executionId}"`, 'executionId');
    return { executionId: request.params.executionId, millicredits: entries.reduce((s, e) => s + e.millicredits, 0), entries: entries.map(entryJson) };
  });
}

/** Fields of the body that reach the store as they are: a problem with one is named as the caller sent it. */
const BODY_FIELDS = new Set(['workflowId', 'workflowName', 'memberId', 'executionId']);

/** A store error about an execution's charges, named by the body field it came from (`workflowName`), else `run`. */
function executionError(err: LedgerError): ApiError {
  const raw = typeof err.details?.field === 'string' ? err.details.field : '';
  const field = raw.replace(/^charges\[\d+\]\./, '');
  if (!BODY_FIELDS.has(field)) return fromLedgerError(err, 'run');
  return new ApiError(fromLedgerError(err).status, err.code, err.message, field);
}
