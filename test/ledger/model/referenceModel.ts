/**
 * The reference model of the ledger's accounting, written from docs/ledger.md ("Rules" and "Rules
 * over time"), not from the stores. Grants, entries, reservations and members sit in plain arrays;
 * everything else (remainders, debt, consumption of a period, day or member) is recomputed from
 * them on every query. Each operation first brings the workspace to `now` (`touch`); one that
 * throws restores the state it started from. Results come back as `observed.ts` shapes.
 */
import { priceExecution } from '../../../shared-pricing/src/execution/priceExecution';
import { getPriceBook } from '../../../shared-pricing/src/price-book/loadPriceBook';
import type { PriceBook } from '../../../shared-pricing/src/price-book/types';
import type { Plan } from '../../../shared-pricing/src/plans/types';
import type { ExecutionRun, Workflow } from '../../../shared-pricing/src/execution/types';
import { dayAt, isoDay, periodAt } from './zoned';
import { iso, type CardObs, type ChargeObs, type EntryObs, type Obs, type ReserveObs, type RowObs } from './observed';

export const MAX_AMOUNT = 1e15;
const MINUTE = 60_000;
const DAY = 86_400_000;
const PRIORITY: Record<string, number> = { promo: 10, rollover: 20, allocation: 30, manual: 40, topup: 50 };

export class ModelError extends Error {
  constructor(readonly code: string, message = code) {
    super(message);
  }
}

interface Grant {
  id: number;
  kind: string;
  granted: number;
  priority: number;
  effectiveAt: number;
  expiresAt: number | null;
  key: string | null;
  createdAt: number;
}

interface Debit {
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

interface Entry extends Required<Omit<ChargeIn, 'millicredits'>> {
  type: 'charge' | 'settlement' | 'reversal' | 'repayment';
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

interface State {
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
}

export interface WorkspaceSpec {
  plan: Plan;
  timeZone: string;
  anchorDay: number;
  anchorMonth: number;
}

/** Identity of an entry: everything but status, mode, name and times (docs: "Status is not identity"). */
const IDENTITY = ['type', 'mc', 'memberId', 'workflowId', 'executionId', 'nodeName', 'nodeType', 'runIndex', 'kind', 'model', 'tokens'] as const;

export class ReferenceModel {
  private s: State;

