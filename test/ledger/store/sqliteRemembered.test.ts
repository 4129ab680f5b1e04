/**
 * The SQLite store reuses what its previous charge transaction wrote (workspace counters and
 * grants) instead of reading them again, only while nothing else wrote in between. These tests
 * write in between — another connection, a raw statement, a rolled-back batch, a plan change — and
 * check that the next charge sees it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteLedgerStore } from '../../../ledger/src/store/sqlite';
import type { ChargeInput, ChargeOutcome } from '../../../ledger/src/store/types';
import { small } from './plans';

const T0 = Date.parse('2026-03-10T12:00:00Z');
const charge = (key: string, millicredits: number, workspaceId = 'w'): ChargeInput => ({ workspaceId, key, millicredits, workflowId: 'wf', nodeName: 'Set', runIndex: 0, kind: 'run' });
const balanceOf = (outcome: ChargeOutcome) => (outcome.status === 'recorded' ? outcome.balance : Number.NaN);

describe('SqliteLedgerStore remembered state', () => {
  let dir: string;
  let store: SqliteLedgerStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-remembered-'));
    store = new SqliteLedgerStore({ path: join(dir, 'ledger.db'), now: () => T0 });
    await store.migrate();
    await store.createWorkspace({ id: 'w', name: 'w', plan: small({ allocation: 10_000 }), timeZone: 'UTC', anchorDay: 1 });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('does see a charge another connection recorded since its last charge', async () => {
    await store.charge(charge('a', 100));
    const other = new SqliteLedgerStore({ path: join(dir, 'ledger.db'), now: () => T0 });
    await other.charge(charge('b', 250));
    await other.close();

    const outcome = await store.charge(charge('c', 10));

    assert.equal(balanceOf(outcome), 10_000 - 100 - 250 - 10);
  });

  it('does see a grant changed by a raw statement on its own connection', async () => {
    await store.charge(charge('a', 100));
    await store.db.run('UPDATE grants SET remaining = remaining - 1000 WHERE workspace_id = ?', ['w']);

    const outcome = await store.charge(charge('b', 10));

    assert.equal(balanceOf(outcome), 10_000 - 100 - 1000 - 10);
  });

  it('does not keep the debits of a batch that was rolled back', async () => {
    await store.charge(charge('a', 100));
    await assert.rejects(store.chargeBatch([charge('b', 500), charge('x', 1, 'z-nowhere')]), /unknown workspace/);

    const outcome = await store.charge(charge('c', 10));

    assert.deepEqual([balanceOf(outcome), (await store.audit('w')).ok, await store.getEntry('w', 'b')], [10_000 - 100 - 10, true, null]);
  });

  it('does see a top-up added between two charges', async () => {
    await store.charge(charge('a', 100));
    await store.addGrant({ workspaceId: 'w', kind: 'topup', millicredits: 5_000 });

    const outcome = await store.charge(charge('b', 10));

    assert.equal(balanceOf(outcome), 10_000 + 5_000 - 100 - 10);
  });

  it('does use a grant that becomes effective after the last charge', async () => {
    let now = T0;
    const timed = new SqliteLedgerStore({ path: join(dir, 'ledger.db'), now: () => now });
    await timed.addGrant({ workspaceId: 'w', kind: 'promo', millicredits: 2_000, effectiveAt: new Date(T0 + 60_000).toISOString() });
    await timed.charge(charge('a', 100));
    now = T0 + 120_000;

    const outcome = await timed.charge(charge('b', 10));
    await timed.close();

    assert.deepEqual([balanceOf(outcome), outcome.status === 'recorded' ? outcome.entry.debits.map((d) => d.millicredits) : []], [10_000 + 2_000 - 100 - 10, [10]]);
  });
});
