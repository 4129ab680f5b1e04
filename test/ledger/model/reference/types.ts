/**
 * The reference model's records and the pure helpers over them, apart from the class so that each
 * layer of the model (state, charges, account, reservations, executions and queries) can use them.
 */
import { getPriceBook } from '../../../../shared-pricing/src/price-book/loadPriceBook';
import type { PriceBook } from '../../../../shared-pricing/src/price-book/types';
import type { Plan } from '../../../../shared-pricing/src/plans/types';
import type { EntryObs } from '../observed';

export const MAX_AMOUNT = 1e15;
export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const PRIORITY: Record<string, number> = { promo: 10, rollover: 20, allocation: 30, manual: 40, topup: 50 };

export class ModelError extends Error {
  constructor(readonly code: string, message = code) {
    super(message);
  }
}

export interface Grant {
  id: number;
  kind: string;
  granted: number;
  priority: number;
  effectiveAt: number;
  expiresAt: number | null;
  key: string | null;
  createdAt: number;
}

export interface Debit {
  grant: number;
  mc: number;
}

export interface ChargeIn {
  key: string;
  millicredits: number;
  memberId?: string | null;
  workflowId?: string | null;
  workflowName?: string | null;
  executionId?: string | null;
  nodeName?: string | null;
  nodeType?: string | null;
  runIndex?: number | null;
  mode?: string | null;
  kind?: string | null;
  model?: string | null;
  tokens?: { input: number; output: number } | null;
  status?: string | null;
}

export interface Entry extends Required<Omit<ChargeIn, 'millicredits'>> {
  type: 'charge' | 'settlement' | 'reversal' | 'repayment' | 'clawback';
  mc: number;
  debits: Debit[];
  overdraft: number;
  reversesKey: string | null;
  reservationId: string | null;
  recordedAt: number;
}

interface Reservation {
  id: string;
  key: string;
  mc: number;
  memberId: string | null;
  state: 'held' | 'settled' | 'released' | 'expired';
  expiresAt: number;
}

/** A pack bought through the payment provider; `slot` is the harness's name for it (p0, p1, …). */
export interface Purchase {
  slot: string;
  packId: string;
  mc: number;
  price: number;
  status: 'pending' | 'paid' | 'refunded';
  paymentId: string | null;
  grant: number | null;
  /** Money given back so far (the largest total any refund or dispute said), and the credits taken back for it. */
  moneyBack: number;
  reclaimed: number;
}

export interface State {
  plan: Plan;
  dailyOverride: number | null | undefined;
  periodStart: number;
  periodEnd: number;
  grants: Grant[];
  entries: Entry[];
  reservations: Reservation[];
  members: Array<{ memberId: string; allocation: number | null }>;
  failures: Record<string, number>;
  helperRuns: number;
  executions: Record<string, { helper: number; breaker: boolean }>;
  nextId: number;
  planStartedAt: number;
  purchases: Purchase[];
  /** Payment event ids seen (applied or waiting); a rejected event is not remembered. */
  events: string[];
  /** Money given back for payments not known yet, by payment id: the largest total. */
  waiting: Record<string, number>;
}

export interface WorkspaceSpec {
  plan: Plan;
  timeZone: string;
  anchorDay: number;
  anchorMonth: number;
}

/** Identity of an entry: everything but status, mode, name and times (docs: "Status is not identity"). */
export const IDENTITY = ['type', 'mc', 'memberId', 'workflowId', 'executionId', 'nodeName', 'nodeType', 'runIndex', 'kind', 'model', 'tokens'] as const;

export function blank(key: string): Omit<Entry, 'type' | 'mc' | 'debits' | 'overdraft' | 'reversesKey' | 'reservationId' | 'recordedAt'> {
  return {
    key, memberId: null, workflowId: null, workflowName: null, executionId: null, nodeName: null, nodeType: null, runIndex: null,
    mode: null, kind: null, model: null, tokens: null, status: null,
  };
}

/** The input's fields with `undefined` left out (so `blank`'s nulls stay). */
export function definedOf(c: ChargeIn): Partial<ChargeIn> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined && k !== 'millicredits') out[k] = v;
  return out as Partial<ChargeIn>;
}

export function entryObs(e: Entry): EntryObs {
  return {
    type: e.type, key: e.type === 'repayment' || e.type === 'clawback' ? null : e.key, millicredits: e.mc, overdraft: e.overdraft, status: e.type === 'charge' || e.type === 'settlement' ? e.status : null,
    memberId: e.memberId, workflowId: e.workflowId, executionId: e.executionId,
  };
}

/** JSON with keys sorted: two plans equal whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The plan's price book, `default` when the plan names none that ships. */
export function bookOf(plan: Plan): PriceBook {
  try {
    return getPriceBook(plan.priceBook);
  } catch {
    return getPriceBook('default');
  }
}
