import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { ROUTE_ACCESS } from '../../../ledger/src/http/access';
import { registerAuth } from '../../../ledger/src/http/auth';
import { SessionStore } from '../../../ledger/src/http/sessions';
import { CALLERS, startLiveServer, type Caller, type CallerName, type LiveServer } from './liveServer';

/**
 * The documented matrix (docs/api.md, "Roles: the matrix"), written out again here rather than read from
 * `access.ts`: the test fails when the code's table drifts from the intent. `public` routes need no key.
 */
const DOCUMENTED: Record<string, 'public' | string> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /': 'public',
  'GET /assets/page.css': 'public',
  'GET /assets/page.js': 'public',
  'GET /assets/chart.umd.js': 'public',
  'POST /session': 'public',
  'DELETE /session': 'public',
  'GET /metrics': 'meter member admin',
  'GET /v1/openapi.json': 'public',
  'GET /v1/whoami': 'meter member admin',
  'POST /v1/usage': 'meter member admin',
  'POST /v1/usage/batch': 'meter member admin',
  'POST /v1/executions': 'meter member admin',
  'POST /v1/reservations': 'meter member admin',
  'GET /v1/reservations/:id': 'meter member admin',
  'POST /v1/reservations/:id/settle': 'meter member admin',
  'POST /v1/reservations/:id/release': 'meter member admin',
  'POST /v1/parked': 'meter member admin',
  'POST /v1/quote': 'meter member admin',
  'POST /v1/estimates': 'meter member admin',
  'GET /v1/admission': 'meter member admin',
  'POST /v1/admission': 'meter member admin',
  'GET /v1/balance': 'meter member admin',
  'GET /v1/reports': 'member admin',
  'GET /v1/entries': 'member admin',
  'GET /v1/executions/:executionId/entries': 'member admin',
  'GET /v1/parked': 'member admin',
  'GET /v1/plan': 'member admin',
  'GET /v1/alerts': 'member admin',
  'GET /v1/alerts/deliveries': 'member admin',
  'PUT /v1/alerts': 'admin',
  'PUT /v1/plan': 'admin',
  'GET /v1/topups/packs': 'admin',
  'POST /v1/topups': 'admin',
  'POST /v1/checkout': 'admin',
  'GET /v1/purchases': 'member admin',
  'POST /v1/payments/stripe/webhook': 'public',
  'GET /v1/keys': 'admin',
  'POST /v1/keys': 'admin',
  'DELETE /v1/keys/:id': 'admin',
  'GET /v1/workspaces': 'admin',
  'POST /v1/workspaces': 'admin',
  'GET /v1/audit': 'admin',
};

/** Routes that also need an instance-wide key: a workspace's own admin gets 403 from the route (a scope, not a role). */
const INSTANCE_ONLY = new Set(['POST /v1/workspaces']);

/**
 * `answered`: the status a caller who got past authorization receives when the route itself cannot serve this
 * server (no payment provider is configured here: checkout answers 409, Stripe's webhook 503).
 */
type Sample = { path: string; body?: unknown; answered?: number };
const emptyWorkflow = { nodes: [], connections: {} };

/**
 * A request each route answers with 2xx when the caller may call it. Some make what they act on first, with the
 * admin key (a reservation to settle, a key to revoke). A route without a sample fails the test: add one.
 */
