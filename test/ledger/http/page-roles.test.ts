import { strict as assert } from 'node:assert';
import { CALLERS, startLiveServer, type CallerName, type LiveServer } from './liveServer';

/** Every section of the signed-in page, by element id, and the sign-in form. */
const SECTIONS = ['signin', 'usage-card', 'daily', 'by-workflow', 'by-node-type', 'drill', 'topups', 'plan', 'alerts', 'alert-deliveries'];

/**
 * What each viewer gets, as docs/api.md ("Roles: the billing page") documents it — written out here, not read from
 * `access.ts`. `drill` shows on the drill-down views only.
 */
const DOCUMENTED_PAGE = {
  'signed out': { status: 200, sections: ['signin'] },
  meter: { status: 403, sections: ['signin'] },
  member: { status: 200, sections: ['usage-card', 'daily', 'by-workflow', 'by-node-type', 'drill', 'plan', 'alerts', 'alert-deliveries'] },
  admin: { status: 200, sections: ['usage-card', 'daily', 'by-workflow', 'by-node-type', 'drill', 'topups', 'plan', 'alerts', 'alert-deliveries'] },
} as const;

/** The page reads only its session cookie: a Bearer key, a wrong or revoked session is a signed-out browser. */
const VIEWER: Record<CallerName, keyof typeof DOCUMENTED_PAGE> = {
  'no key': 'signed out', 'wrong key': 'signed out', 'revoked key': 'signed out', 'unknown session': 'signed out', 'revoked session': 'signed out',
  meter: 'signed out', member: 'signed out', admin: 'signed out', 'instance admin': 'signed out',
  'meter session': 'meter', 'member session': 'member', 'admin session': 'admin',
};

const VIEWS = ['/', '/?workflow=wf-bob', '/?workflow=wf-alice', '/?nodeType=n8n-nodes-base.httpRequest', '/?execution=ex-bob', '/?execution=ex-alice'];

const WEBHOOK = 'https://hooks.example.com/services/T0/B0/SECRETTOKEN1234wxyz';
const SIGNING_SECRET = 'whsec_matrix_0123456789abcdef';
/** What must never be on any page: the webhook URL's token and the signing secret. */
const SECRETS = ['SECRETTOKEN', 'services/T0', SIGNING_SECRET];
/** Marks of member bob's usage, which member alice's page must not show. */
const BOB = ['Bob payroll', 'Bob node', 'href="/?execution=ex-bob"'];

/** Two members' usage, alert settings with a webhook, and one delivery to it. */
async function seed(s: LiveServer): Promise<void> {
  const admin = s.callers.admin.headers('POST');
  const usage = async (body: object) => assert.equal((await s.request('POST', '/v1/usage', { headers: admin, body })).status, 201);
  await s.t.store.addMember({ workspaceId: s.t.ws.id, memberId: 'bob' });
  await usage({ key: 'bob:1', millicredits: 4000, memberId: 'bob', workflowId: 'wf-bob', workflowName: 'Bob payroll', executionId: 'ex-bob', nodeName: 'Bob node', nodeType: 'n8n-nodes-base.httpRequest' });
  await usage({ key: 'alice:1', millicredits: 1500, memberId: 'alice', workflowId: 'wf-alice', workflowName: 'Alice digest', executionId: 'ex-alice', nodeName: 'Alice node', nodeType: 'n8n-nodes-base.set' });
  const put = await s.request('PUT', '/v1/alerts', { headers: s.callers.admin.headers('PUT'), body: { thresholds: [80], webhookUrl: WEBHOOK, webhookSecret: SIGNING_SECRET } });
  assert.equal(put.status, 200);
  await s.t.store.recordAlerts({
    workspaceId: s.t.ws.id, active: [{ key: 'depleted', scope: 'p1' }], keep: [],
    deliveriesFor: (fired) => fired.map((alertId) => ({ alertId, event: 'depleted', channel: 'webhook' as const, target: WEBHOOK, payload: '{}' })),
  });
}

const sectionsOf = (html: string): string[] => SECTIONS.filter((id) => html.includes(`id="${id}"`));

describe('billing page: every view × every caller, as docs/api.md documents it', function () {
  this.timeout(60_000);
  let s: LiveServer;
  before(async () => {
    s = await startLiveServer();
    await seed(s);
  });
  after(async () => s.close());

  for (const name of CALLERS) {
    it(`shows ${name} only what its role may read, and no secret`, async () => {
      const doc = DOCUMENTED_PAGE[VIEWER[name]];
      const got: string[] = [];
      const want: string[] = [];
      for (const view of VIEWS) {
        const res = await s.request('GET', view, { headers: s.callers[name].headers('GET') });
        const drill = view !== '/';
        got.push(`${view} → ${res.status} ${sectionsOf(res.text).join(',')} secrets:${SECRETS.filter((x) => res.text.includes(x)).join(',') || 'none'}`);
        want.push(`${view} → ${doc.status} ${doc.sections.filter((id) => id !== 'drill' || drill).join(',')} secrets:none`);
      }
      assert.deepEqual(got, want);
    });
  }

  it('shows member alice her own usage and nothing of member bob on any view', async () => {
    const seen = await Promise.all(VIEWS.map(async (view) => {
      const html = (await s.request('GET', view, { headers: s.callers['member session'].headers('GET') })).text;
      return `${view}: ${BOB.filter((m) => html.includes(m)).join(',') || 'no bob'}`;
    }));
    const own = (await s.request('GET', '/?execution=ex-alice', { headers: s.callers['member session'].headers('GET') })).text;
    assert.deepEqual(seen, VIEWS.map((v) => `${v}: no bob`));
    assert.deepEqual([own.includes('Alice node'), own.includes('Alice digest')], [true, true]);
  });

  it('shows the admin every member and every section, the webhook URL masked', async () => {
    const home = (await s.request('GET', '/', { headers: s.callers['admin session'].headers('GET') })).text;
    const bob = (await s.request('GET', '/?execution=ex-bob', { headers: s.callers['admin session'].headers('GET') })).text;
    assert.deepEqual(
      [home.includes('Bob payroll'), home.includes('Alice digest'), bob.includes('Bob node'), home.includes('value="https://hooks.example.com/••••wxyz"'), home.includes('<td data-label="To">https://hooks.example.com/••••wxyz</td>')],
      [true, true, true, true, true],
    );
  });

  it('refuses to sign a meter key in, saying which keys can', async () => {
    const res = await s.request('POST', '/session', { body: { key: s.t.keys.meter } });
    assert.deepEqual([res.status, res.json().error.code, res.setCookie], [403, 'forbidden', null]);
    assert.match(res.json().error.message, /meter key only records usage .* sign in with a member or admin key/);
  });

  it('signs member and admin keys in, and refuses a revoked or wrong one', async () => {
    const revoked = /Bearer (\S+)/.exec(s.callers['revoked key'].headers('POST').authorization!)![1]!;
    const statuses = await Promise.all([s.t.keys.member, s.t.keys.admin, revoked, 'n8c_wrong'].map(async (key) => (await s.request('POST', '/session', { body: { key } })).status));
    assert.deepEqual(statuses, [200, 200, 401, 401]);
  });
});
