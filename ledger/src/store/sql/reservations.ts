import { randomUUID } from 'node:crypto';
import { decideCharge } from '../../../../shared-pricing/src/accounting/decideCharge';
import { type Tx } from '../db';
import { LedgerError } from '../errors';
import { effectiveDailyLimit, reservationOut } from '../rows';
import type { ChargeInput, ChargeOutcome, Reservation, ReserveInput, ReserveOutcome, SettleInput } from '../types';
import { checkAmount, checkCharge, checkId, checkTime, optionalText } from '../validate';
import { checkTotal } from '../bounds';
import { type Context } from './context';
import { settleOutcome } from './outcomes';
import { ChargeDecider } from './chargeDecider';

const DEFAULT_HOLD_MS = 15 * 60_000;

/** Reservations: hold the most an AI step may cost, then settle, release or let the hold expire. */
export class Reservations {
  constructor(private readonly core: ChargeDecider) {}

  async reserve(input: ReserveInput): Promise<ReserveOutcome> {
    const key = checkId(input.key, 'key');
    const amount = checkAmount(input.millicredits, 'millicredits');
    const memberId = optionalText(input.memberId, 'memberId');
    return this.core.db.transaction(async (tx) => {
      const ctx = await this.core.open(tx, checkId(input.workspaceId, 'workspaceId'));
      const existing = await tx.get('SELECT * FROM reservations WHERE workspace_id = ? AND reservation_key = ?', [ctx.ws.id, key]);
      if (existing) {
        if (Number(existing.millicredits) !== amount) throw new LedgerError('key-conflict', `reservation key "${key}" was already used for ${existing.millicredits} millicredits`, { key });
        return { status: 'duplicate', reservation: reservationOut(existing) };
      }
      const member = memberId ? await this.core.member(tx, ctx, memberId) : null;
      const expiresAt = checkTime(input.expiresAt, 'expiresAt', ctx.now + DEFAULT_HOLD_MS);
      if (expiresAt <= ctx.now) throw new LedgerError('invalid-input', 'expiresAt must be in the future', { field: 'expiresAt' });
      const decision = decideCharge({
        amount, policy: ctx.ws.plan.exhaustion, ofExecution: false, grants: ctx.grants, reserved: ctx.ws.reserved, overdraft: ctx.ws.overdraft,
        dailyLimit: effectiveDailyLimit(ctx.ws), dailyConsumed: ctx.ws.dayConsumed, dayEnd: ctx.ws.dayEnd,
        memberAllocation: member?.allocation ?? null, memberConsumed: member?.periodConsumed ?? 0, periodEnd: ctx.ws.periodEnd, breakerOpen: false,
      });
      if (!decision.ok) {
        await this.core.saveWorkspace(tx, ctx.ws);
        const refusal = this.core.refused(ctx, key, decision.reason, decision.renewsAt);
        return { ...refusal };
      }
      checkTotal(ctx.ws.reserved + amount, 'the credits held by reservations', 'millicredits');
      const id = randomUUID();
      await tx.run(
        "INSERT INTO reservations (id, workspace_id, reservation_key, millicredits, member_id, state, expires_at, created_at, settled_key) VALUES (?, ?, ?, ?, ?, 'held', ?, ?, NULL)",
        [id, ctx.ws.id, key, amount, memberId, expiresAt, ctx.now],
      );
      ctx.ws.reserved += amount;
      ctx.ws.nextHoldExpiry = ctx.ws.nextHoldExpiry === null ? expiresAt : Math.min(ctx.ws.nextHoldExpiry, expiresAt);
      await this.core.saveWorkspace(tx, ctx.ws);
      const row = await tx.get('SELECT * FROM reservations WHERE id = ?', [id]);
      return { status: 'reserved', reservation: reservationOut(row!), available: this.core.available(ctx) };
    });
  }

  /** Loads a reservation that must still be held; throws the problem otherwise. */
  private async heldReservation(tx: Tx, ctx: Context, reservationId: string): Promise<Reservation> {
    const row = await tx.get('SELECT * FROM reservations WHERE workspace_id = ? AND id = ?', [ctx.ws.id, reservationId]);
    if (!row) throw new LedgerError('unknown-reservation', `unknown reservation "${reservationId}" in workspace "${ctx.ws.id}"`, { reservationId });
    const reservation = reservationOut(row);
    const expired = reservation.state === 'expired' || (reservation.state === 'held' && Number(row.expires_at) <= ctx.now);
    if (expired) throw new LedgerError('reservation-expired', `reservation "${reservationId}" expired at ${reservation.expiresAt}`, { reservationId });
    if (reservation.state === 'settled') throw new LedgerError('reservation-settled', `reservation "${reservationId}" is already settled (entry "${reservation.settledKey}")`, { reservationId });
    if (reservation.state === 'released') throw new LedgerError('reservation-released', `reservation "${reservationId}" was released`, { reservationId });
    return reservation;
  }

