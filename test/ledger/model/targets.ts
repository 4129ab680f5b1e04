/**
 * The systems the model is checked against: a `LedgerStore` driven directly, or the HTTP API
 * (`buildApp` + `app.inject`) over one, using the store only for what HTTP does not offer. Purchases
 * go through `payments.ts` (the store's calls, or checkout and the signed Stripe webhook).
 * Every answer is reduced to the `observed.ts` shapes the model produces.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { priceExecution } from '../../../shared-pricing/src/execution/priceExecution';
import type { ExecutionRun, Workflow } from '../../../shared-pricing/src/execution/types';
import type { Plan } from '../../../shared-pricing/src/plans/types';
import { buildApp } from '../../../ledger/src/http/app';
import { StripePaymentProvider } from '../../../ledger/src/payments/stripeProvider';
import { isLedgerError } from '../../../ledger/src/store/errors';
import { PostgresLedgerStore } from '../../../ledger/src/store/postgres';
import { SqliteLedgerStore } from '../../../ledger/src/store/sqlite';
import type { ChargeOutcome, LedgerEntry, LedgerStore } from '../../../ledger/src/store/types';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../../support/postgres';
import { makeKey } from '../http/helpers';
import { startFakeStripe, WEBHOOK_SECRET } from '../payments/fakeStripe';
import { HttpPayments, StorePayments, type Payments } from './payments';
import type { MoneyBackIn, PaymentIn } from './reference/purchases';
import type { ChargeIn, WorkspaceSpec } from './referenceModel';
import { bookOf } from './referenceModel';
import type { CardObs, ChargeObs, EntryObs, Obs, RowObs, StateObs } from './observed';

export const TARGET_NAMES = ['sqlite', 'postgres', 'http-sqlite', 'http-postgres'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** The clock every store of a run reads; each command sets it. */
export interface Clock {
  t: number;
}

export interface ExecutionPost {
  run: ExecutionRun;
  workflow: Workflow;
  workflowId: string | null;
  memberId?: string | null;
}

/** What the store or the API answered, as the model would say it. */
async function caught(fn: () => Promise<Obs>): Promise<Obs> {
  try {
    return await fn();
  } catch (err) {
    if (isLedgerError(err)) return { error: err.code };
    throw err;
  }
}

export function chargeObs(o: ChargeOutcome): ChargeObs {
  switch (o.status) {
    case 'recorded':
      return { status: 'recorded', millicredits: o.entry.millicredits, balance: o.balance, overdraft: o.overdraft };
    case 'duplicate':
      return { status: 'duplicate', millicredits: o.entry.millicredits };
    case 'conflict':
      return { status: 'conflict' };
    case 'refused':
      return { status: 'refused', reason: o.reason, renewsAt: o.renewsAt };
  }
}

function entryObs(e: Pick<LedgerEntry, 'type' | 'key' | 'millicredits' | 'overdraft' | 'status' | 'memberId' | 'workflowId' | 'executionId'>): EntryObs {
  return {
    type: e.type, key: e.type === 'repayment' || e.type === 'clawback' ? null : e.key, millicredits: e.millicredits, overdraft: e.overdraft, status: e.type === 'charge' || e.type === 'settlement' ? e.status : null,
    memberId: e.memberId, workflowId: e.workflowId, executionId: e.executionId,
  };
}

function cardObs(c: CardObs): CardObs {
  const keys: Array<keyof CardObs> = ['planName', 'periodStart', 'resetsAt', 'allocation', 'consumedThisPeriod', 'remaining', 'rollover', 'topUps', 'other', 'reserved', 'totalAvailable', 'dailyLimit', 'dailyRemaining', 'dailyResetsAt', 'overdraft', 'exhaustion'];
  return Object.fromEntries(keys.map((k) => [k, c[k]])) as unknown as CardObs;
}

