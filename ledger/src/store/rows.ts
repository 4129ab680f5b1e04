/** Conversions between database rows and the store's objects. Times are ms in the database, ISO strings outside. */
import type { Plan } from '../../../shared-pricing/src/plans/types';
import type { GrantBalance } from '../../../shared-pricing/src/accounting/types';
import type { Row, SqlValue } from './db';
import type { ApiKeyRecord, Debit, Grant, GrantKind, LedgerEntry, Member, Reservation, ReservationState, Workspace } from './types';

// A batch formats the same few times (now, the period end) over and over: remember the last one.
let lastMs = Number.NaN;
let lastIso = '';
export const iso = (ms: number): string => {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
};
const isoOrNull = (ms: unknown): string | null => (ms === null || ms === undefined ? null : iso(Number(ms)));
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

// Parsing the plan JSON on every charge would cost more than the charge; plans rarely change.
const plans = new Map<string, Plan>();
function parsePlan(json: string): Plan {
  let plan = plans.get(json);
  if (!plan) {
    if (plans.size > 1000) plans.clear();
    plan = JSON.parse(json) as Plan;
    plans.set(json, plan);
  }
  return plan;
}

/** A workspace row with the mutable counters the ledger keeps on it. */
export interface WorkspaceState {
  id: string;
  name: string;
  plan: Plan;
  planJson: string;
  timeZone: string;
  anchorDay: number;
  anchorMonth: number;
  dailyLimitSet: boolean;
  dailyLimit: number | null;
  createdAt: number;
  planStartedAt: number;
  periodStart: number;
  periodEnd: number;
  dayStart: number;
  dayEnd: number;
  dayConsumed: number;
  /** Millicredits charged since `periodStart`, net of reversals. */
  periodConsumed: number;
  overdraft: number;
  reserved: number;
  nextHoldExpiry: number | null;
  helperRuns: number;
}

export function workspaceState(r: Row): WorkspaceState {
  return {
    id: String(r.id),
    name: String(r.name),
    plan: parsePlan(String(r.plan)),
    planJson: String(r.plan),
    timeZone: String(r.time_zone),
    anchorDay: num(r.anchor_day),
    anchorMonth: num(r.anchor_month),
    dailyLimitSet: num(r.daily_limit_set) === 1,
    dailyLimit: numOrNull(r.daily_limit),
    createdAt: num(r.created_at),
    planStartedAt: num(r.plan_started_at),
    periodStart: num(r.period_start),
    periodEnd: num(r.period_end),
    dayStart: num(r.day_start),
    dayEnd: num(r.day_end),
    dayConsumed: num(r.day_consumed),
    periodConsumed: num(r.period_consumed),
    overdraft: num(r.overdraft),
    reserved: num(r.reserved),
    nextHoldExpiry: numOrNull(r.next_hold_expiry),
    helperRuns: num(r.helper_runs),
  };
}

/** The daily limit in force: the workspace's override, else the plan's. */
export function effectiveDailyLimit(ws: WorkspaceState): number | null {
  return ws.dailyLimitSet ? ws.dailyLimit : ws.plan.dailyLimit;
}

export function workspaceOut(ws: WorkspaceState): Workspace {
  return {
    id: ws.id,
    name: ws.name,
    plan: ws.plan,
    timeZone: ws.timeZone,
    anchorDay: ws.anchorDay,
    anchorMonth: ws.anchorMonth,
    dailyLimitOverride: ws.dailyLimitSet ? ws.dailyLimit : undefined,
    createdAt: iso(ws.createdAt),
    planStartedAt: iso(ws.planStartedAt),
    periodStart: iso(ws.periodStart),
  };
}

/** A grant with the fields the rules need in ms, plus what the store writes back. */
export interface GrantState extends GrantBalance {
  workspaceId: string;
  millicredits: number;
  endsWithPlan: boolean;
  note: string | null;
  key: string | null;
}

export function grantState(r: Row): GrantState {
  return {
    id: String(r.id),
    workspaceId: String(r.workspace_id),
    kind: String(r.kind) as GrantKind,
    millicredits: num(r.millicredits),
    remaining: num(r.remaining),
    priority: num(r.priority),
    effectiveAt: num(r.effective_at),
    expiresAt: numOrNull(r.expires_at),
    createdAt: num(r.created_at),
    endsWithPlan: num(r.ends_with_plan) === 1,
    note: text(r.note),
    key: text(r.grant_key),
  };
}

export function grantOut(g: GrantState): Grant {
  return {
    id: g.id,
    workspaceId: g.workspaceId,
    kind: g.kind,
    millicredits: g.millicredits,
    remaining: g.remaining,
    priority: g.priority,
    effectiveAt: iso(g.effectiveAt),
    expiresAt: isoOrNull(g.expiresAt),
    endsWithPlan: g.endsWithPlan,
    note: g.note,
    key: g.key,
    createdAt: iso(g.createdAt),
  };
}

export const grantColumns = ['id', 'workspace_id', 'kind', 'millicredits', 'remaining', 'priority', 'effective_at', 'expires_at', 'ends_with_plan', 'note', 'grant_key', 'created_at'];

export function grantValues(g: GrantState): SqlValue[] {
  return [g.id, g.workspaceId, g.kind, g.millicredits, g.remaining, g.priority, g.effectiveAt, g.expiresAt, g.endsWithPlan ? 1 : 0, g.note, g.key, g.createdAt];
}

export const entryColumns = [
  'workspace_id', 'type', 'entry_key', 'millicredits', 'member_id', 'workflow_id', 'workflow_name', 'execution_id', 'node_name',
  'node_type', 'run_index', 'mode', 'kind', 'model', 'tokens_in', 'tokens_out', 'status', 'debits', 'overdraft', 'reverses_key',
  'reservation_id', 'occurred_at', 'recorded_at',
];

