/** Workspaces and their members, as the store keeps them. */
import type { Plan } from '../../../../shared-pricing/src/plans/types';

export interface CreateWorkspaceInput {
  /** Chosen by the caller (a slug or UUID); must be unique. Generated when absent. */
  id?: string;
  name: string;
  plan: Plan;
  /** IANA time zone of the workspace (`Europe/Berlin`, `Asia/Tokyo`); periods and days are counted in it. */
  timeZone: string;
  /** Day of the month a period starts (1–31; a short month starts on its last day). */
  anchorDay: number;
  /** Month a yearly period starts (1–12); ignored for monthly plans. Defaults to 1. */
  anchorMonth?: number;
}

export interface Workspace {
  id: string;
  name: string;
  plan: Plan;
  timeZone: string;
  anchorDay: number;
  anchorMonth: number;
  /** Overrides `plan.dailyLimit` when not undefined (Monkedo: paid plans may change their daily credit). */
  dailyLimitOverride: number | null | undefined;
  createdAt: string;
  /** When the current plan started (set again by `setPlan`). */
  planStartedAt: string;
  /** Start of the billing period the ledger last rolled into. */
  periodStart: string;
}

export interface AddMemberInput {
  workspaceId: string;
  /** The caller's id for the member (an n8n user id or e-mail). */
  memberId: string;
  name?: string;
  /** Millicredits this member may consume per period, inside the plan's pool; null for no own limit. */
  allocation?: number | null;
}

export interface Member {
  workspaceId: string;
  memberId: string;
  name: string | null;
  allocation: number | null;
  /** Millicredits this member consumed in the current period. */
  consumedThisPeriod: number;
  createdAt: string;
}

