/**
 * The reference model of the ledger's accounting, written from docs/ledger.md ("Rules" and "Rules
 * over time"), not from the stores. Grants, entries, reservations and members sit in plain arrays;
 * everything else (remainders, debt, consumption of a period, day or member) is recomputed from
 * them on every query. Each operation first brings the workspace to `now` (`touch`); one that
 * throws restores the state it started from. Results come back as `observed.ts` shapes.
 *
 * The class is built up by area over a chain of subclasses in `reference/` (state and time, charges,
 * account, reservations, purchases); this file adds executions and the queries (card, entries, reports).
 */
import { priceExecution } from '../../../shared-pricing/src/execution/priceExecution';
import type { ExecutionRun, Workflow } from '../../../shared-pricing/src/execution/types';
import { dayAt, isoDay } from './zoned';
import { iso, type CardObs, type EntryObs, type Obs, type RowObs } from './observed';
import { PurchasingModel } from './reference/purchases';
import { bookOf, entryObs, type ChargeIn } from './reference/types';

export { bookOf, MAX_AMOUNT, ModelError, type ChargeIn, type WorkspaceSpec } from './reference/types';

export class ReferenceModel extends PurchasingModel {
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

  /** Usage by `by` over [from, to), by `recordedAt`; repayments and clawbacks left out. Rows sorted by key. */
  breakdown(by: 'workflow' | 'nodeType' | 'member' | 'day', from: number, to: number): RowObs[] {
    const rows = new Map<string, RowObs>();
    for (const e of this.s.entries) {
      // Repayments and clawbacks move no usage (docs: "Reports leave clawbacks out").
      if (e.type === 'repayment' || e.type === 'clawback' || e.recordedAt < from || e.recordedAt >= to) continue;
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
