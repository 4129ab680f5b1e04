/**
 * `npm run bench -- memory [rounds] [perRound]`: peak memory of the ledger service (SQLite, in a
 * child process) under a long run of charges from 8 keep-alive clients (single events, and one
 * request in ten a batch of 50): RSS idle, after warm-up and at its peak, heap after a full GC,
 * and their growth per request after warm-up (slope; near zero when nothing leaks). Measured in
 * one run, printed, not asserted (test/fault/memory.fault.ts asserts the slope).
 */
import { measureMemory, mib } from '../test/fault/support/memoryProbe';
import { reportResult } from './result';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 8);
  const perRound = Number(process.argv[3] ?? 4000);
  const run = await measureMemory({ rounds, perRound, clients: 8 });
  const last = run.samples[run.samples.length - 1]!;
  const peak = Math.max(...run.samples.map((s) => s.maxRss));
  console.log(`memory bench: ${last.requests} requests, ${last.charges} charges after a warm-up of ${perRound} requests; 8 clients; ${run.seconds.toFixed(0)} s; ${run.failures} failed`);
  console.log(`RSS:  idle ${mib(run.idle.rss)} MiB, after warm-up ${mib(run.warm.rss)} MiB, at the end ${mib(last.rss)} MiB, peak ${mib(peak)} MiB`);
  console.log(`heap after GC: idle ${mib(run.idle.heapUsed)} MiB, after warm-up ${mib(run.warm.heapUsed)} MiB, at the end ${mib(last.heapUsed)} MiB`);
  console.log(`growth per request after warm-up: heap ${run.heapSlope.toFixed(1)} B, RSS ${run.rssSlope.toFixed(1)} B`);
  console.log(`ratio peak RSS / idle RSS: ${(peak / run.idle.rss).toFixed(2)}×`);
  reportResult('memory', [
    { name: 'service peak RSS under load', value: Number(mib(peak)), unit: 'MiB' },
    { name: 'service RSS idle', value: Number(mib(run.idle.rss)), unit: 'MiB' },
    { name: 'ratio peak RSS / idle RSS', value: Number((peak / run.idle.rss).toFixed(2)), unit: '×' },
    { name: 'heap growth per request after warm-up', value: Number(run.heapSlope.toFixed(1)), unit: 'B/request', target: '< 256 B (flat)', ok: run.heapSlope < 256 },
    { name: 'RSS growth per request after warm-up', value: Number(run.rssSlope.toFixed(1)), unit: 'B/request', target: '< 4096 B', ok: run.rssSlope < 4096 },
  ], [`${last.requests} requests / ${last.charges} charges, 8 clients`]);
  process.exitCode = run.failures === 0 ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
