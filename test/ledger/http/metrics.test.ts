import { strict as assert } from 'node:assert';
import { LATENCY_BUCKETS, Metrics } from '../../../ledger/src/http/metrics';
import { makeTestApp, type TestApp } from './helpers';

/** The value of one series in exposition text, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Metrics', () => {
  it('renders counters with sorted, escaped labels in the Prometheus text format', async () => {
    const m = new Metrics();
    m.inc('n8n_credits_http_requests_total', { status: '200', method: 'GET', route: '/a"b' }, 2);
    assert.ok((await m.render()).includes('# TYPE n8n_credits_http_requests_total counter\nn8n_credits_http_requests_total{method="GET",route="/a\\"b",status="200"} 2\n'));
  });

  it('observes request durations into the latency histogram, bucket by bucket', async () => {
    const m = new Metrics();
    for (const seconds of [0.0005, 0.003, 0.003, 0.2, 12]) m.observeRequest({ method: 'GET', route: '/x', status: '200' }, seconds);
    const text = await m.render();
    const bucket = (le: string) => sample(text, `n8n_credits_http_request_duration_seconds_bucket{le="${le}",method="GET",route="/x"}`);
    assert.deepEqual([bucket('0.001'), bucket('0.0025'), bucket('0.005'), bucket('0.1'), bucket('0.25'), bucket('10'), bucket('+Inf')], [1, 1, 3, 3, 4, 4, 5]);
    assert.equal(sample(text, 'n8n_credits_http_request_duration_seconds_count{method="GET",route="/x"}'), 5);
    assert.equal(sample(text, 'n8n_credits_http_request_duration_seconds_sum{method="GET",route="/x"}'), 12.2065);
    assert.equal(sample(text, 'n8n_credits_http_requests_total{method="GET",route="/x",status="200"}'), 5);
  });
});

describe('GET /metrics', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(async () => t.close());

  it('counts the requests sent, by method, route and status, and times each in the histogram', async () => {
    for (let i = 0; i < 3; i++) await t.call(null, { url: '/healthz' });
    await t.call('meter', { url: '/v1/balance' });
    await t.call('meter', { url: '/v1/balance' });
    await t.call(null, { url: '/v1/balance' });
    await t.call('meter', { url: '/no/such/route' });
    const res = await t.call('meter', { url: '/metrics' });
    const text = res.body;
    assert.equal(res.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.deepEqual(
      [
        sample(text, 'n8n_credits_http_requests_total{method="GET",route="/healthz",status="200"}'),
        sample(text, 'n8n_credits_http_requests_total{method="GET",route="/v1/balance",status="200"}'),
        sample(text, 'n8n_credits_http_requests_total{method="GET",route="/v1/balance",status="401"}'),
        sample(text, 'n8n_credits_http_requests_total{method="GET",route="unmatched",status="404"}'),
        sample(text, 'n8n_credits_http_request_duration_seconds_count{method="GET",route="/healthz"}'),
        sample(text, 'n8n_credits_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/healthz"}'),
        sample(text, 'n8n_credits_http_request_duration_seconds_count{method="GET",route="/v1/balance"}'),
        // The scrape itself is counted once it is answered.
        sample(text, 'n8n_credits_http_requests_total{method="GET",route="/metrics",status="200"}'),
      ],
      [3, 2, 1, 1, 3, 3, 3, undefined],
    );
    const again = (await t.call('meter', { url: '/metrics' })).body;
    assert.equal(sample(again, 'n8n_credits_http_requests_total{method="GET",route="/metrics",status="200"}'), 1);
  });

  it('has cumulative buckets at the documented bounds, and a sum of the durations', async () => {
    for (let i = 0; i < 4; i++) await t.call(null, { url: '/healthz' });
    const text = (await t.call('meter', { url: '/metrics' })).body;
    const counts = [...LATENCY_BUCKETS.map(String), '+Inf'].map((le) => sample(text, `n8n_credits_http_request_duration_seconds_bucket{le="${le}",method="GET",route="/healthz"}`)!);
    assert.deepEqual(LATENCY_BUCKETS, [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
    assert.ok(counts.every((c, i) => i === 0 || c >= counts[i - 1]!), `not cumulative: ${counts.join(' ')}`);
    assert.equal(counts.at(-1), 4);
    assert.ok(sample(text, 'n8n_credits_http_request_duration_seconds_sum{method="GET",route="/healthz"}')! > 0);
  });

  it('counts charges by outcome and the millicredits debited', async () => {
    await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'e:n:0:run', millicredits: 1234 } });
    await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'e:n:0:run', millicredits: 1234 } });
    await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'e:n:0:run', millicredits: 99 } });
    await t.call('meter', { method: 'POST', url: '/v1/usage', payload: { key: 'e:n:1:run', millicredits: 66 } });
    const text = (await t.call('meter', { url: '/metrics' })).body;
    assert.deepEqual(
      ['recorded', 'duplicate', 'conflict'].map((outcome) => sample(text, `n8n_credits_charges_total{outcome="${outcome}"}`)).concat(sample(text, 'n8n_credits_charged_millicredits_total')),
      [2, 1, 1, 1300],
    );
  });

  it('names its own metrics the Prometheus way: counters end in _total, the histogram has its unit, no hand-made sums', async () => {
    const text = (await t.call('meter', { url: '/metrics' })).body;
    const types = Object.fromEntries([...text.matchAll(/^# TYPE (n8n_credits_\w+) (\w+)$/gm)].map((m) => [m[1]!, m[2]!]));
    assert.deepEqual(types, {
      n8n_credits_http_requests_total: 'counter',
      n8n_credits_charges_total: 'counter',
      n8n_credits_charged_millicredits_total: 'counter',
      n8n_credits_http_request_duration_seconds: 'histogram',
    });
  });

  it('adds the process metrics, with its start time', async () => {
    const text = (await t.call('meter', { url: '/metrics' })).body;
    const started = sample(text, 'process_start_time_seconds')!;
    assert.ok(Math.abs(started - (Date.now() / 1000 - process.uptime())) < 5, `process_start_time_seconds ${started}`);
    assert.match(text, /^# TYPE nodejs_heap_size_used_bytes gauge$/m);
  });
});
