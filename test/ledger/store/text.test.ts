/**
 * Text the ledger stores (keys, names, ids) and amounts it takes, on both stores: PostgreSQL cannot
 * store a NUL character in text and writes a lone surrogate as U+FFFD, so both are refused before
 * anything is written; an amount above 10^15 millicredits is refused too.
 */
import { strict as assert } from 'node:assert';
import { LedgerError } from '../../../ledger/src/store/errors';
import { PostgresLedgerStore } from '../../../ledger/src/store/postgres';
import { SqliteLedgerStore } from '../../../ledger/src/store/sqlite';
import type { LedgerStore } from '../../../ledger/src/store/types';
import { MAX_AMOUNT } from '../../../ledger/src/store/validate';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../../support/postgres';
import { small } from './plans';

const T0 = Date.parse('2026-01-15T03:00:00.000Z');

type Open = (now: () => number) => Promise<{ store: LedgerStore; dispose(): Promise<void> }>;

const stores: Array<[string, Open]> = [
  ['SqliteLedgerStore', async (now) => {
    const store = new SqliteLedgerStore({ path: ':memory:', now });
    await store.migrate();
    return { store, dispose: () => store.close() };
  }],
  ['PostgresLedgerStore', async (now) => {
    const url = await testDatabaseUrl();
    const schema = freshSchemaName();
    const store = new PostgresLedgerStore({ connectionString: url, schema, now, maxConnections: 2 });
    await store.migrate();
    return { store, dispose: async () => { await store.close(); await dropSchema(url, schema); } };
  }],
];

/** Asserts `promise` rejects with a LedgerError of `code` whose field is `field` and whose message says `why`. */
async function refused(promise: Promise<unknown>, code: string, field: string, why: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof LedgerError, `expected a LedgerError, got ${String(error)}`);
    assert.deepEqual([error.code, error.details.field], [code, field]);
    assert.match(error.message, why);
    assert.ok(error.message.startsWith(`${field} `), `the message names the field: ${error.message}`);
    return true;
  });
}

const NUL = /must not contain a NUL character \(U\+0000, at index \d+\), which PostgreSQL cannot store in text/;
const LONE = /must be well-formed Unicode, but has a lone surrogate \(U\+D[89A-F][0-9A-F]{2}, at index \d+\), which would be stored as U\+FFFD/;

