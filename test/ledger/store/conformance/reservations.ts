/** Reservations: holds, settling, releasing and expiry. */
import { strict as assert } from 'node:assert';
import { small } from '../plans';
import { recorded, rejectsWith, T0, type Conformance } from './kit';

export function describeReservations(ctx: Conformance): void {
  const { charge, entryCount } = ctx;
  describe('reservations', () => {
    beforeEach(async () => {
      await ctx.store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000 }), timeZone: 'UTC', anchorDay: 1 });
    });

    it('holds the reserved amount back from the balance', async () => {
      const outcome = await ctx.store.reserve({ workspaceId: 'w', key: 'r', millicredits: 4_000 });
      const card = await ctx.store.balance('w');
      assert.deepEqual([outcome.status, card.reserved, card.totalAvailable, (await charge('k', 7_000)).status], ['reserved', 4_000, 6_000, 'refused']);
    });

    it('settles for less than reserved and frees the hold', async () => {
      const { reservation } = (await ctx.store.reserve({ workspaceId: 'w', key: 'r', millicredits: 4_000 })) as { reservation: { id: string } };
      const outcome = recorded(await ctx.store.settle({ reservationId: reservation.id, key: 'r:settle', millicredits: 1_500, model: 'gpt-4o' }));
      const card = await ctx.store.balance('w');
      assert.deepEqual([outcome.entry.type, outcome.entry.reservationId, card.reserved, card.totalAvailable, (await ctx.store.getReservation('w', reservation.id))?.state], ['settlement', reservation.id, 0, 8_500, 'settled']);
    });

    it('settles for more than reserved when credits allow', async () => {
      const { reservation } = (await ctx.store.reserve({ workspaceId: 'w', key: 'r', millicredits: 1_000 })) as { reservation: { id: string } };
      await ctx.store.settle({ reservationId: reservation.id, key: 'r:settle', millicredits: 2_500 });
      assert.equal((await ctx.store.balance('w')).totalAvailable, 7_500);
    });

    it('releases a hold without charging', async () => {
      const { reservation } = (await ctx.store.reserve({ workspaceId: 'w', key: 'r', millicredits: 4_000 })) as { reservation: { id: string } };
      const released = await ctx.store.release('w', reservation.id);
      assert.deepEqual([released.state, (await ctx.store.balance('w')).totalAvailable, await entryCount()], ['released', 10_000, 0]);
    });

    it('refuses to settle a settled reservation and changes nothing', async () => {
      const { reservation } = (await ctx.store.reserve({ workspaceId: 'w', key: 'r', millicredits: 4_000 })) as { reservation: { id: string } };
      await ctx.store.settle({ reservationId: reservation.id, key: 's1', millicredits: 1_000 });
      await rejectsWith(ctx.store.settle({ reservationId: reservation.id, key: 's2', millicredits: 1_000 }), 'reservation-settled', /already settled/);
      assert.deepEqual([(await ctx.store.balance('w')).totalAvailable, await entryCount()], [9_000, 1]);
    });

    it('refuses to settle an expired reservation, and expires holds past their time', async () => {
      const { reservation } = (await ctx.store.reserve({ workspaceId: 'w', key: 'r', millicredits: 4_000, expiresAt: new Date(T0 + 60_000).toISOString() })) as { reservation: { id: string } };
      ctx.t = T0 + 60_000;
      await rejectsWith(ctx.store.settle({ reservationId: reservation.id, key: 's', millicredits: 1_000 }), 'reservation-expired', /expired at 2026-01-15T03:01:00.000Z/);
      const expired = await ctx.store.expireReservations();
      assert.deepEqual([expired, (await ctx.store.balance('w')).reserved, (await ctx.store.getReservation('w', reservation.id))?.state, await entryCount()], [1, 0, 'expired', 0]);
    });

    it('refuses a reservation beyond the balance under pause', async () => {
      const outcome = await ctx.store.reserve({ workspaceId: 'w', key: 'r', millicredits: 10_001 });
      assert.deepEqual([outcome.status, (outcome as { reason: string }).reason], ['refused', 'insufficient-credits']);
    });

    it('throws unknown-reservation for an id never issued', async () => {
      await rejectsWith(ctx.store.settle({ reservationId: 'nope', key: 's', millicredits: 1 }), 'unknown-reservation');
    });
  });
}
