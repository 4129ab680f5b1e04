import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workflow as N8nWorkflow, type IConnections, type INode, type INodeTypes } from 'n8n-workflow';
import { createHook, type CreditsHook } from '../../../ledger/src/hook/createHook';
import { priceBookOf } from '../../../ledger/src/http/pricing';
import { priceExecution } from '../../../shared-pricing/src/execution/priceExecution';
import type { ExecutionRun, Workflow } from '../../../shared-pricing/src/execution/types';
import { getPlan } from '../../../shared-pricing/src/plans/loadPlan';
import { fixture, LedgerServer, tempDir } from './helpers';

/** n8n's Workflow class asks its node types only when run; admission never runs it. */
const noNodeTypes = { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as unknown as INodeTypes;

/** What the ledger should record for a run: key → millicredits, priced the way the ledger prices. */
function expectedCharges(run: Record<string, unknown>, workflow: Record<string, unknown>, executionId: string): Record<string, number> {
  const plan = getPlan('twenty');
  const priced = priceExecution({ ...(run as unknown as ExecutionRun), executionId }, workflow as unknown as Workflow, priceBookOf(plan), plan, { helperRuns: 0 });
  return Object.fromEntries(priced.charges.map((c) => [c.key, c.millicredits]));
}

async function recorded(ledger: LedgerServer, executionId: string): Promise<Record<string, number>> {
  const entries = await ledger.store.entriesOfExecution(ledger.ws.id, executionId);
  return Object.fromEntries(entries.map((e) => [e.key, e.millicredits]));
}

describe('n8n external hook', () => {
  let ledger: LedgerServer;
  let hook: CreditsHook | null = null;
  let lines: string[];
  beforeEach(async () => {
    ledger = await LedgerServer.create();
    lines = [];
  });
  afterEach(async () => {
    hook?.stop();
    hook = null;
    await ledger.stop();
  });

  function makeHook(extra: Record<string, string> = {}, spool = tempDir('hook-spool-')): CreditsHook {
    hook = createHook(ledger.env(spool, extra), { log: (l) => lines.push(l) });
    return hook;
  }

  it('records one ledger entry per node run, priced like the run data', async () => {
    const { run, workflow, executionId } = fixture('linear');
    const h = makeHook();
    const trigger = { ...run, mode: 'trigger' };
    await h.hooks.workflow.postExecute[0]!.call({}, trigger, workflow, executionId);
    await h.idle();
    const want = expectedCharges(trigger, workflow, executionId);
    assert.deepEqual(want, { [`${executionId}:Set Customer:0:run`]: 1000, [`${executionId}:Double Quantity:0:run`]: 10000 });
    assert.deepEqual(await recorded(ledger, executionId), want);
  });

  it('charges a waiting execution that resumes once per node run', async () => {
    const parked = fixture('wait-parked', 'wait');
    const resumed = fixture('wait-resumed', 'wait');
    const h = makeHook();
    await h.hooks.workflow.postExecute[0]!.call({}, { ...parked.run, mode: 'webhook' }, parked.workflow, parked.executionId);
    await h.idle();
    await h.hooks.workflow.postExecute[0]!.call({}, { ...resumed.run, mode: 'webhook' }, resumed.workflow, resumed.executionId);
    await h.idle();
    const want = expectedCharges({ ...resumed.run, mode: 'webhook' }, resumed.workflow, resumed.executionId);
    assert.deepEqual(await recorded(ledger, resumed.executionId), want);
    assert.equal(Object.keys(want).filter((k) => k.includes(':After Wait:')).length, 1);
  });

  it('charges an execution reported twice (queue mode) once', async () => {
    const { run, workflow, executionId } = fixture('linear');
    const h = makeHook();
    const trigger = { ...run, mode: 'trigger' };
    await h.hooks.workflow.postExecute[0]!.call({}, trigger, workflow, executionId);
    await h.hooks.workflow.postExecute[0]!.call({}, trigger, workflow, executionId);
    await h.idle();
    assert.deepEqual(await recorded(ledger, executionId), expectedCharges(trigger, workflow, executionId));
  });

  it('spools while the ledger is down and delivers every charge once when it is back', async () => {
    const { run, workflow, executionId } = fixture('linear');
    const spool = tempDir('hook-spool-');
    const h = makeHook({}, spool);
    await h.idle();
    await ledger.stop();
    const trigger = { ...run, mode: 'trigger' };
    await h.hooks.workflow.postExecute[0]!.call({}, trigger, workflow, executionId);
    await h.hooks.workflow.postExecute[0]!.call({}, trigger, workflow, 'second');
    await h.idle();
    assert.equal(readdirSync(spool).filter((f) => f.endsWith('.json')).length, 2);
    await ledger.start();
    await h.deliverer!.drain();
    assert.deepEqual(readdirSync(spool).filter((f) => f.endsWith('.json')), []);
    assert.deepEqual(await recorded(ledger, executionId), expectedCharges(trigger, workflow, executionId));
    assert.deepEqual(await recorded(ledger, 'second'), expectedCharges(trigger, workflow, 'second'));
  });

  it('delivers the spool by itself, with backoff, once the ledger answers again', async () => {
    const { run, workflow, executionId } = fixture('linear');
    const h = makeHook();
    await h.idle();
    await ledger.stop();
    await h.hooks.workflow.postExecute[0]!.call({}, { ...run, mode: 'trigger' }, workflow, executionId);
    await h.idle();
    await ledger.start();
    for (let i = 0; i < 100 && Object.keys(await recorded(ledger, executionId)).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(await recorded(ledger, executionId), expectedCharges({ ...run, mode: 'trigger' }, workflow, executionId));
  });

  it('delivers records spooled by an earlier process when it starts', async () => {
    const { run, workflow, executionId } = fixture('linear');
    const spool = tempDir('hook-spool-');
    const first = makeHook({}, spool);
    await first.idle();
    await ledger.stop();
    await first.hooks.workflow.postExecute[0]!.call({}, { ...run, mode: 'trigger' }, workflow, executionId);
    await first.idle();
    first.stop();
    await ledger.start();
    const second = makeHook({}, spool);
    await second.idle();
    await second.deliverer!.drain();
    assert.deepEqual(await recorded(ledger, executionId), expectedCharges({ ...run, mode: 'trigger' }, workflow, executionId));
  });

  it('awaits the delivery of a cli execution (n8n execute exits right after)', async () => {
    const { run, workflow, executionId } = fixture('linear');
    const h = makeHook();
    const cli = { ...run, mode: 'cli' };
    await h.hooks.workflow.postExecute[0]!.call({}, cli, workflow, executionId);
    assert.deepEqual(await recorded(ledger, executionId), expectedCharges(cli, workflow, executionId));
  });

  it('turns metering off with one clear line when the configuration is missing', async () => {
    hook = createHook({}, { log: (l) => lines.push(l) });
    assert.deepEqual([hook.hooks.workflow.preExecute.length, hook.hooks.workflow.postExecute.length], [0, 0]);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /metering is OFF — N8N_CREDITS_URL is not set .*N8N_CREDITS_API_KEY is not set/);
  });

  it('turns metering off when the spool folder cannot be written', () => {
    const file = join(tempDir('hook-spool-'), 'a-file');
    writeFileSync(file, '');
    hook = createHook(ledger.env(join(file, 'spool')), { log: (l) => lines.push(l) });
    assert.equal(hook.hooks.workflow.postExecute.length, 0);
    assert.match(lines[0]!, new RegExp(`metering is OFF — the spool folder ${join(file, 'spool')} cannot be written .*ENOTDIR.*set N8N_CREDITS_SPOOL_DIR`));
  });

  it('turns metering off when the ledger refuses the key, and records nothing', async () => {
    const { run, workflow, executionId } = fixture('linear');
    const h = makeHook({ N8N_CREDITS_API_KEY: 'nc_wrong' });
    await h.idle();
    await h.hooks.workflow.postExecute[0]!.call({}, { ...run, mode: 'trigger' }, workflow, executionId);
    await h.idle();
    assert.deepEqual(lines.filter((l) => l.includes('metering is OFF')).length, 1);
    assert.match(lines.find((l) => l.includes('metering is OFF'))!, /refused the key or workspace \(401/);
    assert.deepEqual(await recorded(ledger, executionId), {});
  });

  it('refuses a webhook execution of a depleted workspace under pause with the renewal time', async () => {
    await ledger.store.setPlan(ledger.ws.id, { ...getPlan('monkedo'), allocation: 1000, dailyLimit: null });
    await ledger.store.charge({ workspaceId: ledger.ws.id, key: 'x:a:0:run', millicredits: 1000 });
    const card = await ledger.store.balance(ledger.ws.id);
    const h = makeHook();
    await assert.rejects(h.hooks.workflow.preExecute[0]!.call({}, { id: 'wf-1' }, 'webhook'), (err: Error) => {
      assert.equal(err.message, `n8n Credits: the workspace has no credits left to start workflow "wf-1" (plan monkedo, policy pause); executions are paused until credits renew at ${card.resetsAt} or a top-up is added`);
      return true;
    });
  });

  it('refuses an execution whose workflow the balance cannot cover: 0.4 credits short of its 11 (Set 1 + Code 10)', async () => {
    await ledger.store.setPlan(ledger.ws.id, { ...getPlan('twenty'), allocation: 10_600, rolloverCap: 0 });
    const card = await ledger.store.balance(ledger.ws.id);
    const { workflow } = fixture('linear');
    const h = makeHook();
    for (let i = 0; i < 2; i++) {
      // The second time the ledger knows the version and answers the GET alone, with the same message.
      await assert.rejects(h.hooks.workflow.preExecute[0]!.call({}, { ...workflow, versionId: 'v1' }, 'webhook'), (err: Error) => {
        assert.equal(err.message, `n8n Credits: 0.4 credits missing to start workflow "linear" (estimated at 11 credits per execution, expected): 10.6 credits available (plan twenty, policy pause); executions are paused until credits renew at ${card.resetsAt} or a top-up is added`);
        return true;
      });
    }
  });

  it("prices the workflow n8n passes to preExecute: its Workflow class, nodes by name and no versionId", async () => {
    await ledger.store.setPlan(ledger.ws.id, { ...getPlan('twenty'), allocation: 10_600, rolloverCap: 0 });
    const card = await ledger.store.balance(ledger.ws.id);
    const { workflow } = fixture('linear');
    const n8nWorkflow = new N8nWorkflow({ id: 'wf-linear', name: 'linear', nodes: workflow.nodes as INode[], connections: workflow.connections as IConnections, active: true, nodeTypes: noNodeTypes });
    const h = makeHook();
    await assert.rejects(h.hooks.workflow.preExecute[0]!.call({}, n8nWorkflow, 'webhook'), (err: Error) => {
      assert.equal(err.message, `n8n Credits: 0.4 credits missing to start workflow "linear" (estimated at 11 credits per execution, expected): 10.6 credits available (plan twenty, policy pause); executions are paused until credits renew at ${card.resetsAt} or a top-up is added`);
      return true;
    });
  });

  it('admits an execution whose workflow the balance covers (11 credits)', async () => {
    await ledger.store.setPlan(ledger.ws.id, { ...getPlan('twenty'), allocation: 11_000, rolloverCap: 0 });
    const { workflow } = fixture('linear');
    const h = makeHook();
    assert.equal(await h.hooks.workflow.preExecute[0]!.call({}, { ...workflow, versionId: 'v1' }, 'webhook'), undefined);
  });

  it('lets an editor run of a depleted workspace start', async () => {
    await ledger.store.setPlan(ledger.ws.id, { ...getPlan('monkedo'), allocation: 1000, dailyLimit: null });
    await ledger.store.charge({ workspaceId: ledger.ws.id, key: 'x:a:0:run', millicredits: 1000 });
    const h = makeHook();
    assert.equal(await h.hooks.workflow.preExecute[0]!.call({}, { id: 'wf-1' }, 'manual'), undefined);
  });

  it('lets executions run when the ledger does not answer the admission check', async () => {
    const h = makeHook();
    await h.idle();
    await ledger.stop();
    assert.equal(await h.hooks.workflow.preExecute[0]!.call({}, { id: 'wf-1' }, 'webhook'), undefined);
    assert.equal(lines.filter((l) => l.includes('did not answer the admission check')).length, 1);
  });

  it('prices what it can of odd run data and logs the rest without throwing', async () => {
    const { run, workflow, executionId } = fixture('linear');
    const h = makeHook();
    const runData = (run as { data: { resultData: { runData: Record<string, unknown> } } }).data.resultData.runData;
    const odd = { ...run, mode: 'trigger', data: { resultData: { runData: { ...runData, Ghost: 'not a list' } } } };
    await h.hooks.workflow.postExecute[0]!.call({}, odd, workflow, executionId);
    await h.idle();
    assert.deepEqual(await recorded(ledger, executionId), expectedCharges({ ...run, mode: 'trigger' }, workflow, executionId));
    assert.ok(lines.some((l) => l.includes('skipped node "Ghost": its runs are not a list')));
  });

  it('does not send an execution the admission check refused (it would count as a workflow failure)', async () => {
    const h = makeHook();
    const refused = { mode: 'webhook', status: 'error', data: { resultData: { runData: { Webhook: [{ executionStatus: 'success', data: { main: [[{ json: {} }]] } }] }, error: { message: 'n8n Credits: the workspace has no credits left' } } } };
    await h.hooks.workflow.postExecute[0]!.call({}, refused, { id: 'wf-1', nodes: [{ name: 'Webhook', type: 'n8n-nodes-base.webhook' }], connections: {} }, 'refused-1');
    await h.idle();
    assert.deepEqual([h.deliverer!.stats.delivered, (await ledger.store.getFailureCount(ledger.ws.id, 'wf-1')).consecutiveFailures], [0, 0]);
  });

  it('does not throw into n8n when the run data is not an object at all', async () => {
    const h = makeHook();
    await h.hooks.workflow.postExecute[0]!.call({}, 'garbage', null, 'x-1');
    await h.idle();
    assert.deepEqual(await recorded(ledger, 'x-1'), {});
    assert.equal(readdirSync(join(h.deliverer!['options'].spool.dir, 'dead')).length, 0);
  });
});