for (const [name, open] of stores) {
  describe(`text and amounts the ledger takes: ${name}`, function () {
    this.timeout(60_000);
    let store: LedgerStore;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ store, dispose } = await open(() => T0));
      await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 10_000 }), timeZone: 'UTC', anchorDay: 1 });
      await store.addMember({ workspaceId: 'w', memberId: 'ana' });
    });
    afterEach(async () => dispose());

    /** Everything a refused input could have written. */
    const snapshot = async () => JSON.stringify({
      balance: await store.balance('w'),
      entries: await store.listEntries({ workspaceId: 'w' }),
      members: await store.listMembers('w'),
      grants: await store.listGrants('w', { all: true }),
      keys: await store.listApiKeys('w'),
    });

    // [what, the call, the field it names]
    const nulCases: Array<[string, () => Promise<unknown>, string]> = [
      ['a charge key', () => store.charge({ workspaceId: 'w', key: 'a\u0000b', millicredits: 1_000 }), 'key'],
      ['a charge workflowName', () => store.charge({ workspaceId: 'w', key: 'k1', millicredits: 1_000, workflowName: 'Leads\u0000' }), 'workflowName'],
      ['a charge memberId', () => store.charge({ workspaceId: 'w', key: 'k1', millicredits: 1_000, memberId: '\u0000ana' }), 'memberId'],
      ['the second charge of a batch', () => store.chargeBatch([{ workspaceId: 'w', key: 'ok', millicredits: 1_000 }, { workspaceId: 'w', key: 'a\u0000b', millicredits: 1_000 }]), 'entries[1].key'],
      ['an execution id', () => store.recordExecution({ workspaceId: 'w', executionId: 'e\u00001', price: (state) => ({ charges: [{ key: 'e:n:0:run', millicredits: 1_000 }], state }) }), 'executionId'],
      ['the workflowName of a priced charge', () => store.recordExecution({ workspaceId: 'w', executionId: 'e1', price: (state) => ({ charges: [{ key: 'e1:n:0:run', millicredits: 1_000, workflowName: 'a\u0000' }], state }) }), 'charges[0].workflowName'],
      ['a reservation key', () => store.reserve({ workspaceId: 'w', key: 'r\u0000', millicredits: 1_000 }), 'key'],
      ['a grant key', () => store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 1_000, key: 'g\u0000' }), 'key'],
      ['a grant note', () => store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 1_000, note: 'thanks\u0000' }), 'note'],
      ['a new memberId', () => store.addMember({ workspaceId: 'w', memberId: 'bob\u0000' }), 'memberId'],
      ['a member name', () => store.addMember({ workspaceId: 'w', memberId: 'bob', name: 'Bob\u0000' }), 'name'],
      ['an API key name', () => store.createApiKey({ workspaceId: 'w', role: 'meter', name: 'hook\u0000', hash: 'h1', prefix: 'p1' }), 'name'],
    ];
    for (const [what, call, field] of nulCases) {
      it(`refuses a NUL in ${what} with invalid-input naming ${field}, and writes nothing`, async () => {
        const before = await snapshot();
        await refused(call(), 'invalid-input', field, NUL);
        assert.equal(await snapshot(), before);
      });
    }

    it('refuses a NUL in a reversal reason and in a settlement key, and writes nothing', async () => {
      await store.charge({ workspaceId: 'w', key: 'c1', millicredits: 1_000 });
      const held = await store.reserve({ workspaceId: 'w', key: 'r1', millicredits: 2_000 });
      const reservationId = (held as { reservation: { id: string } }).reservation.id;
      const before = await snapshot();
      await refused(store.reverse({ workspaceId: 'w', reversesKey: 'c1', reason: 'oops\u0000' }), 'invalid-input', 'reason', NUL);
      await refused(store.settle({ reservationId, key: 's\u0000', millicredits: 1_500 }), 'invalid-input', 'key', NUL);
      assert.equal(await snapshot(), before);
    });

    it('refuses two keys that differ only in a lone surrogate, so neither is stored as U+FFFD', async () => {
      const before = await snapshot();
      await refused(store.charge({ workspaceId: 'w', key: 'k\uD800', millicredits: 1_000 }), 'invalid-input', 'key', LONE);
      await refused(store.charge({ workspaceId: 'w', key: 'k\uDBFF', millicredits: 1_000 }), 'invalid-input', 'key', LONE);
      await refused(store.charge({ workspaceId: 'w', key: '\uDC00k', millicredits: 1_000 }), 'invalid-input', 'key', LONE);
      await refused(store.reserve({ workspaceId: 'w', key: 'r\uD800', millicredits: 1_000 }), 'invalid-input', 'key', LONE);
      await refused(store.addMember({ workspaceId: 'w', memberId: 'bob\uDFFF' }), 'invalid-input', 'memberId', LONE);
      assert.equal(await snapshot(), before);
    });

    it('stores emoji in a key, a workflow name and a member id and reads them back identically', async () => {
      await store.addMember({ workspaceId: 'w', memberId: 'ana 👩‍💻' });
      const first = await store.charge({ workspaceId: 'w', key: 'exec:🚀:0:run', millicredits: 1_000, workflowName: 'Leads 🚀', memberId: 'ana 👩‍💻' });
      const other = await store.charge({ workspaceId: 'w', key: 'exec:🛸:0:run', millicredits: 2_000 });
      const again = await store.charge({ workspaceId: 'w', key: 'exec:🚀:0:run', millicredits: 1_000, workflowName: 'Leads 🚀', memberId: 'ana 👩‍💻' });
      const entry = await store.getEntry('w', 'exec:🚀:0:run');
      const keys = (await store.listEntries({ workspaceId: 'w' })).map((e) => e.key);
      // 10,000 allocated − 1,000 − 2,000 = 7,000; the repeat is a duplicate and debits nothing.
      assert.deepEqual(
        [first.status, other.status, again.status, entry?.key, entry?.workflowName, entry?.memberId, keys, (await store.balance('w')).totalAvailable],
        ['recorded', 'recorded', 'duplicate', 'exec:🚀:0:run', 'Leads 🚀', 'ana 👩‍💻', ['exec:🛸:0:run', 'exec:🚀:0:run'], 7_000],
      );
    });

    it('takes a charge of exactly 10^15 millicredits and refuses one of 10^15 + 1, writing nothing', async () => {
      await store.setPlan('w', small({ allocation: 10_000, exhaustion: 'overdraft' }));
      const before = await snapshot();
      await refused(store.charge({ workspaceId: 'w', key: 'too-big', millicredits: 1_000_000_000_000_001 }), 'invalid-amount', 'millicredits', /must be at most 1000000000000000 millicredits \(10\^15\), got 1000000000000001/);
      assert.equal(await snapshot(), before);
      const max = await store.charge({ workspaceId: 'w', key: 'max', millicredits: 1_000_000_000_000_000 });
      // 10,000 − 10^15 = −999,999,999,990,000 available, owed as overdraft.
      assert.deepEqual([MAX_AMOUNT, max.status, (await store.balance('w')).totalAvailable], [1e15, 'recorded', -999_999_999_990_000]);
    });

    it('refuses a grant, a reservation and a batch charge above 10^15 millicredits, naming the field', async () => {
      const before = await snapshot();
      await refused(store.addGrant({ workspaceId: 'w', kind: 'manual', millicredits: 2e15 }), 'invalid-amount', 'millicredits', /at most 1000000000000000 millicredits/);
      await refused(store.reserve({ workspaceId: 'w', key: 'r', millicredits: Number.MAX_SAFE_INTEGER }), 'invalid-amount', 'millicredits', /at most 1000000000000000 millicredits/);
      await refused(store.chargeBatch([{ workspaceId: 'w', key: 'a', millicredits: 1 }, { workspaceId: 'w', key: 'b', millicredits: 1e15 + 1 }]), 'invalid-amount', 'entries[1].millicredits', /at most/);
      assert.equal(await snapshot(), before);
    });
  });
}
