import { strict as assert } from 'node:assert';
import { AlertService } from '../../../ledger/src/alerts/alertService';
import type { LedgerStore } from '../../../ledger/src/store/types';
import { small } from '../store/plans';
import { startSmtp, startWebhookReceiver, type SmtpReceiver, type WebhookReceiver } from './receivers';
import { postgresSchema, sqliteFile, type ReopenableStore } from './stores';

const SECRET = 'whsec_test-secret-of-the-receiver';
// Fast retries: 10 ms, doubling; the injected clock is moved past them instead of sleeping.
const TIMING = { timeoutMs: 300, baseDelayMs: 10, maxDelayMs: 1000, maxAttempts: 5 };

interface Setup {
  store: LedgerStore;
  alerts: AlertService;
  clock: { now: number };
}

async function openSetup(data: ReopenableStore, clock: { now: number }, smtpUrl: string | null): Promise<Setup> {
  const store = await data.open(() => clock.now);
  const alerts = new AlertService(store, { now: () => clock.now, smtpUrl, smtpFrom: 'alerts@example.com', timing: TIMING });
  return { store, alerts, clock };
}

async function closeSetup(s: Setup): Promise<void> {
  await s.alerts.stop();
  await s.store.close();
}

/** Runs delivery passes, moving the clock past each backoff, until nothing is pending (or 20 passes). */
async function drain(s: Setup): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await s.alerts.deliver();
    const pending = (await s.store.listDeliveries('w', 100)).filter((d) => d.status === 'pending');
    if (pending.length === 0) return;
    s.clock.now += TIMING.maxDelayMs;
  }
}

const charge = (s: Setup, key: string, millicredits: number) => s.store.charge({ workspaceId: 'w', key, millicredits, workflowId: 'wf-1' });