  constructor(readonly ws: WorkspaceSpec, createdAt: number) {
    const p = this.periodOf(ws.plan, createdAt);
    this.s = {
      plan: ws.plan, dailyOverride: undefined, periodStart: p.start, periodEnd: p.end, grants: [], entries: [], reservations: [],
      members: [], failures: {}, helperRuns: 0, executions: {}, nextId: 1, planStartedAt: createdAt,
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
  private tx<T extends Obs>(now: number, fn: () => T, touch = true): T | { error: string } {
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

  private periodOf(plan: Plan, t: number) {
    return periodAt(t, this.ws.timeZone, { cycle: plan.cycle, anchorDay: this.ws.anchorDay, anchorMonth: this.ws.anchorMonth });
  }

  private remaining(g: Grant): number {
    let r = g.granted;
    for (const e of this.s.entries) for (const d of e.debits) if (d.grant === g.id) r -= d.mc;
    return r;
  }

  private usable(g: Grant, now: number): boolean {
    return g.effectiveAt <= now && (g.expiresAt === null || now < g.expiresAt);
  }

  /** Usable grants in consumption order: priority, soonest expiry (never last), oldest, id. */
  private ordered(now: number): Grant[] {
    const exp = (g: Grant) => (g.expiresAt === null ? Infinity : g.expiresAt);
    return this.s.grants.filter((g) => this.usable(g, now)).sort((a, b) => a.priority - b.priority || exp(a) - exp(b) || a.createdAt - b.createdAt || a.id - b.id);
  }

  private held(now: number): number {
    return this.ordered(now).reduce((s, g) => s + this.remaining(g), 0);
  }

  private debt(): number {
    return this.s.entries.reduce((s, e) => s + e.overdraft, 0);
  }

  private reserved(): number {
    return this.s.reservations.filter((r) => r.state === 'held').reduce((s, r) => s + r.mc, 0);
  }

  private consumed(from: number, to: number, memberId?: string): number {
    return this.s.entries
      .filter((e) => e.recordedAt >= from && e.recordedAt <= to && (memberId === undefined || e.memberId === memberId))
      .reduce((s, e) => s + e.mc, 0);
  }

  private dailyLimit(): number | null {
    return this.s.dailyOverride !== undefined ? this.s.dailyOverride : this.s.plan.dailyLimit;
  }

  // ------------------------------------------------------------ time

  /** Rolls missed periods one by one, lapses holds, then repays debt from free credits. */
  private touch(now: number): void {
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

  private repay(now: number): void {
    const debt = this.debt();
    const free = this.held(now) - this.reserved();
    if (debt <= 0 || free <= 0) return;
    const r = Math.min(debt, free);
    this.record({ ...blank(`repayment:${this.s.nextId++}`), type: 'repayment', mc: 0, debits: this.take(r, now), overdraft: -r, reversesKey: null, reservationId: null, recordedAt: now, status: 'repaid' });
  }

  private take(amount: number, now: number): Debit[] {
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

  private record(e: Entry): Entry {
    this.s.entries.push(e);
    return e;
  }

  private addGrantRow(kind: string, granted: number, effectiveAt: number, expiresAt: number | null, key: string | null, createdAt: number, priority?: number): Grant {
    const g: Grant = { id: this.s.nextId++, kind, granted, priority: priority ?? PRIORITY[kind]!, effectiveAt, expiresAt, key, createdAt };
    this.s.grants.push(g);
    return g;
  }

  // ------------------------------------------------------------ charges

  private checkAmount(n: unknown): void {
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > MAX_AMOUNT) throw new ModelError('invalid-amount');
  }

  private checkTotal(total: number): void {
    if (total > Number.MAX_SAFE_INTEGER) throw new ModelError('invalid-amount');
  }

  private checkMember(memberId: string | null | undefined): void {
    if (memberId != null && !this.s.members.some((m) => m.memberId === memberId)) throw new ModelError('unknown-member');
  }

  /** The refusal, if any, of `amount` for `memberId`/`workflowId` now (circuit, day, member, credits). */
  private refusal(amount: number, now: number, memberId: string | null, workflowId: string | null): ChargeObs | null {
    const limit = this.s.plan.consecutiveFailureLimit;
    if (workflowId !== null && limit !== null && (this.s.failures[workflowId] ?? 0) >= limit) return { status: 'refused', reason: 'circuit-open' };
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

  private totalAvailable(now: number): number {
    return this.held(now) - this.reserved() - this.debt();
  }

  /** One charge or settlement, the workspace already at `now`. */
  private chargeOne(c: ChargeIn, now: number, type: 'charge' | 'settlement', reservationId: string | null = null, updateStatus = false): ChargeObs {
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
    const refused = this.refusal(c.millicredits, now, entry.memberId, entry.workflowId);
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

  private validateCharge(c: ChargeIn): void {
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
      if (!original || original.type === 'reversal' || original.type === 'repayment') throw new ModelError('unknown-entry');
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

  // ------------------------------------------------------------ grants, plans, members

  addGrant(g: { kind: 'topup' | 'manual' | 'promo'; millicredits: number; key?: string; effectiveAt?: number; expiresAt?: number | null }, now: number): Obs {
    return this.tx(now, () => {
      this.checkAmount(g.millicredits);
      const same = g.key === undefined ? undefined : this.s.grants.find((x) => x.key === g.key);
      if (same) {
        if (same.granted !== g.millicredits || same.kind !== g.kind) throw new ModelError('key-conflict');
        return { created: false, millicredits: same.granted, expiresAt: same.expiresAt === null ? null : iso(same.expiresAt) };
      }
      const live = this.s.grants.filter((x) => x.expiresAt === null || x.expiresAt > now).reduce((s, x) => s + this.remaining(x), 0);
      this.checkTotal(live + g.millicredits);
      const effectiveAt = g.effectiveAt ?? now;
      let expiresAt = g.expiresAt === undefined ? null : g.expiresAt;
      if (g.kind === 'topup' && g.expiresAt === undefined) {
        const life = this.s.plan.topUps.lifetime;
        expiresAt = life.kind === 'plan' ? null : life.kind === 'period' ? this.s.periodEnd : now + life.days * DAY;
      }
      this.addGrantRow(g.kind, g.millicredits, effectiveAt, expiresAt, g.key ?? null, now);
      return { created: true, millicredits: g.millicredits, expiresAt: expiresAt === null ? null : iso(expiresAt) };
    });
  }

  setPlan(plan: Plan, now: number): Obs {
    return this.tx(now, () => {
      if (canonical(plan) === canonical(this.s.plan)) return { plan: plan.name, planStartedAt: iso(this.s.planStartedAt) };
      const next = this.periodOf(plan, now);
      // What the allocation grants of the period in force (the one before the change) already gave is not given
      // again; a period before it rolled its remainder over already, so counting it would take it twice.
      const used = this.s.grants
        .filter((g) => g.kind === 'allocation' && g.effectiveAt >= this.s.periodStart && g.effectiveAt <= now)
        .reduce((s, g) => s + g.granted - this.remaining(g), 0);
      for (const g of this.s.grants) {
        if (!this.usable(g, now)) continue;
        if (g.kind === 'allocation') g.expiresAt = now;
        if (g.kind === 'rollover') g.expiresAt = next.end;
      }
      this.addGrantRow('allocation', Math.max(0, plan.allocation - used), now, next.end, null, now);
      this.s.plan = plan;
      this.s.periodStart = next.start;
      this.s.periodEnd = next.end;
      this.s.planStartedAt = now;
      return { plan: plan.name, planStartedAt: iso(now) };
    });
  }

  setDailyLimit(limit: number | null | undefined, now: number): Obs {
    return this.tx(now, () => {
      if (limit != null) this.checkAmount(limit);
      this.s.dailyOverride = limit;
      return { ok: true };
    });
  }

  addMember(memberId: string, allocation: number | null, now: number): Obs {
    return this.tx(now, () => {
      if (allocation !== null) this.checkAmount(allocation);
      if (this.s.members.some((m) => m.memberId === memberId)) throw new ModelError('duplicate-member');
      this.checkPool(allocation, null);
      this.s.members.push({ memberId, allocation });
      return { memberId, allocation };
    });
  }

  setMemberAllocation(memberId: string, allocation: number | null, now: number): Obs {
    return this.tx(now, () => {
      if (allocation !== null) this.checkAmount(allocation);
      const member = this.s.members.find((m) => m.memberId === memberId);
      if (!member) throw new ModelError('unknown-member');
      this.checkPool(allocation, memberId);
      member.allocation = allocation;
      return { memberId, allocation };
    });
  }

  /** Member allocations must fit in the plan's allocation: the pool does not grow with members. */
  private checkPool(allocation: number | null, except: string | null): void {
    // No own allocation adds nothing to the pool's share (a plan change may have shrunk the pool).
    if (allocation === null) return;
    const others = this.s.members.filter((m) => m.memberId !== except).reduce((s, m) => s + (m.allocation ?? 0), 0);
    if (others + (allocation ?? 0) > this.s.plan.allocation) throw new ModelError('invalid-input');
  }

  // ------------------------------------------------------------ reservations

  reserve(r: { key: string; millicredits: number; memberId?: string | null; expiresAt?: number }, now: number): Obs {
    return this.tx(now, (): ReserveObs => {
      this.checkAmount(r.millicredits);
      const same = this.s.reservations.find((x) => x.key === r.key);
      if (same) {
        if (same.mc !== r.millicredits) throw new ModelError('key-conflict');
        return { status: 'duplicate', millicredits: same.mc };
      }
      this.checkMember(r.memberId);
      const refused = this.refusal(r.millicredits, now, r.memberId ?? null, null);
      if (refused) return refused as ReserveObs;
      this.checkTotal(this.reserved() + r.millicredits);
      const expiresAt = r.expiresAt ?? now + 15 * MINUTE;
      this.s.reservations.push({ id: `r${this.s.nextId++}`, key: r.key, mc: r.millicredits, memberId: r.memberId ?? null, state: 'held', expiresAt });
      return { status: 'reserved', millicredits: r.millicredits, available: this.totalAvailable(now), expiresAt: iso(expiresAt) };
    });
  }

  settle(reservationKey: string, c: ChargeIn, now: number): Obs {
    return this.tx(now, () => {
      const r = this.s.reservations.find((x) => x.key === reservationKey);
      if (!r) throw new ModelError('unknown-reservation');
      this.validateCharge(c);
      const existing = this.s.entries.find((e) => e.key === c.key);
      if (!existing && r.state !== 'held') throw new ModelError(`reservation-${r.state}`);
      // A settlement is the hold's member's usage unless it names another.
      const charge = { ...c, memberId: c.memberId ?? r.memberId };
      if (existing) return this.chargeOne(charge, now, 'settlement', r.id);
      // The hold is freed and the measured amount charged in its place.
      r.state = 'settled';
      const outcome = this.chargeOne(charge, now, 'settlement', r.id);
      if (outcome.status !== 'recorded') r.state = 'held';
      return outcome;
    });
  }

  release(reservationKey: string, now: number): Obs {
    return this.tx(now, () => {
      const r = this.s.reservations.find((x) => x.key === reservationKey);
      if (!r) throw new ModelError('unknown-reservation');
      if (r.state !== 'held') throw new ModelError(`reservation-${r.state}`);
      r.state = 'released';
      return { state: 'released' };
    });
  }

  /** Lapses held reservations past their expiry; no other part of touching. */
  expireReservations(now: number): number {
    let n = 0;
    for (const r of this.s.reservations) {
      if (r.state === 'held' && r.expiresAt <= now) {
        r.state = 'expired';
        n++;
      }
    }
    return n;
  }

  // ------------------------------------------------------------ executions

  recordExecution(x: { run: ExecutionRun; workflow: Workflow; workflowId: string | null; memberId?: string | null }, now: number): Obs {
    return this.tx(now, () => {
      const id = x.run.executionId;
      const counted = this.s.executions[id] ?? { helper: 0, breaker: false };
      const priced = priceExecution(x.run, x.workflow, bookOf(this.s.plan), this.s.plan, { helperRuns: this.s.helperRuns, helperRunsCounted: { [id]: counted.helper } });
      const outcomes = priced.charges.map((c) => {
        const input: ChargeIn = {
          key: c.key, millicredits: c.millicredits, memberId: x.memberId ?? null, workflowId: x.workflowId, workflowName: x.workflow.name ?? null,
          executionId: c.executionId, nodeName: c.nodeName, nodeType: c.nodeType || null, runIndex: c.runIndex, mode: x.run.mode ?? null,
          kind: c.kind, model: c.model ?? null, tokens: c.tokens ?? null, status: x.run.status ?? null,
        };
        this.validateCharge(input);
        return this.chargeOne(input, now, 'charge', null, true);
      });
      const before = this.s.helperRuns;
      this.s.helperRuns = priced.state.helperRuns;
      counted.helper = Math.max(counted.helper, priced.state.helperRunsCounted?.[id] ?? 0);
      let breaker: Record<string, unknown> | null = null;
      if (x.workflowId !== null) {
        const status = x.run.status ?? null;
        const ended = !['waiting', 'running', 'new'].includes(status ?? '');
        const countNow = ended && x.run.mode !== 'manual' && !counted.breaker;
        if (countNow) {
          this.s.failures[x.workflowId] = status === 'error' || status === 'crashed' ? (this.s.failures[x.workflowId] ?? 0) + 1 : 0;
          counted.breaker = true;
        }
        breaker = { workflowId: x.workflowId, ...this.failureCount(x.workflowId), counted: countNow };
      }
      this.s.executions[id] = counted;
      // The execution's status is its latest post's, on every entry it has (docs: "Status is not identity").
      if (x.run.status != null) for (const e of this.s.entries) if (e.executionId === id && (e.type === 'charge' || e.type === 'settlement')) e.status = x.run.status;
      return { outcomes, helperRuns: { before, after: this.s.helperRuns }, breaker };
    });
  }

  failureCount(workflowId: string): { consecutiveFailures: number; open: boolean } {
    const n = this.s.failures[workflowId] ?? 0;
    const limit = this.s.plan.consecutiveFailureLimit;
    return { consecutiveFailures: n, open: limit !== null && n >= limit };
  }

  // ------------------------------------------------------------ queries

  /** The balance card; `balance` touches like any call that reads the balance. */
  balance(now: number): CardObs {
    this.touch(now);
    const held = (kinds: string[]) => this.ordered(now).filter((g) => kinds.includes(g.kind)).reduce((s, g) => s + this.remaining(g), 0);
    const day = dayAt(now, this.ws.timeZone);
    const dl = this.dailyLimit();
    return {
      planName: this.s.plan.name,
      periodStart: iso(this.s.periodStart),
      resetsAt: iso(this.s.periodEnd),
      allocation: this.s.plan.allocation,
      consumedThisPeriod: this.consumed(this.s.periodStart, now),
      remaining: held(['allocation']),
      rollover: held(['rollover']),
      topUps: held(['topup']),
      other: held(['manual', 'promo']),
      reserved: this.reserved(),
      totalAvailable: this.totalAvailable(now),
      dailyLimit: dl,
      dailyRemaining: dl === null ? null : Math.max(0, dl - this.consumed(day.start, now)),
      dailyResetsAt: iso(day.end),
      overdraft: this.debt(),
      exhaustion: this.s.plan.exhaustion,
    };
  }

  /** Entries in recording order. */
  entries(): EntryObs[] {
    return this.s.entries.map(entryObs);
  }

  entriesOfExecution(executionId: string): EntryObs[] {
    return this.s.entries.filter((e) => e.executionId === executionId).map(entryObs);
  }

  audit(): { ok: boolean; entries: number; netCharged: number } {
    return { ok: true, entries: this.s.entries.length, netCharged: this.s.entries.reduce((s, e) => s + e.mc, 0) };
  }

  /** Usage by `by` over [from, to), by `recordedAt`; repayments left out. Rows sorted by key. */
  breakdown(by: 'workflow' | 'nodeType' | 'member' | 'day', from: number, to: number): RowObs[] {
    const rows = new Map<string, RowObs>();
    for (const e of this.s.entries) {
      if (e.type === 'repayment' || e.recordedAt < from || e.recordedAt >= to) continue;
      const key = by === 'workflow' ? e.workflowId : by === 'nodeType' ? e.nodeType : by === 'member' ? e.memberId : isoDay(e.recordedAt, this.ws.timeZone);
      const row = rows.get(key ?? '') ?? { key: key ?? '', millicredits: 0, entries: 0 };
      row.millicredits += e.mc;
      row.entries += 1;
      rows.set(row.key, row);
    }
    return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  get periodStart(): number {
    return this.s.periodStart;
  }
}

function blank(key: string): Omit<Entry, 'type' | 'mc' | 'debits' | 'overdraft' | 'reversesKey' | 'reservationId' | 'recordedAt'> {
  return {
    key, memberId: null, workflowId: null, workflowName: null, executionId: null, nodeName: null, nodeType: null, runIndex: null,
    mode: null, kind: null, model: null, tokens: null, status: null,
  };
}

/** The input's fields with `undefined` left out (so `blank`'s nulls stay). */
function definedOf(c: ChargeIn): Partial<ChargeIn> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined && k !== 'millicredits') out[k] = v;
  return out as Partial<ChargeIn>;
}

function entryObs(e: Entry): EntryObs {
  return {
    type: e.type, key: e.type === 'repayment' ? null : e.key, millicredits: e.mc, overdraft: e.overdraft, status: e.type === 'charge' || e.type === 'settlement' ? e.status : null,
    memberId: e.memberId, workflowId: e.workflowId, executionId: e.executionId,
  };
}

/** JSON with keys sorted: two plans equal whatever their key order. */
function canonical(value: unknown): string {
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
