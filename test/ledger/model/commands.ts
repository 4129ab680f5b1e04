/**
 * fast-check commands: each applies one operation to the model and to the system, compares the
 * two answers, then compares the whole observable state (card, audit, entries, reports, the
 * entries of every execution, the breakers). `toString()` is what a shrunk counterexample shows.
 * The commands themselves sit in `steps/`, one file per area; this file holds their arbitraries.
 */
import fc from 'fast-check';
import { PLAN_NAMES } from './plans';
import { MAX_AMOUNT, type ChargeIn } from './referenceModel';
import { SCRIPTS } from './workflows';
import { AddGrant, AddMember, SetDailyLimit, SetMemberAllocation, SetPlan, TopUpPack, type GrantSpec } from './steps/account';
import { Charge, ChargeBatch, Repost, Reverse, type RepostVariant } from './steps/charges';
import { Advance, Jump, type JumpKind } from './steps/clock';
import { RecordExecution } from './steps/executions';
import { Buy, GiveBack, Pay, type PayVariant, type Share } from './steps/purchases';
import { ExpireReservations, Release, Reserve, Settle } from './steps/reservations';
import { DAY, HOUR, MINUTE, type Cmd } from './steps/step';

export { assertState, type World } from './steps/step';

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

const pay = fc.tuple(fc.nat(3), fc.constantFrom<PayVariant>('paid', 'paid', 'paid', 'pending', 'async', 'wrong-amount'), fc.integer({ min: 0, max: 1 }))
  .map(([i, v, r]) => new Pay(i, v, r));
const giveBack = fc.tuple(fc.nat(3), fc.constantFrom<'refund' | 'dispute'>('refund', 'refund', 'dispute'), fc.constantFrom<Share>('cent', 'third', 'half', 'most', 'all'), fc.integer({ min: 0, max: 1 }))
  .map(([i, k, sh, r]) => new GiveBack(i, k, sh, r));

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
  // Paid top-ups: a checkout, its payment events (replays under the same id), refunds and disputes in any order.
  // Several times each, so that a sequence often buys, pays, spends into the pack and then gets money back.
  fc.constant(null).map(() => new Buy()),
  pay,
  pay,
  pay,
  giveBack,
  giveBack,
];
