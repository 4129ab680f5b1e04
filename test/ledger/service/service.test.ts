import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap } from '../../../ledger/src/service/bootstrap';
import { resolveConfig } from '../../../ledger/src/service/config';
import { seedDemo } from '../../../ledger/src/service/seedDemo';
import { startService, type RunningService } from '../../../ledger/src/service/service';
import { openSqliteLedgerStore } from '../../../ledger/src/store/sqlite';

describe('bootstrap', () => {
  it('creates the default workspace and an admin key on the first start only', async () => {
    const store = await openSqliteLedgerStore({ path: ':memory:' });
    const first = await bootstrap(store);
    const second = await bootstrap(store);
    await store.close();
    assert.deepEqual([first.workspace.id, first.adminKey?.startsWith('n8c_'), second.workspace.id, second.adminKey], ['default', true, 'default', null]);
  });
});

describe('seedDemo', () => {
  it('records the demo usage once, however often it runs', async () => {
    const store = await openSqliteLedgerStore({ path: ':memory:' });
    const { workspace } = await bootstrap(store);
    const now = Date.parse(workspace.periodStart) + 3 * 86_400_000 + 3_600_000;
    const first = await seedDemo(store, workspace, now);
    const again = await seedDemo(store, workspace, now);
    const card = await store.balance(workspace.id);
    await store.close();
    assert.ok(first.charges > 0);
    assert.deepEqual([again.charges, card.consumedThisPeriod], [0, first.millicredits]);
  });
});

describe('startService', () => {
  let dir: string;
  let service: RunningService | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'n8c-serve-'));
  });
  afterEach(async () => {
    await service?.stop();
    service = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and answers the printed admin key with the balance', async () => {
    service = await startService(resolveConfig({ port: 0, dataDir: dir, logLevel: 'silent' }, {}, '/'));
    const res = await fetch(`${service.url}/v1/balance`, { headers: { authorization: `Bearer ${service.adminKey}` } });
    const body = (await res.json()) as { workspaceId: string; planName: string };
    assert.match(service.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual([res.status, body.workspaceId, body.planName], [200, 'default', 'twenty']);
  });

  it('prints no key on the second start over the same data folder', async () => {
    const config = resolveConfig({ port: 0, dataDir: dir, logLevel: 'silent' }, {}, '/');
    const first = await startService(config);
    await first.stop();
    service = await startService(config);
    assert.deepEqual([typeof first.adminKey, service.adminKey], ['string', null]);
  });

  it('finishes a request in flight on stop, refuses new ones and closes the database', async () => {
    service = await startService(resolveConfig({ port: 0, dataDir: dir, logLevel: 'silent' }, {}, '/'));
    const s = service;
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const original = s.store.charge.bind(s.store);
    s.store.charge = async (input) => {
      entered();
      await gate;
      return original(input);
    };
    const inFlight = fetch(`${s.url}/v1/usage`, { method: 'POST', headers: { authorization: `Bearer ${s.adminKey}`, 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ key: 'late', millicredits: 10 }) });
    await inside;
    const stopped = s.stop();
    const ready = await s.app.inject({ url: '/readyz' });
    release();
    const res = await inFlight;
    await stopped;
    const closed = await s.store.balance('default').then(() => 'open', () => 'closed');
    assert.deepEqual([res.status, ready.statusCode, closed], [201, 503, 'closed']);
  });
});
