import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { chartData, renderUsageChart } from '../../../../ledger/src/billing-page/chart';
import { lastDays, stackByWorkflow } from '../../../../ledger/src/billing-page/chartData';
import { escapeHtml, formatCredits, formatPrice } from '../../../../ledger/src/billing-page/escape';
import type { PageModel } from '../../../../ledger/src/billing-page/model';
import { renderPage } from '../../../../ledger/src/billing-page/render';

const model = (over: Partial<PageModel> = {}): PageModel => ({
  workspaceName: 'Acme', role: 'admin', keyName: 'first admin', csrf: 'tok', memberScope: null,
  card: { allocation: 5_000_000, consumed: 1_250_500, remaining: 3_749_500, rollover: 2_000_000, topUp: 0, totalAvailable: 5_749_500, dailyRemaining: null, overdraft: 0, periodStart: '2026-11-01T00:00:00.000Z', resetAt: '2026-12-01T00:00:00.000Z', exhaustion: 'pause' },
  daily: [], byWorkflow: [], byNodeType: [],
  plan: { name: 'twenty', description: '', cycle: 'monthly', allocation: 5_000_000, dailyLimit: null, rolloverCap: 5_000_000, exhaustion: 'pause' },
  packs: [{ id: 'p1', millicredits: 1_000_000, price: 1000, currency: 'USD' }],
  alerts: { thresholds: [80], belowMillicredits: null, spikeFactor: 3, spikeDays: 7, events: { depleted: true, renewed: true, dailyLimit: true, circuitOpen: true }, email: null, webhookUrl: null },
  deliveries: [],
  drill: null,
  timeZone: 'UTC',
  chart: { days: [], series: [] },
  account: { paused: null, debt: 0 },
  nodeClasses: {},
  ...over,
});

