/** Commands on reservations: reserve, settle, release, and lapsing holds past their expiry. */
import { assertSame } from '../compare';
import type { Obs } from '../observed';
import type { ChargeIn } from '../referenceModel';
import type { StoreSystem } from '../targets';
import { assertState, show, Step, type World } from './step';

export class Reserve extends Step {
  constructor(readonly key: string, readonly millicredits: number, readonly memberId: string | null, readonly lastsFor: number | undefined) {
    super();
  }
  private input(now: number) {
    return { key: this.key, millicredits: this.millicredits, memberId: this.memberId, expiresAt: this.lastsFor === undefined ? undefined : now + this.lastsFor };
  }
  expect(w: World): Obs {
    return w.model.reserve(this.input(w.clock.t), w.clock.t);
  }
  act(w: World, s: StoreSystem): Promise<Obs> {
    return s.reserve(this.input(w.clock.t));
  }
  toString() {
    return `reserve(${this.key}, ${this.millicredits}${this.memberId ? `, ${this.memberId}` : ''}${this.lastsFor !== undefined ? `, lasts ${this.lastsFor}ms` : ''})`;
  }
}

export class Settle extends Step {
  constructor(readonly reservationKey: string, readonly input: ChargeIn) {
    super();
  }
  expect(w: World): Obs {
    w.posted.push(this.input);
    return w.model.settle(this.reservationKey, this.input, w.clock.t);
  }
  act(_w: World, s: StoreSystem): Promise<Obs> {
    return s.settle(this.reservationKey, this.input);
  }
  toString() {
    return `settle(${this.reservationKey}, ${show(this.input)})`;
  }
}

export class Release extends Step {
  constructor(readonly reservationKey: string) {
    super();
  }
  expect(w: World): Obs {
    return w.model.release(this.reservationKey, w.clock.t);
  }
  act(_w: World, s: StoreSystem): Promise<Obs> {
    return s.release(this.reservationKey);
  }
  toString() {
    return `release(${this.reservationKey})`;
  }
}

/** Across the whole store, so a shared store may expire other sequences' holds too: the count is a lower bound. */
export class ExpireReservations extends Step {
  expect(w: World): Obs {
    return { expired: w.model.expireReservations(w.clock.t) };
  }
  async act(_w: World, s: StoreSystem): Promise<Obs> {
    return { expired: await s.expireReservations() };
  }
  override async run(w: World, s: StoreSystem): Promise<void> {
    w.stats.commands++;
    const expected = (this.expect(w) as { expired: number }).expired;
    const actual = ((await this.act(w, s)) as { expired: number }).expired;
    if (actual < expected) assertSame(`${this}`, { expired: expected }, { expired: actual });
    await assertState(w, s, String(this));
  }
  toString() {
    return 'expireReservations()';
  }
}
