/**
 * Memory of the ledger service under a long run of charges: the service runs in a child with
 * `--expose-gc`; after each round of requests it reports its memory after a full GC. Used by the
 * memory fault test (slope near zero) and `npm run bench -- memory` (peak RSS under load).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MemoryReport } from './serve-child';
import { call, client, startServe } from './service';

export interface MemorySample extends MemoryReport {
  /** Requests sent before this sample (after warm-up). */
  requests: number;
  charges: number;
}

export interface MemoryRun {
  idle: MemoryReport;
  warm: MemorySample;
  samples: MemorySample[];
  /** Least-squares slope of heap used after GC over requests, bytes per request (after warm-up). */
  heapSlope: number;
  /** The same for RSS. */
  rssSlope: number;
  failures: number;
  seconds: number;
}

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

/**
 * Starts a fresh SQLite service, warms it up with one round, then sends `rounds` rounds of
 * `perRound` requests from `clients` keep-alive clients: one in `batchEvery` is a batch of
 * `batchSize` events, the rest single events (every key new).
 */
export async function measureMemory(options: { rounds: number; perRound: number; clients: number; batchEvery?: number; batchSize?: number }): Promise<MemoryRun> {
  const { rounds, perRound, clients } = options;
  const batchEvery = options.batchEvery ?? 10;
  const batchSize = options.batchSize ?? 50;
  const dir = mkdtempSync(join(tmpdir(), 'n8c-memory-'));
  const served = await startServe({ dataDir: dir, nodeFlags: ['--expose-gc'] });
  const started = Date.now();
  try {
    const idle = await served.memory();
    let requests = 0;
    let charges = 0;
    let failures = 0;
    const round = async (tag: string) => {
      let next = 0;
      await Promise.all(Array.from({ length: clients }, async (_, c) => {
        const agent = client();
        while (next < perRound) {
          const n = next++;
          const batch = n % batchEvery === 0;
          const body = batch
            ? JSON.stringify({ events: Array.from({ length: batchSize }, (_, i) => ({ key: `${tag}:${n}:${i}`, millicredits: 1, workflowId: `wf${n % 13}`, nodeName: `node ${i % 7}`, nodeType: 'n8n-nodes-base.set', executionId: `${tag}:${n}` })) })
            : JSON.stringify({ key: `${tag}:${n}:${c}`, millicredits: 1, workflowId: `wf${n % 13}`, nodeName: 'Set', nodeType: 'n8n-nodes-base.set', executionId: `${tag}:${n}` });
          const answer = await call(agent, served.url, served.key, 'POST', batch ? '/v1/usage/batch' : '/v1/usage', body);
          if (answer.status >= 300) failures++;
          requests++;
          charges += batch ? batchSize : 1;
        }
        agent.destroy();
      }));
    };
    await round('warm');
    const sample = async (): Promise<MemorySample> => ({ ...(await served.memory()), requests, charges });
    requests = 0;
    charges = 0;
    const warm = await sample();
    const samples: MemorySample[] = [];
    for (let r = 0; r < rounds; r++) {
      await round(`r${r}`);
      samples.push(await sample());
    }
    const all = [warm, ...samples];
    return {
      idle, warm, samples, failures,
      heapSlope: slope(all.map((s) => [s.requests, s.heapUsed])),
      rssSlope: slope(all.map((s) => [s.requests, s.rss])),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
