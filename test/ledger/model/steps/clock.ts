/** Commands that move the clock: by an amount, or to just around a boundary of the workspace's zone. */
import type { Obs } from '../observed';
import { dayAt, localDate, localMidnight, nextTransition } from '../zoned';
import { DAY, MINUTE, Step, type World } from './step';

export class Advance extends Step {
  constructor(readonly ms: number) {
    super();
  }
  expect(w: World): Obs {
    w.clock.t += this.ms;
    return {};
  }
  async act(): Promise<Obs> {
    return {};
  }
  toString() {
    return `advance(${this.ms >= DAY ? `${(this.ms / DAY).toFixed(2)}d` : `${Math.round(this.ms / MINUTE)}min`})`;
  }
}

export type JumpKind = 'midnight' | 'periodEnd' | 'monthEnd' | 'dst';

/** To just before, at or after a boundary of the workspace's zone; never backwards. */
export class Jump extends Step {
  constructor(readonly kind: JumpKind, readonly delta: number) {
    super();
  }
  private target(w: World): number | null {
    const now = w.clock.t;
    switch (this.kind) {
      case 'midnight':
        return dayAt(now, w.zone).end;
      case 'periodEnd':
        return w.model.periodEnd;
      case 'monthEnd': {
        const d = localDate(now, w.zone);
        return localMidnight({ y: d.m === 12 ? d.y + 1 : d.y, m: (d.m % 12) + 1, d: 1 }, w.zone);
      }
      case 'dst':
        return nextTransition(now, w.zone);
    }
  }
  expect(w: World): Obs {
    const target = this.target(w);
    if (target !== null) w.clock.t = Math.max(w.clock.t, target + this.delta);
    return {};
  }
  async act(): Promise<Obs> {
    return {};
  }
  toString() {
    return `jump(${this.kind}${this.delta >= 0 ? '+' : ''}${this.delta}ms)`;
  }
}