  async settle(input: SettleInput): Promise<ChargeOutcome> {
    const reservationId = checkId(input.reservationId, 'reservationId');
    return this.core.db.transaction(async (tx) => {
      const wsRow = await tx.get('SELECT workspace_id FROM reservations WHERE id = ?', [reservationId]);
      if (!wsRow) throw new LedgerError('unknown-reservation', `unknown reservation "${reservationId}"`, { reservationId });
      const charge: ChargeInput = { ...input, workspaceId: String(wsRow.workspace_id) };
      delete (charge as Partial<SettleInput>).reservationId;
      checkCharge(charge);
      const ctx = await this.core.open(tx, charge.workspaceId);
      // The key first, as for any charge: a retried settlement is a duplicate (or a conflict when its content
      // differs), and a key another entry holds is answered so, whatever became of the hold since.
      const entry = await this.core.entryRow(tx, ctx.ws.id, charge.key);
      if (entry) {
        const held = await tx.get('SELECT member_id FROM reservations WHERE id = ?', [reservationId]);
        const memberId = charge.memberId ?? (held?.member_id == null ? null : String(held.member_id));
        return settleOutcome(this.core.decide(ctx, { ...charge, memberId }, 'settlement', { reservationId }, entry));
      }
      const reservation = await this.heldReservation(tx, ctx, reservationId);
      // The hold is freed for this charge; a refusal puts it back untouched.
      ctx.ws.reserved -= reservation.millicredits;
      const outcome = await this.core.applyCharge(tx, ctx, { ...charge, memberId: charge.memberId ?? reservation.memberId }, 'settlement', { reservationId });
      if (outcome.status !== 'recorded') ctx.ws.reserved += reservation.millicredits;
      else await tx.run("UPDATE reservations SET state = 'settled', settled_key = ? WHERE id = ?", [charge.key, reservationId]);
      await this.core.flush(tx, ctx);
      return settleOutcome(outcome);
    });
  }

  async release(workspaceId: string, reservationId: string): Promise<Reservation> {
    checkId(reservationId, 'reservationId');
    return this.core.db.transaction(async (tx) => {
      const ctx = await this.core.open(tx, workspaceId);
      const reservation = await this.heldReservation(tx, ctx, reservationId);
      await tx.run("UPDATE reservations SET state = 'released' WHERE id = ?", [reservationId]);
      ctx.ws.reserved -= reservation.millicredits;
      await this.core.saveWorkspace(tx, ctx.ws);
      return { ...reservation, state: 'released' };
    });
  }

  async expireReservations(): Promise<number> {
    const now = this.core.clock();
    const rows = await this.core.db.all("SELECT DISTINCT workspace_id FROM reservations WHERE state = 'held' AND expires_at <= ?", [now]);
    let expired = 0;
    for (const row of rows) {
      expired += await this.core.db.transaction(async (tx) => {
        const count = await tx.get("SELECT COUNT(*) AS n FROM reservations WHERE workspace_id = ? AND state = 'held' AND expires_at <= ?", [String(row.workspace_id), now]);
        const ctx = await this.core.open(tx, String(row.workspace_id));
        await this.core.saveWorkspace(tx, ctx.ws);
        return Number(count?.n ?? 0);
      });
    }
    return expired;
  }

  async getReservation(workspaceId: string, reservationId: string): Promise<Reservation | null> {
    checkId(workspaceId, 'workspaceId');
    checkId(reservationId, 'reservationId');
    const row = await this.core.db.get('SELECT * FROM reservations WHERE workspace_id = ? AND id = ?', [workspaceId, reservationId]);
    if (!row) return null;
    const reservation = reservationOut(row);
    // A hold past its expiry reads as expired even before anything wrote it so.
    return reservation.state === 'held' && Number(row.expires_at) <= this.core.clock() ? { ...reservation, state: 'expired' } : reservation;
  }
}
