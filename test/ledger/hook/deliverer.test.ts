import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SendResult } from '../../../ledger/src/hook/client';
import { Deliverer } from '../../../ledger/src/hook/deliverer';
import { Spool } from '../../../ledger/src/hook/spool';
import { tempDir } from './helpers';

function setup(results: SendResult[], retryInitialMs = 5) {
  const spool = new Spool(tempDir('deliverer-'));
  spool.open();
  const sent: string[] = [];
  const lines: string[] = [];
  const deliverer = new Deliverer({
    send: async (body) => (sent.push(body), results.shift() ?? { status: 'ok', recorded: 1, duplicates: 0 }),
    spool, log: (l) => lines.push(l), retryInitialMs, retryMaxMs: Math.max(20, retryInitialMs),
  });
  return { spool, sent, lines, deliverer };
}

describe('Deliverer', () => {
  it('spools a record the ledger could not take and delivers it on the next drain', async () => {
    const { spool, sent, deliverer } = setup([{ status: 'retry', reason: 'down' }]);
    await deliverer.submit({ executionId: 'e1', body: '{"a":1}' });
    assert.equal(spool.list().length, 1);
    await deliverer.drain();
    deliverer.stop();
    assert.deepEqual([sent, spool.list()], [['{"a":1}', '{"a":1}'], []]);
  });

  it('keeps a refused record in rejected/ and never retries it', async () => {
    const { spool, sent, deliverer } = setup([{ status: 'reject', reason: 'the ledger answered 400' }]);
    await deliverer.submit({ executionId: 'e1', body: '{}' });
    await deliverer.drain();
    deliverer.stop();
    assert.deepEqual([sent.length, spool.list().length, readdirSync(join(spool.dir, 'rejected')).length], [1, 0, 1]);
  });

  it('logs the unreachable ledger once however many records wait', async () => {
    const { lines, deliverer } = setup([{ status: 'retry', reason: 'down' }, { status: 'retry', reason: 'down' }]);
    await deliverer.submit({ executionId: 'e1', body: '{}' });
    await deliverer.submit({ executionId: 'e2', body: '{}' });
    deliverer.stop();
    assert.equal(lines.filter((l) => l.includes('down')).length, 1);
  });

  it('queues behind a waiting spool without trying, then delivers oldest first', async () => {
    const { spool, sent, deliverer } = setup([{ status: 'retry', reason: 'down' }], 60000);
    await deliverer.submit({ executionId: 'e1', body: '1' });
    await deliverer.submit({ executionId: 'e2', body: '2' });
    assert.deepEqual([sent, spool.list().length], [['1'], 2]);
    await deliverer.drain();
    deliverer.stop();
    assert.deepEqual([sent, spool.list()], [['1', '1', '2'], []]);
  });

  it('spools records beyond the in-flight limit instead of holding them in memory', async () => {
    const spool = new Spool(tempDir('deliverer-'));
    spool.open();
    let sent = 0;
    const deliverer = new Deliverer({ send: () => (sent++, new Promise(() => {})), spool, log: () => {}, retryInitialMs: 60000, retryMaxMs: 60000, maxInFlight: 2 });
    for (let i = 0; i < 5; i++) void deliverer.submit({ executionId: `e${i}`, body: '{}' });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual([sent, spool.list().length], [2, 3]);
    deliverer.stop();
  });

  it('spools what is still in flight when the process stops', () => {
    const spool = new Spool(tempDir('deliverer-'));
    spool.open();
    const deliverer = new Deliverer({ send: () => new Promise(() => {}), spool, log: () => {}, retryInitialMs: 5, retryMaxMs: 20 });
    void deliverer.submit({ executionId: 'e1', body: '{}' });
    deliverer.stop();
    assert.equal(spool.list().length, 1);
  });
});