describe('escapeHtml', () => {
  it('escapes the five HTML special characters', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('never lets a tag or a quote through, whatever the input', () => {
    fc.assert(fc.property(fc.string(), (s) => !/[<>"']/.test(escapeHtml(s))));
  });
});

describe('formatCredits', () => {
  it('writes millicredits as credits with separators and no trailing zeros', () => {
    assert.deepEqual([formatCredits(1_250_500), formatCredits(5_000_000), formatCredits(7), formatCredits(-1500)], ['1,250.5', '5,000', '0.007', '-1.5']);
  });
});

describe('formatPrice', () => {
  it('writes cents as a decimal amount with the currency', () => {
    assert.deepEqual([formatPrice(1000, 'USD'), formatPrice(4505, 'EUR')], ['10.00 USD', '45.05 EUR']);
  });
});

describe('lastDays', () => {
  it('counts 30 local days back across a daylight-saving change, each from local midnight', () => {
    // Berlin leaves summer time on 25 Oct 2026: that day lasts 25 hours, so its midnight is 22:00 UTC before it.
    const days = lastDays(Date.parse('2026-11-10T12:00:00Z'), 'Europe/Berlin');
    const oct25 = days.find((d) => d.key === '2026-10-25')!;
    assert.deepEqual([days.length, days[0]!.key, days[29]!.key], [30, '2026-10-12', '2026-11-10']);
    assert.deepEqual([new Date(oct25.start).toISOString(), (oct25.end - oct25.start) / 3_600_000], ['2026-10-24T22:00:00.000Z', 25]);
  });
});

describe('stackByWorkflow', () => {
  const row = (key: string, millicredits: number) => ({ key, label: `W${key}`, millicredits, entries: 1 });

  it('keeps the five largest workflows as their own stacks and adds the rest up as other workflows', () => {
    // Totals by hand: 1..7 are 7000, 6000, …, 1000; the two smallest (2000 and 1000) go together, split over two days.
    const perDay = [[1, 2, 3, 4, 5].map((k) => row(String(k), (8 - k) * 1000)), [row('6', 2000), row('7', 600)], [row('7', 400)]];
    const chart = stackByWorkflow(['d1', 'd2', 'd3'], perDay);
    assert.deepEqual(chart.series.map((s) => [s.label, s.values]), [
      ['W1', [7000, 0, 0]], ['W2', [6000, 0, 0]], ['W3', [5000, 0, 0]], ['W4', [4000, 0, 0]], ['W5', [3000, 0, 0]],
      ['Other workflows', [0, 2600, 400]],
    ]);
  });

  it('keeps six workflows as six stacks', () => {
    const chart = stackByWorkflow(['d1'], [[1, 2, 3, 4, 5, 6].map((k) => row(String(k), k))]);
    assert.deepEqual(chart.series.map((s) => s.values[0]), [6, 5, 4, 3, 2, 1]);
  });
});

describe('renderUsageChart', () => {
  const chart = { days: ['2026-11-01', '2026-11-02'], series: [{ key: 'a', label: '</script><b>', values: [1500, 0] }, { key: 'b', label: 'B', values: [250, 1000] }] };

  it('hands Chart.js day labels and integer millicredits per workflow', () => {
    assert.deepEqual(chartData(chart), {
      days: ['2026-11-01', '2026-11-02'], labels: ['1 Nov', '2 Nov'],
      datasets: [{ label: '</script><b>', data: [1500, 0], backgroundColor: '#0072b2' }, { label: 'B', data: [250, 1000], backgroundColor: '#e69f00' }],
    });
  });

  it('puts the data in a block no workflow name can close, and reads it back as sent', () => {
    const html = renderUsageChart(chart);
    const block = /<script type="application\/json" id="usage-chart-data">(.*?)<\/script>/.exec(html)![1]!;
    assert.deepEqual([block.includes('</'), JSON.parse(block)], [false, chartData(chart)]);
  });

  it('gives each day its total (1500 + 250 and 0 + 1000) in the table beside the chart', () => {
    const html = renderUsageChart(chart);
    assert.deepEqual([...html.matchAll(/data-day="([^"]+)" data-millicredits="(\d+)"/g)].map((m) => [m[1], Number(m[2])]), [['2026-11-01', 1750], ['2026-11-02', 1000]]);
  });

  it('says so when nothing was used in the 30 days', () => {
    assert.equal(renderUsageChart({ days: ['2026-11-01'], series: [] }), '<p class="empty">No usage in the last 30 days.</p>');
  });
});

describe('renderPage', () => {
  it('shows the rollover line and the total available on the card', () => {
    const html = renderPage(model());
    assert.ok(html.includes('<dt>Rollover Credits</dt><dd id="card-rollover">2,000</dd>'));
    assert.ok(html.includes('<dt>Total Available</dt><dd id="card-total">5,749.5</dd>'));
  });

  it('shows an overdraft line only when there is an overdraft', () => {
    const none = renderPage(model());
    const some = renderPage(model({ card: { ...model().card!, overdraft: 2500 } }));
    assert.deepEqual([none.includes('card-overdraft'), some.includes('<dd id="card-overdraft">2.5</dd>')], [false, true]);
  });

  it('tells a member that the breakdowns are its own usage', () => {
    assert.ok(renderPage(model({ role: 'member', packs: null, memberScope: 'a<b' })).includes('the usage of member <b>a&lt;b</b>'));
  });

  it('leaves out the top-up section when the viewer may not buy', () => {
    assert.equal(renderPage(model({ role: 'member', packs: null })).includes('id="topups"'), false);
  });

  it('escapes a workflow name in the breakdown and its link', () => {
    const html = renderPage(model({ byWorkflow: [{ key: '"><script>', label: '<img src=x onerror=alert(1)>', millicredits: 1000, entries: 1 }] }));
    assert.ok(html.includes('<a href="/?workflow=%22%3E%3Cscript%3E">&lt;img src=x onerror=alert(1)&gt;</a>'));
  });
  it('shows the alert delivery log with its last error, escaped, at the workspace\'s time', () => {
    const html = renderPage(model({ timeZone: 'Asia/Tokyo', deliveries: [{ event: 'depleted', channel: 'webhook', target: 'http://127.0.0.1/h', status: 'pending', attempts: 2, lastError: 'webhook: the receiver answered <b>500</b>', at: '2026-11-02T10:00:00.000Z' }] }));
    // 10:00 UTC is 19:00 in Tokyo (UTC+9).
    assert.ok(html.includes('<tr class="pending"><td data-label="When"><time datetime="2026-11-02T10:00:00.000Z" title="2026-11-02T10:00:00.000Z">2 Nov 2026, 19:00</time></td><td data-label="Event">depleted</td><td data-label="Channel">webhook</td><td data-label="To">http://127.0.0.1/h</td><td data-label="Status">pending</td><td class="num" data-label="Attempts">2</td><td data-label="Last error">webhook: the receiver answered &lt;b&gt;500&lt;/b&gt;</td></tr>'));
  });

  it('shows the purchase history at the workspace\'s time, escaped, in a table that stacks on a phone', () => {
    const html = renderPage(model({ timeZone: 'Asia/Tokyo', purchases: [{ at: '2026-11-02T10:00:00.000Z', packId: 'p1', millicredits: 1_000_000, amount: 1000, currency: 'usd', boughtBy: 'a<b', status: 'paid', sessionId: 'cs_1', paymentId: 'pi_1' }] }));
    // 10:00 UTC is 19:00 in Tokyo (UTC+9); 1,000,000 millicredits are 1,000 credits; 1000 cents are 10.00 USD.
    assert.ok(html.includes('<table class="stack">'));
    assert.ok(html.includes('<tr class="paid"><td data-label="Date"><time datetime="2026-11-02T10:00:00.000Z" title="2026-11-02T10:00:00.000Z">2 Nov 2026, 19:00</time></td><td data-label="Pack">p1 (1,000 credits)</td><td class="num" data-label="Amount">10.00 USD</td><td data-label="Bought by">a&lt;b</td><td data-label="Provider ids"><code>cs_1</code><br><code>pi_1</code></td><td data-label="Status">paid</td></tr>'));
  });

  it('dates the period in the workspace\'s zone', () => {
    // The period of a Tokyo workspace starts at 1 Nov 00:00 Tokyo, which is 31 Oct 15:00 UTC.
    const html = renderPage(model({ timeZone: 'Asia/Tokyo', card: { ...model().card!, periodStart: '2026-10-31T15:00:00.000Z', resetAt: '2026-11-30T15:00:00.000Z' } }));
    assert.ok(html.includes('Credits of the period 1 Nov 2026 – 1 Dec 2026'));
    assert.ok(html.includes('<dd id="card-reset">1 Dec 2026</dd>'));
  });

  it('names node types by display name with an icon by price class, the type id in the tooltip', () => {
    const html = renderPage(model({ byNodeType: [{ key: '@n8n/n8n-nodes-langchain.lmChatOpenAi', label: '@n8n/n8n-nodes-langchain.lmChatOpenAi', millicredits: 2000, entries: 2 }, { key: '', label: '(execution)', millicredits: 100, entries: 1 }], nodeClasses: { '@n8n/n8n-nodes-langchain.lmChatOpenAi': 'ai-llm' } }));
    assert.ok(html.includes('<a href="/?nodeType=%40n8n%2Fn8n-nodes-langchain.lmChatOpenAi"><span class="node-type" title="@n8n/n8n-nodes-langchain.lmChatOpenAi"><svg class="node-icon icon-ai"'));
    assert.ok(html.includes('</svg>OpenAI Chat Model</span></a>'));
    assert.ok(html.includes('<a href="/?nodeType="><span class="node-type muted">(execution)</span></a>'));
  });

  it('labels an execution by its workflow and time, its id in the tooltip', () => {
    const html = renderPage(model({ timeZone: 'Asia/Tokyo', drill: { kind: 'executions', title: 'Executions of workflow Leads', rows: [{ executionId: 'ex-9', workflowName: 'Leads', millicredits: 1500, entries: 3, at: '2026-11-02T23:30:00.000Z' }] } }));
    // 23:30 UTC on 2 Nov is 08:30 on 3 Nov in Tokyo.
    assert.ok(html.includes('<a href="/?execution=ex-9" title="Execution ex-9">Leads · 3 Nov 2026, 08:30</a>'));
  });

  it('shows the paused and debt banner with when credits renew', () => {
    const html = renderPage(model({ timeZone: 'Asia/Tokyo', account: { paused: { reason: 'daily-limit', renewsAt: '2026-11-02T15:00:00.000Z' }, debt: 1250 } }));
    // The daily limit renews at Tokyo midnight: 15:00 UTC is 00:00 on 3 Nov; a top-up does not lift a daily limit.
    assert.ok(html.includes('<div class="banner paused" id="status-banner" role="alert"><p id="banner-paused"><b>Executions are paused.</b> Today&#39;s credit limit is used up: n8n refuses new executions until credits renew on 3 Nov 2026, 00:00.</p><p id="banner-debt"><b>The workspace owes 1.25 credits.</b>'));
  });

  it('shows only the debt line while a workspace owes credits but may run', () => {
    const html = renderPage(model({ account: { paused: null, debt: 500 } }));
    assert.deepEqual([html.includes('id="banner-debt"'), html.includes('id="banner-paused"'), html.includes('class="banner"')], [true, false, true]);
  });

  it('says when no alert was delivered yet', () => {
    assert.ok(renderPage(model()).includes('<section class="card" id="alert-deliveries"><h2>Alert deliveries</h2><p class="empty">Nothing sent yet.</p></section>'));
  });
});
