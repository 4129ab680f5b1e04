/**
 * `npm run bench -- http [seconds] [batchSize]`: usage events over HTTP against `n8n-credits serve` on
 * SQLite, run in a child process so the clients do not share its event loop. 8 concurrent keep-alive
 * clients first send batches (charges per second, target ≥ 20,000), then single events (p50/p99 latency).
 * Prints figures and ratios measured in this one run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap } from '../ledger/src/service/bootstrap';
import { resolveConfig } from '../ledger/src/service/config';
import { openSqliteLedgerStore } from '../ledger/src/store/sqlite';
import { startService } from '../ledger/src/service/service';
import { reportResult } from './result';
import { startServeChild } from './serveChild';

const CLIENTS = 8;
const TARGET = 20_000;

async function serveChild(dataDir: string): Promise<void> {
  // The clients use the admin key as fast as they can: its per-key limit (6,000 a minute) is off here, as a meter key's is by default.
  const service = await startService(resolveConfig({ port: 0, dataDir, logLevel: 'silent', bodyLimit: 16 * 1024 * 1024, rateLimit: 0 }, {}, '/'));
  process.stdout.write(JSON.stringify({ url: service.url, key: service.adminKey }) + '\n');
  process.once('SIGTERM', () => void service.stop().then(() => process.exit(0)));
}

function post(agent: Agent, url: URL, key: string, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: url.hostname, port: url.port, path, method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `CLIENTS` loops for `ms`, each on its own keep-alive connection; returns what each request took (ms). */
async function load(ms: number, send: (agent: Agent, client: number, n: number) => Promise<number>): Promise<{ latencies: number[]; requests: number; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const end = Date.now() + ms;
  await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let n = 0; Date.now() < end; n++) {
      const t0 = process.hrtime.bigint();
      const status = await send(agent, client, n);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (status >= 300) failures++;
    }
    agent.destroy();
  }));
  return { latencies, requests: latencies.length, failures };
}

/** The same batches straight into a SQLite store in this process: what HTTP adds is measured against it. */
async function directRate(dir: string, ms: number, batchSize: number): Promise<number> {
  const store = await openSqliteLedgerStore({ path: join(dir, 'direct.sqlite') });
  const { workspace } = await bootstrap(store);
  let charges = 0;
  const start = Date.now();
  for (let n = 0; Date.now() - start < ms; n++) {
    await store.chargeBatch(Array.from({ length: batchSize }, (_, i) => ({ workspaceId: workspace.id, key: `d:${n}:${i}`, millicredits: 3, workflowId: `wf${i % 7}`, nodeName: `node ${i % 11}`, nodeType: 'n8n-nodes-base.httpRequest', executionId: `e:${n}` })));
    charges += batchSize;
  }
  const rate = charges / ((Date.now() - start) / 1000);
  await store.close();
  return rate;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--serve') return serveChild(process.argv[3]!);
  const seconds = Number(process.argv[2] ?? 5);
  const batchSize = Number(process.argv[3] ?? 1000);
  const server = await startServeChild(__filename, 'http');
  const { url, key } = server;
  try {
    const base = new URL(url);
    console.log(`http bench: ${CLIENTS} keep-alive clients, SQLite, ${seconds}s per phase, batches of ${batchSize}`);

    // Warm-up: JIT, prepared statements, the first period's grants.
    await load(500, (agent, c, n) => post(agent, base, key, '/v1/usage', JSON.stringify({ key: `warm:${c}:${n}`, millicredits: 1 })));

    const batched = await load(seconds * 1000, (agent, c, n) => {
      const events = Array.from({ length: batchSize }, (_, i) => ({ key: `b:${c}:${n}:${i}`, millicredits: 3, workflowId: `wf${i % 7}`, nodeName: `node ${i % 11}`, nodeType: 'n8n-nodes-base.httpRequest', executionId: `e:${c}:${n}` }));
      return post(agent, base, key, '/v1/usage/batch', JSON.stringify({ events }));
    });
    const batchedRate = ((batched.requests - batched.failures) * batchSize) / seconds;

    const single = await load(seconds * 1000, (agent, c, n) => post(agent, base, key, '/v1/usage', JSON.stringify({ key: `s:${c}:${n}`, millicredits: 3, workflowId: 'wf', nodeName: 'HTTP Request', nodeType: 'n8n-nodes-base.httpRequest' })));
    const singleRate = (single.requests - single.failures) / seconds;
    const directDir = mkdtempSync(join(tmpdir(), 'n8c-bench-direct-'));
    const direct = await directRate(directDir, seconds * 1000, batchSize).finally(() => rmSync(directDir, { recursive: true, force: true }));
    const sorted = [...single.latencies].sort((a, b) => a - b);
    const sortedBatch = [...batched.latencies].sort((a, b) => a - b);

    console.log(`batched: ${Math.round(batchedRate).toLocaleString('en')} charges/s (${batched.requests} requests, ${batched.failures} failed; p50 ${percentile(sortedBatch, 50).toFixed(1)} ms per batch)`);
    console.log(`single:  ${Math.round(singleRate).toLocaleString('en')} charges/s (${single.requests} requests, ${single.failures} failed)`);
    console.log(`single-event latency: p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms`);
    console.log(`direct:  ${Math.round(direct).toLocaleString('en')} charges/s (the same batches through the store in one process, no HTTP)`);
    console.log(`ratio HTTP batched/direct store: ${(batchedRate / direct).toFixed(2)}`);
    console.log(`ratio batched/single: ${(batchedRate / singleRate).toFixed(1)}x`);
    console.log(`ratio batched/target (${TARGET.toLocaleString('en')}/s): ${(batchedRate / TARGET).toFixed(2)} — target ${batchedRate >= TARGET ? 'met' : 'NOT met'}`);
    reportResult('http', [
      { name: `HTTP batched charges, ${CLIENTS} clients, batches of ${batchSize} (SQLite)`, value: Math.round(batchedRate), unit: 'charges/s', target: '≥ 20,000/s', ok: batchedRate >= TARGET },
      { name: `HTTP single events, ${CLIENTS} clients`, value: Math.round(singleRate), unit: 'charges/s' },
      { name: 'single-event latency p50', value: Number(percentile(sorted, 50).toFixed(2)), unit: 'ms' },
      { name: 'single-event latency p99', value: Number(percentile(sorted, 99).toFixed(2)), unit: 'ms' },
      { name: 'HTTP batched / same batches straight into the store', value: Number((batchedRate / direct).toFixed(2)), unit: '×' },
    ]);
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
