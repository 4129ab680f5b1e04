import { strict as assert } from 'node:assert';
import { AnalysisPool } from '../../../ledger/src/http/analysis/pool';
import { countConnections } from '../../../ledger/src/http/analysis/limits';
import { runAnalysis } from '../../../ledger/src/http/analysis/job';
import type { AppOptions } from '../../../ledger/src/http/app';
import { limitServer } from './limitServer';
import { chainWorkflow, diamondsWorkflow } from './limitWorkflows';

const serve = async (options: Omit<AppOptions, 'store'>) => {
  const server = await limitServer(options);
  return { ...server, key: server.adminKey };
};

const post = (url: string, key: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('countConnections', () => {
  it('counts every target of every output of every node, and nothing of a malformed entry', () => {
    // By hand: Start → A, B (2 on output 0), A → C (1), B's outputs [[C], [D]] (2): 5. "X" is not an object of outputs.
    const connections = {
      Start: { main: [[{ node: 'A' }, { node: 'B' }]] },
      A: { main: [[{ node: 'C' }]] },
      B: { main: [[{ node: 'C' }], [{ node: 'D' }]], ai_tool: 'junk' },
      X: 7,
    };
    assert.equal(countConnections(connections), 5);
  });
});

describe('analysis limits on the routes', () => {
  let s: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    s = await serve({ analysis: { maxNodes: 10, maxConnections: 9, maxBytes: 4096, workers: 0 } });
  });
  after(async () => {
    await s.close();
  });

  it('refuses 11 nodes over a limit of 10 with a 422 naming the limit and the count, on estimates and admission', async () => {
    const workflow = chainWorkflow(11);
    const answers = [await post(s.url, s.key, '/v1/estimates', { workflow }), await post(s.url, s.key, '/v1/admission', { workflow })];
    const bodies = await Promise.all(answers.map((r) => r.json() as Promise<{ error: { code: string; field: string; limit: number; value: number } }>));
    assert.deepEqual(answers.map((r) => r.status), [422, 422]);
    assert.deepEqual(bodies.map((b) => [b.error.code, b.error.field, b.error.limit, b.error.value]), [['workflow_too_large', 'workflow.nodes', 10, 11], ['workflow_too_large', 'workflow.nodes', 10, 11]]);
  });

  it('refuses 12 connections over a limit of 9 (3 diamonds: 10 nodes, 4 connections each), naming them', async () => {
    const r = await post(s.url, s.key, '/v1/estimates', { workflow: diamondsWorkflow(3) });
    const body = (await r.json()) as { error: { field: string; limit: number; value: number } };
    assert.deepEqual([r.status, body.error.field, body.error.limit, body.error.value], [422, 'workflow.connections', 9, 12]);
  });

  it('refuses a body over the analysis body limit with a 413 naming that limit, not the 4 MiB of other routes', async () => {
    const workflow = { ...chainWorkflow(2), name: 'x'.repeat(5000) };
    const r = await post(s.url, s.key, '/v1/estimates', { workflow });
    const body = (await r.json()) as { error: { code: string; limit: number } };
    assert.deepEqual([r.status, body.error.code, body.error.limit], [413, 'body_too_large', 4096]);
  });

  it('answers a workflow at the limits (10 nodes and 9 connections: the trigger and 9 HTTP requests)', async () => {
    const r = await post(s.url, s.key, '/v1/estimates', { workflow: chainWorkflow(10) });
    // twenty's seed: an HTTP request is a complex operation, 10 credits; the trigger is free. 9 × 10,000.
    assert.deepEqual([r.status, ((await r.json()) as { millicredits: number }).millicredits], [200, 90_000]);
  });
});

describe('a workflow too costly to price', () => {
  it('answers 422 estimate_out_of_range, not 500: 60 doubling diamonds are about 2^60 items', async () => {
    const s = await serve({ analysis: { maxNodes: 1000, workers: 0 } });
    try {
      const r = await post(s.url, s.key, '/v1/estimates', { workflow: diamondsWorkflow(60) });
      const body = (await r.json()) as { error: { code: string; field: string } };
      assert.deepEqual([r.status, body.error.code, body.error.field], [422, 'estimate_out_of_range', 'workflow']);
    } finally {
      await s.close();
    }
  });
});

