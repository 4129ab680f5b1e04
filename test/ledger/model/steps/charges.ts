/** Commands that charge: one charge, a batch, a re-post of an earlier charge, a reversal. */
import type { Obs } from '../observed';
import type { ChargeIn } from '../referenceModel';
import type { StoreSystem } from '../targets';
import { show, Step, type World } from './step';

export class Charge extends Step {
  constructor(readonly input: ChargeIn) {
    super();
  }
  expect(w: World): Obs {
    w.posted.push(this.input);
    return w.model.charge(this.input, w.clock.t);
  }
  act(_w: World, s: StoreSystem): Promise<Obs> {
    return s.charge(this.input);
  }
  toString() {
    return `charge(${show(this.input)})`;
  }
}

export class ChargeBatch extends Step {
  constructor(readonly inputs: ChargeIn[]) {
    super();
  }
  expect(w: World): Obs {
    w.posted.push(...this.inputs);
    return w.model.chargeBatch(this.inputs, w.clock.t);
  }
  act(_w: World, s: StoreSystem): Promise<Obs> {
    return s.chargeBatch(this.inputs);
  }
  toString() {
    return `chargeBatch(${show(this.inputs)})`;
  }
}

export type RepostVariant = 'same' | 'status' | 'mode' | 'amount';

/** Posts an earlier charge again: the same, with another status or mode (still a duplicate), or another amount (a conflict). */
export class Repost extends Step {
  private input: ChargeIn | null = null;
  constructor(readonly index: number, readonly variant: RepostVariant) {
    super();
  }
  override check(w: Readonly<World>) {
    return w.posted.length > 0;
  }
  expect(w: World): Obs {
    const base = w.posted[this.index % w.posted.length]!;
    const changed: Partial<ChargeIn> =
      this.variant === 'status' ? { status: base.status === 'success' ? 'error' : 'success' }
        : this.variant === 'mode' ? { mode: base.mode === 'trigger' ? 'webhook' : 'trigger' }
          : this.variant === 'amount' ? { millicredits: Number.isSafeInteger(base.millicredits) ? base.millicredits + 1 : 1 } : {};
    this.input = { ...base, ...changed };
    w.posted.push(this.input);
    return w.model.charge(this.input, w.clock.t);
  }
  act(_w: World, s: StoreSystem): Promise<Obs> {
    return s.charge(this.input!);
  }
  toString() {
    return this.input ? `repost[${this.variant}](${show(this.input)})` : `repost(#${this.index}, ${this.variant})`;
  }
}

export class Reverse extends Step {
  private reversesKey = '';
  constructor(readonly index: number, readonly key: string | undefined) {
    super();
  }
  override check(w: Readonly<World>) {
    return w.posted.length > 0;
  }
  expect(w: World): Obs {
    this.reversesKey = w.posted[this.index % w.posted.length]!.key;
    return w.model.reverse(this.reversesKey, this.key, w.clock.t);
  }
  act(_w: World, s: StoreSystem): Promise<Obs> {
    return s.reverse(this.reversesKey, this.key);
  }
  toString() {
    return `reverse(${show(this.reversesKey || `#${this.index}`)}${this.key ? `, key ${show(this.key)}` : ''})`;
  }
}
