import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SendResult } from '../../../ledger/src/hook/client';
import { Deliverer } from '../../../ledger/src/hook/deliverer';
import { Spool } from '../../../ledger/src/hook/spool';
import { tempDir } from './helpers';

const OK: SendResult = { status: 'ok', recorded: 1, duplicates: 0 };
const FAILED: SendResult = { status: 'failed', reason: 'the ledger answered 500: internal error', httpStatus: 500 };

function setup(results: SendResult[] | ((body: string) => SendResult), retryInitialMs = 5, maxAttempts?: number) {
  const spool = new Spool(tempDir('deliverer-'));
  spool.open();
  const sent: string[] = [];
  const lines: string[] = [];
  const answer = typeof results === 'function' ? results : () => results.shift() ?? OK;
  const deliverer = new Deliverer({
    send: async (body) => (sent.push(body), answer(body)),
    spool, log: (l) => lines.push(l), retryInitialMs, retryMaxMs: Math.max(20, retryInitialMs), maxAttempts,
  });
  return { spool, sent, lines, deliverer };
}

async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(done(), `timed out waiting for ${what}`);
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

  it('moves a refused record to dead/ at once with its status, message, attempts and time, and never retries it', async () => {
    const { spool, sent, deliverer } = setup([{ status: 'reject', reason: 'the ledger answered 401: unknown key', httpStatus: 401 }]);
    const before = Date.now();
    await deliverer.submit({ executionId: 'e1', body: '{}' });
    await deliverer.drain();
    deliverer.stop();
    const [name] = spool.dead.names();
    const dead = JSON.parse(readFileSync(join(spool.dead.dir, name!), 'utf8')) as { executionId: string; dead: { status: number; message: string; attempts: number; at: string } };
    assert.deepEqual([sent.length, spool.list().length, dead.executionId, dead.dead.status, dead.dead.message, dead.dead.attempts], [1, 0, 'e1', 401, 'the ledger answered 401: unknown key', 1]);
    assert.ok(Date.parse(dead.dead.at) >= before - 1 && Date.parse(dead.dead.at) <= Date.now() + 1);
  });

  it('counts the attempts of a record the ledger fails on in its file, then buries it after the limit while the others are delivered', async () => {
    // 3 attempts allowed: the first send and two retries of "poison"; "a" and "b" go through at once.
    const { spool, sent, lines, deliverer } = setup((body) => (body === 'poison' ? FAILED : OK), 5, 3);
    await deliverer.submit({ executionId: 'p', body: 'poison' });
    const [name] = spool.list();
    assert.equal((JSON.parse(readFileSync(join(spool.dir, name!), 'utf8')) as { attempts: number }).attempts, 1);
    await deliverer.submit({ executionId: 'a', body: 'a' });
    await deliverer.submit({ executionId: 'b', body: 'b' });
    await until(() => spool.dead.names().length === 1, 'the poison record to die');
    deliverer.stop();
    assert.deepEqual([sent.filter((b) => b === 'poison').length, sent.filter((b) => b !== 'poison'), spool.list(), deliverer.stats.dead], [3, ['a', 'b'], [], 1]);
    const deadLines = lines.filter((l) => l.includes(' is dead '));
    assert.deepEqual(deadLines.length, 1);
    assert.match(deadLines[0]!, /execution p is dead \(after 3 attempts\): the ledger answered 500: internal error; .*0 waiting, 1 dead.*n8n-credits spool replay p/);
  });

  it('counts nothing against records while the ledger is unreachable, however long', async () => {
    const { spool, deliverer } = setup(() => ({ status: 'retry', reason: 'down' }), 1, 2);
    await deliverer.submit({ executionId: 'e1', body: '1' });
    for (let i = 0; i < 5; i++) await deliverer.drain();
    deliverer.stop();
    const record = JSON.parse(readFileSync(join(spool.dir, spool.list()[0]!), 'utf8')) as { attempts?: number };
    assert.deepEqual([spool.list().length, spool.dead.names().length, record.attempts], [1, 0, undefined]);
  });

  it('counts a delivery that timed out and waits before the next record, as for an outage', async () => {
    const timedOut: SendResult = { status: 'failed', reason: 'no answer within 10 ms', httpStatus: null, timedOut: true };
    const { spool, sent, deliverer } = setup([{ status: 'retry', reason: 'down' }, timedOut], 60000);
    await deliverer.submit({ executionId: 'e1', body: '1' });
    await deliverer.submit({ executionId: 'e2', body: '2' });
    await deliverer.drain();
    deliverer.stop();
    const first = JSON.parse(readFileSync(join(spool.dir, spool.list()[0]!), 'utf8')) as { attempts?: number };
    // e1: refused connection (not counted), then a timeout (counted); e2 queued behind it and not tried after the timeout.
    assert.deepEqual([sent, first.attempts, spool.list().length], [['1', '1'], 1, 2]);
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

  it('finds records put back in the spool by someone else within retryMaxMs', async () => {
    const { spool, sent, deliverer } = setup([]);
    await deliverer.submit({ executionId: 'e1', body: '1' });
    spool.write({ executionId: 'e2', body: '2' });
    await until(() => spool.list().length === 0, 'the record written behind its back');
    deliverer.stop();
    assert.deepEqual(sent, ['1', '2']);
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