const SAMPLES: Record<string, (s: LiveServer, id: string) => Promise<Sample> | Sample> = {
  'GET /healthz': () => ({ path: '/healthz' }),
  'GET /readyz': () => ({ path: '/readyz' }),
  'GET /': () => ({ path: '/' }),
  'GET /assets/page.css': () => ({ path: '/assets/page.css' }),
  'GET /assets/page.js': () => ({ path: '/assets/page.js' }),
  'GET /assets/chart.umd.js': () => ({ path: '/assets/chart.umd.js' }),
  'POST /session': (s) => ({ path: '/session', body: { key: s.t.keys.member } }),
  'DELETE /session': () => ({ path: '/session' }),
  'GET /metrics': () => ({ path: '/metrics' }),
  'GET /v1/openapi.json': () => ({ path: '/v1/openapi.json' }),
  'GET /v1/whoami': () => ({ path: '/v1/whoami' }),
  'POST /v1/parked': (_s, id) => ({ path: '/v1/parked', body: { executionId: `p-${id}`, parkKey: 'Guard:0', resumeUrl: 'http://127.0.0.1:9/webhook-waiting/1', needMillicredits: 1000, renewsAt: '2030-01-01T00:00:00.000Z' } }),
  'GET /v1/parked': () => ({ path: '/v1/parked' }),
  'POST /v1/usage': (_s, id) => ({ path: '/v1/usage', body: { key: `u-${id}`, millicredits: 1, executionId: 'ex-1' } }),
  'POST /v1/usage/batch': (_s, id) => ({ path: '/v1/usage/batch', body: { events: [{ key: `b-${id}`, millicredits: 1 }] } }),
  'POST /v1/executions': (_s, id) => ({ path: '/v1/executions', body: { workflow: emptyWorkflow, run: { executionId: `ex-${id}`, mode: 'trigger', status: 'success', data: { resultData: { runData: {} } } } } }),
  'POST /v1/reservations': (_s, id) => ({ path: '/v1/reservations', body: { key: `r-${id}`, millicredits: 1 } }),
  'GET /v1/reservations/:id': async (s, id) => ({ path: `/v1/reservations/${await reserve(s, id)}` }),
  'POST /v1/reservations/:id/settle': async (s, id) => ({ path: `/v1/reservations/${await reserve(s, id)}/settle`, body: { key: `s-${id}`, millicredits: 1 } }),
  'POST /v1/reservations/:id/release': async (s, id) => ({ path: `/v1/reservations/${await reserve(s, id)}/release` }),
  'POST /v1/quote': () => ({ path: '/v1/quote', body: { millicredits: 1000 } }),
  'POST /v1/estimates': () => ({ path: '/v1/estimates', body: { workflow: emptyWorkflow } }),
  'GET /v1/admission': () => ({ path: '/v1/admission?workflowId=wf-1' }),
  'POST /v1/admission': () => ({ path: '/v1/admission', body: { workflow: emptyWorkflow } }),
  'GET /v1/balance': () => ({ path: '/v1/balance' }),
  'GET /v1/reports': () => ({ path: '/v1/reports?by=workflow' }),
  'GET /v1/entries': () => ({ path: '/v1/entries' }),
  'GET /v1/executions/:executionId/entries': async (s, id) => {
    await s.request('POST', '/v1/usage', { headers: s.callers.admin.headers('POST'), body: { key: `e-${id}`, millicredits: 1, executionId: `ex-e-${id}`, memberId: 'alice' } });
    return { path: `/v1/executions/ex-e-${id}/entries` };
  },
  'GET /v1/plan': () => ({ path: '/v1/plan' }),
  'GET /v1/alerts': () => ({ path: '/v1/alerts' }),
  'GET /v1/alerts/deliveries': () => ({ path: '/v1/alerts/deliveries' }),
  'PUT /v1/alerts': () => ({ path: '/v1/alerts', body: { thresholds: [80] } }),
  'PUT /v1/plan': () => ({ path: '/v1/plan', body: { preset: 'twenty' } }),
  'GET /v1/topups/packs': () => ({ path: '/v1/topups/packs' }),
  'POST /v1/topups': (s) => ({ path: '/v1/topups', body: { packId: s.t.ws.plan.topUps.packs[0]!.id } }),
  'POST /v1/checkout': (s) => ({ path: '/v1/checkout', body: { packId: s.t.ws.plan.topUps.packs[0]!.id }, answered: 409 }),
  'GET /v1/purchases': () => ({ path: '/v1/purchases' }),
  'POST /v1/payments/stripe/webhook': () => ({ path: '/v1/payments/stripe/webhook', body: {}, answered: 503 }),
  'GET /v1/keys': () => ({ path: '/v1/keys' }),
  'POST /v1/keys': () => ({ path: '/v1/keys', body: { role: 'meter', name: 'made by the matrix' } }),
  'DELETE /v1/keys/:id': async (s) => {
    const made = await s.request('POST', '/v1/keys', { headers: s.callers.admin.headers('POST'), body: { role: 'meter', name: 'to revoke' } });
    return { path: `/v1/keys/${made.json().record.id}` };
  },
  'GET /v1/workspaces': () => ({ path: '/v1/workspaces' }),
  'POST /v1/workspaces': (_s, id) => ({ path: '/v1/workspaces', body: { id: `ws-${id}`, name: 'made by the matrix', preset: 'twenty' } }),
  'GET /v1/audit': () => ({ path: '/v1/audit' }),
};

