import { strict as assert } from 'node:assert';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../ledger/src/http/app';
import { bootstrap } from '../../../ledger/src/service/bootstrap';
import { PostgresLedgerStore } from '../../../ledger/src/store/postgres';
import { dropSchema, freshSchemaName, testDatabaseUrl } from '../../support/postgres';

describe('two ledger servers on one PostgreSQL', function () {
  this.timeout(120000);
  let url: string;
  let schema: string;
  let stores: PostgresLedgerStore[] = [];
  let apps: FastifyInstance[] = [];
  let adminKey: string;

  before(async () => {
    url = await testDatabaseUrl();
    schema = freshSchemaName('ledger_http');
    stores = [0, 1].map(() => new PostgresLedgerStore({ connectionString: url, schema, maxConnections: 4 }));
    for (const s of stores) await s.migrate();
    adminKey = (await bootstrap(stores[0]!)).adminKey!;
    apps = await Promise.all(stores.map(async (store) => (await buildApp({ store })).app));
  });

  after(async () => {
    for (const a of apps) await a.close();
    for (const s of stores) await s.close();
    await dropSchema(url, schema);
  });

  it('behave as one ledger: each key charged once, whichever server gets it', async () => {
    const start = (await apps[0]!.inject({ url: '/v1/balance', headers: { authorization: `Bearer ${adminKey}` } })).json().totalAvailable as number;
    // 40 batches of 25 events, sent alternately to both servers at once; every fifth event repeats an earlier key.
    const batches = Array.from({ length: 40 }, (_, b) => Array.from({ length: 25 }, (_, i) => {
      const n = b * 25 + i;
      const key = n % 5 === 4 && n > 5 ? `k${n - 5}` : `k${n}`;
      return { key, millicredits: 7 + (Number(key.slice(1)) % 3) };
    }));
    const unique = new Map(batches.flat().map((e) => [e.key, e.millicredits]));
    const answers = await Promise.all(batches.map((events, b) => apps[b % 2]!.inject({ method: 'POST', url: '/v1/usage/batch', headers: { authorization: `Bearer ${adminKey}` }, payload: { events } })));
    const recorded = answers.reduce((sum, r) => sum + (r.json().recorded as number), 0);
    const end = (await apps[1]!.inject({ url: '/v1/balance', headers: { authorization: `Bearer ${adminKey}` } })).json().totalAvailable as number;
    const expected = [...unique.values()].reduce((a, b) => a + b, 0);
    assert.deepEqual([answers.every((r) => r.statusCode === 200), recorded, start - end], [true, unique.size, expected]);
  });
});
