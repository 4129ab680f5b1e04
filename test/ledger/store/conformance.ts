/**
 * The one conformance suite every `LedgerStore` passes. `registerConformance(name, open)`
 * registers it for a store factory; the factory gets the test's clock and returns the store plus
 * `raw` (run SQL directly, for the audit and migration tests) and `dispose`.
 *
 * The tests sit in `conformance/`, one file per area (one `describe` each), called below in order;
 * `conformance/kit.ts` holds what they share (the clock, the store, the helpers).
 */
import { describeCharges } from './conformance/charges';
import { describeCounters } from './conformance/counters';
import { describeExhaustion } from './conformance/exhaustion';
import { describeInvariants } from './conformance/invariants';
import { describeKeysAndSettings } from './conformance/keysAndSettings';
import { describeMigrations } from './conformance/migrations';
import { describeParked } from './conformance/parked';
import { describePeriods } from './conformance/periods';
import { describePurchases } from './conformance/purchases';
import { describeQueries } from './conformance/queries';
import { describeReservations } from './conformance/reservations';
import { describeReversals } from './conformance/reversals';
import { describeWorkspaces } from './conformance/workspaces';
import { newConformance, T0, type StoreFactory } from './conformance/kit';

export type { OpenedStore, StoreFactory } from './conformance/kit';

export function registerConformance(name: string, open: StoreFactory): void {
  describe(`LedgerStore conformance: ${name}`, function () {
    this.timeout(60_000);
    const ctx = newConformance();

    beforeEach(async () => {
      ctx.t = T0;
      ctx.opened = await open(() => ctx.t);
      ctx.store = ctx.opened.store;
    });
    afterEach(async () => {
      await ctx.opened.dispose();
    });

    describeWorkspaces(ctx);
    describeCharges(ctx);
    describeExhaustion(ctx);
    describePeriods(ctx);
    describeReversals(ctx);
    describeReservations(ctx);
    describeQueries(ctx);
    describeInvariants(ctx);
    describeCounters(ctx);
    describeKeysAndSettings(ctx);
    describeParked(ctx);
    describePurchases(ctx);
    describeMigrations(ctx);
  });
}
