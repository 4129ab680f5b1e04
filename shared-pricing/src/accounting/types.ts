/** Shapes the accounting rules work on. Times are milliseconds since the epoch (UTC); amounts are millicredits. */
import type { ExhaustionPolicy } from '../plans/types';

export type GrantKind = 'allocation' | 'rollover' | 'topup' | 'manual' | 'promo';

/** A grant as the rules see it: what is left of it, and when it may be used. */
export interface GrantBalance {
  id: string;
  kind: GrantKind;
  remaining: number;
  priority: number;
  effectiveAt: number;
  /** Null: never lapses. */
  expiresAt: number | null;
  createdAt: number;
}

/** A billing period: `start` inclusive, `end` exclusive. */
export interface Period {
  start: number;
  end: number;
}

/** A calendar day in a time zone: `key` is `YYYY-MM-DD`, `start` inclusive, `end` exclusive. */
export interface ZonedDay extends Period {
  key: string;
}

/** Everything the charge decision needs, read from the store in one transaction. */
export interface ChargeState {
  amount: number;
  policy: ExhaustionPolicy;
  /** A charge of an execution already running (it names its execution): under `pause` it is never refused for credits or limits. */
  ofExecution: boolean;
  /** Usable grants in consumption order (see `orderGrants`). */
  grants: Array<Pick<GrantBalance, 'id' | 'remaining'>>;
  /** Millicredits held by other open reservations. */
  reserved: number;
  /** Millicredits already below zero: debt, repaid by the next credits. */
  overdraft: number;
  dailyLimit: number | null;
  dailyConsumed: number;
  /** Next midnight in the workspace zone. */
  dayEnd: number;
  memberAllocation: number | null;
  memberConsumed: number;
  /** End of the current period: when the allocation renews. */
  periodEnd: number;
  breakerOpen: boolean;
}

export type ChargeRefusal = 'insufficient-credits' | 'credits-exhausted' | 'daily-limit' | 'member-allocation' | 'circuit-open';

export type ChargeDecision =
  | { ok: true; debits: Array<{ grantId: string; millicredits: number }>; overdraft: number }
  | { ok: false; reason: ChargeRefusal; renewsAt: number | null; available: number };