async function reserve(s: LiveServer, id: string): Promise<string> {
  const res = await s.request('POST', '/v1/reservations', { headers: s.callers.admin.headers('POST'), body: { key: `held-${id}`, millicredits: 1 } });
  return res.json().reservation.id as string;
}

/** What the documented matrix says `caller` gets from `route`: `2xx`, 401 or 403. */
function expected(route: string, name: CallerName, caller: Caller): string {
  const documented = DOCUMENTED[route];
  if (documented === undefined) return 'undocumented';
  // The page itself is public, but refuses a meter key's session (its views: page-roles.test.ts).
  if (route === 'GET /' && name === 'meter session') return '403';
  if (documented === 'public') return '2xx';
  if (caller.role === null) return '401';
  if (!documented.split(' ').includes(caller.role)) return '403';
  if (INSTANCE_ONLY.has(route) && name !== 'instance admin') return '403';
  return '2xx';
}

const outcome = (status: number): string => (status >= 200 && status < 300 ? '2xx' : String(status));

// Signing out ends a session: that route goes last.
const ROUTES = Object.keys(ROUTE_ACCESS).sort((a, b) => Number(a === 'DELETE /session') - Number(b === 'DELETE /session'));

describe('security matrix: every route × every caller, as docs/api.md documents it', function () {
  this.timeout(60_000);

  it('documents exactly the routes of the access table', () => {
    assert.deepEqual(Object.keys(ROUTE_ACCESS).sort(), Object.keys(DOCUMENTED).sort());
  });

  it('says the same in docs/api.md as this test: route, and the roles that may call it', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/api.md'), 'utf8');
    const section = doc.slice(doc.indexOf('### Roles: the matrix'), doc.indexOf('### Roles: the billing page'));
    const rows = [...section.matchAll(/^\| `(\w+ [^`]+)` \| ([^|]+) \| (yes|403) \| (yes|403) \| (yes|403) \|$/gm)];
    const fromDocs = Object.fromEntries(rows.map((m) => [m[1], m[2]!.startsWith('public') ? 'public' : ['meter', 'member', 'admin'].filter((_r, i) => m[3 + i] === 'yes').join(' ')]));
    assert.deepEqual(fromDocs, DOCUMENTED);
  });

  it('fails to start when a route has no entry in the access table', async () => {
    const app = Fastify();
    registerAuth(app, async () => null, new SessionStore());
    await assert.rejects(async () => {
      app.get('/v1/forgotten', async () => ({ leaked: true }));
      await app.ready();
    }, /route GET \/v1\/forgotten has no entry in ROUTE_ACCESS/);
    await app.close();
  });

  for (const name of CALLERS) {
    it(`answers ${name} on every route as documented`, async () => {
      // A server per caller: each starts from the same state, and failed keys of one caller do not count for another.
      const s = await startLiveServer();
      try {
        const caller = s.callers[name];
        const got: string[] = [];
        const want: string[] = [];
        const details: string[] = [];
        let n = 0;
        for (const route of ROUTES) {
          const method = route.split(' ')[0]!;
          const sample = SAMPLES[route];
          assert.ok(sample, `no sample request for ${route}: add one to SAMPLES`);
          const { path, body, answered } = await sample(s, `${name.replace(/\W/g, '')}-${++n}`);
          const withQuery = caller.query ? `${path}${path.includes('?') ? '&' : '?'}${caller.query}` : path;
          const res = await s.request(method, withQuery, { headers: caller.headers(method), body: body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}) });
          got.push(`${route} → ${res.status === answered ? '2xx' : outcome(res.status)}`);
          if (res.status >= 300 && res.status !== answered) details.push(`${route}: ${res.status} ${res.text.slice(0, 120).replace(/\s+/g, ' ')}`);
          want.push(`${route} → ${expected(route, name, caller)}`);
        }
        assert.deepEqual(got, want, details.join('\n'));
      } finally {
        await s.close();
      }
    });
  }
});
