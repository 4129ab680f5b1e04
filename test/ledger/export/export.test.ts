import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm, appendFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudEvent, HTTP } from 'cloudevents';
import { CloudEventsSink, REVERSAL_EVENT_TYPE, USAGE_EVENT_TYPE } from '../../../ledger/src/export/cloudEventsSink';
import { exportUsage, ExportError } from '../../../ledger/src/export/exportUsage';
import { FileSink } from '../../../ledger/src/export/fileSink';
import { StripeMeterSink } from '../../../ledger/src/export/stripeMeterSink';
import { openSqliteLedgerStore } from '../../../ledger/src/store/sqlite';
import type { LedgerStore } from '../../../ledger/src/store/types';
import { small } from '../store/plans';
import { startFakeStripe } from '../payments/fakeStripe';

/** A CloudEvents receiver: parses each batch with the official SDK, counts ids, fails the requests `failOn` names. */
type UsageData = { millicredits: number; reversesKey: string | null };

async function startReceiver(failOn: Set<number>): Promise<{ url: string; ids: string[]; events: CloudEvent<UsageData>[]; requests: number; close(): Promise<void> }> {
  const state = { ids: [] as string[], events: [] as CloudEvent<UsageData>[], requests: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      state.requests += 1;
      if (failOn.has(state.requests)) {
        res.writeHead(503).end();
        return;
      }
      const parsed = HTTP.toEvent<UsageData>({ headers: req.headers as Record<string, string>, body });
      const events = (Array.isArray(parsed) ? parsed : [parsed]) as CloudEvent<UsageData>[];
      // The SDK checks each event against CloudEvents 1.0.
      for (const event of events) {
        event.validate();
        state.ids.push(event.id);
        state.events.push(event);
      }
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    get ids() { return state.ids; }, get events() { return state.events; }, get requests() { return state.requests; },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('usage export', function () {
  this.timeout(60_000);
  let store: LedgerStore;
  let dir: string;

  beforeEach(async () => {
    store = await openSqliteLedgerStore({ path: ':memory:' });
    await store.createWorkspace({ id: 'w', name: 'W', plan: small({ allocation: 100_000 }), timeZone: 'UTC', anchorDay: 1 });
    // Ten charges of 1,000 … 10,000 (keys c1 … c10), then c3 reversed: 11 entries to export.
    for (let i = 1; i <= 10; i++) await store.charge({ workspaceId: 'w', key: `c${i}`, millicredits: i * 1000, workflowId: 'wf' });
    await store.reverse({ workspaceId: 'w', reversesKey: 'c3' });
    dir = await mkdtemp(join(tmpdir(), 'n8c-export-'));
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers every CloudEvent exactly once across a failed run and a restart', async () => {
    // The second request fails: the first run stops after batch 1 (4 entries); the restart sends the other 7.
    const receiver = await startReceiver(new Set([2]));
    try {
      const sink = () => new CloudEventsSink({ url: receiver.url, source: 'https://ledger.test' });
      const failed = await exportUsage(store, sink(), { batchSize: 4 }).then(() => null, (e: unknown) => e);
      assert.ok(failed instanceof ExportError);
      assert.deepEqual([failed.summary.entries, failed.summary.sent, failed.summary.acknowledged], [8, 8, 4]);
      const restart = await exportUsage(store, sink(), { batchSize: 4 });
      const again = await exportUsage(store, sink(), { batchSize: 4 });
      assert.deepEqual([restart.entries, restart.acknowledged, again.entries], [7, 7, 0]);
      // 11 ids, each once, in recording order.
      assert.deepEqual(receiver.ids, ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'reversal:c3']);
      const reversal = receiver.events[10];
      assert.deepEqual([reversal.type, reversal.source, reversal.subject, reversal.data?.millicredits, reversal.data?.reversesKey, receiver.events[0].type],
        [REVERSAL_EVENT_TYPE, 'https://ledger.test/workspaces/w', 'w', -3000, 'c3', USAGE_EVENT_TYPE]);
    } finally {
      await receiver.close();
    }
  });

  it('sends Stripe meter events once each, resuming after a failure part-way through a batch', async () => {
    let calls = 0;
    const seen: Record<string, string>[] = [];
    const stripe = await startFakeStripe((request) => {
      calls += 1;
      // The 6th call fails (a 400, which the SDK does not retry): entries 1–5 are acknowledged.
      if (calls === 6) return [400, { error: { type: 'invalid_request_error', message: 'try later' } }];
      seen.push(request.form);
      return [200, { object: 'billing.meter_event', identifier: request.form.identifier }];
    });
    try {
      const sink = () => new StripeMeterSink({ secretKey: 'sk_test_meter', eventName: 'credits_used', api: stripe.api, customerOf: async (ws) => (ws === 'w' ? 'cus_w' : null) });
      const failed = await exportUsage(store, sink(), { batchSize: 100 }).then(() => null, (e: unknown) => e);
      assert.ok(failed instanceof ExportError);
      assert.equal(failed.summary.acknowledged, 5);
      await exportUsage(store, sink(), { batchSize: 100 });
      const identifiers = seen.map((f) => f.identifier);
      assert.deepEqual(identifiers, ['w:c1', 'w:c2', 'w:c3', 'w:c4', 'w:c5', 'w:c6', 'w:c7', 'w:c8', 'w:c9', 'w:c10', 'w:reversal:c3']);
      assert.deepEqual(seen[10], { event_name: 'credits_used', identifier: 'w:reversal:c3', timestamp: seen[10].timestamp, 'payload[stripe_customer_id]': 'cus_w', 'payload[value]': '-3000' });
      assert.equal(stripe.requests[0].headers['idempotency-key'], 'w:c1');
    } finally {
      await stripe.close();
    }
  });

  it('writes a CSV file with each entry once, cutting back what a crash wrote after the cursor', async () => {
    const path = join(dir, 'usage.csv');
    await exportUsage(store, new FileSink('csv', path), { batchSize: 4 });
    // A crash after a write but before the cursor moved: a stray line past the cursor's offset.
    await appendFile(path, 'w,c11,usage,11000\r\n');
    await store.charge({ workspaceId: 'w', key: 'c11', millicredits: 11_000 });
    const second = await exportUsage(store, new FileSink('csv', path), { batchSize: 4 });
    const lines = (await readFile(path, 'utf8')).split('\r\n').filter(Boolean);
    // A header, 11 entries of the first run and c11 once.
    assert.deepEqual([second.entries, lines.length, lines[0].split(',').slice(0, 5).join(','), lines.filter((l) => l.startsWith('c11,')).length], [1, 13, 'key,workspaceId,type,millicredits,reversesKey', 1]);
    assert.deepEqual(lines[11].split(',').slice(0, 5), ['reversal:c3', 'w', 'reversal', '-3000', 'c3']);
  });

  it('writes JSON Lines whose amounts add up to the ledger\'s net usage', async () => {
    const path = join(dir, 'usage.jsonl');
    const summary = await exportUsage(store, new FileSink('jsonl', path), { batchSize: 3 });
    const records = (await readFile(path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { key: string; millicredits: number; type: string });
    // 1,000 + … + 10,000 = 55,000, less the reversed 3,000 = 52,000.
    assert.deepEqual([summary.entries, records.length, records.reduce((s, r) => s + r.millicredits, 0), records.filter((r) => r.type === 'reversal').map((r) => r.key)], [11, 11, 52_000, ['reversal:c3']]);
  });

  it('refuses to overwrite a file it did not write', async () => {
    const path = join(dir, 'mine.csv');
    await appendFile(path, 'precious\n');
    const error = await exportUsage(store, new FileSink('csv', path)).then(() => null, (e: unknown) => e as Error);
    assert.match(String(error?.message), /already has content/);
    assert.equal(await readFile(path, 'utf8'), 'precious\n');
  });
});
