/**
 * Text in request bodies that no store can keep as sent — a NUL character (PostgreSQL refuses it) or a lone
 * surrogate (written as U+FFFD, so different keys would collide) — answers 400 naming the field, and nothing is
 * written; well-formed emoji pass through unchanged. Run over SQLite (`makeTestApp`) and over PostgreSQL.
 */
import { strict as assert } from 'node:assert';
import { buildApp } from '../../../ledger/src/http/app';
import { bootstrap } from '../../../ledger/src/service/bootstrap';
import { PostgresLedgerStore } from '../../../ledger/src/store/postgres';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../../support/postgres';
import { ledgerState, makeTestApp, type TestApp } from './helpers';

/** The parts of `TestApp` these tests use, over a fresh PostgreSQL schema with the `default` workspace. */
async function makePostgresApp(): Promise<Pick<TestApp, 'store' | 'ws' | 'close'> & { call: TestApp['call'] }> {
  const url = await testDatabaseUrl();
  const schema = freshSchemaName();
  const store = new PostgresLedgerStore({ connectionString: url, schema, maxConnections: 2 });
  await store.migrate();
  const { workspace, adminKey } = await bootstrap(store, 'twenty');
  const { app } = await buildApp({ store });
  return {
    store, ws: workspace,
    // The admin key records usage and reads entries alike; the role asked for does not matter to these tests.
    call: (_role, opts) => app.inject({ ...opts, headers: { authorization: `Bearer ${adminKey}`, ...(opts.headers ?? {}) } }),
    close: async () => {
      await app.close();
      await store.close();
      await dropSchema(url, schema);
    },
  };
}

const apps: Array<[string, () => Promise<Pick<TestApp, 'store' | 'ws' | 'close' | 'call'>>]> = [
  ['SQLite', () => makeTestApp()],
  ['PostgreSQL', makePostgresApp],
];

for (const [name, make] of apps) {
  describe(`HTTP text fields: ${name}`, function () {
    this.timeout(60_000);
    let t: Pick<TestApp, 'store' | 'ws' | 'close' | 'call'>;
    beforeEach(async () => {
      t = await make();
    });
    afterEach(async () => t.close());

    /** Sends a request; returns its status, error body and whether the balance card and entries stayed as they were. */
    async function refused(options: Parameters<TestApp['call']>[1]) {
      const before = await ledgerState(t as TestApp);
      const res = await t.call('admin', options);
      return { status: res.statusCode, error: res.json().error as { code: string; field?: string; message: string }, unchanged: JSON.stringify(await ledgerState(t as TestApp)) === JSON.stringify(before) };
    }

    it('answers 400 naming key for a usage key with a NUL byte, and records nothing', async () => {
      const r = await refused({ method: 'POST', url: '/v1/usage', payload: { key: 'a\u0000b', millicredits: 1_000 } });
      assert.deepEqual([r.status, r.error.code, r.error.field, r.unchanged], [400, 'invalid-input', 'key', true]);
      assert.match(r.error.message, /^key must not contain a NUL character \(U\+0000, at index 1\)/);
    });

    it('answers 400 naming the field for a NUL in a URL path or query, never 500', async () => {
      const urls = [
        ['GET', '/v1/executions/a%00b/entries', 'executionId'], ['GET', '/v1/entries?memberId=a%00b', 'memberId'], ['GET', '/v1/entries?workflowId=a%00b', 'workflowId'],
        ['GET', '/v1/reports?by=workflow&memberId=a%00b', 'memberId'], ['GET', '/v1/admission?workflowId=a%00b', 'workflowId'], ['GET', '/v1/reservations/a%00b', 'reservationId'],
        ['POST', '/v1/reservations/a%00b/release', 'reservationId'],
      ] as const;
      const answers = [];
      for (const [method, url] of urls) {
        const res = await t.call('admin', { method, url });
        answers.push([res.statusCode, res.json().error?.field]);
      }
      assert.deepEqual(answers, urls.map(([, , field]) => [400, field]));
    });

    it('names a bad workflowName of an execution as the body does, not as an internal charge', async () => {
      const workflow = { nodes: [{ name: 'HTTP', type: 'n8n-nodes-base.httpRequest' }], connections: {} };
      const run = { executionId: 'x1', mode: 'trigger', status: 'success', data: { resultData: { runData: { HTTP: [{ executionStatus: 'success', data: { main: [[{ json: {} }]] } }] } } } };
      const r = await refused({ method: 'POST', url: '/v1/executions', payload: { workflow, run, workflowName: 'a\u0000b' } });
      assert.deepEqual([r.status, r.error.field, r.unchanged], [400, 'workflowName', true]);
    });

    it('names a bad event of a batch as the body does, events.1.key', async () => {
      const r = await refused({ method: 'POST', url: '/v1/usage/batch', payload: { events: [{ key: 'ok', millicredits: 1 }, { key: 'a\u0000b', millicredits: 1 }] } });
      assert.deepEqual([r.status, r.error.field, r.unchanged], [400, 'events.1.key', true]);
    });

    it('answers 400 naming workflowName for a usage workflow name with a NUL byte', async () => {
      const r = await refused({ method: 'POST', url: '/v1/usage', payload: { key: 'k1', millicredits: 1_000, workflowName: 'Leads\u0000' } });
      assert.deepEqual([r.status, r.error.code, r.error.field, r.unchanged], [400, 'invalid-input', 'workflowName', true]);
    });

    it('answers 400 naming key for a reservation key with a NUL byte', async () => {
      const r = await refused({ method: 'POST', url: '/v1/reservations', payload: { key: 'r\u0000', millicredits: 1_000 } });
      assert.deepEqual([r.status, r.error.code, r.error.field, r.unchanged], [400, 'invalid-input', 'key', true]);
    });

    it('answers 400 to both of two usage keys that differ only in a lone surrogate, not 201 then duplicate', async () => {
      const first = await refused({ method: 'POST', url: '/v1/usage', payload: { key: 'k\uD800', millicredits: 1_000 } });
      const second = await refused({ method: 'POST', url: '/v1/usage', payload: { key: 'k\uDBFF', millicredits: 1_000 } });
      assert.deepEqual(
        [first.status, first.error.field, first.unchanged, second.status, second.error.field, second.unchanged],
        [400, 'key', true, 400, 'key', true],
      );
      assert.match(second.error.message, /^key must be well-formed Unicode, but has a lone surrogate \(U\+DBFF, at index 1\)/);
    });

    it('records a usage key with an emoji and reads it back identically', async () => {
      const recorded = await t.call('admin', { method: 'POST', url: '/v1/usage', payload: { key: 'exec:🚀:0:run', millicredits: 1_000, workflowName: 'Leads 🚀' } });
      const entries = (await t.call('admin', { url: '/v1/entries' })).json().entries as Array<{ key: string; workflowName: string }>;
      assert.deepEqual([recorded.statusCode, entries.map((e) => [e.key, e.workflowName])], [201, [['exec:🚀:0:run', 'Leads 🚀']]]);
    });

    it('answers 400 invalid-amount naming millicredits for 10^15 + 1 millicredits, which the body schema lets through', async () => {
      const r = await refused({ method: 'POST', url: '/v1/usage', payload: { key: 'big', millicredits: 1_000_000_000_000_001 } });
      assert.deepEqual(
        [r.status, r.error.code, r.error.field, r.error.message, r.unchanged],
        [400, 'invalid-amount', 'millicredits', 'millicredits must be at most 1000000000000000 millicredits (10^15), got 1000000000000001', true],
      );
    });
  });
}
