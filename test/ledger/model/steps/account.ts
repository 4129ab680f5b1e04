/** Commands that change the account: grants, top-up packs, plans, the daily limit, members. */
import type { Plan } from '../../../../shared-pricing/src/plans/types';
import type { Obs } from '../observed';
import { PLANS, reordered } from '../plans';
import type { StoreSystem } from '../targets';
import { GRANT_TICK, show, Step, type World } from './step';

export interface GrantSpec {
  kind: 'topup' | 'manual' | 'promo';
  millicredits: number;
  key?: string;
  /** Offsets from now, so a shrunk sequence stays readable. */
  effectiveIn?: number;
  lastsFor?: number | null;
}

export class AddGrant extends Step {
  constructor(readonly g: GrantSpec) {
    super();
  }
  private input(now: number) {
    const effectiveAt = this.g.effectiveIn === undefined ? undefined : now + this.g.effectiveIn;
    const expiresAt = this.g.lastsFor === undefined ? undefined : this.g.lastsFor === null ? null : (effectiveAt ?? now) + this.g.lastsFor;
    return { kind: this.g.kind, millicredits: this.g.millicredits, key: this.g.key, effectiveAt, expiresAt };
  }
  expect(w: World): Obs {
    w.clock.t += GRANT_TICK;
    return w.model.addGrant(this.input(w.clock.t), w.clock.t);
  }
  act(w: World, s: StoreSystem): Promise<Obs> {
    return s.addGrant(this.input(w.clock.t));
  }
  toString() {
    return `addGrant(${show(this.g)})`;
  }
}

export class TopUpPack extends Step {
  constructor(readonly key: string | undefined) {
    super();
  }
  expect(w: World): Obs {
    w.clock.t += GRANT_TICK;
    const pack = w.model.plan.topUps.packs[0]!;
    return w.model.addGrant({ kind: 'topup', millicredits: pack.millicredits, key: this.key }, w.clock.t);
  }
  act(w: World, s: StoreSystem): Promise<Obs> {
    const pack = w.model.plan.topUps.packs[0]!;
    return s.topUpPack(pack.id, pack.millicredits, this.key);
  }
  toString() {
    return `topUpPack(${this.key ? show(this.key) : 'no key'})`;
  }
}

export class SetPlan extends Step {
  private plan: Plan | null = null;
  /** `same`: the current plan again, its keys reordered. */
  constructor(readonly name: string | 'same') {
    super();
  }
  expect(w: World): Obs {
    this.plan = this.name === 'same' ? reordered(w.model.plan) : PLANS[this.name]!;
    return w.model.setPlan(this.plan, w.clock.t);
  }
  act(_w: World, s: StoreSystem): Promise<Obs> {
    return s.setPlan(this.plan!);
  }
  toString() {
    return `setPlan(${this.name})`;
  }
}

export class SetDailyLimit extends Step {
  constructor(readonly limit: number | null | undefined) {
    super();
  }
  expect(w: World): Obs {
    return w.model.setDailyLimit(this.limit, w.clock.t);
  }
  act(_w: World, s: StoreSystem): Promise<Obs> {
    return s.setDailyLimit(this.limit);
  }
  toString() {
    return `setDailyLimit(${String(this.limit)})`;
  }
}

export class AddMember extends Step {
  constructor(readonly memberId: string, readonly allocation: number | null) {
    super();
  }
  expect(w: World): Obs {
    return w.model.addMember(this.memberId, this.allocation, w.clock.t);
  }
  act(_w: World, s: StoreSystem): Promise<Obs> {
    return s.addMember(this.memberId, this.allocation);
  }
  toString() {
    return `addMember(${this.memberId}, ${String(this.allocation)})`;
  }
}

export class SetMemberAllocation extends Step {
  constructor(readonly memberId: string, readonly allocation: number | null) {
    super();
  }
  expect(w: World): Obs {
    return w.model.setMemberAllocation(this.memberId, this.allocation, w.clock.t);
  }
  act(_w: World, s: StoreSystem): Promise<Obs> {
    return s.setMemberAllocation(this.memberId, this.allocation);
  }
  toString() {
    return `setMemberAllocation(${this.memberId}, ${String(this.allocation)})`;
  }
}
