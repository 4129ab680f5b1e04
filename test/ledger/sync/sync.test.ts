import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerClient } from '../../../ledger/src/hook/client';
import { priceBookOf } from '../../../ledger/src/http/pricing';
import { CheckpointError } from '../../../ledger/src/sync/checkpoint';
import { N8nApiClient } from '../../../ledger/src/sync/n8nApi';
import { SyncError, syncExecutions, type SyncOptions } from '../../../ledger/src/sync/syncExecutions';
import { run } from '../../../cli/src/program';
import { priceExecution } from '../../../shared-pricing/src/execution/priceExecution';
import type { ExecutionRun, Workflow } from '../../../shared-pricing/src/execution/types';
import { getPlan } from '../../../shared-pricing/src/plans/loadPlan';
import { fixture, LedgerServer, tempDir } from '../hook/helpers';
import { FakeN8n } from './fakeN8n';

function execution(id: number, status = 'success') {
  const { run: r, workflow } = fixture('linear');
  return { id: String(id), mode: 'trigger', status, finished: status === 'success', workflowId: 'wf-1', data: r.data, workflowData: workflow };
}

function expectedMillicredits(id: string): number {
  const { run: r, workflow } = fixture('linear');
  const plan = getPlan('twenty');
  return priceExecution({ ...(r as unknown as ExecutionRun), mode: 'trigger', executionId: id }, workflow as unknown as Workflow, priceBookOf(plan), plan, { helperRuns: 0 }).totalMillicredits;
}

