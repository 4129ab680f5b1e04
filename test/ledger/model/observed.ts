/**
 * What the model and a target are compared on: results reduced to the facts the spec fixes, so
 * one comparison serves the store and the HTTP API. Amounts in millicredits; times in ISO strings.
 */

export type ChargeObs =
  | { status: 'recorded'; millicredits: number; balance: number; overdraft: number }
  | { status: 'duplicate'; millicredits: number }
  | { status: 'conflict' }
  | { status: 'refused'; reason: string; renewsAt?: string | null };

export type ReserveObs =
  | { status: 'reserved'; millicredits: number; available: number; expiresAt: string }
  | { status: 'duplicate'; millicredits: number }
  | { status: 'refused'; reason: string; renewsAt?: string | null };

/** Any command's result: a value, or the code of the error it threw (nothing changed). */
export type Obs = { error: string } | Record<string, unknown>;

export interface CardObs {
  planName: string;
  periodStart: string;
  resetsAt: string;
  allocation: number;
  consumedThisPeriod: number;
  remaining: number;
  rollover: number;
  topUps: number;
  other: number;
  reserved: number;
  totalAvailable: number;
  dailyLimit: number | null;
  dailyRemaining: number | null;
  dailyResetsAt: string;
  overdraft: number;
  exhaustion: string;
}

export interface EntryObs {
  type: string;
  /** Null for repayments and clawbacks, whose keys the ledger makes up. */
  key: string | null;
  millicredits: number;
  overdraft: number;
  /** The execution's latest status; null for reversals and repayments (the spec gives them none). */
  status: string | null;
  memberId: string | null;
  workflowId: string | null;
  executionId: string | null;
}

export interface RowObs {
  key: string;
  millicredits: number;
  entries: number;
}

/** A purchase as its history lists it; `slot` is the harness's name for it (the system maps its own id back). */
export interface PurchaseObs {
  slot: string;
  packId: string;
  millicredits: number;
  amount: number;
  status: string;
  moneyBack: number;
  reclaimed: number;
}

/** Purchases in the order they were bought (p0, p1, …, p10). */
export const bySlot = (ps: PurchaseObs[]) => [...ps].sort((a, b) => Number(a.slot.slice(1)) - Number(b.slot.slice(1)));

/** What a payment event did: granted a pack, took credits back (and how much of that became debt), or nothing. */
export type PaymentObs =
  | { status: 'applied'; granted: number; reclaimed: number; debt: number; purchase: PurchaseObs }
  | { status: 'duplicate'; purchase: PurchaseObs | null }
  | { status: 'waiting' }
  | { status: 'rejected'; code: string };

export interface StateObs {
  card: CardObs;
  audit: { ok: boolean; entries: number; netCharged: number };
  entries: EntryObs[];
  breakdown: Record<string, RowObs[]>;
  executions: Record<string, EntryObs[]>;
  failures: Record<string, { consecutiveFailures: number; open: boolean }>;
  /** The purchase history, by slot. */
  purchases: PurchaseObs[];
}

/** Refusal reasons whose `renewsAt` the spec fixes (the others are not compared). */
export const RENEWS_FIXED = new Set(['insufficient-credits', 'credits-exhausted', 'daily-limit']);

export const iso = (t: number) => new Date(t).toISOString();
