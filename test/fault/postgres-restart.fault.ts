/**
 * PostgreSQL restarted under a running ledger service (a private cluster, never the shared
 * server): while it is down, requests fail cleanly (a 5xx JSON error naming the cause, readiness
 * 503, the process alive); after it is back they succeed, and no acknowledged charge is lost or
 * doubled. The scenario runs once in `before`; each `it` checks one guarantee.
 */
import { strict as assert } from 'node:assert';
import { openPostgresLedgerStore } from '../../ledger/src/store/postgres';
import { compare, countsLine, ledgerCharges, plan, runClients, type Tally } from './support/load';
import { postgresBin, startCluster, type Cluster } from './support/pgCluster';
import { call, client, sleep, startServe, type Answer, type ServeChild } from './support/service';

const codeOf = (a: Answer) => (a.body as { error?: { code?: unknown } } | undefined)?.error?.code;

describe('PostgreSQL restarted under the ledger service', () => {
  let cluster: Cluster | null = null;
  let served: ServeChild | null = null;
  const down: { charge: Answer[]; batch: Answer[]; ready: Answer[]; health: Answer[] } = { charge: [], batch: [], ready: [], health: [] };
  let failure: Error | null = null;
  let died = '';
  let tally: Tally | null = null;
  let readyAfter: Answer | null = null;
  let afterRestart: Answer | null = null;
  let found = new Map<string, { millicredits: number; count: number }>();
  let audit = { ok: false, netCharged: -1, entries: -1 };

  before(async function () {
    this.timeout(240_000);
    const bin = postgresBin();
    if (!bin) throw new Error('PostgreSQL binaries are not installed (/usr/lib/postgresql/<v>/bin); .ci/run installs them');
    const pg = (cluster = await startCluster(bin));
    const svc = (served = await startServe({ database: pg.url }));
    const key = svc.key!;
    const target = { url: svc.url, key };
    const total = 5_000;
    const agent = client();
    let outage: Promise<void> | null = null;
    let downMs = 0;
    const current = () => {
      if (svc.exited) throw new Error(`the service died (${svc.exited.code ?? svc.exited.signal})`);
      return target;
    };
    try {
      // 4 clients of single events and 2 of batches of 50: 5,000 keys; the database stops at 30%.
      tally = await runClients(plan(4, 500, 2, 30, 50), current, Date.now() + 150_000, (acked) => {
        if (outage || acked < 0.3 * total) return;
        outage = (async () => {
          pg.stop('fast');
          const t0 = Date.now();
          try {
            // Probes while it is down: these keys must never appear in the ledger.
            for (let i = 0; i < 5; i++) {
              current();
              down.charge.push(await call(agent, target.url, key, 'POST', '/v1/usage', JSON.stringify({ key: `probe:${i}`, millicredits: 5 })));
              down.batch.push(await call(agent, target.url, key, 'POST', '/v1/usage/batch', JSON.stringify({ events: [{ key: `probe:b${i}`, millicredits: 5 }] })));
              down.ready.push(await call(agent, target.url, null, 'GET', '/readyz'));
              down.health.push(await call(agent, target.url, null, 'GET', '/healthz'));
              await sleep(250);
            }
          } finally {
            pg.start();
            downMs = Date.now() - t0;
          }
        })();
        outage.catch(() => undefined); // a dead service fails the load below
      });
      await outage;
      for (let i = 0; i < 50 && readyAfter?.status !== 200; i++) {
        readyAfter = await call(agent, target.url, null, 'GET', '/readyz');
        if (readyAfter.status !== 200) await sleep(200);
      }
      afterRestart = await call(agent, target.url, key, 'POST', '/v1/usage', JSON.stringify({ key: 'after-restart', millicredits: 2 }));
      tally.sent++;
      if (afterRestart.status === 201) tally.acknowledged.set('after-restart', 2);
    } catch (err) {
      failure = err as Error;
    } finally {
      agent.destroy();
    }
    if (svc.exited) died = svc.stderr().slice(0, 1500);
    await svc.stop();
    if (!pg.url) return;
    const store = await openPostgresLedgerStore({ connectionString: pg.url });
    try {
      found = await ledgerCharges(store, 'default');
      audit = await store.audit('default');
    } finally {
      await store.close();
    }
    const codes = [...down.charge, ...down.batch].map((a) => `${a.status} ${String(codeOf(a))}`);
    console.log(`      database down ${downMs} ms; probes answered ${[...new Set(codes)].join(', ') || 'nothing'}; readiness ${[...new Set(down.ready.map((a) => a.status))].join('/')}; health ${[...new Set(down.health.map((a) => a.status))].join('/')}`);
    if (tally) console.log(`      load clients met ${[...tally.serverErrors].map(([k, n]) => `${n}× ${k}`).join(', ') || 'no 5xx'}`);
    if (tally) console.log(`      ${countsLine(tally, found)}`);
    console.log(`      audit ${audit.ok ? 'ok' : 'FAILED'}: ${audit.entries} entries, net ${audit.netCharged} mc`);
  });

  after(async () => {
    await served?.stop();
    cluster?.destroy();
  });

  it('stays up while the database is down', () => {
    assert.equal(died, '', `the service died: ${died}`);
    assert.equal(failure, null);
  });

  it('answers usage requests with a 5xx JSON error while the database is down', () => {
    assert.equal(down.charge.length + down.batch.length, 10);
    for (const a of [...down.charge, ...down.batch]) {
      assert.ok(a.status >= 500 && a.status <= 599, `expected a 5xx while the database is down, got ${a.status} ${a.text}`);
      assert.match(a.contentType, /application\/json/);
      assert.equal(typeof codeOf(a), 'string');
    }
  });

  it('says the database is unavailable (503 with its own code, not a bare internal error)', () => {
    assert.equal(down.charge.length + down.batch.length, 10);
    for (const a of [...down.charge, ...down.batch]) {
      assert.equal(a.status, 503, a.text);
      assert.notEqual(codeOf(a), 'internal_error');
    }
  });

  it('reports not ready (503) but alive (200) while the database is down, and ready after', () => {
    assert.deepEqual([...new Set(down.ready.map((a) => a.status))], [503]);
    assert.deepEqual([...new Set(down.health.map((a) => a.status))], [200]);
    assert.equal(readyAfter?.status, 200);
    assert.equal(afterRestart?.status, 201);
  });

  it('loses no acknowledged charge and records none twice or unasked (the audit passing)', () => {
    assert.ok(tally);
    assert.deepEqual(tally.unexpected, []);
    assert.equal(tally.acknowledged.size, 5_001);
    assert.deepEqual(compare(tally.acknowledged, found), []);
    assert.equal(audit.ok, true);
    assert.equal(audit.netCharged, [...tally.acknowledged.values()].reduce((a, b) => a + b, 0));
  });
});
