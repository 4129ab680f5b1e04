import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../../ledger/src/http/app';
import { resolveConfig } from '../../../ledger/src/service/config';
import { startService, type RunningService } from '../../../ledger/src/service/service';
import { openSqliteLedgerStore } from '../../../ledger/src/store/sqlite';
import { makeTestApp, type TestApp } from './helpers';

type Doc = { paths: Record<string, Record<string, { security?: unknown[] }>> };

describe('public routes', () => {
  describe('by default', () => {
    let t: TestApp;
    before(async () => {
      t = await makeTestApp();
    });
    after(async () => t.close());

    it('serves the OpenAPI document without a key, and says so in it', async () => {
      const res = await t.call(null, { url: '/v1/openapi.json' });
      const doc = res.json() as Doc & { openapi: string };
      assert.deepEqual([res.statusCode, doc.openapi, doc.paths['/v1/openapi.json']!.get!.security], [200, '3.1.0', []]);
    });

    it('answers /metrics without a key with 401, and with a key with the metrics', async () => {
      const [without, withKey] = [await t.call(null, { url: '/metrics' }), await t.call('meter', { url: '/metrics' })];
      assert.deepEqual([without.statusCode, without.json().error.code, withKey.statusCode], [401, 'unauthorized', 200]);
      assert.match(withKey.body, /^# TYPE n8n_credits_http_requests_total counter$/m);
    });

    it('documents /metrics as needing a key', async () => {
      const doc = (await t.call(null, { url: '/v1/openapi.json' })).json() as Doc;
      assert.equal(doc.paths['/metrics']!.get!.security, undefined);
    });
  });

  describe('with publicMetrics', () => {
    it('serves /metrics without a key and documents it with no security', async () => {
      const store = await openSqliteLedgerStore({ path: ':memory:' });
      const { app } = await buildApp({ store, publicMetrics: true });
      try {
        const res = await app.inject({ url: '/metrics' });
        const doc = (await app.inject({ url: '/v1/openapi.json' })).json() as Doc;
        assert.deepEqual([res.statusCode, doc.paths['/metrics']!.get!.security], [200, []]);
        assert.match(res.body, /^# TYPE n8n_credits_http_requests_total counter$/m);
      } finally {
        await app.close();
        await store.close();
      }
    });
  });

  describe('n8n-credits serve --public-metrics', () => {
    let dir: string;
    let service: RunningService | undefined;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'n8c-public-'));
    });
    afterEach(async () => {
      await service?.stop();
      service = undefined;
      rmSync(dir, { recursive: true, force: true });
    });

    for (const [flags, env, status] of [[{}, {}, 401], [{ publicMetrics: true }, {}, 200], [{}, { N8N_CREDITS_PUBLIC_METRICS: 'true' }, 200]] as const) {
      it(`answers /metrics without a key with ${status} given ${JSON.stringify({ ...flags, ...env })}`, async () => {
        service = await startService(resolveConfig({ port: 0, dataDir: dir, logLevel: 'silent', ...flags }, env, '/'));
        assert.equal((await fetch(`${service.url}/metrics`)).status, status);
      });
    }
  });
});
