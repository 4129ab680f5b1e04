/**
 * A few small n8n workflows and their run data for `recordExecution`: each execution id follows
 * one fixed script (which nodes run, how often), posted either whole or first as `waiting` with
 * the runs before its Wait node and then resumed with all of them.
 */
import type { ExecutionRun, NodeRun, Workflow } from '../../../shared-pricing/src/execution/types';

const node = (name: string, type: string) => ({ name, type, typeVersion: 1, parameters: {} });

export const WORKFLOW: Workflow = {
  id: 'wf-exec',
  name: 'Exec flow',
  nodes: [
    node('Trigger', 'n8n-nodes-base.scheduleTrigger'),
    node('HTTP', 'n8n-nodes-base.httpRequest'),
    node('Wait', 'n8n-nodes-base.wait'),
    node('Set', 'n8n-nodes-base.set'),
    node('Code', 'n8n-nodes-base.code'),
  ],
  connections: {},
};

export interface ExecutionScript {
  workflowId: string;
  mode: 'trigger' | 'webhook' | 'manual';
  http: number;
  wait: boolean;
  set: number;
  code: boolean;
}

/** The scripts, by index; the execution id is `e<index>g<generation>`. */
export const SCRIPTS: ExecutionScript[] = [
  { workflowId: 'wf1', mode: 'trigger', http: 1, wait: false, set: 30, code: true },
  { workflowId: 'wf2', mode: 'webhook', http: 2, wait: true, set: 40, code: false },
  { workflowId: 'wf1', mode: 'manual', http: 1, wait: false, set: 5, code: false },
  { workflowId: 'wf1', mode: 'trigger', http: 1, wait: true, set: 3, code: true },
  { workflowId: 'wf2', mode: 'trigger', http: 0, wait: true, set: 60, code: false },
  { workflowId: 'wf3', mode: 'trigger', http: 3, wait: false, set: 0, code: false },
];

function run(start: number, status: string, failed = false): NodeRun {
  const r: NodeRun = { startTime: start, executionIndex: start, executionTime: 1, executionStatus: status, data: { main: [[{ json: { n: start } }]] } };
  if (failed) {
    r.error = { message: 'boom' };
    r.data = null;
  }
  return r;
}

/**
 * Run data of `script` in `phase`: `waiting` stops at the Wait node (its run waiting), `final` has
 * every run; a failing final status marks the last run failed.
 */
export function executionRun(executionId: string, script: ExecutionScript, phase: 'waiting' | 'final', status: string): ExecutionRun {
  const runData: Record<string, NodeRun[]> = {};
  let t = 1;
  const add = (name: string, count: number) => {
    if (count > 0) runData[name] = Array.from({ length: count }, () => run(t++, 'success'));
  };
  add('Trigger', 1);
  add('HTTP', script.http);
  if (script.wait) {
    runData.Wait = [run(t++, phase === 'waiting' ? 'waiting' : 'success')];
  }
  if (phase === 'final') {
    add('Set', script.set);
    if (script.code) add('Code', 1);
    if (status === 'error' || status === 'crashed') {
      // The run started last is the one that failed.
      const last = Object.values(runData).flat().reduce((a, b) => ((a.startTime ?? 0) > (b.startTime ?? 0) ? a : b));
      Object.assign(last, run(last.startTime ?? 0, 'error', true));
    }
  }
  return { executionId, mode: script.mode, status: phase === 'waiting' ? 'waiting' : status, data: { resultData: { runData } } };
}