for (const make of [sqliteFile, postgresSchema]) {
  describe(`alerts delivered by a real SMTP server and a real webhook receiver (${make().name})`, () => {
    let data: ReopenableStore;
    let smtp: SmtpReceiver;
    let hook: WebhookReceiver;
    let s: Setup | null = null;

    beforeEach(async () => {
      data = make();
      [smtp, hook] = await Promise.all([startSmtp(), startWebhookReceiver(SECRET)]);
    });
    afterEach(async () => {
      if (s) await closeSetup(s);
      s = null;
      await Promise.all([smtp.stop(), hook.stop(), data.dispose()]);
    });

    /** Workspace `w`: 100 credits a month in UTC, pause when out; alerts to both channels. */
    async function workspace(settings: Record<string, unknown> = {}): Promise<Setup> {
      s = await openSetup(data, { now: Date.parse('2026-03-10T12:00:00.000Z') }, smtp.url);
      await s.store.createWorkspace({ id: 'w', name: 'Acme', plan: small({ allocation: 100_000 }), timeZone: 'UTC', anchorDay: 1 });
      await s.store.setAlertSettings('w', {
        thresholds: [80], spikeFactor: null, events: { depleted: true, renewed: true, dailyLimit: false, circuitOpen: false },
        email: 'ops@example.com', webhookUrl: hook.url, webhookSecret: SECRET, ...settings,
      });
      return s;
    }

    it('delivers each crossing once to both channels: below 80% used, again after a top-up lifted it, depleted, renewed, and below again in the new period', async () => {
      const t = await workspace();
      const step = async () => {
        // Evaluating twice shows a crossing is not counted twice.
        const fired = [...(await t.alerts.evaluate('w')), ...(await t.alerts.evaluate('w'))];
        await drain(t);
        return fired;
      };
      const fired: string[][] = [];
      fired.push(await step()); // the period is learnt: nothing
      await charge(t, 'c1', 50_000);
      fired.push(await step()); // 50,000 left of 100,000: 50% used
      await charge(t, 'c2', 30_000);
      fired.push(await step()); // 20,000 left: 80% used → threshold
      await charge(t, 'c3', 5_000);
      fired.push(await step()); // 15,000 left: still below, no second alert
      await t.store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 20_000 });
      fired.push(await step()); // 35,000 left: back above, re-armed
      await charge(t, 'c4', 20_000);
      fired.push(await step()); // 15,000 left: below again → threshold
      await charge(t, 'c5', 15_000);
      fired.push(await step()); // 0 left → depleted
      t.clock.now = Date.parse('2026-04-01T00:00:01.000Z');
      fired.push(await step()); // a new period: 100,000 → renewed
      await charge(t, 'c6', 80_000);
      fired.push(await step()); // 20,000 left in the new period → threshold

      const expected = ['threshold', 'threshold', 'depleted', 'renewed', 'threshold'];
      assert.deepEqual(fired, [[], [], ['threshold:80'], [], [], ['threshold:80'], ['depleted'], ['renewed'], ['threshold:80']]);
      assert.deepEqual(hook.accepted().map((c) => JSON.parse(c.body).event), expected);
      assert.deepEqual(hook.calls.length, 5);
      assert.deepEqual(smtp.messages.map((m) => m.headers.get('x-credits-event')), expected);
      assert.deepEqual(smtp.messages.map((m) => [m.to && 'text' in m.to ? m.to.text : '', m.from?.text]), expected.map(() => ['ops@example.com', 'alerts@example.com']));
      const log = await t.store.listDeliveries('w', 100);
      assert.deepEqual([log.length, log.every((d) => d.status === 'sent' && d.attempts === 1)], [10, true]);
    });

    it('retries every alert while the receiver answers 500, and each is accepted once', async () => {
      const t = await workspace({ email: null });
      hook.script = [500, 500];
      await charge(t, 'c1', 100_000);
      // Renewed only learns the period on the first evaluation.
      assert.deepEqual(await t.alerts.evaluate('w'), ['threshold:80', 'depleted']);
      await t.alerts.deliver();
      const afterFirst = await t.store.listDeliveries('w', 10);
      await drain(t);
      const log = await t.store.listDeliveries('w', 10);
      // Two alerts (threshold and depleted); the first two requests were answered 500, whichever alerts they carried.
      assert.deepEqual(afterFirst.map((d) => [d.status, d.attempts, d.lastError]).sort(), [['pending', 1, 'webhook: the receiver answered HTTP 500'], ['pending', 1, 'webhook: the receiver answered HTTP 500']]);
      assert.deepEqual([hook.calls.length, hook.accepted().length], [4, 2]);
      assert.deepEqual(log.map((d) => [d.status, d.attempts]).sort(), [['sent', 2], ['sent', 2]]);
    });

    it('records three attempts for one alert whose receiver answers 500 twice, then 200', async () => {
      const t = await workspace({ email: null, thresholds: [] });
      hook.script = [500, 500];
      await charge(t, 'c1', 100_000); // depleted only
      assert.deepEqual(await t.alerts.evaluate('w'), ['depleted']);
      await drain(t);
      const [d] = await t.store.listDeliveries('w', 10);
      assert.deepEqual([hook.calls.map((c) => c.status), hook.accepted().length, d?.status, d?.attempts, d?.lastError], [[500, 500, 200], 1, 'sent', 3, null]);
    });

    it('times a hanging receiver out, says so in the delivery log, and delivers on the retry', async () => {
      const t = await workspace({ email: null, thresholds: [] });
      hook.script = ['hang'];
      await charge(t, 'c1', 100_000);
      await t.alerts.evaluate('w');
      const started = Date.now();
      await t.alerts.deliver();
      const waited = Date.now() - started;
      const [first] = await t.store.listDeliveries('w', 10);
      await drain(t);
      const [last] = await t.store.listDeliveries('w', 10);
      assert.ok(waited >= TIMING.timeoutMs && waited < TIMING.timeoutMs + 1000, `the attempt took ${waited} ms`);
      assert.deepEqual([first?.status, first?.attempts, first?.lastError], ['pending', 1, `webhook: no answer within ${TIMING.timeoutMs} ms`]);
      assert.deepEqual([last?.status, last?.attempts, hook.accepted().length], ['sent', 2, 1]);
    });

    it('keeps an e-mail refused by the SMTP server pending with its error, and sends it once the server accepts', async () => {
      const t = await workspace({ webhookUrl: null, thresholds: [] });
      smtp.refuse = true;
      await charge(t, 'c1', 100_000);
      await t.alerts.evaluate('w');
      await t.alerts.deliver();
      const [refused] = await t.store.listDeliveries('w', 10);
      smtp.refuse = false;
      await drain(t);
      const [sent] = await t.store.listDeliveries('w', 10);
      assert.deepEqual([refused?.status, refused?.attempts], ['pending', 1]);
      assert.match(refused?.lastError ?? '', /^e-mail: .*550.*unavailable/);
      assert.deepEqual([sent?.status, sent?.attempts, smtp.messages.length], ['sent', 2, 1]);
    });

    it('never resends after a restart: the mark and the outbox survive, a pending delivery goes out once', async () => {
      const t = await workspace({ email: null });
      await charge(t, 'c1', 85_000); // 15,000 left → threshold
      await t.alerts.evaluate('w');
      await drain(t);
      hook.script = [500];
      t.clock.now += 1000; // a later alert: the log lists it first
      await charge(t, 'c2', 15_000); // 0 left → depleted; its first attempt fails
      await t.alerts.evaluate('w');
      await t.alerts.deliver();
      const clock = t.clock;
      await closeSetup(t);
      s = null;

      s = await openSetup(data, clock, smtp.url);
      clock.now += TIMING.maxDelayMs;
      const refired = await s.alerts.evaluate('w');
      await drain(s);
      await s.alerts.deliver();
      const log = await s.store.listDeliveries('w', 10);
      assert.deepEqual(refired, []);
      assert.deepEqual(hook.accepted().map((c) => JSON.parse(c.body).event), ['threshold', 'depleted']);
      assert.deepEqual(log.map((d) => [d.event, d.status, d.attempts]), [['depleted', 'sent', 2], ['threshold', 'sent', 1]]);
    });

    it('fires the spike alert once when a workflow passes 3× its 7-day average, counting days in Asia/Tokyo', async () => {
      s = await openSetup(data, { now: Date.parse('2026-03-13T03:00:00.000Z') }, smtp.url);
      const t = s;
      await t.store.createWorkspace({ id: 'w', name: 'Acme', plan: small({ allocation: 10_000_000 }), timeZone: 'Asia/Tokyo', anchorDay: 1 });
      await t.store.setAlertSettings('w', { thresholds: [], spikeFactor: 3, spikeDays: 7, events: { depleted: false, renewed: false, dailyLimit: false, circuitOpen: false }, email: null, webhookUrl: hook.url, webhookSecret: SECRET });
      // 1,000 at noon in Tokyo (03:00Z) on each of 14–20 March: 7,000 over the 7 days before 21 March, 1,000 a day.
      for (let d = 14; d <= 20; d++) {
        t.clock.now = Date.parse(`2026-03-${d}T03:00:00.000Z`);
        await charge(t, `day-${d}`, 1_000);
      }
      // 21 March in Tokyo began at 2026-03-20T15:00Z, while the UTC day is still the 20th.
      t.clock.now = Date.parse('2026-03-20T15:30:00.000Z');
      await charge(t, 'today-1', 2_000);
      const at2000 = await t.alerts.evaluate('w'); // 2,000 today ≤ 3 × 1,000 (in UTC it would be 3,000 > 3 × 6,000/7)
      t.clock.now = Date.parse('2026-03-20T16:00:00.000Z');
      await charge(t, 'today-2', 1_500);
      const at3500 = await t.alerts.evaluate('w'); // 3,500 > 3,000 → spike
      await charge(t, 'today-3', 1_000);
      const at4500 = await t.alerts.evaluate('w'); // still today: not again
      await drain(t);
      const [call] = hook.accepted();
      assert.deepEqual([at2000, at3500, at4500], [[], ['spike:wf-1'], []]);
      assert.deepEqual([hook.accepted().length, JSON.parse(call!.body).data], [1, { workflowId: 'wf-1', workflowName: null, todayMillicredits: 3_500, averageMillicredits: 1_000, factor: 3, days: 7 }]);
    });
  });
}

describe('alerts without an SMTP server configured', () => {
  it('marks an e-mail delivery failed at once with a message naming --smtp-url', async () => {
    const data = sqliteFile();
    const clock = { now: Date.parse('2026-03-10T12:00:00.000Z') };
    const t = await openSetup(data, clock, null);
    try {
      await t.store.createWorkspace({ id: 'w', name: 'Acme', plan: small({ allocation: 1_000 }), timeZone: 'UTC', anchorDay: 1 });
      await t.store.setAlertSettings('w', { thresholds: [], email: 'ops@example.com', webhookUrl: null });
      await charge(t, 'c1', 1_000);
      await t.alerts.evaluate('w');
      await t.alerts.deliver();
      const [d] = await t.store.listDeliveries('w', 10);
      assert.deepEqual([d?.event, d?.status, d?.attempts], ['depleted', 'failed', 1]);
      assert.match(d?.lastError ?? '', /no SMTP server configured \(n8n-credits serve --smtp-url/);
    } finally {
      await closeSetup(t);
      await data.dispose();
    }
  });
});
