/**
 * The service's memory stays flat over a long run of charges: after a warm-up, the heap after a
 * full GC grows by less than 256 bytes per request (a leak that kept anything per request —
 * a request object, a key, an entry — would cost more), and RSS does not climb with it.
 */
import { strict as assert } from 'node:assert';
import { measureMemory, mib, type MemoryRun } from './support/memoryProbe';

/**
 * Heap bytes per request allowed after warm-up. Measured here: within ±70 B/request of zero (GC
 * noise of about 1 MiB over the run); keeping a request's key and entry would cost several hundred.
 */
const HEAP_BYTES_PER_REQUEST = 256;
/** RSS per request: looser (measured about ±600 B/request), as SQLite's page cache and the allocator settle. */
const RSS_BYTES_PER_REQUEST = 4096;

describe('the service memory over a long run of charges', () => {
  let run: MemoryRun;

  before(async function () {
    this.timeout(300_000);
    run = await measureMemory({ rounds: 6, perRound: 3000, clients: 4 });
    const last = run.samples[run.samples.length - 1]!;
    console.log(`      ${last.requests} requests (${last.charges} charges) after warm-up in ${run.seconds.toFixed(0)} s, ${run.failures} failed`);
    console.log(`      heap after GC: idle ${mib(run.idle.heapUsed)} MiB, warm ${mib(run.warm.heapUsed)} MiB, then ${run.samples.map((s) => mib(s.heapUsed)).join(', ')} MiB; slope ${run.heapSlope.toFixed(2)} B/request`);
    console.log(`      RSS: idle ${mib(run.idle.rss)} MiB, warm ${mib(run.warm.rss)} MiB, then ${run.samples.map((s) => mib(s.rss)).join(', ')} MiB; slope ${run.rssSlope.toFixed(1)} B/request; peak ${mib(last.maxRss)} MiB`);
  });

  it('records every charge of the run', () => {
    assert.equal(run.failures, 0);
    assert.equal(run.samples.length, 6);
  });

  it('keeps the heap after GC flat: growth per request near zero', () => {
    assert.ok(run.heapSlope < HEAP_BYTES_PER_REQUEST, `heap grows ${run.heapSlope.toFixed(1)} bytes per request`);
  });

  it('keeps RSS from climbing with the requests', () => {
    assert.ok(run.rssSlope < RSS_BYTES_PER_REQUEST, `RSS grows ${run.rssSlope.toFixed(1)} bytes per request`);
  });
});
