/**
 * The resumer of parked executions against a real HTTP server standing in for n8n's waiting webhooks (a waiting
 * execution resumes once: later calls get 409, as n8n answers "running already"), on SQLite and PostgreSQL.
 * Expected figures are counted by hand from the amounts below.
 */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { Resumer } from '../../../ledger/src/resume/resumer';
import type { LedgerStore, ParkInput } from '../../../ledger/src/store/types';
import { freePort } from '../../support/freePort';
import { small } from '../store/plans';
import { postgresSchema, sqliteFile, type ReopenableStore } from '../alerts/stores';

interface FakeN8n {
  url: string;
  /** Execution ids in the order their resume URL was called. */
  calls: string[];
  /** Executions resumed (the first call of each). */
  resumed: Set<string>;
  stop(): Promise<void>;
}

async function startFakeN8n(port?: number): Promise<FakeN8n> {
  const listenOn = port ?? (await freePort());
  const fake: FakeN8n = { url: `http://127.0.0.1:${listenOn}`, calls: [], resumed: new Set(), stop: async () => undefined };
  const server: Server = createServer((req, res) => {
    const id = /\/webhook-waiting\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? '?';
    req.resume();
    req.on('end', () => {
      fake.calls.push(id);
      if (fake.resumed.has(id)) return void res.writeHead(409, { 'content-type': 'application/json' }).end(`{"message":"The execution \\"${id}\\" is running already."}`);
      fake.resumed.add(id);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"resumed":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(listenOn, '127.0.0.1', resolve));
  fake.stop = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return fake;
}

const T0 = Date.parse('2026-01-15T03:00:00.000Z');
const RENEWAL = '2026-02-01T00:00:00.000Z';

for (const kind of [sqliteFile, postgresSchema]) {
  describe(`resumer of parked executions (${kind().name})`, function () {
    this.timeout(60_000);
    let t: number;
    let data: ReopenableStore;
    let store: LedgerStore;
    let n8n: FakeN8n;
    const now = () => t;
    const resumer = (s = store) => new Resumer(s, { now, timing: { baseDelayMs: 1000, graceMs: 10_000, timeoutMs: 2000 } });
    const park = (executionId: string, needMillicredits: number, extra: Partial<ParkInput> = {}) =>
      store.parkExecution({ workspaceId: 'w', executionId, parkKey: 'Guard:0', resumeUrl: `${n8n.url}/webhook-waiting/${executionId}?credits=t`, needMillicredits, renewsAt: RENEWAL, ...extra });
    const status = async () => Object.fromEntries((await store.listParked('w', 50)).map((p) => [p.executionId, p.status]));

    beforeEach(async () => {
      t = T0;
      data = kind();
      store = await data.open(now);
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 1000, exhaustion: 'pause' }), timeZone: 'UTC', anchorDay: 1 });
      // Spend the whole allocation: nothing is left until a top-up or the renewal.
      await store.charge({ workspaceId: 'w', key: 'spent', millicredits: 1000 });
      n8n = await startFakeN8n();
    });
    afterEach(async () => {
      await n8n.stop();
      await store.close();
      await data.dispose();
    });

    it('resumes nothing while the balance is short, then the oldest the top-up covers, then the next', async () => {
      await park('1', 3000);
      t += 1000;
      await park('2', 4000);
      const r = resumer();
      await r.resumeWorkspace('w');
      const whileShort = [...n8n.calls];
      // 5 credits cover execution 1 (3) but not 1 and 2 (7): only 1 resumes.
      await store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 5000 });
      await r.resumeWorkspace('w');
      const afterFive = [...n8n.calls];
      // 2 more: 7 available, 1 has not spent its 3 yet in this test, so 2 (4) is covered now.
      await store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 2000 });
      await r.resumeWorkspace('w');
      assert.deepEqual([whileShort, afterFive, n8n.calls, await status()], [[], ['1'], ['1', '2'], { 1: 'resumed', 2: 'resumed' }]);
    });

    it('keeps calling an n8n that does not answer, with backoff, and calls once it is back', async () => {
      await park('7', 500);
      await store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 1000 });
      const port = Number(new URL(n8n.url).port);
      await n8n.stop();
      const r = resumer();
      await r.resumeWorkspace('w');
      const [down] = await store.listParked('w', 1);
      await r.resumeWorkspace('w');
      const beforeRetryTime = n8n.calls.length;
      n8n = await startFakeN8n(port);
      t += 1000;
      await r.resumeWorkspace('w');
      assert.deepEqual([down?.status, down?.attempts, /no answer from n8n/.test(down?.lastError ?? ''), beforeRetryTime, n8n.calls, await status()], ['waiting', 1, true, 0, ['7'], { 7: 'resumed' }]);
    });

    it('calls each parked execution once across a restart of the ledger, and once with two resumers at a time', async () => {
      await park('8', 500);
      await park('9', 500);
      await store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 1000 });
      // Two processes share a PostgreSQL database; SQLite has one process, whose two resumers share its store.
      const other = data.name === 'PostgreSQL' ? await data.open(now) : store;
      await Promise.all([resumer().resumeWorkspace('w'), resumer(other).resumeWorkspace('w')]);
      if (other !== store) await other.close();
      await store.close();
      store = await data.open(now);
      t += 60_000;
      await resumer().resumeAll();
      assert.deepEqual([n8n.calls.sort(), await status()], [['8', '9'], { 8: 'resumed', 9: 'resumed' }]);
    });

    it('calls again after a claim lapsed mid-call (a crash), and n8n resuming once makes that harmless', async () => {
      await park('5', 500);
      await store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 1000 });
      // A resumer claimed and called, then died before recording the answer.
      const claimed = await store.claimResumption('w', '5', 5000);
      await fetch(claimed!.resumeUrl, { method: 'POST' });
      t += 5000;
      await resumer().resumeWorkspace('w');
      const [row] = await store.listParked('w', 1);
      // A 409 within the grace after parking is retried: n8n may not have saved the execution as waiting yet.
      assert.deepEqual([n8n.calls, [...n8n.resumed], row?.status, row?.attempts], [['5', '5'], ['5'], 'waiting', 2]);
      t += 10_000;
      await resumer().resumeWorkspace('w');
      assert.deepEqual([n8n.calls.length, await status()], [3, { 5: 'gone' }]);
    });

    it('leaves executions whose renewal is close to n8n\'s own timer, and hands them over once it passed', async () => {
      await park('3', 500, { renewsAt: new Date(T0 + 60_000).toISOString() });
      await store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 1000 });
      await resumer().resumeWorkspace('w');
      const close = await status();
      t += 60_000;
      await resumer().resumeWorkspace('w');
      assert.deepEqual([n8n.calls, close, await status(), await store.workspacesWithParked()], [[], { 3: 'waiting' }, { 3: 'renewal' }, []]);
    });

    it('resumes under a plan changed to overdraft, and not under a plan changed to stop with nothing left', async () => {
      await park('4', 2000);
      await store.setPlan('w', small({ allocation: 0, exhaustion: 'stop' }));
      await resumer().resumeWorkspace('w');
      const underStop = [...n8n.calls];
      await store.setPlan('w', small({ allocation: 0, exhaustion: 'overdraft' }));
      await resumer().resumeWorkspace('w');
      assert.deepEqual([underStop, n8n.calls], [[], ['4']]);
    });
  });
}
