/**
 * The model's charges and reversals: the checks on amounts and members, the refusals (circuit, day,
 * member, credits; under pause an execution's charge is never refused for those last three) and the
 * recording of a charge against the grants in consumption order, what they do not cover as debt.
 */
import { dayAt } from '../zoned';
import { iso, type ChargeObs, type Obs } from '../observed';
import { ModelState } from './state';
import { blank, definedOf, IDENTITY, MAX_AMOUNT, ModelError, type ChargeIn, type Entry } from './types';

export class ChargingModel extends ModelState {
  // ------------------------------------------------------------ charges

  protected checkAmount(n: unknown): void {
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > MAX_AMOUNT) throw new ModelError('invalid-amount');
  }

  protected checkTotal(total: number): void {
    if (total > Number.MAX_SAFE_INTEGER) throw new ModelError('invalid-amount');
  }

  protected checkMember(memberId: string | null | undefined): void {
    if (memberId != null && !this.s.members.some((m) => m.memberId === memberId)) throw new ModelError('unknown-member');
  }

  /**
   * The refusal, if any, of `amount` for `memberId`/`workflowId` now (circuit, day, member, credits). A charge
   * of an execution (one naming its execution) under pause is work that ran: only the circuit refuses it
   * (docs/ledger.md, "No free work").
   */
  protected refusal(amount: number, now: number, memberId: string | null, workflowId: string | null, ofExecution = false): ChargeObs | null {
    const limit = this.s.plan.consecutiveFailureLimit;
    if (workflowId !== null && limit !== null && (this.s.failures[workflowId] ?? 0) >= limit) return { status: 'refused', reason: 'circuit-open' };
    if (ofExecution && this.s.plan.exhaustion === 'pause') return null;
    const day = dayAt(now, this.ws.timeZone);
    const dl = this.dailyLimit();
    if (dl !== null && this.consumed(day.start, now) + amount > dl) return { status: 'refused', reason: 'daily-limit', renewsAt: iso(day.end) };
    const member = this.s.members.find((m) => m.memberId === memberId);
    if (member && member.allocation !== null && this.consumed(this.s.periodStart, now, member.memberId) + amount > member.allocation) {
      return { status: 'refused', reason: 'member-allocation', renewsAt: iso(this.s.periodEnd) };
    }
    // Under pause or stop nothing is admitted once holds or debt take the balance below the amount, 0 included.
    if (amount <= this.totalAvailable(now)) return null;
    if (this.s.plan.exhaustion === 'pause') return { status: 'refused', reason: 'insufficient-credits', renewsAt: iso(this.s.periodEnd) };
    if (this.s.plan.exhaustion === 'stop') return { status: 'refused', reason: 'credits-exhausted', renewsAt: null };
    return null;
  }

  /** Credits free of holds and debt, never below 0. */
  private free(now: number): number {
    return Math.max(0, this.held(now) - this.reserved() - this.debt());
  }

  protected totalAvailable(now: number): number {
    return this.held(now) - this.reserved() - this.debt();
  }

  /** One charge or settlement, the workspace already at `now`. */
  protected chargeOne(c: ChargeIn, now: number, type: 'charge' | 'settlement', reservationId: string | null = null, updateStatus = false): ChargeObs {
    const entry: Entry = { ...blank(c.key), ...definedOf(c), type, mc: c.millicredits, debits: [], overdraft: 0, reversesKey: null, reservationId, recordedAt: now };
    const existing = this.s.entries.find((e) => e.key === c.key);
    // The key is looked up before the member: a re-delivered event answers for its key.
    if (!existing) this.checkMember(c.memberId);
    if (existing) {
      if (IDENTITY.some((f) => JSON.stringify(existing[f]) !== JSON.stringify(entry[f]))) return { status: 'conflict' };
      // Status is the execution's latest, not identity (said of executions; see the report for plain charges).
      if (updateStatus && c.status != null) existing.status = c.status;
      return { status: 'duplicate', millicredits: existing.mc };
    }
    const refused = this.refusal(c.millicredits, now, entry.memberId, entry.workflowId, !!entry.executionId);
    if (refused) return refused;
    const day = dayAt(now, this.ws.timeZone);
    this.checkTotal(this.consumed(this.s.periodStart, now) + c.millicredits);
    this.checkTotal(this.consumed(day.start, now) + c.millicredits);
    const covered = Math.min(c.millicredits, this.free(now));
    entry.debits = this.take(covered, now);
    entry.overdraft = c.millicredits - covered;
    this.checkTotal(this.debt() + entry.overdraft);
    this.record(entry);
    // `overdraft` on an outcome is the workspace's debt after it, like the card's.
    return { status: 'recorded', millicredits: entry.mc, balance: this.totalAvailable(now), overdraft: this.debt() };
  }

  protected validateCharge(c: ChargeIn): void {
    this.checkAmount(c.millicredits);
  }

  charge(c: ChargeIn, now: number): Obs {
    return this.tx(now, () => {
      this.validateCharge(c);
      return this.chargeOne(c, now, 'charge');
    });
  }

  chargeBatch(cs: ChargeIn[], now: number): Obs {
    return this.tx(now, () => {
      // Every amount is checked before anything is charged.
      cs.forEach((c) => this.validateCharge(c));
      return { outcomes: cs.map((c) => this.chargeOne(c, now, 'charge')) };
    });
  }

  reverse(reversesKey: string, key: string | undefined, now: number): Obs {
    return this.tx(now, () => {
      const k = key ?? `reversal:${reversesKey}`;
      const existing = this.s.entries.find((e) => e.key === k);
      if (existing) return existing.type === 'reversal' && existing.reversesKey === reversesKey ? { status: 'duplicate', millicredits: existing.mc } : { status: 'conflict' };
      const original = this.s.entries.find((e) => e.key === reversesKey);
      if (!original || original.type === 'reversal' || original.type === 'repayment' || original.type === 'clawback') throw new ModelError('unknown-entry');
      if (this.s.entries.some((e) => e.type === 'reversal' && e.reversesKey === reversesKey)) throw new ModelError('already-reversed');
      // Its below-zero part still owed comes off the debt; what later credits repaid comes back as a refund.
      const owed = Math.min(original.overdraft, this.debt());
      this.record({
        ...original, key: k, type: 'reversal', mc: -original.mc, debits: original.debits.map((d) => ({ grant: d.grant, mc: -d.mc })),
        overdraft: -owed, reversesKey, reservationId: null, recordedAt: now,
      });
      const refund = original.overdraft - owed;
      if (refund > 0) this.addGrantRow('manual', refund, now, null, null, now);
      // Credits that came back repay the debt at once (the next touch would anyway; only the outcome shows when).
      this.repay(now);
      return { status: 'recorded', millicredits: -original.mc, balance: this.totalAvailable(now), overdraft: this.debt() };
    });
  }
}
