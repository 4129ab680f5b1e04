import { admits } from '../../../../shared-pricing/src/accounting/admits';
import { formatCredits } from '../../../../shared-pricing/src/money/formatCredits';
import type { BalanceCard, FailureCount, Workspace } from '../../store/types';
import { resolveWorkspace, type AppContext } from '../context';
import type { AdmissionJson } from '../contract';
import { getAdmission, postAdmission } from '../contract/admission';
import { contractRoute, type LedgerApp } from '../contractRoute';
import { WorkflowEstimates } from '../workflowEstimates';

/** n8n modes started from the editor: never refused by the admission check (the user is watching). */
export const EDITOR_MODES: readonly string[] = ['manual'];

/** The admission answer (the contract's `admission` schema). */
export type Admission = AdmissionJson;

/** What admission knows of the workflow: its estimate (null when that version is not priced here) and its name. */
export interface AdmissionWorkflow {
  estimate: AdmissionJson['estimate'];
  workflowNeeded: boolean;
  label: string | null;
}

const credits = (millicredits: number) => `${formatCredits(millicredits)} ${millicredits === 1000 ? 'credit' : 'credits'}`;

/** How a refusal names the workflow: by name when the ledger was sent it, else by id. */
const labelOf = (id: string | null | undefined, name: string | null | undefined) => (name ? `workflow "${name}"` : id ? `workflow "${id}"` : null);

/**
 * Decides whether a new execution may start. Under any policy, not while the workflow's circuit breaker is
 * open. Under `pause`, not when the balance (or today's limit) cannot cover the workflow's estimate, nor while
 * nothing is left — `admits` decides, as for charges; the message says how much is missing and when credits
 * renew. Editor runs always may.
 */
export function decideAdmission(card: BalanceCard, failures: FailureCount | null, mode: string | undefined, workflow: AdmissionWorkflow = { estimate: null, workflowNeeded: false, label: null }): Admission {
  const base = {
    exhaustion: card.exhaustion, totalAvailable: card.totalAvailable, dailyRemaining: card.dailyRemaining, consecutiveFailures: failures?.consecutiveFailures ?? 0,
    estimate: workflow.estimate, workflowNeeded: workflow.workflowNeeded,
  };
  const allow: Admission = { ...base, allowed: true, reason: null, message: null, renewsAt: null, missing: null };
  if (mode !== undefined && EDITOR_MODES.includes(mode)) return allow;
  if (failures?.open) {
    return { ...base, allowed: false, reason: 'circuit-open', renewsAt: null, missing: null,
      message: `n8n Credits: workflow "${failures.workflowId}" failed ${failures.consecutiveFailures} times in a row, the plan's limit; its executions are refused until a run of it succeeds (editor runs are not refused)` };
  }
  if (card.exhaustion !== 'pause') return allow;
  const need = workflow.estimate?.millicredits ?? 0;
  const decision = admits({ available: card.totalAvailable, dailyRemaining: card.dailyRemaining, memberRemaining: null, policy: 'pause' }, need, 'admission');
  if (decision.ok) return allow;
  const what = `${workflow.label ?? 'the workflow'}${workflow.estimate ? ` (estimated at ${credits(need)} per execution, ${workflow.estimate.figure})` : ''}`;
  const plan = `plan ${card.planName}, policy pause`;
  if (decision.reason === 'daily-limit') {
    return { ...base, allowed: false, reason: 'daily-limit', renewsAt: card.dailyResetsAt, missing: decision.missing,
      message: `n8n Credits: ${credits(decision.missing)} missing today to start ${what}: ${credits(card.dailyRemaining ?? 0)} of the daily limit of ${credits(card.dailyLimit ?? 0)} left (${plan}); executions are paused until it renews at ${card.dailyResetsAt}` };
  }
  const nothingLeft = card.totalAvailable <= 0;
  const left = card.totalAvailable < 0 ? `the workspace owes ${credits(-card.totalAvailable)}` : nothingLeft ? 'the workspace has no credits left' : `${credits(card.totalAvailable)} available`;
  return { ...base, allowed: false, reason: nothingLeft ? 'credits-exhausted' : 'insufficient-credits', renewsAt: card.resetsAt, missing: decision.missing,
    message: `n8n Credits: ${decision.missing > 0 ? `${credits(decision.missing)} missing to start ${what}: ${left}` : `${left} to start ${what}`} (${plan}); executions are paused until credits renew at ${card.resetsAt} or a top-up is added` };
}

/**
 * `GET /v1/admission?workflowId=&versionId=&mode=` and `POST /v1/admission {workflow, mode}`: may a new execution
 * start now? What the n8n hook asks before each run. The POST prices the workflow (once per version, cached); the
 * GET uses the estimate of a version priced before and says when it needs the workflow.
 */
export function admissionRoutes(app: LedgerApp, ctx: AppContext, estimates = new WorkflowEstimates()): void {
  const failuresOf = (ws: Workspace, workflowId: string | null | undefined) => (workflowId ? ctx.store.getFailureCount(ws.id, workflowId) : Promise.resolve(null));
  const figureOf = (ws: Workspace) => ws.plan.admissionEstimate ?? 'expected';

  app.get(getAdmission.url, contractRoute(getAdmission), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const { workflowId, versionId, mode } = request.query;
    const card = await ctx.store.balance(ws.id);
    const failures = await failuresOf(ws, workflowId);
    const range = versionId === undefined ? undefined : estimates.get(ws.id, ws.plan.priceBook, workflowId ?? '', versionId);
    const figure = figureOf(ws);
    return decideAdmission(card, failures, mode, {
      estimate: range && versionId !== undefined ? { millicredits: range[figure], figure, versionId } : null,
      workflowNeeded: versionId !== undefined && range === undefined,
      label: labelOf(workflowId, range?.name),
    });
  });

  app.post(postAdmission.url, { ...contractRoute(postAdmission), bodyLimit: ctx.analyzer.limits.maxBytes }, async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const { workflow, mode } = request.body;
    const card = await ctx.store.balance(ws.id);
    const failures = await failuresOf(ws, workflow.id);
    const { range, versionId } = await estimates.price(ws.id, ws.plan.priceBook, workflow, (priced) => ctx.analyzer.analyze(priced, ws.plan.priceBook));
    const figure = figureOf(ws);
    return decideAdmission(card, failures, mode, { estimate: { millicredits: range[figure], figure, versionId }, workflowNeeded: false, label: labelOf(workflow.id, range.name) });
  });
}
