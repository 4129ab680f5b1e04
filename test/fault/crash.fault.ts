/**
 * kill -9 of the ledger service in the middle of a load of charges from 8 clients, twice, on
 * SQLite and on PostgreSQL (a private cluster); after each restart the clients retry what was not
 * acknowledged with the same keys. Every acknowledged charge is then present exactly once, nothing
 * else is, and the entries, the balance and the audit agree.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQLITE_FILE } from '../../ledger/src/service/openStore';
import { openPostgresLedgerStore } from '../../ledger/src/store/postgres';
import { openSqliteLedgerStore } from '../../ledger/src/store/sqlite';
import type { LedgerStore } from '../../ledger/src/store/types';
import { compare, countsLine, ledgerCharges, plan, runClients } from './support/load';
import { postgresBin, startCluster, type Cluster } from './support/pgCluster';
import { sleep, startServe, type ServeChild, type ServeOptions } from './support/service';

/** Runs the load with two kills; returns when every key is acknowledged and the service stopped. */
async function crashTwice(options: ServeOptions, track: (s: ServeChild) => void) {
  // 4 clients of single events and 4 of batches of 100: 20,000 keys in all.
  const units = plan(4, 1000, 4, 40, 100);
  let served = await startServe(options);
  track(served);
  const key = served.key!;
  let current = { url: served.url, key };
  const kills: string[] = [];
  const killAt = [0.3, 0.65];
  let crashing = false;
  let restarts: Promise<void> = Promise.resolve();
  const tally = await runClients(units, () => current, Date.now() + 240_000, (acked) => {
    if (crashing || killAt.length === 0 || acked < killAt[0]! * 20_000) return;
    killAt.shift();
    crashing = true;
    const victim = served;
    restarts = restarts.then(async () => {
      await sleep(40); // land the kill while requests are in flight, not between them
      await victim.kill9();
      kills.push(`killed pid ${victim.pid} at ${acked} acknowledged`);
      await sleep(300); // clients meet a dead port meanwhile
      served = await startServe(options);
      track(served);
      current = { url: served.url, key };
      crashing = false;
    });
  });
  await restarts;
  await served.stop();
  return { tally, kills };
}

async function verify(store: LedgerStore, run: Awaited<ReturnType<typeof crashTwice>>): Promise<void> {
  const { tally, kills } = run;
  const found = await ledgerCharges(store, 'default');
  const audit = await store.audit('default');
  const card = await store.balance('default');
  const sum = [...tally.acknowledged.values()].reduce((a, b) => a + b, 0);
  console.log(`      ${kills.join('; ')}`);
  console.log(`      ${countsLine(tally, found)}`);
  console.log(`      audit ${audit.ok ? 'ok' : 'FAILED'}: ${audit.entries} entries, net ${audit.netCharged} mc; consumed ${card.consumedThisPeriod} mc, acknowledged sum ${sum} mc`);
  assert.equal(kills.length, 2);
  assert.deepEqual(tally.unexpected, []);
  assert.equal(tally.acknowledged.size, 20_000);
  assert.deepEqual(compare(tally.acknowledged, found), []);
  assert.equal(found.size, 20_000);
  assert.deepEqual(audit.problems, []);
  assert.equal(audit.ok, true);
  assert.equal(audit.netCharged, sum);
  assert.equal(card.consumedThisPeriod, sum);
}

describe('kill -9 of the ledger service under load', () => {
  let dir: string;
  let cluster: Cluster | null = null;
  let served: ServeChild | null = null;
  const track = (s: ServeChild) => {
    served = s;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'n8c-fault-crash-'));
  });

  afterEach(async () => {
    await served?.stop();
    served = null;
  });

  after(() => {
    cluster?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged charge exactly once and nothing else on SQLite after two crashes and retries', async () => {
    const run = await crashTwice({ dataDir: dir }, track);
    const store = await openSqliteLedgerStore({ path: join(dir, SQLITE_FILE) });
    try {
      await verify(store, run);
    } finally {
      await store.close();
    }
  });

  it('keeps every acknowledged charge exactly once and nothing else on PostgreSQL after two crashes and retries', async () => {
    const bin = postgresBin();
    if (!bin) throw new Error('PostgreSQL binaries are not installed (/usr/lib/postgresql/<v>/bin); .ci/run installs them');
    cluster = await startCluster(bin);
    const run = await crashTwice({ database: cluster.url }, track);
    const store = await openPostgresLedgerStore({ connectionString: cluster.url });
    try {
      await verify(store, run);
    } finally {
      await store.close();
    }
  });
});
