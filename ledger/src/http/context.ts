import type { FastifyRequest } from 'fastify';
import type { AlertService } from '../alerts/alertService';
import type { Resumer } from '../resume/resumer';
import type { PaymentProvider } from '../payments/provider';
import type { LedgerStore, Workspace } from '../store/types';
import { ownMemberOf } from './access';
import type { WorkflowAnalyzer } from './analysis/analyzer';
import { principalOf, type KeyCache, type Principal } from './auth';
import { ApiError } from './errors';
import type { Metrics } from './metrics';
import type { RouteDoc } from './openapi';
import type { AuthFailureLimit } from './rateLimits';
import type { SessionStore } from './sessions';

/** What every route module gets. */
export interface AppContext {
  store: LedgerStore;
  metrics: Metrics;
  sessions: SessionStore;
  routes: RouteDoc[];
  version: string;
  /** Set while the service drains on SIGTERM: readiness turns false. */
  draining: { value: boolean };
  /** Cleared when a key is revoked here. */
  keyCache: KeyCache | null;
  /** Evaluates alerts after writes and lists deliveries; null when the app runs without one. */
  alerts: AlertService | null;
  /** Resumes parked executions once credits cover them; null when the app runs without one. */
  resumer: Resumer | null;
  /** The payment provider and the billing page's public URL buyers return to; null: "Buy" is an admin grant. */
  payments: { provider: PaymentProvider; returnUrl: string } | null;
  /** Prices workflows within the analysis limits, off the event loop. */
  analyzer: WorkflowAnalyzer;
  /** Throws a 429 once a client address has failed authentication too often; called before answering 401. */
  authFailed: AuthFailureLimit;
}

/**
 * The workspace a request acts on: `?workspaceId=` for an instance-wide key (required then), otherwise
 * the key's own. A workspace key naming another workspace gets the same 404 as an unknown one.
 */
export async function resolveWorkspace(ctx: AppContext, request: FastifyRequest, requested?: string): Promise<Workspace> {
  const principal = principalOf(request);
  const asked = requested ?? (request.query as { workspaceId?: string } | undefined)?.workspaceId;
  const id = principal.workspaceId ?? asked;
  if (!id) throw new ApiError(400, 'workspace-required', 'this key is instance-wide: name the workspace with ?workspaceId=', 'workspaceId');
  if (asked !== undefined && asked !== id) throw new ApiError(404, 'unknown-workspace', `unknown workspace "${asked}"`, 'workspaceId');
  const workspace = await ctx.store.getWorkspace(id);
  if (!workspace) throw new ApiError(404, 'unknown-workspace', `unknown workspace "${id}"`, 'workspaceId');
  return workspace;
}

/** A member key acts for its own member: it may not record or read another member's usage. */
export function memberScope(principal: Principal, requested: string | null | undefined): string | null | undefined {
  const own = ownMemberOf(principal);
  if (own === null) return requested;
  if (requested != null && requested !== own) {
    throw new ApiError(403, 'forbidden', `a member key may only act for its own member "${own}"`, 'memberId');
  }
  return own;
}
