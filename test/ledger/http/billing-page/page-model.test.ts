import { strict as assert } from 'node:assert';
import { buildPageModel } from '../../../../ledger/src/billing-page/buildModel';
import { renderPage } from '../../../../ledger/src/billing-page/render';
import { openSqliteLedgerStore } from '../../../../ledger/src/store/sqlite';
import type { LedgerStore, Workspace } from '../../../../ledger/src/store/types';
import { getPlan } from '../../../../shared-pricing/src/plans/loadPlan';

const viewer = { role: 'admin' as const, keyName: 'first admin', memberId: null, csrf: 'tok' };

describe('the billing page of a workspace in Asia/Tokyo', () => {
  let clock: number;
  let store: LedgerStore;
  let ws: Workspace;
  const at = (iso: string) => (clock = Date.parse(iso));
  const charge = (key: string, millicredits: number, workflowId: string, over: Record<string, string> = {}) =>
    store.charge({ workspaceId: ws.id, key, millicredits, workflowId, workflowName: `Flow ${workflowId}`, ...over });

  beforeEach(async () => {
    clock = Date.parse('2026-10-01T00:00:00Z');
    store = await openSqliteLedgerStore({ path: ':memory:', now: () => clock });
    ws = await store.createWorkspace({ id: 'tokyo', name: 'Tokyo', plan: { ...getPlan('twenty'), allocation: 100_000 }, timeZone: 'Asia/Tokyo', anchorDay: 1 });
  });
  afterEach(async () => store.close());

  it('stacks the last 30 Tokyo days per workflow, largest first, counting each charge on its Tokyo day', async () => {
    at('2026-10-21T14:59:00Z'); // 21 Oct 23:59 in Tokyo (+9): the day before the 30 days, left out
    await charge('d', 900, 'd');
    at('2026-10-21T15:30:00Z'); // 22 Oct 00:30 in Tokyo: the first of the 30 days
    await charge('c', 700, 'c');
    at('2026-11-19T14:59:00Z'); // 19 Nov 23:59 in Tokyo
    await charge('a1', 2000, 'a');
    at('2026-11-19T15:00:00Z'); // 20 Nov 00:00 in Tokyo, though still 19 Nov in UTC
    await charge('b', 250, 'b');
    at('2026-11-20T03:00:00Z'); // 20 Nov 12:00 in Tokyo: "today"
    await charge('a2', 1000, 'a');
    await charge('a3', 500, 'a');
    const chart = (await buildPageModel(store, ws, viewer, {}, clock)).chart!;
    // Hand counts: a = 2000 (19 Nov) + 1500 (20 Nov) = 3500; c = 700 (22 Oct); b = 250 (20 Nov).
    const zeros = (n: number) => new Array<number>(n).fill(0);
    assert.deepEqual([chart.days.length, chart.days[0], chart.days[28], chart.days[29]], [30, '2026-10-22', '2026-11-19', '2026-11-20']);
    assert.deepEqual(chart.series, [
      { key: 'a', label: 'Flow a', values: [...zeros(28), 2000, 1500] },
      { key: 'c', label: 'Flow c', values: [700, ...zeros(29)] },
      { key: 'b', label: 'Flow b', values: [...zeros(29), 250] },
    ]);
  });

  it('shows an execution by its workflow and its Tokyo time, its nodes by display name', async () => {
    at('2026-11-20T03:00:00Z');
    await charge('ex-1:Fetch:0:run', 1000, 'lead', { executionId: 'ex-1', nodeName: 'Fetch', nodeType: 'n8n-nodes-base.httpRequest', workflowName: 'Lead enrichment' });
    at('2026-11-20T03:04:00Z');
    await charge('ex-1:Shape:0:run', 100, 'lead', { executionId: 'ex-1', nodeName: 'Shape', nodeType: 'n8n-nodes-base.set', workflowName: 'Lead enrichment' });
    const html = renderPage(await buildPageModel(store, ws, viewer, { execution: 'ex-1' }, clock));
    // 03:00 UTC is 12:00 in Tokyo (UTC+9, no daylight saving).
    assert.ok(html.includes('<h2>Lead enrichment · 20 Nov 2026, 12:00</h2>'), html.slice(html.indexOf('id="drill"'), html.indexOf('id="drill"') + 300));
    assert.ok(html.includes('<time datetime="2026-11-20T03:04:00.000Z" title="2026-11-20T03:04:00.000Z">20 Nov 2026, 12:04</time>'));
    assert.ok(html.includes('<span class="node-type" title="n8n-nodes-base.httpRequest"><svg class="node-icon icon-http"'));
    assert.ok(html.includes('</svg>HTTP Request</span>') && html.includes('</svg>Edit Fields (Set)</span>'));
    assert.ok(!/>n8n-nodes-base\.httpRequest</.test(html), 'the raw type id is shown only in the tooltip');
  });

  it('says the workspace is paused and owes credits after an execution ran past zero under pause', async () => {
    await store.setPlan(ws.id, { ...getPlan('twenty'), allocation: 1000, rolloverCap: 0, exhaustion: 'pause' });
    at('2026-11-20T03:00:00Z');
    // An execution's charge is recorded past zero under pause: 1500 against 1000 leaves 500 owed.
    await charge('ex-2:Big:0:run', 1500, 'big', { executionId: 'ex-2' });
    const model = await buildPageModel(store, ws, viewer, {}, clock);
    const html = renderPage(model);
    // Credits renew when the period ends: 1 Dec 00:00 in Tokyo.
    assert.deepEqual(model.account, { paused: { reason: 'insufficient-credits', renewsAt: '2026-11-30T15:00:00.000Z' }, debt: 500 });
    assert.ok(html.includes('<b>Executions are paused.</b> No credits are left: n8n refuses new executions until credits renew on 1 Dec 2026, 00:00, or top up below.'));
    assert.ok(html.includes('<b>The workspace owes 0.5 credits.</b>'));
  });

  it('shows no banner while credits are left', async () => {
    at('2026-11-20T03:00:00Z');
    await charge('small', 1000, 'a');
    const html = renderPage(await buildPageModel(store, ws, viewer, {}, clock));
    assert.equal(html.includes('id="status-banner"'), false);
  });
});
