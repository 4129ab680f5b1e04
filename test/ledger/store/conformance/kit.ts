/**
 * What the conformance suite's files share: the store factory's shape, the clock and store of the
 * running test (set in `registerConformance`'s hooks, read through `ctx` at run time), and the
 * helpers for expected errors and recorded outcomes.
 */
import { strict as assert } from 'node:assert';
import { LedgerError } from '../../../../ledger/src/store/errors';
import type { ChargeInput, ChargeOutcome, LedgerStore } from '../../../../ledger/src/store/types';

export interface OpenedStore {
  store: LedgerStore;
  /** Runs SQL on the store's database (`?` placeholders). */
  raw(sql: string, params?: Array<string | number | null>): Promise<Array<Record<string, unknown>>>;
  dispose(): Promise<void>;
}

export type StoreFactory = (now: () => number) => Promise<OpenedStore>;

export const T0 = Date.parse('2026-01-15T03:00:00.000Z');
export const DAY = 86_400_000;

/** The running test's state: its clock `t` (the store's `now`), the opened store, and shorthands over them. */
export interface Conformance {
  t: number;
  opened: OpenedStore;
  store: LedgerStore;
  /** A charge to workspace `w`. */
  charge(key: string, millicredits: number, extra?: Partial<ChargeInput>): Promise<ChargeOutcome>;
  entryCount(): Promise<number>;
}

/** The suite's state; the store is opened for each test by the suite's `beforeEach`. */
export function newConformance(): Conformance {
  const ctx = { t: T0 } as Conformance;
  ctx.charge = (key: string, millicredits: number, extra: Partial<ChargeInput> = {}) => ctx.store.charge({ workspaceId: 'w', key, millicredits, ...extra });
  ctx.entryCount = async () => Number((await ctx.opened.raw('SELECT COUNT(*) AS n FROM entries'))[0].n);
  return ctx;
}

export async function rejectsWith(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<LedgerError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LedgerError, `expected a LedgerError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    return error;
  }
  assert.fail(`expected LedgerError ${code}`);
}

export function recorded(outcome: ChargeOutcome): Extract<ChargeOutcome, { status: 'recorded' }> {
  assert.equal(outcome.status, 'recorded', JSON.stringify(outcome));
  return outcome as Extract<ChargeOutcome, { status: 'recorded' }>;
}