/** An entry before it has its id, in ms. */
export type EntryDraft = Omit<LedgerEntry, 'id' | 'occurredAt' | 'recordedAt'> & { id: number; occurredAt: number; recordedAt: number };

export function entryValues(e: EntryDraft): SqlValue[] {
  return [
    e.workspaceId, e.type, e.key, e.millicredits, e.memberId, e.workflowId, e.workflowName, e.executionId, e.nodeName,
    e.nodeType, e.runIndex, e.mode, e.kind, e.model, e.tokens ? e.tokens.input : null, e.tokens ? e.tokens.output : null,
    e.status, debitsJson(e.debits), e.overdraft, e.reversesKey, e.reservationId, e.occurredAt, e.recordedAt,
  ];
}

/** `JSON.stringify(debits)`, written out for the usual one or two debits (same text, a fraction of the time). */
function debitsJson(debits: Debit[]): string {
  if (debits.length === 0) return '[]';
  if (debits.length > 2) return JSON.stringify(debits);
  return debits.length === 1 ? `[${debitJson(debits[0])}]` : `[${debitJson(debits[0])},${debitJson(debits[1])}]`;
}

const debitJson = (d: Debit) => `{"grantId":${JSON.stringify(d.grantId)},"millicredits":${JSON.stringify(d.millicredits)}}`;

/** An entry of `type` with only its key and times set: for entries the ledger writes itself (repayments). */
export function blankEntry(workspaceId: string, type: LedgerEntry['type'], key: string, now: number): EntryDraft {
  return {
    id: 0, workspaceId, type, key, millicredits: 0, memberId: null, workflowId: null, workflowName: null, executionId: null, nodeName: null,
    nodeType: null, runIndex: null, mode: null, kind: null, model: null, tokens: null, status: null, debits: [], overdraft: 0,
    reversesKey: null, reservationId: null, occurredAt: now, recordedAt: now,
  };
}

export function entryDraft(r: Row): EntryDraft {
  const tokensIn = numOrNull(r.tokens_in);
  return {
    id: num(r.id),
    workspaceId: String(r.workspace_id),
    type: String(r.type) as LedgerEntry['type'],
    key: String(r.entry_key),
    millicredits: num(r.millicredits),
    memberId: text(r.member_id),
    workflowId: text(r.workflow_id),
    workflowName: text(r.workflow_name),
    executionId: text(r.execution_id),
    nodeName: text(r.node_name),
    nodeType: text(r.node_type),
    runIndex: numOrNull(r.run_index),
    mode: text(r.mode),
    kind: text(r.kind),
    model: text(r.model),
    tokens: tokensIn === null ? null : { input: tokensIn, output: num(r.tokens_out) },
    status: text(r.status),
    debits: JSON.parse(String(r.debits)) as Debit[],
    overdraft: num(r.overdraft),
    reversesKey: text(r.reverses_key),
    reservationId: text(r.reservation_id),
    occurredAt: num(r.occurred_at),
    recordedAt: num(r.recorded_at),
  };
}

export function entryOut(e: EntryDraft): LedgerEntry {
  // Written out rather than spread: this runs once per recorded charge.
  return {
    id: e.id, workspaceId: e.workspaceId, type: e.type, key: e.key, millicredits: e.millicredits, memberId: e.memberId, workflowId: e.workflowId,
    workflowName: e.workflowName, executionId: e.executionId, nodeName: e.nodeName, nodeType: e.nodeType, runIndex: e.runIndex, mode: e.mode,
    kind: e.kind, model: e.model, tokens: e.tokens, status: e.status, debits: e.debits.map((d) => ({ ...d })), overdraft: e.overdraft,
    reversesKey: e.reversesKey, reservationId: e.reservationId, occurredAt: iso(e.occurredAt), recordedAt: iso(e.recordedAt),
  };
}

export interface MemberState {
  workspaceId: string;
  memberId: string;
  name: string | null;
  allocation: number | null;
  periodStart: number;
  periodConsumed: number;
  createdAt: number;
}

export function memberState(r: Row): MemberState {
  return {
    workspaceId: String(r.workspace_id),
    memberId: String(r.member_id),
    name: text(r.name),
    allocation: numOrNull(r.allocation),
    periodStart: num(r.period_start),
    periodConsumed: num(r.period_consumed),
    createdAt: num(r.created_at),
  };
}

/** A member as shown: consumption counts only when it belongs to the workspace's current period. */
export function memberOut(m: MemberState, periodStart: number): Member {
  return {
    workspaceId: m.workspaceId,
    memberId: m.memberId,
    name: m.name,
    allocation: m.allocation,
    consumedThisPeriod: m.periodStart === periodStart ? m.periodConsumed : 0,
    createdAt: iso(m.createdAt),
  };
}

export function reservationOut(r: Row): Reservation {
  return {
    id: String(r.id),
    workspaceId: String(r.workspace_id),
    key: String(r.reservation_key),
    millicredits: num(r.millicredits),
    memberId: text(r.member_id),
    state: String(r.state) as ReservationState,
    expiresAt: iso(num(r.expires_at)),
    createdAt: iso(num(r.created_at)),
    settledKey: text(r.settled_key),
  };
}

export function apiKeyOut(r: Row): ApiKeyRecord {
  return {
    id: String(r.id),
    workspaceId: text(r.workspace_id),
    role: String(r.role) as ApiKeyRecord['role'],
    name: String(r.name),
    prefix: String(r.prefix),
    memberId: text(r.member_id),
    createdAt: iso(num(r.created_at)),
    revokedAt: isoOrNull(r.revoked_at),
    lastUsedAt: isoOrNull(r.last_used_at),
  };
}
