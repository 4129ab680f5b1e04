import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { renderDailyChart } from '../../../../ledger/src/billing-page/chart';
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

describe('renderDailyChart', () => {
  it('draws one bar per day, the tallest at full height', () => {
    const svg = renderDailyChart([{ day: '2026-11-01', millicredits: 500 }, { day: '2026-11-02', millicredits: 1000 }], 100, 120);
    assert.deepEqual([...svg.matchAll(/height="(\d+)" data-day/g)].map((m) => Number(m[1])), [50, 100]);
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
  it('shows the alert delivery log with its last error, escaped', () => {
    const html = renderPage(model({ deliveries: [{ event: 'depleted', channel: 'webhook', target: 'http://127.0.0.1/h', status: 'pending', attempts: 2, lastError: 'webhook: the receiver answered <b>500</b>', at: '2026-11-02T10:00:00.000Z' }] }));
    assert.ok(html.includes('<tr class="pending"><td>2026-11-02T10:00:00.000Z</td><td>depleted</td><td>webhook</td><td>http://127.0.0.1/h</td><td>pending</td><td class="num">2</td><td>webhook: the receiver answered &lt;b&gt;500&lt;/b&gt;</td></tr>'));
  });

  it('says when no alert was delivered yet', () => {
    assert.ok(renderPage(model()).includes('<section class="card" id="alert-deliveries"><h2>Alert deliveries</h2><p class="empty">Nothing sent yet.</p></section>'));
  });
});
