/** What the reports read: the balance card, breakdowns, entry lists and the audit. */
import type { Plan } from '../../../../shared-pricing/src/plans/types';

export interface BalanceCard {
  workspaceId: string;
  planName: string;
  periodStart: string;
  /** When the allocation resets (end of the current period). */
  resetsAt: string;
  allocation: number;
  /** Millicredits charged in the current period (net of reversals). */
  consumedThisPeriod: number;
  /** What is left of this period's allocation grant. */
  remaining: number;
  /** Remaining rollover credits (Twenty's separate line). */
  rollover: number;
  /** Remaining top-up credits. */
  topUps: number;
  /** Remaining manual and promotional grants. */
  other: number;
  /** Held by open reservations. */
  reserved: number;
  /** remaining + rollover + topUps + other − reserved − overdraft (negative under overdraft). */
  totalAvailable: number;
  dailyLimit: number | null;
  /** What today's limit still allows (null with no daily limit). */
  dailyRemaining: number | null;
  /** Next midnight in the workspace's zone. */
  dailyResetsAt: string;
  /** Millicredits consumed beyond zero (overdraft policy), ≥ 0. */
  overdraft: number;
  exhaustion: Plan['exhaustion'];
}

export type BreakdownDimension = 'workflow' | 'nodeType' | 'member' | 'day';

export interface BreakdownQuery {
  workspaceId: string;
  by: BreakdownDimension;
  /** Inclusive start; defaults to the current period start. */
  from?: string;
  /** Exclusive end; defaults to now. */
  to?: string;
  memberId?: string;
}

export interface BreakdownRow {
  /** Workflow id, node type, member id or `YYYY-MM-DD` (workspace zone); `''` when unknown. */
  key: string;
  /** Workflow name when `by` is `workflow`. */
  label: string | null;
  millicredits: number;
  entries: number;
}

export interface ListEntriesQuery {
  workspaceId: string;
  from?: string;
  to?: string;
  memberId?: string;
  workflowId?: string;
  /** Newest first; defaults to 100. */
  limit?: number;
  /** Only entries with `id < before` (paging). */
  before?: number;
}

export interface AuditReport {
  workspaceId: string;
  ok: boolean;
  /** One line per grant whose stored remainder differs from what the entries say. */
  problems: string[];
  grants: Array<{ grantId: string; stored: number; recomputed: number }>;
  overdraft: { stored: number; recomputed: number };
  entries: number;
  /** Sum of all entries' millicredits. */
  netCharged: number;
}

