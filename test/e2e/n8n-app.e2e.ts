/**
 * The n8n Credits hook and `n8n-credits sync` inside the real n8n app (n8n@2.0.3, installed by
 * test/e2e/n8n/setup.sh into test/e2e/.cache): workflows imported and run with `n8n execute` and through webhooks
 * on `n8n start`, against a real `n8n-credits serve`. Both run from their compiled files, as users run them.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { priceBookOf } from '../../ledger/src/http/pricing';
import { priceExecution } from '../../shared-pricing/src/execution/priceExecution';
import type { ExecutionRun, Workflow } from '../../shared-pricing/src/execution/types';
import { getPlan } from '../../shared-pricing/src/plans/loadPlan';
import { buildLedger, CLI, eventually, freePort, Ledger, N8n, packCommunityPackage, Redis, setupN8n } from './n8n/harness';

const run = promisify(execFile);

describe('n8n app with the n8n Credits hook', function () {
  this.timeout(300000);
  let root: string;
  let ledger: Ledger;
  let n8n: N8n;
  /** The execution `n8n execute` ran before the hook was configured: only `sync` can meter it. */
  let unseenExecution: string;
  let linearId: string;

  /** What the ledger should hold for an execution: its run data (read back from n8n) priced under the plan. */
  async function pricing(executionId: string): Promise<Record<string, number>> {
    const e = await n8n.execution(executionId);
    const plan = getPlan('twenty');
    const run: ExecutionRun = { executionId, mode: e.mode, status: e.status, data: e.data as ExecutionRun['data'] };
    const priced = priceExecution(run, e.workflowData as unknown as Workflow, priceBookOf(plan), plan, { helperRuns: 0 });
    return Object.fromEntries(priced.charges.map((c) => [c.key, c.millicredits]));
  }

  async function entriesOnceArrived(executionId: string, count: number): Promise<Record<string, number>> {
    return eventually(async () => {
      const entries = await ledger.entries(executionId);
      return Object.keys(entries).length >= count ? entries : undefined;
    }, 30000, `${count} ledger entries of execution ${executionId}`);
  }

  function spooled(): string[] {
    try {
      return readdirSync(n8n.spoolDir).filter((f) => f.endsWith('.json'));
    } catch {
      return [];
    }
  }

  before(async function () {
    this.timeout(30 * 60 * 1000);
    const bin = setupN8n();
    buildLedger();
    root = mkdtempSync(join(tmpdir(), 'credits-n8n-e2e-'));
    ledger = new Ledger(await freePort(), join(root, 'ledger'));
    await ledger.start();
    n8n = new N8n(bin, root, await freePort(), await freePort(), { N8N_CREDITS_URL: ledger.url, N8N_CREDITS_API_KEY: ledger.meterKey });
    // The community package, packed and installed into the user folder's .n8n/nodes as n8n installs one.
    n8n.installCommunityPackage(packCommunityPackage(root));
    linearId = n8n.importWorkflow('linear.workflow.json', false);
    n8n.importWorkflow('webhook.workflow.json', true);
    n8n.importWorkflow('wait.workflow.json', true);
    n8n.importWorkflow('failing.workflow.json', true);
    const unhooked = n8n.command(['execute', `--id=${linearId}`, '--rawOutput'], false);
    assert.equal(unhooked.code, 0, unhooked.output);
  });

  after(async () => {
    await n8n?.stop();
    await ledger?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('meters an `n8n execute` run: one ledger entry per priced node run', async () => {
    const r = n8n.command(['execute', `--id=${linearId}`, '--rawOutput'], true);
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /n8n Credits hook: metering on, ledger http:\/\/127\.0\.0\.1:\d+/);
    await n8n.start();
    await n8n.setupOwnerAndApiKey();
    const [newest, previous] = await n8n.executionIds();
    unseenExecution = previous!;
    const want = await pricing(newest!);
    assert.deepEqual(want, { [`${newest}:Set Customer:0:run`]: 1000 });
    assert.deepEqual(await ledger.entries(newest!), want);
    assert.deepEqual(await ledger.entries(unseenExecution), {});
  });

  it('lists the nodes of the packed community package, installed as n8n installs community packages', async () => {
    const names = await n8n.nodeTypeNames();
    const ours = names.filter((name) => name.startsWith('n8n-nodes-credits.')).sort();
    assert.deepEqual(ours.filter((name) => !name.endsWith('Tool')), ['n8n-nodes-credits.credits', 'n8n-nodes-credits.creditsTrigger', 'n8n-nodes-credits.meteredSubworkflow']);
  });

  it('meters a webhook execution on `n8n start`, priced like its run data', async () => {
    const res = await n8n.webhook('credits-e2e', { order: 'A-1' });
    assert.deepEqual([res.status, JSON.parse(res.body).order], [200, 'A-1']);
    const [id] = await n8n.executionIds();
    const want = await pricing(id!);
    assert.deepEqual(want, { [`${id}:Set Order:0:run`]: 1000 });
    assert.deepEqual(await entriesOnceArrived(id!, 1), want);
  });

  it('charges an execution that parks in a Wait and resumes once per node run', async () => {
    const res = await n8n.webhook('credits-e2e-wait', {});
    const { resumeUrl, executionId } = JSON.parse(res.body) as { resumeUrl: string; executionId: string };
    const parked = await entriesOnceArrived(executionId, 3);
    assert.deepEqual(Object.keys(parked).sort(), [`${executionId}:Before Wait:0:run`, `${executionId}:Respond:0:run`, `${executionId}:Wait:0:run`]);
    const resumed = await fetch(resumeUrl.replace('localhost', '127.0.0.1'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(resumed.status, 200);
    const entries = await entriesOnceArrived(executionId, 4);
    const want = await pricing(executionId);
    assert.deepEqual(Object.keys(want).sort(), [`${executionId}:After Wait:0:run`, `${executionId}:Before Wait:0:run`, `${executionId}:Respond:0:run`, `${executionId}:Wait:0:run`]);
    assert.deepEqual(entries, want);
  });

  it('keeps n8n running while the ledger is down and delivers every charge once when it is back', async () => {
    await ledger.stop();
    const results = [];
    for (const order of ['B-1', 'B-2', 'B-3']) results.push((await n8n.webhook('credits-e2e', { order })).status);
    assert.deepEqual(results, [200, 200, 200]);
    const ids = (await n8n.executionIds()).slice(0, 3);
    await eventually(async () => (spooled().length === 3 ? true : undefined), 30000, 'three spooled executions');
    await ledger.start();
    for (const id of ids) assert.deepEqual(await entriesOnceArrived(id, 1), await pricing(id));
    await eventually(async () => (spooled().length === 0 ? true : undefined), 30000, 'an empty spool');
    for (const id of ids) assert.deepEqual(await ledger.entries(id), { [`${id}:Set Order:0:run`]: 1000 });
  });

  it('`sync` meters the executions the hook did not see, and a second sync adds nothing', async () => {
    const args = [CLI, 'sync', '--n8n-url', n8n.url, '--n8n-api-key', n8n.apiKey, '--ledger-url', ledger.url, '--ledger-key', ledger.meterKey, '--checkpoint', join(root, 'sync.json')];
    const before = await pricing(unseenExecution);
    const first = await run(process.execPath, args, { cwd: root });
    assert.match(first.stdout, new RegExp(`, ${Object.keys(before).length} new ledger entries, 0 refused, 0 still running or waiting`));
    assert.deepEqual(await ledger.entries(unseenExecution), before);
    const second = await run(process.execPath, args, { cwd: root });
    assert.equal(second.stdout, 'sync: 0 executions read, 0 metered, 0 new ledger entries, 0 refused, 0 still running or waiting\n');
    const checkpoint = JSON.parse(readFileSync(join(root, 'sync.json'), 'utf8')) as { meteredThrough: string };
    assert.equal(checkpoint.meteredThrough, (await n8n.executionIds())[0]);
  });

  it('refuses a workflow whose consecutive failures reached the plan\'s limit', async () => {
    assert.equal((await ledger.api('PUT', '/v1/plan', { plan: { ...getPlan('twenty'), consecutiveFailureLimit: 2 } })).status, 200);
    const statuses = [];
    for (const attempt of ['1', '2', '3']) {
      statuses.push((await n8n.webhook('credits-e2e-failing', { attempt })).status);
      // The breaker counts an execution once the hook delivered it: wait for the count before the next attempt.
      if (attempt !== '3') {
        await eventually(async () => {
          const a = await ledger.api('GET', '/v1/admission?workflowId=credE2eFailing01&mode=webhook');
          return a.body.consecutiveFailures === Number(attempt) ? true : undefined;
        }, 30000, `failure ${attempt} counted`);
      }
    }
    assert.deepEqual(statuses, [500, 500, 500]);
    const [refusedId, failedId] = await n8n.executionIds();
    // A failed execution pays for its completed steps; under this plan not for the step that failed.
    assert.deepEqual(await ledger.entries(failedId!), { [`${failedId}:Set Attempt:0:run`]: 1000 });
    assert.deepEqual(await ledger.entries(failedId!), await pricing(failedId!));
    const e = await n8n.execution(refusedId!);
    assert.equal(e.data.resultData.error?.message, 'n8n Credits: workflow "credE2eFailing01" failed 2 times in a row, the plan\'s limit; its executions are refused until a run of it succeeds (editor runs are not refused)');
    assert.deepEqual(Object.keys(e.data.resultData.runData), ['Webhook']);
    assert.deepEqual(await ledger.entries(refusedId!), {});
  });

  it('refuses a webhook execution of a depleted workspace under pause, with the message', async () => {
    const plan = { ...getPlan('twenty'), allocation: 1000, rolloverCap: 0 };
    assert.equal((await ledger.api('PUT', '/v1/plan', { plan })).status, 200);
    // A plan change keeps what the period used and every top-up (docs/ledger.md): spend exactly what is left.
    const left = (await ledger.api('GET', '/v1/balance')).body.totalAvailable as number;
    if (left > 0) assert.equal((await ledger.api('POST', '/v1/usage', { key: 'e2e-deplete', millicredits: left })).status, 201);
    assert.equal((await ledger.api('GET', '/v1/balance')).body.totalAvailable, 0);
    const resetsAt = (await ledger.api('GET', '/v1/balance')).body.resetsAt as string;
    const res = await n8n.webhook('credits-e2e', { order: 'C-1' });
    assert.equal(res.status, 500);
    const [id] = await n8n.executionIds();
    const e = await n8n.execution(id!);
    assert.equal(e.status, 'error');
    // Admission prices the workflow (Webhook free, Set Order 1 credit, No Operation free under twenty): 1 credit missing.
    assert.equal(e.data.resultData.error?.message, `n8n Credits: 1 credit missing to start workflow "credits e2e webhook" (estimated at 1 credit per execution, expected): the workspace has no credits left (plan twenty, policy pause); executions are paused until credits renew at ${resetsAt} or a top-up is added`);
    assert.deepEqual(await ledger.entries(id!), {});
  });

  it('still runs an editor run of the depleted workspace, free under the plan', async () => {
    const workflowData = await n8n.rest('GET', `/rest/workflows/${linearId}`);
    const started = (await n8n.rest('POST', `/rest/workflows/${linearId}/run`, { workflowData, triggerToStartFrom: { name: 'Manual Trigger' } })) as { executionId: string };
    const e = await eventually(async () => {
      const x = await n8n.execution(started.executionId).catch(() => undefined);
      return x && x.status === 'success' ? x : undefined;
    }, 30000, 'the editor run to finish');
    assert.deepEqual(Object.keys(e.data.resultData.runData).sort(), ['Manual Trigger', 'No Operation', 'Set Customer']);
    assert.equal((await ledger.api('GET', '/v1/balance')).body.totalAvailable, 0);
  });

  it('runs workflows with metering off when the hook is not configured, saying so once', async () => {
    const r = n8n.command(['execute', `--id=${linearId}`, '--rawOutput'], true, { N8N_CREDITS_URL: '', N8N_CREDITS_API_KEY: '', N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
    assert.equal(r.code, 0, r.output);
    assert.equal(r.output.match(/metering is OFF/g)?.length, 1);
    assert.match(r.output, /n8n Credits hook: metering is OFF — N8N_CREDITS_URL is not set/);
    assert.match(r.output, /"customer": "ada"/);
  });
});

describe('n8n in queue mode (main and a worker) with the n8n Credits hook', function () {
  this.timeout(300000);
  let root: string;
  let ledger: Ledger;
  let redis: Redis;
  let n8n: N8n;

  before(async function () {
    this.timeout(30 * 60 * 1000);
    const bin = setupN8n();
    buildLedger();
    root = mkdtempSync(join(tmpdir(), 'credits-n8n-queue-e2e-'));
    ledger = new Ledger(await freePort(), join(root, 'ledger'));
    await ledger.start();
    redis = new Redis(await freePort());
    await redis.start();
    n8n = new N8n(bin, root, await freePort(), await freePort(), { N8N_CREDITS_URL: ledger.url, N8N_CREDITS_API_KEY: ledger.meterKey }, {
      EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(redis.port), QUEUE_HEALTH_CHECK_ACTIVE: 'false',
    });
    n8n.importWorkflow('webhook.workflow.json', true);
    await n8n.start();
    await n8n.startWorker(await freePort());
  });

  after(async () => {
    await n8n?.stop();
    await redis?.stop();
    await ledger?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('charges an execution reported by both the main process and the worker once per node run', async () => {
    const res = await n8n.webhook('credits-e2e', { order: 'Q-1' });
    assert.deepEqual([res.status, JSON.parse(res.body).order], [200, 'Q-1']);
    await eventually(async () => (/Worker finished execution 1 /.test(n8n.worker!.output) ? true : undefined), 30000, 'the worker to run execution 1');
    const reported = async () => {
      const metrics = await (await fetch(`${ledger.url}/metrics`, { headers: { authorization: `Bearer ${ledger.adminKey}` } })).text();
      const posts = /n8n_credits_http_requests_total\{method="POST",route="\/v1\/executions",status="200"\} (\d+)/.exec(metrics);
      return posts && Number(posts[1]) >= 2 ? metrics : undefined;
    };
    const metrics = await eventually(reported, 30000, 'the execution reported by the main process and the worker');
    assert.match(metrics, /n8n_credits_charges_total\{outcome="recorded"\} 1\n/);
    assert.match(metrics, /n8n_credits_charges_total\{outcome="duplicate"\} 1\n/);
    assert.deepEqual(await ledger.entries('1'), { '1:Set Order:0:run': 1000 });
  });
});
