/**
 * fast-check commands: each applies one operation to the model and to the system, compares the
 * two answers, then compares the whole observable state (card, audit, entries, reports, the
 * entries of every execution, the breakers). `toString()` is what a shrunk counterexample shows.
 */
import fc from 'fast-check';
import type { Plan } from '../../../shared-pricing/src/plans/types';
import { assertSame } from './compare';
import { iso, type Obs } from './observed';
import { PLANS, PLAN_NAMES, reordered } from './plans';
import { MAX_AMOUNT, type ChargeIn, type ReferenceModel } from './referenceModel';
import type { Clock, StoreSystem } from './targets';
import { executionRun, SCRIPTS, WORKFLOW } from './workflows';
import { dayAt, localDate, localMidnight, nextTransition } from './zoned';

export interface World {
  model: ReferenceModel;
  clock: Clock;
  zone: string;
  /** Every charge input posted, for re-posts and reversals. */
  posted: ChargeIn[];
  /** Counts commands run, for the report. */
  stats: { commands: number };
}

type Cmd = fc.AsyncCommand<World, StoreSystem>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** JSON without the fields every generated charge shares, so a counterexample reads quickly. */
const show = (v: unknown) => JSON.stringify(v, (k, x) => (x === null || (k === 'workflowName' && x === 'Flow') || (k === 'kind' && x === 'run') ? undefined : x));

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
  };
  const actual = await s.state({ from: iso(from), to: iso(to), executions, workflows });
  assertSame(`state after ${after} at ${iso(now)}`, expected, actual);
}

