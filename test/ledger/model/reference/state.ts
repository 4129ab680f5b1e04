/**
 * The model's state and what every layer of it needs: the transaction that restores the state when
 * an operation throws, the values derived from grants and entries, and time passing (period rolls,
 * lapsed holds, repaying debt). The model is one class built up over a chain of subclasses, one file
 * per area, so that all of them share this one state.
 */
import type { Plan } from '../../../../shared-pricing/src/plans/types';
import { periodAt } from '../zoned';
import { iso, type Obs } from '../observed';
import { blank, ModelError, PRIORITY, type Debit, type Entry, type Grant, type State, type WorkspaceSpec } from './types';

export class ModelState {
  protected s: State;

  constructor(readonly ws: WorkspaceSpec, createdAt: number) {
    const p = this.periodOf(ws.plan, createdAt);
    this.s = {
      plan: ws.plan, dailyOverride: undefined, periodStart: p.start, periodEnd: p.end, grants: [], entries: [], reservations: [],
      members: [], failures: {}, helperRuns: 0, executions: {}, nextId: 1, planStartedAt: createdAt,
      purchases: [], events: [], waiting: {},
    };
    // The first allocation counts from the start of the period it is issued for (see the report: an ambiguity).
    this.addGrantRow('allocation', ws.plan.allocation, p.start, p.end, null, p.start);
  }

  get plan(): Plan {
    return this.s.plan;
  }

  get periodEnd(): number {
    return this.s.periodEnd;
  }

  get memberIds(): string[] {
    return this.s.members.map((m) => m.memberId);
  }

  /** Reservation ids by their key (the harness maps its keys to the target's ids). */
  reservationByKey(key: string): { id: string; state: string } | undefined {
    return this.s.reservations.find((r) => r.key === key);
  }

  executionIds(): string[] {
    return [...new Set(this.s.entries.map((e) => e.executionId).filter((x): x is string => x !== null))];
  }

  workflowIds(): string[] {
    return Object.keys(this.s.failures);
  }

  // ------------------------------------------------------------ transactions

  /** Runs `fn` after bringing the workspace to `now`; a thrown ModelError restores the state and becomes `{error}`. */
  protected tx<T extends Obs>(now: number, fn: () => T, touch = true): T | { error: string } {
    const saved = structuredClone(this.s);
    try {
      if (touch) this.touch(now);
      return fn();
    } catch (err) {
      this.s = saved;
      if (err instanceof ModelError) return { error: err.code };
      throw err;
    }
  }

  // ------------------------------------------------------------ derived values

  protected periodOf(plan: Plan, t: number) {
    return periodAt(t, this.ws.timeZone, { cycle: plan.cycle, anchorDay: this.ws.anchorDay, anchorMonth: this.ws.anchorMonth });
  }

  protected remaining(g: Grant): number {
    let r = g.granted;
    for (const e of this.s.entries) for (const d of e.debits) if (d.grant === g.id) r -= d.mc;
    return r;
  }

  protected usable(g: Grant, now: number): boolean {
    return g.effectiveAt <= now && (g.expiresAt === null || now < g.expiresAt);
  }

  /** Usable grants in consumption order: priority, soonest expiry (never last), oldest, id. */
  protected ordered(now: number): Grant[] {
    const exp = (g: Grant) => (g.expiresAt === null ? Infinity : g.expiresAt);
    return this.s.grants.filter((g) => this.usable(g, now)).sort((a, b) => a.priority - b.priority || exp(a) - exp(b) || a.createdAt - b.createdAt || a.id - b.id);
  }

  protected held(now: number): number {
    return this.ordered(now).reduce((s, g) => s + this.remaining(g), 0);
  }

  protected debt(): number {
    return this.s.entries.reduce((s, e) => s + e.overdraft, 0);
  }

  protected reserved(): number {
    return this.s.reservations.filter((r) => r.state === 'held').reduce((s, r) => s + r.mc, 0);
  }

  protected consumed(from: number, to: number, memberId?: string): number {
    return this.s.entries
      .filter((e) => e.recordedAt >= from && e.recordedAt <= to && (memberId === undefined || e.memberId === memberId))
      .reduce((s, e) => s + e.mc, 0);
  }

  protected dailyLimit(): number | null {
    return this.s.dailyOverride !== undefined ? this.s.dailyOverride : this.s.plan.dailyLimit;
  }

  // ------------------------------------------------------------ time

  /** Rolls missed periods one by one, lapses holds, then repays debt from free credits. */
  protected touch(now: number): void {
    while (now >= this.s.periodEnd) this.roll(this.s.periodEnd);
    for (const r of this.s.reservations) if (r.state === 'held' && r.expiresAt <= now) r.state = 'expired';
    this.repay(now);
  }

  private roll(end: number): void {
    const carried = this.s.grants
      .filter((g) => (g.kind === 'allocation' || g.kind === 'rollover') && g.expiresAt === end)
      .reduce((s, g) => s + this.remaining(g), 0);
    const next = this.periodOf(this.s.plan, end);
    if (next.start !== end) throw new Error(`period after ${iso(end)} starts at ${iso(next.start)}`);
    this.addGrantRow('allocation', this.s.plan.allocation, end, next.end, null, end);
    const rolled = Math.min(carried, this.s.plan.rolloverCap);
    if (rolled > 0) this.addGrantRow('rollover', rolled, end, next.end, null, end);
    this.s.periodStart = next.start;
    this.s.periodEnd = next.end;
  }

  protected repay(now: number): void {
    const debt = this.debt();
    const free = this.held(now) - this.reserved();
    if (debt <= 0 || free <= 0) return;
    const r = Math.min(debt, free);
    this.record({ ...blank(`repayment:${this.s.nextId++}`), type: 'repayment', mc: 0, debits: this.take(r, now), overdraft: -r, reversesKey: null, reservationId: null, recordedAt: now, status: 'repaid' });
  }

  protected take(amount: number, now: number): Debit[] {
    const debits: Debit[] = [];
    let left = amount;
    for (const g of this.ordered(now)) {
      if (left === 0) break;
      const t = Math.min(this.remaining(g), left);
      if (t > 0) debits.push({ grant: g.id, mc: t });
      left -= t;
    }
    if (left !== 0) throw new Error(`model bug: ${left} not covered`);
    return debits;
  }

  protected record(e: Entry): Entry {
    this.s.entries.push(e);
    return e;
  }

  protected addGrantRow(kind: string, granted: number, effectiveAt: number, expiresAt: number | null, key: string | null, createdAt: number, priority?: number): Grant {
    const g: Grant = { id: this.s.nextId++, kind, granted, priority: priority ?? PRIORITY[kind]!, effectiveAt, expiresAt, key, createdAt };
    this.s.grants.push(g);
    return g;
  }
}