describe('n8n-credits sync', () => {
  let ledger: LedgerServer;
  let n8n: FakeN8n;
  let dir: string;
  beforeEach(async () => {
    ledger = await LedgerServer.create();
    n8n = new FakeN8n();
    await n8n.start();
    dir = tempDir('sync-');
  });
  afterEach(async () => {
    await n8n.stop();
    await ledger.stop();
  });

  function options(extra: Partial<SyncOptions> = {}): SyncOptions {
    const client = new LedgerClient({ url: ledger.url, apiKey: ledger.meterKey, workspace: null, sendTimeoutMs: 5000, gateTimeoutMs: 1000 });
    return { n8n: new N8nApiClient(n8n.url, n8n.apiKey), send: (b) => client.sendExecution(b), checkpointPath: join(dir, 'cp.json'), n8nUrl: n8n.url, pageSize: 2, ...extra };
  }

  async function total(): Promise<number> {
    return (await ledger.store.balance(ledger.ws.id)).consumedThisPeriod;
  }

  it('meters every finished execution across pages, priced like its run data', async () => {
    for (let id = 1; id <= 5; id++) n8n.add(execution(id));
    const summary = await syncExecutions(options());
    assert.deepEqual(summary, { seen: 5, metered: 5, recorded: 10, refused: 0, pending: 0 });
    assert.equal(await total(), 5 * expectedMillicredits('1'));
  });

  it('adds nothing on a second sync', async () => {
    for (let id = 1; id <= 5; id++) n8n.add(execution(id));
    await syncExecutions(options());
    const second = await syncExecutions(options());
    assert.deepEqual(second, { seen: 0, metered: 0, recorded: 0, refused: 0, pending: 0 });
    assert.equal(await total(), 5 * expectedMillicredits('1'));
  });

  it('records nothing new for executions the hook already metered, and meters the rest', async () => {
    for (let id = 1; id <= 3; id++) n8n.add(execution(id));
    await syncExecutions(options({ checkpointPath: join(dir, 'other.json') }));
    n8n.add(execution(4));
    const summary = await syncExecutions(options());
    assert.deepEqual([summary.seen, summary.metered, summary.recorded], [4, 4, 2]);
  });

  it('reads only executions newer than the checkpoint', async () => {
    for (let id = 1; id <= 3; id++) n8n.add(execution(id));
    await syncExecutions(options());
    n8n.add(execution(4));
    const summary = await syncExecutions(options());
    assert.deepEqual([summary.seen, summary.recorded], [1, 2]);
    assert.equal(JSON.parse(readFileSync(join(dir, 'cp.json'), 'utf8')).meteredThrough, '4');
  });

  it('keeps a running execution pending and meters it once it finished', async () => {
    n8n.add(execution(1));
    n8n.add(execution(2, 'running'));
    const first = await syncExecutions(options());
    assert.deepEqual([first.metered, first.pending], [1, 1]);
    n8n.add(execution(2));
    const second = await syncExecutions(options());
    assert.deepEqual([second.metered, second.recorded, second.pending], [1, 2, 0]);
  });

  it('stops when the ledger is down and resumes from the checkpoint without doubling', async () => {
    for (let id = 1; id <= 6; id++) n8n.add(execution(id));
    let sent = 0;
    const base = options();
    await assert.rejects(syncExecutions({ ...base, send: async (b) => (++sent > 3 ? { status: 'retry', reason: 'down' } : base.send(b)) }), SyncError);
    const cp = JSON.parse(readFileSync(join(dir, 'cp.json'), 'utf8'));
    assert.equal(cp.pass.top, '6');
    const resumed = await syncExecutions(options());
    assert.equal(resumed.metered, 4);
    assert.equal(await total(), 6 * expectedMillicredits('1'));
    assert.equal(JSON.parse(readFileSync(join(dir, 'cp.json'), 'utf8')).meteredThrough, '6');
  });

  it('refuses a broken checkpoint file with its path instead of starting over', async () => {
    writeFileSync(join(dir, 'cp.json'), '{ not json');
    await assert.rejects(syncExecutions(options()), (err: Error) => err instanceof CheckpointError && err.message.includes(`the checkpoint ${join(dir, 'cp.json')} is not valid JSON`));
  });

  it('refuses a checkpoint kept for another n8n', async () => {
    n8n.add(execution(1));
    await syncExecutions(options());
    await assert.rejects(syncExecutions(options({ n8nUrl: 'http://other:5678' })), (err: Error) => err instanceof CheckpointError && err.message.endsWith(`belongs to ${n8n.url}, not http://other:5678; use another --checkpoint file`));
  });

  it('does not meter an execution the hook refused (it ran nothing)', async () => {
    n8n.add({ ...execution(1, 'error'), data: { resultData: { runData: {}, error: { message: 'n8n Credits: the workspace has no credits left' } } } });
    const summary = await syncExecutions(options());
    assert.deepEqual([summary.seen, summary.metered], [1, 0]);
  });

  it('runs from the command line and prints a summary', async () => {
    for (let id = 1; id <= 3; id++) n8n.add(execution(id));
    const out: string[] = [];
    const code = await run(['sync', '--n8n-url', n8n.url, '--n8n-api-key', n8n.apiKey, '--ledger-url', ledger.url, '--ledger-key', ledger.meterKey, '--checkpoint', join(dir, 'cli.json')], { stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd: dir });
    assert.equal(code, 0);
    assert.equal(out.join(''), 'sync: 3 executions read, 3 metered, 6 new ledger entries, 0 refused, 0 still running or waiting\n');
  });

  it('prints a pass as one JSON line with --format json', async () => {
    for (let id = 1; id <= 3; id++) n8n.add(execution(id));
    const out: string[] = [];
    const code = await run(['sync', '--n8n-url', n8n.url, '--n8n-api-key', n8n.apiKey, '--ledger-url', ledger.url, '--ledger-key', ledger.meterKey, '--checkpoint', join(dir, 'cli.json'), '--format', 'json'], { stdout: (t) => out.push(t), stderr: () => {}, cwd: dir });
    // The same pass as above: each execution of the `linear` fixture records two charges.
    assert.deepEqual([code, out], [0, ['{"executionsRead":3,"executionsMetered":3,"entriesRecorded":6,"executionsRefused":0,"executionsPending":0}\n']]);
  });

  it('says which flags are missing', async () => {
    const err: string[] = [];
    const code = await run(['sync', '--n8n-url', n8n.url], { stdout: () => {}, stderr: (t) => err.push(t), cwd: dir });
    assert.equal(code, 2);
    assert.equal(err.join(''), 'n8n-credits: give --n8n-api-key, --ledger-url, --ledger-key\n');
  });

  it('says when n8n cannot be reached', async () => {
    const err: string[] = [];
    const url = n8n.url;
    await n8n.stop();
    const code = await run(['sync', '--n8n-url', url, '--n8n-api-key', n8n.apiKey, '--ledger-url', ledger.url, '--ledger-key', ledger.meterKey, '--checkpoint', join(dir, 'x.json')], { stdout: () => {}, stderr: (t) => err.push(t), cwd: dir });
    await n8n.start();
    assert.equal(code, 2);
    assert.equal(err.join(''), `n8n-credits: n8n at ${url} is unreachable (ECONNREFUSED)\n`);
  });

  it('says when n8n refuses the API key', async () => {
    const err: string[] = [];
    const code = await run(['sync', '--n8n-url', n8n.url, '--n8n-api-key', 'wrong', '--ledger-url', ledger.url, '--ledger-key', ledger.meterKey, '--checkpoint', join(dir, 'x.json')], { stdout: () => {}, stderr: (t) => err.push(t), cwd: dir });
    assert.equal(code, 2);
    assert.match(err.join(''), /n8n refused the API key \(401\)/);
  });
});
