/**
 * The model's account settings: grants (top-ups, manual, promo), plan changes, the daily limit and
 * members with their allocations.
 */
import type { Plan } from '../../../../shared-pricing/src/plans/types';
import { iso, type Obs } from '../observed';
import { ChargingModel } from './charges';
import { canonical, DAY, ModelError } from './types';

export class AccountModel extends ChargingModel {
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
      if (g.kind === 'topup' && g.expiresAt === undefined) expiresAt = this.topUpExpiresAt(now);
      this.addGrantRow(g.kind, g.millicredits, effectiveAt, expiresAt, g.key ?? null, now);
      return { created: true, millicredits: g.millicredits, expiresAt: expiresAt === null ? null : iso(expiresAt) };
    });
  }

  /** A top-up bought now lapses with the plan (never here), at the period end, or after its days. */
  protected topUpExpiresAt(now: number): number | null {
    const life = this.s.plan.topUps.lifetime;
    return life.kind === 'plan' ? null : life.kind === 'period' ? this.s.periodEnd : now + life.days * DAY;
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
}
