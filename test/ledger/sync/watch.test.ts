import assert from 'node:assert/strict';
import { watchPasses } from '../../../ledger/src/sync/watch';

describe('watchPasses', () => {
  it('runs passes until aborted, reporting each', async () => {
    const stop = new AbortController();
    const seen: number[] = [];
    let n = 0;
    const passes = await watchPasses({
      pass: async () => ++n, intervalMs: 1, signal: stop.signal,
      onPass: (r) => {
        seen.push(r);
        if (r === 3) stop.abort();
      },
      onError: () => {},
    });
    assert.deepEqual([passes, seen], [3, [1, 2, 3]]);
  });

  it('reports a failed pass and keeps going', async () => {
    const stop = new AbortController();
    const events: string[] = [];
    let n = 0;
    await watchPasses({
      pass: async () => {
        if (++n === 1) throw new Error('ledger down');
        return n;
      },
      intervalMs: 1, signal: stop.signal,
      onPass: (r) => {
        events.push(`ok ${r}`);
        stop.abort();
      },
      onError: (err) => events.push(`error ${(err as Error).message}`),
    });
    assert.deepEqual(events, ['error ledger down', 'ok 2']);
  });

  it('stops waiting at once when aborted during the interval', async () => {
    const stop = new AbortController();
    let passes = 0;
    const running = watchPasses({ pass: async () => ++passes, intervalMs: 3_600_000, signal: stop.signal, onPass: () => {}, onError: () => {} });
    await new Promise((r) => setImmediate(r));
    stop.abort();
    assert.equal(await running, 1);
  });
});