const byKey = (rows: RowObs[]) => rows.map((r) => ({ key: r.key, millicredits: r.millicredits, entries: r.entries })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** The price function a hook-like caller gives `recordExecution`: the same mapping as `POST /v1/executions`. */
function executionInput(workspaceId: string, plan: Plan, x: ExecutionPost) {
  const { run, workflow } = x;
  return {
    workspaceId, executionId: run.executionId, workflowId: x.workflowId, mode: run.mode ?? null, status: run.status ?? null,
    price: (state: Parameters<typeof priceExecution>[4]) => {
      const priced = priceExecution(run, workflow, bookOf(plan), plan, state);
      const charges = priced.charges.map((c) => ({
        key: c.key, millicredits: c.millicredits, memberId: x.memberId ?? null, workflowId: x.workflowId, workflowName: workflow.name ?? null,
        executionId: c.executionId, nodeName: c.nodeName, nodeType: c.nodeType || null, runIndex: c.runIndex, mode: run.mode ?? null,
        kind: c.kind, model: c.model ?? null, tokens: c.tokens ?? null, status: run.status ?? null,
      }));
      return { charges, state: priced.state! };
    },
  };
}

/** One workspace of a target, for one command sequence. */
export class StoreSystem {
  /** Reservation ids by the key they were reserved with. */
  protected reservations = new Map<string, string>();
  protected payments: Payments;

  constructor(readonly store: LedgerStore, readonly ws: string) {
    this.payments = new StorePayments(store, ws);
  }

  buy(slot: string, pack: { id: string; millicredits: number; price: number; currency: string }): Promise<Obs> {
    return caught(() => this.payments.buy(slot, pack));
  }

  confirmPayment(e: PaymentIn, async: boolean): Promise<Obs> {
    return caught(() => this.payments.confirmPayment(e, async));
  }

  moneyBack(e: MoneyBackIn, kind: 'refund' | 'dispute'): Promise<Obs> {
    return caught(() => this.payments.moneyBack(e, kind));
  }

  charge(c: ChargeIn): Promise<Obs> {
    return caught(async () => chargeObs(await this.store.charge({ ...c, workspaceId: this.ws })));
  }

  chargeBatch(cs: ChargeIn[]): Promise<Obs> {
    return caught(async () => ({ outcomes: (await this.store.chargeBatch(cs.map((c) => ({ ...c, workspaceId: this.ws })))).map(chargeObs) }));
  }

  reverse(reversesKey: string, key?: string): Promise<Obs> {
    return caught(async () => chargeObs(await this.store.reverse({ workspaceId: this.ws, reversesKey, key })));
  }

  addGrant(g: { kind: 'topup' | 'manual' | 'promo'; millicredits: number; key?: string; effectiveAt?: number; expiresAt?: number | null }): Promise<Obs> {
    const at = (t: number | null | undefined) => (t == null ? t : new Date(t).toISOString());
    return caught(async () => {
      const { grant, created } = await this.store.addGrantOnce({ workspaceId: this.ws, kind: g.kind, millicredits: g.millicredits, key: g.key, effectiveAt: at(g.effectiveAt) ?? undefined, expiresAt: at(g.expiresAt) });
      return { created, millicredits: grant.millicredits, expiresAt: grant.expiresAt };
    });
  }

  topUpPack(_packId: string, millicredits: number, key?: string): Promise<Obs> {
    return this.addGrant({ kind: 'topup', millicredits, key });
  }

  setPlan(plan: Plan): Promise<Obs> {
    return caught(async () => {
      const ws = await this.store.setPlan(this.ws, plan);
      return { plan: ws.plan.name, planStartedAt: ws.planStartedAt };
    });
  }

  setDailyLimit(limit: number | null | undefined): Promise<Obs> {
    return caught(async () => (await this.store.setDailyLimit(this.ws, limit), { ok: true }));
  }

  addMember(memberId: string, allocation: number | null): Promise<Obs> {
    return caught(async () => {
      const m = await this.store.addMember({ workspaceId: this.ws, memberId, allocation });
      return { memberId: m.memberId, allocation: m.allocation };
    });
  }

  setMemberAllocation(memberId: string, allocation: number | null): Promise<Obs> {
    return caught(async () => {
      const m = await this.store.setMemberAllocation(this.ws, memberId, allocation);
      return { memberId: m.memberId, allocation: m.allocation };
    });
  }

  reserve(r: { key: string; millicredits: number; memberId?: string | null; expiresAt?: number }): Promise<Obs> {
    return caught(async () => {
      const o = await this.store.reserve({ workspaceId: this.ws, key: r.key, millicredits: r.millicredits, memberId: r.memberId, expiresAt: r.expiresAt === undefined ? undefined : new Date(r.expiresAt).toISOString() });
      if (o.status === 'refused') return { status: 'refused', reason: o.reason, renewsAt: o.renewsAt };
      this.reservations.set(r.key, o.reservation.id);
      if (o.status === 'duplicate') return { status: 'duplicate', millicredits: o.reservation.millicredits };
      return { status: 'reserved', millicredits: o.reservation.millicredits, available: o.available, expiresAt: o.reservation.expiresAt };
    });
  }

  protected reservationId(key: string): string {
    return this.reservations.get(key) ?? `unknown-${key}`;
  }

  settle(reservationKey: string, c: ChargeIn): Promise<Obs> {
    return caught(async () => chargeObs(await this.store.settle({ ...c, reservationId: this.reservationId(reservationKey) })));
  }

  release(reservationKey: string): Promise<Obs> {
    return caught(async () => ({ state: (await this.store.release(this.ws, this.reservationId(reservationKey))).state }));
  }

  async expireReservations(): Promise<number> {
    return this.store.expireReservations();
  }

  recordExecution(x: ExecutionPost, plan: Plan): Promise<Obs> {
    return caught(async () => {
      const r = await this.store.recordExecution(executionInput(this.ws, plan, x));
      return { outcomes: r.outcomes.map(chargeObs), helperRuns: r.helperRuns, breaker: r.breaker };
    });
  }

  async state(q: { from: string; to: string; executions: string[]; workflows: string[] }): Promise<StateObs> {
    const s = this.store;
    const card = cardObs(await s.balance(this.ws));
    const a = await s.audit(this.ws);
    const entries = (await s.listEntries({ workspaceId: this.ws, limit: 1000 })).sort((x, y) => x.id - y.id).map(entryObs);
    const breakdown: Record<string, RowObs[]> = {};
    for (const by of ['workflow', 'nodeType', 'member', 'day'] as const) breakdown[by] = byKey(await s.breakdown({ workspaceId: this.ws, by, from: q.from, to: q.to }));
    const executions: Record<string, EntryObs[]> = {};
    for (const id of q.executions) executions[id] = (await s.entriesOfExecution(this.ws, id)).map(entryObs);
    return { card, audit: { ok: a.ok, entries: a.entries, netCharged: a.netCharged }, entries, breakdown, executions, failures: await this.failures(q.workflows), purchases: await this.payments.purchases() };
  }

  protected async failures(workflows: string[]): Promise<StateObs['failures']> {
    const out: StateObs['failures'] = {};
    for (const wf of workflows) {
      const f = await this.store.getFailureCount(this.ws, wf);
      out[wf] = { consecutiveFailures: f.consecutiveFailures, open: f.open };
    }
    return out;
  }
}

/** HTTP answers reduced like the store's: 4xx bodies become `{error: code}`, 402s the refusal. */
function httpChargeObs(status: number, body: any): Obs {
  if (status === 201 || status === 200) return body.status === 'recorded' ? { status: 'recorded', millicredits: body.millicredits, balance: body.balance, overdraft: body.overdraft } : { status: 'duplicate', millicredits: body.millicredits };
  if (status === 409 && body.error?.code === 'key-conflict') return { status: 'conflict' };
  if (status === 402) return { status: 'refused', reason: body.outcome.reason, renewsAt: body.outcome.renewsAt };
  return httpError(status, body);
}

function outcomeJsonObs(o: any): ChargeObs {
  if (o.status === 'recorded') return { status: 'recorded', millicredits: o.millicredits, balance: o.balance, overdraft: o.overdraft };
  if (o.status === 'duplicate') return { status: 'duplicate', millicredits: o.millicredits };
  if (o.status === 'conflict') return { status: 'conflict' };
  return { status: 'refused', reason: o.reason, renewsAt: o.renewsAt };
}

/** The error code; the schema's refusal of an amount counts as `invalid-amount`. */
function httpError(status: number, body: any): Obs {
  if (status >= 500 || !body?.error) throw new Error(`HTTP ${status}: ${JSON.stringify(body)}`);
  const { code, field } = body.error;
  if (code === 'invalid_request' && /millicredits$/.test(field ?? '')) return { error: 'invalid-amount' };
  return { error: code };
}

/** The API over a store: usage, batches, executions, top-ups, plans, reservations and reports go through HTTP. */
export class HttpSystem extends StoreSystem {
  constructor(store: LedgerStore, ws: string, private readonly app: FastifyInstance, private readonly key: string) {
    super(store, ws);
    this.payments = new HttpPayments(store, ws, app, key);
  }

  private async call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<{ status: number; body: any }> {
    const options: InjectOptions = { method, url, headers: { authorization: `Bearer ${this.key}` } };
    if (payload !== undefined) options.payload = payload as InjectOptions['payload'];
    const res = await this.app.inject(options);
    return { status: res.statusCode, body: res.json() };
  }

  override async charge(c: ChargeIn): Promise<Obs> {
    const { status, body } = await this.call('POST', '/v1/usage', c);
    return httpChargeObs(status, body);
  }

  override async chargeBatch(cs: ChargeIn[]): Promise<Obs> {
    const { status, body } = await this.call('POST', '/v1/usage/batch', { events: cs });
    return status === 200 ? { outcomes: body.outcomes.map(outcomeJsonObs) } : httpError(status, body);
  }

  override async topUpPack(packId: string, _millicredits: number, key?: string): Promise<Obs> {
    const { status, body } = await this.call('POST', '/v1/topups', key === undefined ? { packId } : { packId, key });
    if (status !== 200 && status !== 201) return httpError(status, body);
    return { created: status === 201, millicredits: body.grant.millicredits, expiresAt: body.grant.expiresAt };
  }

  override async setPlan(plan: Plan): Promise<Obs> {
    const { status, body } = await this.call('PUT', '/v1/plan', { plan });
    return status === 200 ? { plan: body.plan.name, planStartedAt: body.planStartedAt } : httpError(status, body);
  }

  override async reserve(r: { key: string; millicredits: number; memberId?: string | null; expiresAt?: number }): Promise<Obs> {
    const payload = { key: r.key, millicredits: r.millicredits, memberId: r.memberId ?? null, ...(r.expiresAt === undefined ? {} : { expiresAt: new Date(r.expiresAt).toISOString() }) };
    const { status, body } = await this.call('POST', '/v1/reservations', payload);
    if (status === 402) return { status: 'refused', reason: body.outcome.reason, renewsAt: body.outcome.renewsAt };
    if (status !== 200 && status !== 201) return httpError(status, body);
    this.reservations.set(r.key, body.reservation.id);
    if (status === 200) return { status: 'duplicate', millicredits: body.reservation.millicredits };
    return { status: 'reserved', millicredits: body.reservation.millicredits, available: body.available, expiresAt: body.reservation.expiresAt };
  }

  override async settle(reservationKey: string, c: ChargeIn): Promise<Obs> {
    const { status, body } = await this.call('POST', `/v1/reservations/${encodeURIComponent(this.reservationId(reservationKey))}/settle`, c);
    return httpChargeObs(status, body);
  }

  override async release(reservationKey: string): Promise<Obs> {
    const { status, body } = await this.call('POST', `/v1/reservations/${encodeURIComponent(this.reservationId(reservationKey))}/release`);
    return status === 200 ? { state: body.state } : httpError(status, body);
  }

  override async recordExecution(x: ExecutionPost): Promise<Obs> {
    const { status, body } = await this.call('POST', '/v1/executions', { workflow: x.workflow, run: x.run, workflowId: x.workflowId, memberId: x.memberId ?? null });
    if (status !== 200) return httpError(status, body);
    // The API answers the charges' outcomes only: counters are compared through the state.
    return { partial: true, outcomes: body.charges.map((c: any) => outcomeJsonObs(c.outcome)) };
  }

  override async state(q: { from: string; to: string; executions: string[]; workflows: string[] }): Promise<StateObs> {
    const card = cardObs((await this.call('GET', '/v1/balance')).body);
    const a = (await this.call('GET', '/v1/audit')).body;
    const entries = (await this.call('GET', '/v1/entries?limit=1000')).body.entries.sort((x: any, y: any) => x.id - y.id).map(entryObs);
    const breakdown: Record<string, RowObs[]> = {};
    for (const by of ['workflow', 'nodeType', 'member', 'day']) {
      breakdown[by] = byKey((await this.call('GET', `/v1/reports?by=${by}&from=${encodeURIComponent(q.from)}&to=${encodeURIComponent(q.to)}`)).body.rows);
    }
    const executions: Record<string, EntryObs[]> = {};
    for (const id of q.executions) {
      const r = await this.call('GET', `/v1/executions/${encodeURIComponent(id)}/entries`);
      executions[id] = r.status === 404 ? [] : r.body.entries.map(entryObs);
    }
    return { card, audit: { ok: a.ok, entries: a.entries, netCharged: a.netCharged }, entries, breakdown, executions, failures: await this.failures(q.workflows), purchases: await this.payments.purchases() };
  }
}

/** Opens a target once per run; `open` makes one workspace per command sequence. */
export interface Target {
  name: TargetName;
  open(ws: WorkspaceSpec, id: string): Promise<StoreSystem>;
  /** Whether `expireReservations` counts only this sequence's holds (a store of its own). */
  privateStore: boolean;
  close(): Promise<void>;
}

async function createWorkspace(store: LedgerStore, ws: WorkspaceSpec, id: string): Promise<void> {
  await store.createWorkspace({ id, name: id, plan: ws.plan, timeZone: ws.timeZone, anchorDay: ws.anchorDay, anchorMonth: ws.anchorMonth });
}

/** A target over one shared store (PostgreSQL: one schema per run, a workspace per sequence). */
export async function openTarget(name: TargetName, clock: Clock): Promise<Target> {
  const now = () => clock.t;
  const http = name.startsWith('http-');
  let store: LedgerStore;
  let dispose = async () => {};
  if (name.endsWith('postgres')) {
    const url = await testDatabaseUrl();
    const schema = freshSchemaName('ledger_model');
    const pg = new PostgresLedgerStore({ connectionString: url, schema, now, maxConnections: 4 });
    await pg.migrate();
    store = pg;
    dispose = () => dropSchema(url, schema);
  } else {
    const lite = new SqliteLedgerStore({ path: ':memory:', now });
    await lite.migrate();
    store = lite;
  }
  // Over HTTP, Stripe's API is a local stand-in that opens a session per checkout (ids unique across the run).
  let sessions = 0;
  const stripe = http ? await startFakeStripe(() => [200, { id: `cs_model_${++sessions}`, object: 'checkout.session', url: `https://checkout.stripe.test/${sessions}`, customer: null }]) : null;
  const provider = stripe && new StripePaymentProvider({ secretKey: 'sk_test_model', webhookSecret: WEBHOOK_SECRET, api: stripe.api });
  const app = http ? (await buildApp({ store, keyCacheMs: 0, payments: { provider: provider!, returnUrl: 'http://billing.test' } })).app : null;
  return {
    name,
    privateStore: false,
    async open(ws, id) {
      await createWorkspace(store, ws, id);
      if (!app) return new StoreSystem(store, id);
      return new HttpSystem(store, id, app, await makeKey(store, id, 'admin'));
    },
    async close() {
      await app?.close();
      await stripe?.close();
      await store.close();
      await dispose();
    },
  };
}
