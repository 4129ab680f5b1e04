/**
 * `npm run bench -- abuse [seconds]`: `n8n-credits serve` (SQLite, its default limits) in a child process, attacked
 * the two ways issue 17 names. First, 4 clients post the largest workflow the limits admit (1,000 nodes) to
 * `/v1/estimates` back to back while `/healthz` is polled every 10 ms: its p99 must stay under 100 ms (target), and is
 * shown against the idle p99 of the same run. Then one client sends 1,000 requests with wrong keys: the counts of
 * 401 and 429 are printed, and a valid key from the same address must still get 200.
 */
import { resolveConfig } from '../ledger/src/service/config';
import { startService } from '../ledger/src/service/service';
import { reportResult } from './result';
import { startServeChild } from './serveChild';

const ESTIMATORS = 4;
const NODES = 1000;
const BAD_KEYS = 1000;
const HEALTHZ_TARGET_MS = 100;

async function serveChild(dataDir: string): Promise<void> {
  const service = await startService(resolveConfig({ port: 0, dataDir, logLevel: 'silent' }, {}, '/'));
  process.stdout.write(JSON.stringify({ url: service.url, key: service.adminKey }) + '\n');
  process.once('SIGTERM', () => void service.stop().then(() => process.exit(0)));
}

/** A chain of `n` Set nodes after a webhook: as many nodes as the default limit admits. */
function chainWorkflow(n: number): unknown {
  const nodes: Array<{ name: string; type: string; typeVersion: number; position: number[]; parameters: Record<string, unknown> }> = [
    { name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], parameters: { path: 'abuse' } },
  ];
  const connections: Record<string, unknown> = {};
  for (let i = 1; i < n; i++) {
    nodes.push({ name: `Set ${i}`, type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [i * 10, 0], parameters: {} });
    connections[nodes[i - 1]!.name] = { main: [[{ node: `Set ${i}`, type: 'main', index: 0 }]] };
  }
  return { nodes, connections };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Polls `/healthz` every 10 ms until `done` says stop; returns each answer's latency (ms). */
async function pollHealth(base: string, done: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (!done()) {
    const t0 = performance.now();
    await (await fetch(`${base}/healthz`)).arrayBuffer();
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 10));
  }
  return latencies.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  if (process.argv[2] === '--serve') return serveChild(process.argv[3]!);
  const seconds = Number(process.argv[2] ?? 10);
  const server = await startServeChild(__filename, 'abuse');
  const { url, key } = server;
  try {
    console.log(`abuse bench: ${ESTIMATORS} clients posting ${NODES}-node workflows for ${seconds}s, then ${BAD_KEYS} wrong keys`);

    let end = performance.now() + 2000;
    const idle = await pollHealth(url, () => performance.now() > end);

    const body = JSON.stringify({ workflow: chainWorkflow(NODES) });
    const statuses = new Map<number, number>();
    end = performance.now() + seconds * 1000;
    const estimators = Array.from({ length: ESTIMATORS }, async () => {
      while (performance.now() < end) {
        const res = await fetch(`${url}/v1/estimates`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    });
    const [loaded] = await Promise.all([pollHealth(url, () => performance.now() > end), ...estimators]);

    const failures = new Map<number, number>();
    for (let i = 0; i < BAD_KEYS; i++) {
      const res = await fetch(`${url}/v1/balance`, { headers: { authorization: `Bearer n8c_wrong_${i}` } });
      await res.arrayBuffer();
      failures.set(res.status, (failures.get(res.status) ?? 0) + 1);
    }
    const valid = (await fetch(`${url}/v1/balance`, { headers: { authorization: `Bearer ${key}` } })).status;

    const idleP99 = percentile(idle, 99);
    const loadedP99 = percentile(loaded!, 99);
    const estimates = [...statuses].map(([s, n]) => `${n} × ${s}`).join(', ');
    const limited = failures.get(429) ?? 0;
    console.log(`estimates answered: ${estimates}`);
    console.log(`/healthz idle: p50 ${percentile(idle, 50).toFixed(1)} ms, p99 ${idleP99.toFixed(1)} ms (${idle.length} polls)`);
    console.log(`/healthz under estimates: p50 ${percentile(loaded!, 50).toFixed(1)} ms, p99 ${loadedP99.toFixed(1)} ms (${loaded!.length} polls) — target < ${HEALTHZ_TARGET_MS} ms ${loadedP99 < HEALTHZ_TARGET_MS ? 'met' : 'NOT met'}`);
    console.log(`ratio /healthz p99 loaded/idle: ${(loadedP99 / idleP99).toFixed(1)}`);
    console.log(`${BAD_KEYS} wrong keys: ${failures.get(401) ?? 0} × 401, ${limited} × 429; then a valid key from the same address: ${valid}`);
    reportResult('abuse', [
      { name: `/healthz p99 while ${ESTIMATORS} clients post ${NODES}-node estimates`, value: Number(loadedP99.toFixed(1)), unit: 'ms', target: `< ${HEALTHZ_TARGET_MS} ms`, ok: loadedP99 < HEALTHZ_TARGET_MS },
      { name: '/healthz p99 loaded / idle', value: Number((loadedP99 / idleP99).toFixed(1)), unit: '×' },
      { name: `of ${BAD_KEYS} wrong keys, answered 429`, value: limited, unit: 'requests', target: '> 0 (limited)', ok: limited > 0 },
      { name: 'a valid key after them (same address)', value: valid, unit: 'status', target: '200', ok: valid === 200 },
    ], [`estimates: ${estimates}`]);
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