/** One operation on both sides. */
abstract class Step implements Cmd {
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

// ------------------------------------------------------------------ clock

class Advance extends Step {
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

type JumpKind = 'midnight' | 'periodEnd' | 'monthEnd' | 'dst';

/** To just before, at or after a boundary of the workspace's zone; never backwards. */
class Jump extends Step {
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

// ------------------------------------------------------------------ charges

class Charge extends Step {
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

class ChargeBatch extends Step {
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

type RepostVariant = 'same' | 'status' | 'mode' | 'amount';

/** Posts an earlier charge again: the same, with another status or mode (still a duplicate), or another amount (a conflict). */
class Repost extends Step {
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

class Reverse extends Step {
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

// ------------------------------------------------------------------ grants, plans, members

interface GrantSpec {
  kind: 'topup' | 'manual' | 'promo';
  millicredits: number;
  key?: string;
  /** Offsets from now, so a shrunk sequence stays readable. */
  effectiveIn?: number;
  lastsFor?: number | null;
}

class AddGrant extends Step {
  constructor(readonly g: GrantSpec) {
    super();
  }
  private input(now: number) {
    const effectiveAt = this.g.effectiveIn === undefined ? undefined : now + this.g.effectiveIn;
    const expiresAt = this.g.lastsFor === undefined ? undefined : this.g.lastsFor === null ? null : (effectiveAt ?? now) + this.g.lastsFor;
    return { kind: this.g.kind, millicredits: this.g.millicredits, key: this.g.key, effectiveAt, expiresAt };
  }
  expect(w: World): Obs {
    return w.model.addGrant(this.input(w.clock.t), w.clock.t);
  }
  act(w: World, s: StoreSystem): Promise<Obs> {
    return s.addGrant(this.input(w.clock.t));
  }
  toString() {
    return `addGrant(${show(this.g)})`;
  }
}

class TopUpPack extends Step {
  constructor(readonly key: string | undefined) {
    super();
  }
  expect(w: World): Obs {
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

class SetPlan extends Step {
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

class SetDailyLimit extends Step {
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

class AddMember extends Step {
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

class SetMemberAllocation extends Step {
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

// ------------------------------------------------------------------ reservations

class Reserve extends Step {
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

class Settle extends Step {
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

class Release extends Step {
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
class ExpireReservations extends Step {
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

// ------------------------------------------------------------------ executions

class RecordExecution extends Step {
  constructor(readonly script: number, readonly generation: number, readonly phase: 'waiting' | 'final', readonly status: string) {
    super();
  }
  private post() {
    const sc = SCRIPTS[this.script]!;
    const run = executionRun(`e${this.script}g${this.generation}`, sc, this.phase, this.status);
    return { run, workflow: { ...WORKFLOW, id: sc.workflowId }, workflowId: sc.workflowId };
  }
  expect(w: World): Obs {
    return w.model.recordExecution(this.post(), w.clock.t);
  }
  act(w: World, s: StoreSystem): Promise<Obs> {
    return s.recordExecution(this.post(), w.model.plan);
  }
  toString() {
    return `recordExecution(e${this.script}g${this.generation} ${SCRIPTS[this.script]!.mode}, ${this.phase === 'waiting' ? 'waiting' : this.status})`;
  }
}

// ------------------------------------------------------------------ arbitraries

const amount = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 3_000 }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: 3_000, max: 30_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, MAX_AMOUNT + 1, MAX_AMOUNT) },
);
const memberId = fc.constantFrom('m0', 'm1', 'm2');
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 2 });

const chargeInput: fc.Arbitrary<ChargeIn> = fc.record({
  key: fc.integer({ min: 0, max: 29 }).map((i) => `k${i}`),
  millicredits: amount,
  memberId: maybe(memberId),
  workflowId: maybe(fc.constantFrom('wf1', 'wf2', 'wf3')),
  workflowName: fc.constant('Flow'),
  executionId: maybe(fc.constantFrom('x0', 'x1')),
  nodeName: fc.constantFrom('HTTP', 'Set'),
  nodeType: fc.constantFrom('n8n-nodes-base.httpRequest', 'n8n-nodes-base.set'),
  runIndex: fc.integer({ min: 0, max: 2 }),
  mode: fc.constantFrom('trigger', 'webhook'),
  kind: fc.constant('run'),
  status: fc.constantFrom('success', 'error'),
});

const allocation = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 20_000 }), fc.constant(-5));

export const commandArbitraries: Array<fc.Arbitrary<Cmd>> = [
  fc.oneof(
    fc.integer({ min: 1, max: 600 }).map((m) => m * MINUTE),
    fc.integer({ min: 1, max: 72 }).map((h) => h * HOUR),
    fc.integer({ min: 1, max: 45 }).map((d) => d * DAY),
    fc.integer({ min: 46, max: 800 }).map((d) => d * DAY),
  ).map((ms) => new Advance(ms)),
  fc.tuple(fc.constantFrom<JumpKind>('midnight', 'periodEnd', 'monthEnd', 'dst'), fc.constantFrom(-MINUTE, -1, 0, 1, MINUTE)).map(([k, d]) => new Jump(k, d)),
  chargeInput.map((c) => new Charge(c)),
  chargeInput.map((c) => new Charge(c)),
  chargeInput.map((c) => new Charge(c)),
  fc.array(chargeInput, { minLength: 1, maxLength: 4 }).map((cs) => new ChargeBatch(cs)),
  fc.tuple(fc.nat(), fc.constantFrom<RepostVariant>('same', 'status', 'mode', 'amount')).map(([i, v]) => new Repost(i, v)),
  fc.tuple(fc.nat(), fc.option(fc.constantFrom('rev-a', 'rev-b'), { nil: undefined })).map(([i, k]) => new Reverse(i, k)),
  fc.record({
    kind: fc.constantFrom<GrantSpec['kind']>('topup', 'manual', 'promo'),
    millicredits: amount,
    key: fc.option(fc.constantFrom('g0', 'g1', 'g2'), { nil: undefined }),
    effectiveIn: fc.option(fc.constantFrom(-DAY, 0, HOUR, 3 * DAY), { nil: undefined }),
    lastsFor: fc.option(fc.oneof(fc.constant(null), fc.constantFrom(HOUR, 2 * DAY, 40 * DAY)), { nil: undefined }),
  }, { requiredKeys: ['kind', 'millicredits'] }).map((g) => new AddGrant(g.kind === 'topup' ? { kind: g.kind, millicredits: g.millicredits, key: g.key } : g)),
  fc.option(fc.constantFrom('pay-1', 'pay-2'), { nil: undefined }).map((k) => new TopUpPack(k)),
  fc.constantFrom('same', ...PLAN_NAMES).map((n) => new SetPlan(n)),
  fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: 0, max: 8_000 })).map((l) => new SetDailyLimit(l)),
  fc.tuple(memberId, allocation).map(([m, a]) => new AddMember(m, a)),
  fc.tuple(memberId, allocation).map(([m, a]) => new SetMemberAllocation(m, a)),
  fc.tuple(fc.integer({ min: 0, max: 4 }), amount, maybe(memberId), fc.option(fc.constantFrom(MINUTE, 2 * HOUR), { nil: undefined }))
    .map(([i, a, m, l]) => new Reserve(`r${i}`, a, m, l)),
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 6_000 }), maybe(memberId))
    .map(([i, k, a, m]) => new Settle(`r${i}`, { key: `s${i}-${k}`, millicredits: a, memberId: m, kind: 'tokens', status: 'success' })),
  fc.integer({ min: 0, max: 4 }).map((i) => new Release(`r${i}`)),
  fc.constant(new ExpireReservations()),
  fc.tuple(fc.integer({ min: 0, max: SCRIPTS.length - 1 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom<'waiting' | 'final'>('waiting', 'final', 'final'), fc.constantFrom('success', 'error', 'crashed', 'canceled'))
    .map(([sc, g, p, st]) => new RecordExecution(sc, g, p, st)),
  fc.tuple(fc.integer({ min: 0, max: SCRIPTS.length - 1 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom('success', 'error'))
    .map(([sc, g, st]) => new RecordExecution(sc, g, 'final', st)),
];