describe('AnalysisPool', function () {
  // A worker loads the pricing code through tsx first: seconds on a busy machine.
  this.timeout(120_000);

  it('answers in a worker what the analysis answers inline', async () => {
    const pool = new AnalysisPool(1, 60_000);
    const job = { text: JSON.stringify(diamondsWorkflow(5)), priceBook: 'twenty' };
    try {
      assert.deepEqual(await pool.analyze(job), runAnalysis(job));
    } finally {
      await pool.close();
    }
  });

  it('stops an analysis past its budget with a 422 naming it, and analyses the next job in a new worker', async () => {
    const small = { text: JSON.stringify(chainWorkflow(3)), priceBook: 'twenty' };
    const slow = { text: JSON.stringify(chainWorkflow(5000)), priceBook: 'twenty' };
    // The budget is a third of what the slow job takes inline, measured here: the ratio holds on a fast or a busy machine.
    const started = performance.now();
    runAnalysis(slow);
    const budget = Math.max(1, Math.floor((performance.now() - started) / 3));
    const pool = new AnalysisPool(1, budget);
    try {
      // The worker loads first (its budget starts once it is ready), then the small job is quick.
      assert.equal((await pool.analyze(small)).perExecution.expected, 20_000);
      const refused = await pool.analyze(slow).then(() => null, (err: { status?: number; code?: string; detail?: { limit: number } }) => err);
      assert.deepEqual([refused?.status, refused?.code, refused?.detail?.limit], [422, 'analysis_timeout', budget]);
      // twenty's seed: 2 HTTP requests at 10 credits, from a new worker.
      assert.equal((await pool.analyze(small)).perExecution.expected, 20_000);
    } finally {
      await pool.close();
    }
  });
});

describe('AnalysisPool queue', function () {
  this.timeout(120_000);

  it('refuses a job past the 16 waiting for a busy worker with 503 analysis_busy, and refuses the waiting ones on close', async () => {
    const pool = new AnalysisPool(1, 60_000);
    const small = { text: JSON.stringify(chainWorkflow(3)), priceBook: 'twenty' };
    await pool.analyze(small);
    const outcome = (job: typeof small) => pool.analyze(job).then(() => 'done', (err: { status?: number; code?: string; detail?: { limit: number } }) => `${err.status} ${err.code} ${err.detail?.limit ?? ''}`.trim());
    // One long job holds the worker; 16 wait; the 18th is refused at once.
    const running = outcome({ text: JSON.stringify(chainWorkflow(5000)), priceBook: 'twenty' });
    const waiting = Array.from({ length: 16 }, () => outcome(small));
    const refused = await outcome(small);
    await pool.close();
    assert.deepEqual([refused, await running, new Set(await Promise.all(waiting))], ['503 analysis_busy 16', '503 analysis_busy', new Set(['503 analysis_busy'])]);
  });
});

describe('/healthz while a large workflow is analysed', function () {
  this.timeout(120_000);

  /** Sends a 2,000-node estimate, then 5 `/healthz` one after another; when each finished, from the estimate's start. */
  async function race(workers: number): Promise<{ estimateMs: number; healthzMs: number[]; status: number }> {
    const s = await serve({ analysis: { maxNodes: 2000, maxConnections: 5000, timeBudgetMs: 60_000, workers } });
    try {
      // A first estimate loads the worker (and warms the code either way): the race measures the analysis alone.
      await post(s.url, s.key, '/v1/estimates', { workflow: chainWorkflow(3) });
      const started = performance.now();
      // Told when the route hands the workflow to the analyzer: inline, this test runs again only once the analysis is over.
      let analysing!: () => void;
      const inAnalysis = new Promise<void>((resolve) => (analysing = resolve));
      const analyze = s.ctx.analyzer.analyze.bind(s.ctx.analyzer);
      s.ctx.analyzer.analyze = (workflow, priceBook) => (analysing(), analyze(workflow, priceBook));
      const estimate = post(s.url, s.key, '/v1/estimates', { workflow: chainWorkflow(2000) }).then(async (r) => ({ status: r.status, at: performance.now() - started }));
      await inAnalysis;
      const healthzMs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await fetch(`${s.url}/healthz`);
        assert.equal(r.status, 200);
        healthzMs.push(performance.now() - started);
      }
      const done = await estimate;
      return { estimateMs: done.at, healthzMs, status: done.status };
    } finally {
      await s.close();
    }
  }

  it('answers every /healthz before the analysis ends when it runs in a worker, and none before when inline', async () => {
    const worker = await race(1);
    const inline = await race(0);
    console.log(`      worker: estimate ${worker.estimateMs.toFixed(0)} ms, healthz done at ${worker.healthzMs.map((ms) => ms.toFixed(0)).join(', ')} ms; inline: estimate ${inline.estimateMs.toFixed(0)} ms, healthz done at ${inline.healthzMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    assert.deepEqual([worker.status, inline.status], [200, 200]);
    // In a worker the event loop stays free: all five answers come while the analysis still runs.
    assert.ok(Math.max(...worker.healthzMs) < worker.estimateMs, 'healthz waited for the analysis in the worker');
    // Inline the event loop is busy: the first /healthz is answered only after the analysis is.
    assert.ok(inline.healthzMs[0]! >= inline.estimateMs, 'healthz was answered during an inline analysis');
  });
});
