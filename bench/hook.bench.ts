/**
 * `npm run bench -- hook [executions]`: the cost of the n8n Credits hook on an execution. Runs a 20-node workflow
 * in n8n's real engine (in-process, `test/support/n8n-engine`) `executions` times (default 200) without the hook
 * and as many times with it (its `workflow.preExecute` / `workflow.postExecute` wired to the engine's lifecycle
 * hooks as n8n wires them), alternating, against a real ledger in a child process. Each timed execution starts
 * once the previous delivery is done, so the ratio of medians (target ≤ 1.05) is the hook's cost on the execution
 * path; a second figure times back-to-back batches with the deliveries included (no target). Also prints that
 * every charge arrived.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INode } from 'n8n-workflow';
import { loadCoreNodeTypes, runWorkflow, type WorkflowJson } from '../test/support/n8n-engine';
import { createHook } from '../ledger/src/hook/createHook';
import { reportResult } from './result';

const EXECUTIONS = Number(process.argv[2] ?? 200);
const NODES = 20;
const TARGET = 1.05;

function workflow(): WorkflowJson {
  const nodes: INode[] = [{ id: 'n0', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
  const connections: WorkflowJson['connections'] = {};
  for (let i = 1; i < NODES; i++) {
    nodes.push({ id: `n${i}`, name: `Set ${i}`, type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [i * 200, 0], parameters: { assignments: { assignments: [{ id: `a${i}`, name: `field${i}`, value: i, type: 'number' }] }, options: {} } });
    connections[nodes[i - 1]!.name] = { main: [[{ node: nodes[i]!.name, type: 'main', index: 0 }]] };
  }
  return { id: 'bench-hook', name: 'hook bench', nodes, connections, settings: { executionOrder: 'v1' } };
}

async function startLedger(dataDir: string): Promise<{ url: string; key: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../cli/src/main.ts'), 'serve', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, '--log-level', 'silent'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ledger on (http:\/\/\S+)[\s\S]*\n\s+(n8c_\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', () => reject(new Error(`the ledger exited:\n${out}`)));
  });
  const admin = /\n\s+(n8c_\S+)/.exec(out)![1]!;
  const res = await fetch(`${url}/v1/keys`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'meter', name: 'bench' }) });
  const key = String(((await res.json()) as { key: string }).key);
  return {
    url,
    key,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hook-bench-'));
  const ledger = await startLedger(join(dir, 'ledger'));
  const nodeTypes = await loadCoreNodeTypes();
  const wf = workflow();
  const hook = createHook({ N8N_CREDITS_URL: ledger.url, N8N_CREDITS_API_KEY: ledger.key, N8N_CREDITS_SPOOL_DIR: join(dir, 'spool') }, { log: () => {} });
  if (hook.offReason) throw new Error(hook.offReason);
  const { preExecute, postExecute } = hook.hooks.workflow;
  let id = 0;
  const once = async (withHook: boolean): Promise<number> => {
    // Each execution is timed once the previous delivery finished, so what is measured is the execution's own path
    // (the hook's part of it included); the delivery's CPU is the back-to-back figure below.
    await hook.idle();
    const started = process.hrtime.bigint();
    await runWorkflow(wf, {
      nodeTypes, mode: 'trigger', executionId: `${withHook ? 'h' : 'p'}${++id}`,
      configureHooks: withHook ? (hooks) => {
        // As n8n's hookFunctionsExternalHooks does: awaited before and after the run.
        hooks.addHandler('workflowExecuteBefore', async function (workflow) { await preExecute[0]!.call({}, workflow, this.mode); });
        hooks.addHandler('workflowExecuteAfter', async function (run) { await postExecute[0]!.call({}, run, this.workflowData, this.executionId); });
      } : undefined,
    });
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  for (let i = 0; i < 20; i++) {
    await once(false);
    await once(true);
  }
  await hook.idle();
  const without: number[] = [];
  const withHook: number[] = [];
  const wall = { without: 0, with: 0 };
  for (let i = 0; i < EXECUTIONS; i++) {
    // Alternate so drift (JIT, GC, the other engineers' load) hits both sides alike.
    if (i % 2 === 0) {
      without.push(await once(false));
      withHook.push(await once(true));
    } else {
      withHook.push(await once(true));
      without.push(await once(false));
    }
  }
  await hook.idle();
  // Throughput including the background delivery: back-to-back batches, nothing settled in between.
  for (const withIt of [false, true, false, true]) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < EXECUTIONS / 4; i++) {
      await runWorkflow(wf, withIt ? { nodeTypes, mode: 'trigger', executionId: `t${++id}`, configureHooks: (hooks) => {
        hooks.addHandler('workflowExecuteBefore', async function (workflow) { await preExecute[0]!.call({}, workflow, this.mode); });
        hooks.addHandler('workflowExecuteAfter', async function (run) { await postExecute[0]!.call({}, run, this.workflowData, this.executionId); });
      } } : { nodeTypes, mode: 'trigger', executionId: `u${++id}` });
    }
    if (withIt) await hook.idle();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (withIt) wall.with += ms;
    else wall.without += ms;
  }
  const stats = hook.deliverer!.stats;
  const a = median(without);
  const b = median(withHook);
  console.log(`${EXECUTIONS} executions of a ${NODES}-node workflow each way, in n8n's engine`);
  console.log(`median without the hook: ${a.toFixed(2)} ms; with the hook: ${b.toFixed(2)} ms`);
  console.log(`ratio with/without: ${(b / a).toFixed(3)} (target ≤ ${TARGET}) ${b / a <= TARGET ? 'OK' : 'ABOVE TARGET'}`);
  console.log(`back-to-back throughput, delivery included: ${(wall.with / wall.without).toFixed(3)}× the time without the hook (no target: includes waiting for the ledger, which runs on the same cores)`);
  console.log(`delivered ${stats.delivered} executions (${stats.recorded} ledger entries), spooled ${stats.spooled}, dead ${stats.dead}`);
  reportResult('hook', [
    { name: `median execution, ${NODES}-node workflow, without the hook`, value: Number(a.toFixed(3)), unit: 'ms' },
    { name: `median execution, ${NODES}-node workflow, with the hook`, value: Number(b.toFixed(3)), unit: 'ms' },
    { name: 'hook overhead: median with / without', value: Number((b / a).toFixed(3)), unit: '×', target: `≤ ${TARGET}`, ok: b / a <= TARGET },
    { name: 'back-to-back batch time with / without, delivery included', value: Number((wall.with / wall.without).toFixed(3)), unit: '×' },
  ], [`${EXECUTIONS} executions each way, alternating; ${stats.delivered} executions delivered (${stats.recorded} entries), ${stats.spooled} spooled, ${stats.dead} dead`]);
  hook.stop();
  await ledger.stop();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
