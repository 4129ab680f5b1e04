import type { BalanceCard, FailureCount } from '../../store/types';
import { resolveWorkspace, type AppContext } from '../context';
import type { AdmissionJson } from '../contract';
import { getAdmission } from '../contract/reports';
import { contractRoute, type LedgerApp } from '../contractRoute';

/** n8n modes started from the editor: never refused by the admission check (the user is watching). */
export const EDITOR_MODES: readonly string[] = ['manual'];

/** The admission answer (the contract's `admission` schema). */
export type Admission = AdmissionJson;

/**
 * Decides whether a new execution may start: under `pause`, not while the workspace is depleted or over its daily
 * limit; under any policy, not while the workflow's circuit breaker is open. Editor runs always may.
 */
export function decideAdmission(card: BalanceCard, failures: FailureCount | null, mode: string | undefined): Admission {
  const base = { exhaustion: card.exhaustion, totalAvailable: card.totalAvailable, dailyRemaining: card.dailyRemaining, consecutiveFailures: failures?.consecutiveFailures ?? 0 };
  const allow: Admission = { ...base, allowed: true, reason: null, message: null, renewsAt: null };
  if (mode !== undefined && EDITOR_MODES.includes(mode)) return allow;
  if (failures?.open) {
    return { ...base, allowed: false, reason: 'circuit-open', renewsAt: null,
      message: `n8n Credits: workflow "${failures.workflowId}" failed ${failures.consecutiveFailures} times in a row, the plan's limit; its executions are refused until a run of it succeeds (editor runs are not refused)` };
  }
  if (card.exhaustion !== 'pause') return allow;
  if (card.totalAvailable <= 0) {
    return { ...base, allowed: false, reason: 'credits-exhausted', renewsAt: card.resetsAt,
      message: `n8n Credits: the workspace has no credits left (plan ${card.planName}, policy pause); executions are paused until credits renew at ${card.resetsAt} or a top-up is added` };
  }
  if (card.dailyRemaining !== null && card.dailyRemaining <= 0) {
    return { ...base, allowed: false, reason: 'daily-limit', renewsAt: card.dailyResetsAt,
      message: `n8n Credits: the workspace used its daily limit of ${card.dailyLimit} millicredits (plan ${card.planName}, policy pause); executions are paused until it renews at ${card.dailyResetsAt}` };
  }
  return allow;
}

/** `GET /v1/admission?workflowId=&mode=`: may a new execution start now? What the n8n hook asks before each run. */
export function admissionRoutes(app: LedgerApp, ctx: AppContext): void {
  app.get(getAdmission.url, contractRoute(getAdmission), async (request) => {
    const ws = await resolveWorkspace(ctx, request);
    const card = await ctx.store.balance(ws.id);
    const failures = request.query.workflowId ? await ctx.store.getFailureCount(ws.id, request.query.workflowId) : null;
    return decideAdmission(card, failures, request.query.mode);
  });
}
