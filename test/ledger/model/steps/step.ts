/**
 * What every command shares: the world the model side keeps (model, clock, posted charges), the
 * comparison of the whole observable state after a command, and `Step`, one operation on both sides.
 */
import type fc from 'fast-check';
import { assertSame } from '../compare';
import { iso, type Obs } from '../observed';
import type { ChargeIn, ReferenceModel } from '../referenceModel';
import type { Clock, StoreSystem } from '../targets';

export interface World {
  model: ReferenceModel;
  clock: Clock;
  zone: string;
  /** Every charge input posted, for re-posts and reversals. */
  posted: ChargeIn[];
  /** Counts commands run, for the report. */
  stats: { commands: number };
}

export type Cmd = fc.AsyncCommand<World, StoreSystem>;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/**
 * Commands that create a grant move the clock by 1 ms first. The docs order grants of one priority and expiry by
 * age ("then the oldest"), but two grants made in the same millisecond tie, and the stores break that tie by a
 * random id: which of two such top-ups a charge spends, and so how much of a refunded one was spent, is not fixed.
 */
export const GRANT_TICK = 1;

/** JSON without the fields every generated charge shares, so a counterexample reads quickly. */
export const show = (v: unknown) => JSON.stringify(v, (k, x) => (x === null || (k === 'workflowName' && x === 'Flow') || (k === 'kind' && x === 'run') ? undefined : x));

/** Compares the whole observable state after a command. */
export async function assertState(w: World, s: StoreSystem, after: string): Promise<void> {
  const now = w.clock.t;
  const card = w.model.balance(now);
  const by = ['workflow', 'nodeType', 'member', 'day'] as const;
  const from = w.model.periodStart;
  const to = w.model.periodEnd;
  const executions = w.model.executionIds();
  const workflows = ['wf1', 'wf2', 'wf3'];
  const expected = {
    card,
    audit: w.model.audit(),
    entries: w.model.entries(),
    breakdown: Object.fromEntries(by.map((b) => [b, w.model.breakdown(b, from, to)])),
    executions: Object.fromEntries(executions.map((id) => [id, w.model.entriesOfExecution(id)])),
    failures: Object.fromEntries(workflows.map((wf) => [wf, w.model.failureCount(wf)])),
    purchases: w.model.purchases(),
  };
  const actual = await s.state({ from: iso(from), to: iso(to), executions, workflows });
  assertSame(`state after ${after} at ${iso(now)}`, expected, actual);
}

/** One operation on both sides. */
export abstract class Step implements Cmd {
  check(_w: Readonly<World>): boolean {
    return true;
  }

  abstract expect(w: World): Obs;
  abstract act(w: World, s: StoreSystem): Promise<Obs>;
  abstract toString(): string;

  async run(w: World, s: StoreSystem): Promise<void> {
    w.stats.commands++;
    const expected = this.expect(w);
    const actual = await this.act(w, s);
    assertSame(`${this} at ${iso(w.clock.t)}`, expected, actual);
    await assertState(w, s, String(this));
  }
}
