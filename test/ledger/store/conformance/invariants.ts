/** A property over random charges, repeats and reversals: the balance is the grants minus the entries. */
import fc from 'fast-check';
import { small } from '../plans';
import type { Conformance } from './kit';

export function describeInvariants(ctx: Conformance): void {
  describe('invariants', () => {
    it('keeps the balance equal to the grants minus the net of the entries over random charges, repeats and reversals', async () => {
      const op = fc.oneof(
        fc.record({ kind: fc.constant('charge' as const), key: fc.integer({ min: 0, max: 15 }), amount: fc.integer({ min: 0, max: 4_000 }) }),
        fc.record({ kind: fc.constant('reverse' as const), key: fc.integer({ min: 0, max: 15 }), amount: fc.constant(0) }),
      );
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(op, { maxLength: 25 }), fc.constantFrom('pause' as const, 'overdraft' as const), async (ops, exhaustion) => {
          const id = `p${run++}`;
          await ctx.store.createWorkspace({ id, name: id, plan: small({ allocation: 20_000, exhaustion }), timeZone: 'UTC', anchorDay: 1 });
          const amounts = new Map<number, number>();
          const reversed = new Set<number>();
          for (const o of ops) {
            if (o.kind === 'charge') {
              const outcome = await ctx.store.charge({ workspaceId: id, key: `k${o.key}`, millicredits: o.amount });
              if (outcome.status === 'recorded') amounts.set(o.key, o.amount);
            } else if (amounts.has(o.key) && !reversed.has(o.key)) {
              await ctx.store.reverse({ workspaceId: id, reversesKey: `k${o.key}` });
              reversed.add(o.key);
            }
          }
          const net = [...amounts].filter(([k]) => !reversed.has(k)).reduce((sum, [, a]) => sum + a, 0);
          const card = await ctx.store.balance(id);
          const audit = await ctx.store.audit(id);
          return audit.ok && card.totalAvailable === 20_000 - net && audit.netCharged === net && (exhaustion === 'overdraft' || card.totalAvailable >= 0);
        }),
        { numRuns: 25 },
      );
    });
  });
}
